"""The governance rules an assembly is called under: the defaults of the law, editable per coop.

A ``GovernanceRules`` is frozen into an assembly as JSON (``to_dict`` / ``from_dict``) when its
notice is sent, so an assembly keeps the rules it was called under even if the coop's profile
changes later. Every number is an exact ``Fraction`` or ``int``; the JSON stores fractions as
"n/d" strings so that nothing ever passes through a float.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import time
from enum import StrEnum
from fractions import Fraction
from numbers import Rational
from typing import Any

from django.utils.translation import gettext as _

from viecoop.members import voting

from . import text
from .types import AddedChoice, LegalForm, Notice, ResolutionKind, Voter

RULES_VERSION = 1

# The law's floors (Code de commerce); the statuts may raise them, never lower them.
LEGAL_QUORUM = {
    (ResolutionKind.ORDINARY, Notice.FIRST): Fraction(1, 5),  # L225-98
    (ResolutionKind.ORDINARY, Notice.SECOND): None,  # L225-98: no quorum on 2nd notice
    (ResolutionKind.EXTRAORDINARY, Notice.FIRST): Fraction(1, 4),  # L225-96
    (ResolutionKind.EXTRAORDINARY, Notice.SECOND): Fraction(1, 5),  # L225-96
}
LEGAL_MAJORITY = {
    ResolutionKind.ORDINARY: (Fraction(1, 2), True),  # FOR > 1/2 of votes cast (loi 2019-744)
    ResolutionKind.EXTRAORDINARY: (Fraction(2, 3), False),  # FOR >= 2/3 of votes cast
}
LEGAL_NOTICE_DAYS = {Notice.FIRST: 15, Notice.SECOND: 10}  # R225-69
LEGAL_POSTAL_PAPER_DAYS = 3  # R225-77: received three days at least before the meeting
LEGAL_POSTAL_ELECTRONIC_DAYS = 1  # R225-77: electronic forms until the day before, 15:00 Paris
LEGAL_POSTAL_ELECTRONIC_TIME = time(15, 0)
SECOND_MEETING_MAX_MONTHS = 2


class EmptyCollegePolicy(StrEnum):
    """SCIC: what happens to the weight of a college where nobody cast a vote."""

    # Shared among the colleges that cast votes, pro rata to their weights (the usual clause).
    REDISTRIBUTE = "redistribute"
    # Kept: the majority is measured against 100 % of the weights, the empty share counting for
    # neither side, which makes adoption harder.
    KEEP = "keep"


class BlankProxyPolicy(StrEnum):
    """What a proxy without a named holder does."""

    BOARD = "board"  # FOR what the board backs, AGAINST the rest (L225-106, the law)
    ABSTAIN = "abstain"  # present for the quorum, not a vote cast (statuts' derogation only)


class TieBreak(StrEnum):
    """Election ties at the last seat."""

    OLDER_THEN_DRAW = "older_then_draw"  # the older candidate, else a recorded seeded draw
    DRAW = "draw"  # a recorded seeded draw


@dataclass(frozen=True, slots=True)
class CollegeRule:
    """A voting college: SCP codes A / B / C (kinds users / investors / hlm); SCIC: a weight."""

    code: str
    name: str
    kind: str
    weight: Fraction | None = None  # SCIC statutory weight, e.g. Fraction(2, 5)


DEFAULT_COLLEGES = {
    LegalForm.SCP: (
        CollegeRule("A", "Usagers", "users"),
        CollegeRule("B", "Autres associés", "investors"),
        CollegeRule("C", "Organismes d'HLM et coopératives", "hlm"),
    ),
    LegalForm.SCIC: (
        CollegeRule("usagers", "Usagers", "users", Fraction(2, 5)),
        CollegeRule("salaries", "Salariés", "employees", Fraction(1, 5)),
        CollegeRule("collectivites", "Collectivités publiques", "authorities", Fraction(1, 5)),
        CollegeRule("partenaires", "Partenaires", "other", Fraction(1, 5)),
    ),
}


@dataclass(frozen=True)
class GovernanceRules:
    """Every rule value of ``rules.md``, with the law's defaults. Build with ``default()``.

    Quorums are fractions of all voting rights (``None``: no quorum). Majorities are fractions
    of the votes cast: ordinary FOR > 1/2 (``strict``), extraordinary FOR >= 2/3. Postal cut-offs:
    paper received before the end of day D-``postal_paper_days``; electronic forms and online
    votes until D-``postal_electronic_days`` at ``postal_electronic_time`` (Europe/Paris).
    """

    legal_form: LegalForm
    colleges: tuple[CollegeRule, ...]
    quorum_ordinary_first: Fraction | None = Fraction(1, 5)
    quorum_ordinary_second: Fraction | None = None
    quorum_extraordinary_first: Fraction | None = Fraction(1, 4)
    quorum_extraordinary_second: Fraction | None = Fraction(1, 5)
    majority_ordinary: Fraction = Fraction(1, 2)
    majority_ordinary_strict: bool = True
    majority_extraordinary: Fraction = Fraction(2, 3)
    majority_extraordinary_strict: bool = False
    # Voting rights (SCP investors' cap, largest remainder draw): see viecoop.members.voting.
    investors_cap: Fraction = Fraction(35, 100)
    investors_cap_with_hlm: Fraction = Fraction(49, 100)
    draw_seed: int = 0
    empty_college: EmptyCollegePolicy = EmptyCollegePolicy.REDISTRIBUTE
    # Proxies, remote participation, postal and online votes.
    proxy_cap: int | None = None  # proxies one named holder may hold; None: no cap
    blank_proxy: BlankProxyPolicy = BlankProxyPolicy.BOARD
    remote_participation: bool = False  # remote participants deemed present (L225-107 II)
    later_vote_replaces_proxy: bool = False
    meeting_vote_replaces_postal: bool = False  # R225-85 III: not unless the statuts say so
    postal_paper_days: int = LEGAL_POSTAL_PAPER_DAYS
    postal_electronic_days: int = LEGAL_POSTAL_ELECTRONIC_DAYS
    postal_electronic_time: time = LEGAL_POSTAL_ELECTRONIC_TIME
    added_resolution_default: AddedChoice = AddedChoice.AGAINST
    # Notices.
    notice_days_first: int = LEGAL_NOTICE_DAYS[Notice.FIRST]
    notice_days_second: int = LEGAL_NOTICE_DAYS[Notice.SECOND]
    second_meeting_max_months: int = SECOND_MEETING_MAX_MONTHS
    # Elections.
    election_tie_break: TieBreak = TieBreak.OLDER_THEN_DRAW
    election_requires_majority: bool = False  # a seat needs more than half of the valid ballots

    @classmethod
    def default(
        cls, legal_form: LegalForm | str, colleges: tuple[CollegeRule, ...] | None = None, **values
    ) -> GovernanceRules:
        """The law's defaults for a legal form, with its standard colleges unless given."""
        form = LegalForm(legal_form)
        return cls(
            form, tuple(colleges) if colleges is not None else DEFAULT_COLLEGES[form], **values
        )

    def replace(self, **values) -> GovernanceRules:
        return replace(self, **values)

    # -- lookups ---------------------------------------------------------------------------

    def quorum_for(self, kind: ResolutionKind, notice: Notice | int) -> Fraction | None:
        notice = Notice(notice)
        if ResolutionKind(kind) == ResolutionKind.ORDINARY:
            return (
                self.quorum_ordinary_first
                if notice == Notice.FIRST
                else self.quorum_ordinary_second
            )
        return (
            self.quorum_extraordinary_first
            if notice == Notice.FIRST
            else self.quorum_extraordinary_second
        )

    def majority_for(self, kind: ResolutionKind) -> tuple[Fraction, bool]:
        """(fraction of votes cast, strict): adopted when FOR > (or >=) fraction × cast."""
        if ResolutionKind(kind) == ResolutionKind.ORDINARY:
            return self.majority_ordinary, self.majority_ordinary_strict
        return self.majority_extraordinary, self.majority_extraordinary_strict

    def notice_days(self, notice: Notice | int) -> int:
        return self.notice_days_first if Notice(notice) == Notice.FIRST else self.notice_days_second

    def college(self, code: str) -> CollegeRule:
        for college in self.colleges:
            if college.code == code:
                return college
        raise KeyError(code)

    def to_profile(self) -> voting.Profile:
        """The voting-rights profile of ``viecoop.members.voting`` (who votes with how many votes)."""
        return voting.Profile(
            str(self.legal_form),
            tuple(voting.College(c.code, c.name, c.kind, c.weight) for c in self.colleges),
            investors_cap=self.investors_cap,
            investors_cap_with_hlm=self.investors_cap_with_hlm,
            redistribute_empty_colleges=self.empty_college == EmptyCollegePolicy.REDISTRIBUTE,
            draw_seed=self.draw_seed,
        )

    # -- JSON ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: fractions as "n/d" strings, times as "HH:MM", enums as their values."""
        data: dict[str, Any] = {"version": RULES_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "colleges":
                value = [
                    {
                        "code": c.code,
                        "name": c.name,
                        "kind": c.kind,
                        "weight": None if c.weight is None else text.fraction(c.weight),
                    }
                    for c in value
                ]
            elif isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, Fraction):
                value = text.fraction(value)
            elif isinstance(value, time):
                value = value.strftime("%H:%M")
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GovernanceRules:
        """Rebuild frozen rules. Missing keys take today's defaults; unknown keys are refused."""
        data = dict(data)
        version = data.pop("version", RULES_VERSION)
        if version != RULES_VERSION:
            raise ValueError(f"Unknown governance rules version {version!r}.")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"Unknown governance rules keys: {', '.join(unknown)}.")
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name == "colleges":
                value = tuple(
                    CollegeRule(
                        c["code"],
                        c["name"],
                        c["kind"],
                        None if c.get("weight") is None else _parse_fraction(c["weight"]),
                    )
                    for c in value
                )
            elif name == "legal_form":
                value = LegalForm(value)
            elif name in _ENUM_FIELDS:
                value = _ENUM_FIELDS[name](value)
            elif name in _FRACTION_FIELDS:
                value = None if value is None else _parse_fraction(value)
            elif name == "postal_electronic_time":
                value = time.fromisoformat(value)
            values[name] = value
        legal_form = values.pop("legal_form")
        colleges = values.pop("colleges", DEFAULT_COLLEGES[legal_form])
        return cls(legal_form, colleges, **values)


