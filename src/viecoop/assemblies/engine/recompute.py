"""Recompute every quorum, outcome and election of an assembly from its stored inputs.

``recompute(AssemblyData) -> AssemblyResult``; ``AssemblyResult.summary()`` is a JSON-ready,
language-independent dict of the numbers (no explanation text), which the app stores when it
publishes the results and which ``compare`` checks against a fresh recomputation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from . import text
from .elections import ElectionResult, election_result
from .outcome import Outcome, resolution_outcome, tally_ballots
from .participation import Participation, effective_ballots
from .quorum import QuorumResult, assembly_quorums
from .rules import GovernanceRules, ensure_valid
from .types import (
    AddedChoice,
    AssemblyKind,
    Election,
    Notice,
    Presence,
    Proxy,
    Resolution,
    ResolutionKind,
    Tally,
    Vote,
    Voter,
)

SUMMARY_VERSION = 1


@dataclass(frozen=True)
class AssemblyData:
    """Everything stored about an assembly that its results depend on, as plain data."""

    rules: GovernanceRules
    kind: AssemblyKind
    notice: Notice
    meeting_at: datetime
    voters: tuple[Voter, ...]
    resolutions: tuple[Resolution, ...]
    proxies: tuple[Proxy, ...] = ()
    votes: tuple[Vote, ...] = ()
    presence: Mapping[int, Presence] = field(default_factory=dict)
    added_instructions: Mapping[int, AddedChoice] = field(default_factory=dict)
    room_tallies: Mapping[int, tuple[Tally, ...]] = field(default_factory=dict)
    elections: tuple[Election, ...] = ()


@dataclass(frozen=True)
class AssemblyResult:
    quorums: dict[ResolutionKind, QuorumResult]
    outcomes: dict[int, Outcome]
    elections: dict[int, ElectionResult]
    participation: Participation

    def summary(self) -> dict[str, Any]:
        """The numbers of every result, JSON-ready: fractions as "n/d", ids as strings."""
        attendance = self.participation.attendance
        return {
            "version": SUMMARY_VERSION,
            "attendance": {
                "total": attendance.total,
                "present": attendance.present,
                "represented": attendance.represented,
                "postal": attendance.postal,
                "online": attendance.online,
                "remote": attendance.remote,
            },
            "quorums": {
                str(kind): {
                    "required": _frac(q.required),
                    "counted": q.counted,
                    "total": q.total,
                    "reached": q.reached,
                }
                for kind, q in self.quorums.items()
            },
            "resolutions": {
                str(rid): {
                    "status": str(o.status),
                    **_tally(o.total),
                    "share_for": _frac(o.share_for),
                    "colleges": {
                        c.code: {**_tally(c.tally), "weight": _frac(c.weight)} for c in o.colleges
                    },
                }
                for rid, o in self.outcomes.items()
            },
            "elections": {
                str(eid): {
                    "elected": list(e.elected),
                    "scores": {str(c.candidate_id): _frac(c.score) for c in e.candidates},
                    "valid": e.valid_votes,
                    "blank": e.blank,
                    "spoiled": e.spoiled,
                    "seed": e.seed,
                    "draw": list(e.draw),
                }
                for eid, e in self.elections.items()
            },
        }


def _frac(value: Fraction | None) -> str | None:
    return None if value is None else text.fraction(value)


def _tally(tally: Tally) -> dict[str, int]:
    return {
        "for": tally.votes_for,
        "against": tally.votes_against,
        "abstentions": tally.abstentions,
        "blank": tally.blank,
        "spoiled": tally.spoiled,
        "not_voting": tally.not_voting,
    }


def recompute(data: AssemblyData) -> AssemblyResult:
    """Every result of the assembly from its stored inputs; deterministic (seeds are inputs).

    Raises ``RulesError`` for invalid rules, ``ProxyError`` for proxies the rules forbid and
    ValueError for inconsistent data (a ballot of an unknown college, a voter listed twice…).
    """
    rules = ensure_valid(data.rules)
    participation = effective_ballots(
        rules,
        meeting_at=data.meeting_at,
        voters=data.voters,
        resolutions=data.resolutions,
        proxies=data.proxies,
        votes=data.votes,
        presence=data.presence,
        added_instructions=data.added_instructions,
        tallied=set(data.room_tallies),
    )
    quorums = assembly_quorums(rules, data.kind, data.notice, participation.attendance)
    outcomes: dict[int, Outcome] = {}
    for resolution in sorted(data.resolutions, key=lambda r: r.resolution_id):
        # One pass over the ballots: their totals per college serve the outcome and the count
        # of members present who took no part.
        counted = tuple(tally_ballots(participation.ballots[resolution.resolution_id]).values())
        room = tuple(data.room_tallies.get(resolution.resolution_id, ()))
        outcomes[resolution.resolution_id] = resolution_outcome(
            rules,
            resolution.kind,
            tallies=(*counted, *room, *_not_voting(participation, (*counted, *room))),
            quorum=quorums.get(resolution.kind),
        )
    ordinary = quorums.get(ResolutionKind.ORDINARY)
    elections = {
        election.election_id: election_result(rules, election, quorum=ordinary)
        for election in sorted(data.elections, key=lambda e: e.election_id)
    }
    return AssemblyResult(quorums, outcomes, elections, participation)


def _not_voting(participation: Participation, tallies: tuple[Tally, ...]) -> list[Tally]:
    """Votes counted for the quorum that took no part in this resolution, per college."""
    used = dict.fromkeys(participation.counted_votes, 0)
    for tally in tallies:
        used[tally.college] = used.get(tally.college, 0) + tally.cast + tally.not_cast
    return [
        Tally(code, not_voting=counted - used.get(code, 0))
        for code, counted in participation.counted_votes.items()
        if counted > used.get(code, 0)
    ]


def compare(published: Mapping[str, Any], recomputed: Mapping[str, Any]) -> list[str]:
    """The differences between two summaries, as readable paths ("resolutions.12.for: 640 ≠ 641").

    An empty list means the published results match the recomputation.
    """
    differences: list[str] = []

    def walk(path: str, left: Any, right: Any) -> None:
        if isinstance(left, Mapping) and isinstance(right, Mapping):
            for key in sorted(set(left) | set(right), key=str):
                sub = f"{path}.{key}" if path else str(key)
                if key not in left:
                    differences.append(f"{sub}: missing from the published results")
                elif key not in right:
                    differences.append(f"{sub}: missing from the recomputation")
                else:
                    walk(sub, left[key], right[key])
        elif left != right:
            differences.append(f"{path}: {left!r} ≠ {right!r}")

    walk("", published, recomputed)
    return differences
