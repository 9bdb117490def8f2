"""The outcome of a resolution: majority of votes cast, per college and weighted for a SCIC.

SCP d'HLM: one pool of votes (each ballot weighs its voter's votes, investors' cap applied by
the voting rights). SCIC d'HLM: each college's result among its own votes cast, then the
colleges' results weighted by the statuts; a college where nobody cast a vote is handled by
``GovernanceRules.empty_college``. Abstentions, blank and spoiled ballots and members present
who did not vote are not votes cast: left out of the majority, reported apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import text
from .quorum import SOURCES, QuorumResult
from .rules import EmptyCollegePolicy, GovernanceRules, majority_rule_text
from .types import Ballot, Choice, LegalForm, ResolutionKind, Tally


class Status(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"  # not put to the vote validly: the quorum of its kind failed


@dataclass(frozen=True, slots=True)
class CollegeOutcome:
    code: str
    tally: Tally
    statutory_weight: Fraction | None  # SCIC only
    weight: Fraction | None  # SCIC: the weight applied to this college's result
    share_for: Fraction | None  # FOR ÷ votes cast in this college; None when none was cast


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: ResolutionKind
    legal_form: LegalForm
    status: Status
    majority: Fraction
    strict: bool
    total: Tally  # all colleges added up (college "*")
    share_for: Fraction | None  # SCP: FOR ÷ cast; SCIC: weighted; None when nothing was cast
    colleges: tuple[CollegeOutcome, ...]
    rule: str
    explanation: tuple[str, ...]

    @property
    def adopted(self) -> bool:
        return self.status == Status.ADOPTED


def tally_ballots(ballots: Iterable[Ballot]) -> dict[str, Tally]:
    """Totals per college from effective ballots (order never matters)."""
    sums: dict[str, list[int]] = {}
    index = {
        Choice.FOR: 0,
        Choice.AGAINST: 1,
        Choice.ABSTAIN: 2,
        Choice.BLANK: 3,
        Choice.SPOILED: 4,
    }
    for ballot in ballots:
        row = sums.get(ballot.college)
        if row is None:
            row = sums[ballot.college] = [0, 0, 0, 0, 0]
        row[index[ballot.choice]] += ballot.votes
    return {code: Tally(code, *row) for code, row in sums.items()}


def _passes(votes_for: Fraction, cast: Fraction, majority: Fraction, strict: bool) -> bool:
    if cast == 0:
        return False  # nothing is adopted without a single vote cast
    return votes_for > majority * cast if strict else votes_for >= majority * cast


def resolution_outcome(
    rules: GovernanceRules,
    kind: ResolutionKind | str,
    *,
    ballots: Iterable[Ballot] = (),
    tallies: Iterable[Tally] = (),
    quorum: QuorumResult | None = None,
) -> Outcome:
    """Adopted or rejected, with the rule applied, the numbers and an explanation.

    ``ballots`` (one per voter, see ``participation.effective_ballots``) and ``tallies`` (totals
    entered in the room per college) are added up. ``quorum``: the quorum of this resolution's
    kind; when given and not reached the status is ``NO_QUORUM``. Raises ValueError for a college
    the rules do not define.
    """
    kind = ResolutionKind(kind)
    majority, strict = rules.majority_for(kind)
    codes = [c.code for c in rules.colleges]
    per_college = {code: Tally(code) for code in codes}
    for source in (tally_ballots(ballots).values(), tallies):
        for tally in source:
            if tally.college not in per_college:
                raise ValueError(f"Unknown college {tally.college!r}.")
            per_college[tally.college] = per_college[tally.college] + tally
    total = Tally("*")
    for tally in per_college.values():
        total = total + Tally("*", *_counts(tally))

    rule = majority_rule_text(majority, strict)
    lines = [
        (
            _("Ordinary resolution: adopted when %(rule)s (%(source)s).")
            if kind == ResolutionKind.ORDINARY
            else _("Extraordinary resolution: adopted when %(rule)s (%(source)s).")
        )
        % {"rule": rule, "source": SOURCES[kind]}
    ]
    if rules.legal_form == LegalForm.SCIC:
        colleges, share_for, adopted = _scic(rules, per_college, majority, strict, lines)
    else:
        colleges = tuple(
            CollegeOutcome(code, t, None, None, Fraction(t.votes_for, t.cast) if t.cast else None)
            for code, t in per_college.items()
        )
        share_for = Fraction(total.votes_for, total.cast) if total.cast else None
        adopted = _passes(Fraction(total.votes_for), Fraction(total.cast), majority, strict)
        if total.cast:
            lines.append(
                _(
                    "FOR %(for)s, AGAINST %(against)s: %(for)s of %(cast)s votes cast = "
                    "%(share)s %(sign)s %(majority)s."
                )
                % {
                    "for": text.number(total.votes_for),
                    "against": text.number(total.votes_against),
                    "cast": text.number(total.cast),
                    "share": text.percent_near(share_for, majority),
                    "sign": _sign(adopted, strict),
                    "majority": text.threshold(majority),
                }
            )
    if not total.cast:
        lines.append(_("No vote cast."))
    if total.not_cast:
        lines.append(
            _(
                "Not votes cast, left out of the majority: abstentions %(abstentions)s, "
                "blank %(blank)s, spoiled %(spoiled)s, present without voting %(not_voting)s."
            )
            % {
                "abstentions": text.number(total.abstentions),
                "blank": text.number(total.blank),
                "spoiled": text.number(total.spoiled),
                "not_voting": text.number(total.not_voting),
            }
        )
    if quorum is not None and not quorum.reached:
        status = Status.NO_QUORUM
        lines.append(_("Quorum not reached: the resolution cannot be adopted."))
    else:
        status = Status.ADOPTED if adopted else Status.REJECTED
        lines.append(
            pgettext("resolution", "Adopted.") if adopted else pgettext("resolution", "Rejected.")
        )
    return Outcome(
        kind,
        LegalForm(rules.legal_form),
        status,
        majority,
        strict,
        total,
        share_for,
        colleges,
        rule,
        tuple(lines),
    )


def _counts(tally: Tally) -> tuple[int, ...]:
    return (
        tally.votes_for,
        tally.votes_against,
        tally.abstentions,
        tally.blank,
        tally.spoiled,
        tally.not_voting,
    )


def _sign(adopted: bool, strict: bool) -> str:
    if adopted:
        return ">" if strict else "≥"
    return "≤" if strict else "<"


def _scic(
    rules: GovernanceRules,
    per_college: dict[str, Tally],
    majority: Fraction,
    strict: bool,
    lines: list[str],
) -> tuple[tuple[CollegeOutcome, ...], Fraction | None, bool]:
    statutory = {c.code: Fraction(c.weight or 0) for c in rules.colleges}
    names = {c.code: c.name for c in rules.colleges}
    voting = [code for code, t in per_college.items() if t.cast]
    if rules.empty_college == EmptyCollegePolicy.REDISTRIBUTE:
        present = sum(statutory[code] for code in voting)
        weights = {
            code: (statutory[code] / present if code in voting and present else Fraction(0))
            for code in per_college
        }
    else:
        weights = dict(statutory)
    weighted_for = sum(
        (
            weights[code] * Fraction(per_college[code].votes_for, per_college[code].cast)
            for code in voting
        ),
        Fraction(0),
    )
    if not voting:
        weighted_cast = Fraction(0)
    elif rules.empty_college == EmptyCollegePolicy.REDISTRIBUTE:
        weighted_cast = sum((weights[code] for code in voting), Fraction(0))  # = 1
    else:
        # The empty colleges' weights stay in the denominator: they count for neither side.
        weighted_cast = sum(statutory.values(), Fraction(0))
    colleges = []
    for code, tally in per_college.items():
        share = Fraction(tally.votes_for, tally.cast) if tally.cast else None
        colleges.append(CollegeOutcome(code, tally, statutory[code], weights[code], share))
        params = {
            "code": code,
            "name": names[code],
            "weight": text.percent(weights[code]),
            "statutory": text.percent(statutory[code]),
        }
        if tally.cast:
            params |= {
                "for": text.number(tally.votes_for),
                "against": text.number(tally.votes_against),
                "share": text.percent(share),
            }
            if weights[code] == statutory[code]:
                lines.append(
                    _(
                        "College %(code)s (%(name)s), weight %(weight)s: FOR %(for)s, AGAINST "
                        "%(against)s, %(share)s for."
                    )
                    % params
                )
            else:
                lines.append(
                    _(
                        "College %(code)s (%(name)s), weight %(weight)s (statutory %(statutory)s): "
                        "FOR %(for)s, AGAINST %(against)s, %(share)s for."
                    )
                    % params
                )
        elif rules.empty_college == EmptyCollegePolicy.REDISTRIBUTE:
            lines.append(
                _(
                    "College %(code)s (%(name)s): no vote cast; its weight of %(statutory)s is "
                    "shared among the other colleges pro rata."
                )
                % params
            )
        else:
            lines.append(
                _(
                    "College %(code)s (%(name)s): no vote cast; its weight of %(statutory)s is "
                    "kept and counts for neither side."
                )
                % params
            )
    if not weighted_cast:
        return tuple(colleges), None, False
    share_for = weighted_for / weighted_cast
    adopted = _passes(weighted_for, weighted_cast, majority, strict)
    lines.append(
        _("Weighted result: FOR %(share)s of the weighted votes cast %(sign)s %(majority)s.")
        % {
            "share": text.percent_near(share_for, majority),
            "sign": _sign(adopted, strict),
            "majority": text.threshold(majority),
        }
    )
    return tuple(colleges), share_for, adopted
