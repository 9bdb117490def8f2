"""Who votes, and with how many votes: the voting rights of a Coop'HLM assembly.

Pure module: plain data in, plain data out, no Django, no I/O, so that the same function serves
the attendance sheet, the results screen and the recount command, and so that every result can be
recomputed from the frozen list of voters (see docs/voting-rights.md and the spec's "Who votes").

Arithmetic is exact (``int`` and ``fractions.Fraction``): a cap of 35 % must mean 35/100, not
0.35000000000000003, or a tie between remainders could be decided by a rounding error.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import NamedTuple

SCP = "scp"
SCIC = "scic"
# SCP d'HLM: the only colleges the statuts may define, and what each one is.
SCP_COLLEGE_KINDS = {"A": "users", "B": "investors", "C": "hlm"}
SCIC_MIN_COLLEGES = 3
SCIC_MIN_WEIGHT = Fraction(1, 10)  # loi 1947, art. 19 octies
SCIC_MAX_WEIGHT = Fraction(1, 2)


@dataclass(frozen=True)
class College:
    """A college of the profile; ``weight`` is the statutory weight, for a SCIC only."""

    code: str
    name: str
    kind: str
    weight: Fraction | None = None


@dataclass(frozen=True)
class Profile:
    """The governance rules frozen into an assembly (statuts defaults, editable by staff)."""

    legal_form: str
    colleges: tuple[College, ...]
    investors_cap: Fraction = Fraction(35, 100)
    investors_cap_with_hlm: Fraction = Fraction(49, 100)
    redistribute_empty_colleges: bool = True
    draw_seed: int = 0


@dataclass(frozen=True)
class Voter:
    """A member on the frozen list of voters; the caller already left out those who may not vote."""

    member_id: int
    college: str
    shares: int


@dataclass(frozen=True)
class MemberVotes:
    member_id: int
    college: str
    votes: int


@dataclass(frozen=True)
class CollegeResult:
    code: str
    name: str
    voters: int
    votes: int
    weight: Fraction


@dataclass(frozen=True)
class VotingRights:
    legal_form: str
    members: dict[int, MemberVotes]
    colleges: tuple[CollegeResult, ...]
    total_votes: int
    capped: bool
    draw: tuple[int, ...]
    explanation: tuple[str, ...]


class ProfileError(ValueError):
    """The profile breaks the law or its own rules; ``messages`` are shown to staff as they are."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = tuple(messages)
        super().__init__(" ".join(messages))


# ---------------------------------------------------------------------------------------------
# Largest remainder
# ---------------------------------------------------------------------------------------------


class _Apportionment(NamedTuple):
    seats: dict[int, int]
    draw: tuple[int, ...]
    draw_seats: int  # seats the draw handed out among the tied ids
    raised: int  # ids lifted to the minimum (their quota was below it)
    exceeded: bool  # the minimum could only be kept by handing out more than ``total``


