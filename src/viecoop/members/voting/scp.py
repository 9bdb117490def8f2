"""SCP d'HLM: college A one person one vote, investors by capital under the 35 % / 49 % cap."""

from __future__ import annotations

from fractions import Fraction

from .apportionment import _apportion
from .types import SCP, CollegeResult, MemberVotes, Profile, Voter, VotingRights
from .wording import _ids, _members, _number, _percent


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
