"""Board elections: several seats, approval voting within a maximum, ties at the last seat.

Each secret ballot ticks up to ``max_choices`` candidates (default: as many as seats). A ballot
with no tick is blank; one declared spoiled by the tellers, with too many ticks, the same
candidate twice or an unknown candidate is spoiled; both are counted apart. Scores:

- SCP d'HLM: the votes of the ballots that tick the candidate (ballots weigh their voter's
  votes, as for resolutions).
- SCIC d'HLM: per college, the share of its non-blank valid ballots ticking the candidate, then
  weighted like resolutions (a college without a valid ballot handled by ``empty_college``).

The seats go to the highest scores; a candidate with no vote is never elected. With
``election_requires_majority`` a candidate also needs more than half of the valid non-blank
votes. A tie straddling the last seat is broken by the statuts' rule: the older candidate, and
where that cannot decide (same birth date, a legal entity) a draw anyone can replay:
``random.Random(seed).shuffle`` of the tied candidates' ids sorted ascending.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from . import text
from .quorum import QuorumResult
from .rules import EmptyCollegePolicy, GovernanceRules, TieBreak
from .types import Candidate, Election, ElectionBallot, LegalForm


@dataclass(frozen=True, slots=True)
class CandidateResult:
    candidate_id: int
    name: str
    votes: int  # votes of the ballots ticking this candidate
    score: Fraction  # SCP: = votes; SCIC: weighted share of the colleges' valid ballots
    rank: int  # 1-based, after the tie-break
    elected: bool


@dataclass(frozen=True)
class ElectionResult:
    election_id: int
    seats: int
    max_choices: int
    candidates: tuple[CandidateResult, ...]  # in rank order
    elected: tuple[int, ...]  # candidate ids, in rank order
    vacant: int  # seats left unfilled
    ballots: int  # number of ballots
    valid_votes: int  # votes of the valid, non-blank ballots
    blank: int  # votes of blank ballots
    spoiled: int  # votes of spoiled ballots
    tied: tuple[int, ...]  # candidates tied across the last seat (empty when no tie mattered)
    decided_by: str  # "", "older" or "draw"
    seed: int
    draw: tuple[int, ...]  # the drawn order of the candidates that went to the draw
    quorum_reached: bool
    explanation: tuple[str, ...]


def _spoiled(ballot: ElectionBallot, known: set[int], max_choices: int) -> bool:
    return (
        ballot.spoiled
        or len(ballot.choices) > max_choices
        or len(set(ballot.choices)) != len(ballot.choices)
        or not set(ballot.choices) <= known
    )


def election_result(
    rules: GovernanceRules, election: Election, *, quorum: QuorumResult | None = None
) -> ElectionResult:
    """Seats filled, ranks, blank and spoiled ballots, and the tie-break with its recorded draw.

    ``quorum``: the ordinary quorum of the assembly; when given and not reached, nobody is
    elected. The result never depends on the order of the ballots or of the candidates.
    """
    max_choices = election.max_choices if election.max_choices is not None else election.seats
    if election.seats < 1 or max_choices < 1:
        raise ValueError("An election needs at least one seat and one choice per ballot.")
    candidates = {c.candidate_id: c for c in election.candidates}
    if len(candidates) != len(election.candidates):
        raise ValueError("A candidate is listed twice.")
    codes = [c.code for c in rules.colleges]
    votes = dict.fromkeys(candidates, 0)
    per_college = {code: dict.fromkeys(candidates, 0) for code in codes}
    valid_by_college = dict.fromkeys(codes, 0)
    blank = spoiled = valid = 0
    known = set(candidates)
    for ballot in election.ballots:
        if ballot.college not in valid_by_college:
            raise ValueError(f"Unknown college {ballot.college!r}.")
        if isinstance(ballot.votes, bool) or not isinstance(ballot.votes, int) or ballot.votes < 1:
            raise ValueError(f"A ballot weighs an int >= 1 votes, not {ballot.votes!r}.")
        if _spoiled(ballot, known, max_choices):
            spoiled += ballot.votes
        elif not ballot.choices:
            blank += ballot.votes
        else:
            valid += ballot.votes
            valid_by_college[ballot.college] += ballot.votes
            for candidate_id in ballot.choices:
                votes[candidate_id] += ballot.votes
                per_college[ballot.college][candidate_id] += ballot.votes

    lines = [
        _(
            "%(seats)s seat(s) to fill; each ballot ticks at most %(max)s candidate(s). "
            "The seats go to the highest scores."
        )
        % {"seats": election.seats, "max": max_choices}
    ]
    if rules.legal_form == LegalForm.SCIC:
        voting = [code for code in codes if valid_by_college[code]]
        statutory = {c.code: Fraction(c.weight or 0) for c in rules.colleges}
        if rules.empty_college == EmptyCollegePolicy.REDISTRIBUTE:
            present = sum((statutory[c] for c in voting), Fraction(0))
            weights = {c: (statutory[c] / present if c in voting else Fraction(0)) for c in codes}
            full = Fraction(1) if voting else Fraction(0)
        else:
            weights, full = statutory, sum(statutory.values(), Fraction(0))
        scores = {
            cid: sum(
                (weights[c] * Fraction(per_college[c][cid], valid_by_college[c]) for c in voting),
                Fraction(0),
            )
            for cid in candidates
        }
        lines.append(
            _(
                "SCIC: each candidate's share of each college's valid ballots, weighted by the "
                "colleges' weights."
            )
        )
    else:
        scores = {cid: Fraction(votes[cid]) for cid in candidates}
        full = Fraction(valid)

    quorum_reached = quorum is None or quorum.reached
    eligible = [cid for cid in candidates if scores[cid] > 0]
    if rules.election_requires_majority:
        eligible = [cid for cid in eligible if scores[cid] * 2 > full]
    by_score = sorted(candidates, key=lambda cid: (-scores[cid], cid))
    order = sorted(eligible, key=lambda cid: -scores[cid])
    seats = min(election.seats, len(order)) if quorum_reached else 0
    tied: tuple[int, ...] = ()
    decided_by, draw = "", ()
    elected: list[int] = []
    if seats:
        last = scores[order[seats - 1]]
        above = sorted((cid for cid in order if scores[cid] > last), key=lambda c: (-scores[c], c))
        at_last = sorted(cid for cid in order if scores[cid] == last)
        left = seats - len(above)
        ranked_tie, decided_by, draw = _break_tie(rules, election.seed, at_last, left, candidates)
        if left < len(at_last):
            tied = tuple(at_last)
        else:
            decided_by, draw = "", ()
        elected = above + ranked_tie[:left]
        ranking = above + ranked_tie
    else:
        ranking = []
    ranking += [cid for cid in by_score if cid not in ranking]
    results = tuple(
        CandidateResult(cid, candidates[cid].name, votes[cid], scores[cid], rank, cid in elected)
        for rank, cid in enumerate(ranking, start=1)
    )

    for result in results:
        lines.append(
            (
                _("%(rank)s. %(name)s: %(votes)s votes%(score)s, elected.")
                if result.elected
                else _("%(rank)s. %(name)s: %(votes)s votes%(score)s, not elected.")
            )
            % {
                "rank": result.rank,
                "name": result.name,
                "votes": text.number(result.votes),
                "score": (
                    _(" (weighted %(share)s)") % {"share": text.percent(result.score)}
                    if rules.legal_form == LegalForm.SCIC
                    else ""
                ),
            }
        )
    if tied:
        names = ", ".join(candidates[cid].name for cid in tied)
        if decided_by == "older":
            lines.append(
                _("Tie for the last seat(s) between %(names)s: the older candidate is elected.")
                % {"names": names}
            )
        else:
            by_age = rules.election_tie_break == TieBreak.OLDER_THEN_DRAW and all(
                candidates[cid].birth_date is not None for cid in tied
            )
            lines.append(
                (
                    _(
                        "Tie for the last seat(s) between %(names)s: the older candidates first, "
                        "then a recorded draw between those born the same day (seed %(seed)s), "
                        "drawn order: %(order)s."
                    )
                    if by_age
                    else _(
                        "Tie for the last seat(s) between %(names)s: recorded draw (seed "
                        "%(seed)s), drawn order: %(order)s."
                    )
                )
                % {
                    "names": names,
                    "seed": election.seed,
                    "order": ", ".join(candidates[cid].name for cid in draw),
                }
            )
    if not quorum_reached:
        lines.append(_("Quorum not reached: nobody is elected."))
    vacant = election.seats - len(elected)
    if vacant and quorum_reached:
        lines.append(_("%(vacant)s seat(s) left vacant.") % {"vacant": vacant})
    lines.append(
        _("Valid ballots: %(valid)s votes; blank: %(blank)s; spoiled: %(spoiled)s (counted apart).")
        % {
            "valid": text.number(valid),
            "blank": text.number(blank),
            "spoiled": text.number(spoiled),
        }
    )
    return ElectionResult(
        election.election_id,
        election.seats,
        max_choices,
        results,
        tuple(elected),
        vacant,
        len(election.ballots),
        valid,
        blank,
        spoiled,
        tied,
        decided_by,
        election.seed,
        tuple(draw),
        quorum_reached,
        tuple(lines),
    )


def _break_tie(
    rules: GovernanceRules,
    seed: int,
    tied: list[int],
    seats: int,
    candidates: dict[int, Candidate],
) -> tuple[list[int], str, tuple[int, ...]]:
    """Rank the tied candidates: (ranking, "older" / "draw" / "", drawn order)."""
    if seats >= len(tied):
        return tied, "", ()
    dated = all(candidates[cid].birth_date is not None for cid in tied)
    if rules.election_tie_break == TieBreak.OLDER_THEN_DRAW and dated:
        ordered = sorted(tied, key=lambda cid: (candidates[cid].birth_date, cid))
        boundary = candidates[ordered[seats - 1]].birth_date
        if candidates[ordered[seats]].birth_date != boundary:
            return ordered, "older", ()
        same_age = sorted(cid for cid in ordered if candidates[cid].birth_date == boundary)
        older = [cid for cid in ordered if candidates[cid].birth_date < boundary]
        # Born the same day across the boundary: those go to the draw.
        drawn = list(same_age)
        random.Random(seed).shuffle(drawn)  # noqa: S311 -- reproducible on purpose
        younger = [cid for cid in ordered if candidates[cid].birth_date > boundary]
        return older + drawn + younger, "draw", tuple(drawn)
    drawn = list(tied)
    random.Random(seed).shuffle(drawn)  # noqa: S311 -- reproducible on purpose
    return drawn, "draw", tuple(drawn)