def _apportion(
    total: int, numerators: dict[int, int], denominator: int, minimum: int, seed: int
) -> _Apportionment:
    """Largest remainder on integer quotas ``numerators[i] / denominator`` (they sum to ``total``).

    Integers only, so that 30,000 quotas sort as ints rather than as Fractions (many times
    faster) while staying exact.
    """
    ids = sorted(numerators)
    if minimum * len(ids) > total:
        # Not enough seats for everyone's minimum: the minimum wins, as the SCP rule demands.
        return _Apportionment(dict.fromkeys(ids, minimum), (), 0, len(ids), bool(ids))

    # Ids whose quota is below the minimum are lifted to it, and the others share what is left
    # pro rata. Lifting shrinks everyone else's quota, which may push the next one below the
    # minimum, so the lifted ids are a prefix of the ids by ascending quota: one pass finds it.
    ascending = sorted(ids, key=numerators.__getitem__)
    lifted, lifted_sum = 0, 0
    quota_sum = denominator * total  # the sum of all quotas, in units of 1/denominator
    while (
        minimum
        and lifted < len(ascending)
        and numerators[ascending[lifted]] * (total - minimum * lifted)
        < minimum * (quota_sum - lifted_sum)
    ):
        lifted_sum += numerators[ascending[lifted]]
        lifted += 1
    seats = dict.fromkeys(ascending[:lifted], minimum)
    rest = ascending[lifted:]
    seats_left = total - minimum * lifted
    scale = quota_sum - lifted_sum  # rest's quota: numerators[i] * seats_left / scale
    if not rest or scale == 0:
        seats.update(dict.fromkeys(rest, 0))
        return _Apportionment(dict(sorted(seats.items())), (), 0, lifted, False)

    remainders: dict[int, int] = {}
    for member_id in rest:
        whole, remainders[member_id] = divmod(numerators[member_id] * seats_left, scale)
        seats[member_id] = whole
    to_give = seats_left - sum(seats[i] for i in rest)
    draw: tuple[int, ...] = ()
    draw_seats = 0
    if to_give:
        by_remainder = sorted(rest, key=remainders.__getitem__, reverse=True)
        threshold = remainders[by_remainder[to_give - 1]]
        winners = [i for i in rest if remainders[i] > threshold]
        tied = sorted(i for i in rest if remainders[i] == threshold)
        draw_seats = to_give - len(winners)
        if draw_seats < len(tied):
            # The tie matters: a draw anyone can replay from the recorded seed decides it.
            order = list(tied)
            random.Random(seed).shuffle(order)  # noqa: S311 -- reproducible on purpose
            draw, tied = tuple(order), order[:draw_seats]
        else:
            draw_seats = 0
        for member_id in (*winners, *tied):
            seats[member_id] += 1
    return _Apportionment(dict(sorted(seats.items())), draw, draw_seats, lifted, False)


