"""SCIC d'HLM: one vote per member, colleges weighted by the statutes (empty ones shared out)."""

from __future__ import annotations

from fractions import Fraction

from .types import SCIC, CollegeResult, MemberVotes, Profile, Voter, VotingRights
from .wording import _members, _number, _percent


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