_ENUM_FIELDS = {
    "empty_college": EmptyCollegePolicy,
    "blank_proxy": BlankProxyPolicy,
    "added_resolution_default": AddedChoice,
    "election_tie_break": TieBreak,
}
_FRACTION_FIELDS = {
    "quorum_ordinary_first",
    "quorum_ordinary_second",
    "quorum_extraordinary_first",
    "quorum_extraordinary_second",
    "majority_ordinary",
    "majority_extraordinary",
    "investors_cap",
    "investors_cap_with_hlm",
}


def _parse_fraction(value: str | int) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"An exact fraction is stored as a string 'n/d', not {value!r}.")
    return Fraction(value)


class RulesError(ValueError):
    """The rules break the law or their own consistency; ``messages`` are shown to staff."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = tuple(messages)
        super().__init__(" ".join(messages))


def _exact(value: object) -> bool:
    return isinstance(value, Rational) and not isinstance(value, bool)


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_rules(rules: GovernanceRules) -> list[str]:
    """Every breach at once, translated, for a form to show; an empty list means valid.

    The colleges and the SCP caps are checked by ``viecoop.members.voting.validate_profile``
    (SCIC weights between 10 % and 50 % adding up to 100 %, at least three colleges…).
    """
    errors: list[str] = []
    try:
        LegalForm(rules.legal_form)
    except ValueError:
        return [
            _("Unknown legal form %(form)r (expected scp or scic).") % {"form": rules.legal_form}
        ]
    errors.extend(voting.validate_profile(rules.to_profile()))

    for kind in ResolutionKind:
        for notice in Notice:
            value = rules.quorum_for(kind, notice)
            floor = LEGAL_QUORUM[(kind, notice)]
            label = _quorum_label(kind, notice)
            if value is None:
                if floor is not None:
                    errors.append(
                        _("%(label)s: the law requires at least %(floor)s.")
                        % {"label": label, "floor": text.percent(floor)}
                    )
            elif not _exact(value):
                errors.append(_("%(label)s must be an exact fraction.") % {"label": label})
            elif not 0 <= value <= 1:
                errors.append(_("%(label)s must be between 0 %% and 100 %%.") % {"label": label})
            elif floor is not None and value < floor:
                errors.append(
                    _("%(label)s (%(value)s) is below the legal minimum of %(floor)s.")
                    % {"label": label, "value": text.percent(value), "floor": text.percent(floor)}
                )

    for kind in ResolutionKind:
        value, strict = rules.majority_for(kind)
        floor, floor_strict = LEGAL_MAJORITY[kind]
        label = (
            _("The majority of ordinary resolutions")
            if kind == ResolutionKind.ORDINARY
            else _("The majority of extraordinary resolutions")
        )
        if not _exact(value):
            errors.append(_("%(label)s must be an exact fraction.") % {"label": label})
        elif not 0 < value <= 1 or (value == 1 and strict):
            errors.append(_("%(label)s must be between 0 %% and 100 %%.") % {"label": label})
        elif value < floor or (value == floor and floor_strict and not strict):
            errors.append(
                _("%(label)s (%(value)s) is below the law's: %(rule)s.")
                % {
                    "label": label,
                    "value": text.percent(value),
                    "rule": majority_rule_text(floor, floor_strict),
                }
            )

    if rules.proxy_cap is not None and (not _int(rules.proxy_cap) or rules.proxy_cap < 1):
        errors.append(_("The proxy cap must be a whole number of at least 1, or no cap."))
    for name, minimum, label in (
        (
            "notice_days_first",
            LEGAL_NOTICE_DAYS[Notice.FIRST],
            _("The notice period of a first notice"),
        ),
        (
            "notice_days_second",
            LEGAL_NOTICE_DAYS[Notice.SECOND],
            _("The notice period of a second notice"),
        ),
    ):
        value = getattr(rules, name)
        if not _int(value) or value < minimum:
            errors.append(
                _("%(label)s must be at least %(days)s days (R225-69).")
                % {"label": label, "days": minimum}
            )
    if not _int(rules.second_meeting_max_months) or not 1 <= rules.second_meeting_max_months <= 2:
        errors.append(_("The second meeting must be held within two months at most of the first."))
    # R225-77: the statuts may shorten the postal deadlines (a later cut-off), never lengthen them.
    if (
        not _int(rules.postal_paper_days)
        or not 0 <= rules.postal_paper_days <= LEGAL_POSTAL_PAPER_DAYS
    ):
        errors.append(
            _(
                "Paper postal forms must be accepted until %(days)s days before the meeting at least."
            )
            % {"days": LEGAL_POSTAL_PAPER_DAYS}
        )
    if (
        not _int(rules.postal_electronic_days)
        or not isinstance(rules.postal_electronic_time, time)
        or not 0 <= rules.postal_electronic_days <= LEGAL_POSTAL_ELECTRONIC_DAYS
        or (
            rules.postal_electronic_days == LEGAL_POSTAL_ELECTRONIC_DAYS
            and rules.postal_electronic_time < LEGAL_POSTAL_ELECTRONIC_TIME
        )
    ):
        errors.append(
            _(
                "Electronic forms and online votes must be accepted until 15:00 (Paris) the day "
                "before the meeting at least."
            )
        )
    if not _int(rules.draw_seed):
        errors.append(_("The draw seed must be a whole number."))
    return errors


def ensure_valid(rules: GovernanceRules) -> GovernanceRules:
    """``rules`` unchanged, or ``RulesError`` with every message."""
    errors = validate_rules(rules)
    if errors:
        raise RulesError(errors)
    return rules


def _quorum_label(kind: ResolutionKind, notice: Notice) -> str:
    return {
        (ResolutionKind.ORDINARY, Notice.FIRST): _(
            "The quorum of an ordinary assembly on first notice"
        ),
        (ResolutionKind.ORDINARY, Notice.SECOND): _(
            "The quorum of an ordinary assembly on second notice"
        ),
        (ResolutionKind.EXTRAORDINARY, Notice.FIRST): _(
            "The quorum of an extraordinary assembly on first notice"
        ),
        (ResolutionKind.EXTRAORDINARY, Notice.SECOND): _(
            "The quorum of an extraordinary assembly on second notice"
        ),
    }[(kind, notice)]


def majority_rule_text(value: Fraction, strict: bool) -> str:
    """'FOR > 50 % of votes cast', 'FOR ≥ 2/3 of votes cast', in the active language."""
    params = {"value": text.threshold(value)}
    if strict:
        return _("FOR > %(value)s of votes cast") % params
    return _("FOR ≥ %(value)s of votes cast") % params


def voters_from_register(
    rules: GovernanceRules, members: Iterable[voting.Voter]
) -> tuple[tuple[Voter, ...], voting.VotingRights]:
    """The frozen list of voters with their votes, from the register at the record date.

    ``members`` are ``viecoop.members.voting.Voter`` (member id, college, shares) of the members
    admitted and holding a share at the record date. The SCP investors' cap, its largest
    remainder and its recorded draw are applied by ``viecoop.members.voting``; the voting rights
    are returned too, for their explanation and draw. Raises ``voting.ProfileError``.
    """
    rights = voting.compute_voting_rights(rules.to_profile(), members)
    voters = tuple(Voter(m.member_id, m.college, m.votes) for m in rights.members.values())
    return voters, rights