def largest_remainder(
    total: int, quotas: dict[int, Fraction], *, minimum: int = 0, seed: int = 0
) -> tuple[dict[int, int], tuple[int, ...]]:
    """Share ``total`` integer seats between ids by their ``quotas`` (which must sum to ``total``).

    Each id gets the integer part of its quota, then the seats left go one by one to the largest
    remainders (the CCH rule for SA d'HLM). Equal remainders competing for too few seats are
    ranked by ``random.Random(seed)`` shuffling the tied ids sorted ascending: the returned draw
    is that ranking, empty when no tie mattered, so the result can be replayed and audited.

    ``minimum``: ids whose quota is below it get exactly ``minimum`` and the others share what is
    left pro rata, so the seats still add up to ``total``; only when ``minimum * len(quotas) >
    total`` does everybody get ``minimum``, and the sum then exceeds ``total``.
    """
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError(f"total must be a non-negative int, not {total!r}")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise ValueError(f"minimum must be a non-negative int, not {minimum!r}")
    for member_id, quota in quotas.items():
        if not isinstance(quota, Rational) or quota < 0:
            raise ValueError(f"quota of {member_id} must be a non-negative Fraction: {quota!r}")
    denominator = math.lcm(*(Fraction(q).denominator for q in quotas.values()))
    numerators = {
        i: Fraction(q).numerator * (denominator // Fraction(q).denominator)
        for i, q in quotas.items()
    }
    if sum(numerators.values()) != total * denominator:
        raise ValueError(f"quotas sum to {sum(map(Fraction, quotas.values()))}, not {total}")
    result = _apportion(total, numerators, denominator, minimum, seed)
    return result.seats, result.draw


# ---------------------------------------------------------------------------------------------
# Profile validation
# ---------------------------------------------------------------------------------------------


def _is_exact(value: object) -> bool:
    return isinstance(value, Rational) and not isinstance(value, bool)


def validate_profile(profile: Profile) -> list[str]:
    """Every breach of the law or of the profile's own consistency, in French, for staff to fix.

    All breaches are listed at once (not just the first) so that one round trip fixes a form.
    """
    errors: list[str] = []
    codes = [college.code for college in profile.colleges]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        errors.append(f"Le collège {code} est défini plusieurs fois.")
    if any(not code.strip() for code in codes):
        errors.append("Chaque collège doit avoir un code.")
    if isinstance(profile.draw_seed, bool) or not isinstance(profile.draw_seed, int):
        errors.append("La graine du tirage au sort doit être un nombre entier.")

    if profile.legal_form == SCP:
        if "A" not in codes:
            errors.append("Une SCP d'HLM doit avoir un collège A (usagers).")
        for college in profile.colleges:
            expected = SCP_COLLEGE_KINDS.get(college.code)
            if expected is None:
                errors.append(
                    f"Le collège {college.code} n'existe pas dans une SCP d'HLM "
                    "(seuls les collèges A, B et C sont possibles)."
                )
            elif college.kind != expected:
                errors.append(f"Le collège {college.code} doit être de type « {expected} ».")
            if college.weight is not None:
                errors.append(
                    f"Le collège {college.code} a une pondération : "
                    "seules les SCIC pondèrent leurs collèges."
                )
        for label, cap in (
            ("Le plafond des investisseurs", profile.investors_cap),
            ("Le plafond des investisseurs avec un collège C", profile.investors_cap_with_hlm),
        ):
            if not _is_exact(cap):
                errors.append(f"{label} doit être une fraction exacte, pas {cap!r}.")
            elif not 0 < cap <= Fraction(49, 100):
                # Above 49 %, college A would no longer keep its 51 %.
                errors.append(f"{label} doit être supérieur à 0 % et au plus 49 %.")
    elif profile.legal_form == SCIC:
        if len(profile.colleges) < SCIC_MIN_COLLEGES:
            errors.append(
                f"Une SCIC d'HLM doit avoir au moins {SCIC_MIN_COLLEGES} collèges "
                f"(il y en a {len(profile.colleges)})."
            )
        weights: list[Fraction] = []
        for college in profile.colleges:
            if college.weight is None:
                errors.append(f"Le collège {college.code} n'a pas de pondération.")
            elif not _is_exact(college.weight):
                errors.append(
                    f"La pondération du collège {college.code} doit être une fraction exacte, "
                    f"pas {college.weight!r}."
                )
            else:
                weights.append(Fraction(college.weight))
                if not SCIC_MIN_WEIGHT <= college.weight <= SCIC_MAX_WEIGHT:
                    errors.append(
                        f"La pondération du collège {college.code} ({_percent(college.weight)}) "
                        "doit être comprise entre 10 % et 50 %."
                    )
        if len(weights) == len(profile.colleges) and sum(weights) != 1:
            errors.append(
                f"Les pondérations des collèges totalisent {_percent(sum(weights))} "
                "au lieu de 100 %."
            )
    else:
        errors.append(f"Forme juridique inconnue : {profile.legal_form!r} (attendu : scp ou scic).")
    return errors


# ---------------------------------------------------------------------------------------------
# Voting rights
# ---------------------------------------------------------------------------------------------


def _percent(value: Fraction) -> str:
    """French percentage, one decimal, half up; no decimal when the value is a whole percent."""
    hundred = Fraction(value) * 100
    if hundred.denominator == 1:
        return f"{hundred.numerator} %"
    tenths = math.floor(hundred * 10 + Fraction(1, 2))
    return f"{tenths // 10},{tenths % 10} %"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _members(count: int) -> str:
    return f"{_number(count)} associé{'s' if count > 1 else ''}"


def _ids(ids: Iterable[int]) -> str:
    return ", ".join(str(i) for i in ids)


def compute_voting_rights(profile: Profile, voters: Iterable[Voter]) -> VotingRights:
    """The votes of each member and the weight of each college, with a readable explanation.

    Raises ProfileError for an invalid profile and ValueError for a voter of an unknown college,
    with fewer than one share, or listed twice. The input order of ``voters`` never matters.
    """
    errors = validate_profile(profile)
    if errors:
        raise ProfileError(errors)
    by_college: dict[str, list[Voter]] = {college.code: [] for college in profile.colleges}
    seen: set[int] = set()
    for voter in voters:
        if voter.college not in by_college:
            raise ValueError(f"Member {voter.member_id}: unknown college {voter.college!r}.")
        if isinstance(voter.shares, bool) or not isinstance(voter.shares, int) or voter.shares < 1:
            raise ValueError(f"Member {voter.member_id}: shares must be an int >= 1.")
        if voter.member_id in seen:
            raise ValueError(f"Member {voter.member_id} is listed twice.")
        seen.add(voter.member_id)
        by_college[voter.college].append(voter)
    for college_voters in by_college.values():
        college_voters.sort(key=lambda v: v.member_id)
    if profile.legal_form == SCP:
        return _scp(profile, by_college)
    return _scic(profile, by_college)


def _scp(profile: Profile, by_college: dict[str, list[Voter]]) -> VotingRights:
    users = by_college["A"]
    investors = sorted(by_college.get("B", []) + by_college.get("C", []), key=lambda v: v.member_id)
    has_hlm = bool(by_college.get("C"))
    cap = Fraction(profile.investors_cap_with_hlm if has_hlm else profile.investors_cap)
    a, shares = len(users), sum(v.shares for v in investors)
    votes = dict.fromkeys((v.member_id for v in users), 1)
    raw = {v.member_id: v.shares for v in investors}
    lines = [
        "SCP d'HLM : une voix par associé du collège A ; les investisseurs (collèges B et C) "
        "votent en proportion de leur capital."
    ]
    capped, draw = False, ()
    cap_label = (
        f"Plafond des investisseurs : {_percent(cap)} (collège C {'non ' if has_hlm else ''}vide)."
    )
    if not investors:
        votes.update(raw)
        lines.append("Aucun investisseur : le plafond est sans objet.")
    elif a == 0:
        votes.update(raw)
        lines.append(
            "Aucun associé du collège A : le plafond ne peut s'appliquer. "
            "Chaque investisseur garde une voix par part."
        )
    elif Fraction(shares, a + shares) <= cap:
        votes.update(raw)
        lines.append(
            f"{cap_label} Avec {_number(shares)} parts, les investisseurs ont "
            f"{_percent(Fraction(shares, a + shares))} des voix : sous le plafond, "
            "chaque investisseur a une voix par part."
        )
    else:
        capped = True
        # The largest V with V / (a + V) <= cap, i.e. V <= cap * a / (1 - cap).
        allowed = cap.numerator * a // (cap.denominator - cap.numerator)
        shared = _apportion(
            allowed,
            {v.member_id: allowed * v.shares for v in investors},
            shares,
            minimum=1,
            seed=profile.draw_seed,
        )
        votes.update(shared.seats)
        draw = shared.draw
        lines.append(
            f"{cap_label} Avec {_number(shares)} parts, les investisseurs auraient "
            f"{_percent(Fraction(shares, a + shares))} des voix : leurs voix sont ramenées à "
            f"{_number(allowed)}, le plus grand nombre entier qui garde leur part au plus à "
            f"{_percent(cap)} ({_number(allowed)} ≤ {_percent(cap)} × {_number(a)} / "
            f"{_percent(1 - cap)}), réparties au prorata des parts : partie entière, puis les "
            "voix restantes aux plus forts restes."
        )
        given = sum(shared.seats.values())
        if shared.exceeded:
            lines.append(
                f"Chaque investisseur garde au moins une voix : les {_number(len(investors))} "
                f"investisseurs reçoivent {_number(given)} voix au lieu de {_number(allowed)}, "
                f"leur part ({_percent(Fraction(given, a + given))}) dépasse donc le plafond."
            )
        elif shared.raised:
            lines.append(
                f"Chaque investisseur garde au moins une voix : {_number(shared.raised)} "
                "investisseur(s) dont la part calculée était inférieure à une voix en reçoivent "
                "une, les autres se partagent le reste au prorata."
            )
        if draw:
            n = shared.draw_seats
            first = "le premier reçoit" if n == 1 else f"les {n} premiers reçoivent"
            lines.append(
                f"Égalité des plus forts restes entre les associés n° {_ids(sorted(draw))} pour "
                f"{n} voix : tirage au sort enregistré (graine {profile.draw_seed}), "
                f"ordre tiré : {_ids(draw)} ; {first} une voix de plus."
            )
    total = sum(votes.values())
    results = []
    for college in profile.colleges:
        college_voters = by_college[college.code]
        college_votes = sum(votes[v.member_id] for v in college_voters)
        weight = Fraction(college_votes, total) if total else Fraction(0)
        results.append(
            CollegeResult(college.code, college.name, len(college_voters), college_votes, weight)
        )
        lines.append(
            f"Collège {college.code} ({college.name}) : {_members(len(college_voters))}, "
            f"{_number(college_votes)} voix, {_percent(weight)} des voix."
        )
    lines.append(f"Total : {_number(total)} voix.")
    members = {
        v.member_id: MemberVotes(v.member_id, v.college, votes[v.member_id])
        for v in sorted((v for vs in by_college.values() for v in vs), key=lambda v: v.member_id)
    }
    return VotingRights(SCP, members, tuple(results), total, capped, draw, tuple(lines))


def _scic(profile: Profile, by_college: dict[str, list[Voter]]) -> VotingRights:
    lines = [
        "SCIC d'HLM : une voix par associé ; le résultat de chaque collège est pondéré "
        "selon les statuts."
    ]
    statutory = {c.code: Fraction(c.weight or 0) for c in profile.colleges}
    effective = dict(statutory)
    empty = [c for c in profile.colleges if not by_college[c.code]]
    if len(empty) == len(profile.colleges):
        lines.append("Aucun associé ne peut voter : les pondérations statutaires sont indiquées.")
    elif empty and profile.redistribute_empty_colleges:
        # Pro rata to the statutory weights of the colleges that have voters: sums to 1 again.
        present = sum(w for code, w in statutory.items() if by_college[code])
        effective = {
            code: (w / present if by_college[code] else Fraction(0))
            for code, w in statutory.items()
        }
        for college in empty:
            lines.append(
                f"Collège {college.code} ({college.name}) vide : sa pondération de "
                f"{_percent(statutory[college.code])} est répartie entre les autres collèges "
                "au prorata de leurs pondérations."
            )
    else:
        for college in empty:
            lines.append(
                f"Collège {college.code} ({college.name}) vide : sa pondération de "
                f"{_percent(statutory[college.code])} est conservée ; cette part ne comptera "
                "pour aucune voix."
            )
    results = []
    for college in profile.colleges:
        count = len(by_college[college.code])
        weight = effective[college.code]
        results.append(CollegeResult(college.code, college.name, count, count, weight))
        statutory_note = (
            ""
            if weight == statutory[college.code]
            else f" (statutaire {_percent(statutory[college.code])})"
        )
        lines.append(
            f"Collège {college.code} ({college.name}) : {_members(count)}, {_number(count)} voix, "
            f"pondération {_percent(weight)}{statutory_note}."
        )
    members = {
        v.member_id: MemberVotes(v.member_id, v.college, 1)
        for v in sorted((v for vs in by_college.values() for v in vs), key=lambda v: v.member_id)
    }
    total = len(members)
    lines.append(f"Total : {_number(total)} voix.")
    return VotingRights(SCIC, members, tuple(results), total, False, (), tuple(lines))
