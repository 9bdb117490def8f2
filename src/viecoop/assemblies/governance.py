"""Between the database and the pure modules: the coop's profile as the engine's
``GovernanceRules``, frozen rules read back, and voting rights at a date with the coop's caps.

Nothing here decides a rule: the rules live in ``assemblies/engine`` (quorum, majorities,
weighting, proxies, cut-offs, notices, elections) and ``members/voting.py`` (who votes with
how many votes). This module only translates stored values into their inputs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from viecoop.members import selectors as member_selectors
from viecoop.members import voting
from viecoop.members.models import College, Member
from viecoop.organizations.models import Coop

from . import engine
from .models import Assembly, GovernanceProfile


def _colleges(coop: Coop) -> tuple[engine.CollegeRule, ...]:
    return tuple(
        engine.CollegeRule(
            college.code,
            college.name,
            college.kind,
            Fraction(college.weight) / 100 if college.weight is not None else None,
        )
        for college in College.objects.filter(coop=coop).order_by("position", "code")
    )


def rules_from_profile(
    profile: GovernanceProfile, *, draw_seed: int = 0, colleges=None
) -> engine.GovernanceRules:
    """The engine's rules for this profile and the register's colleges (one query)."""
    coop = profile.coop
    return engine.GovernanceRules.default(
        coop.legal_form,
        colleges if colleges is not None else _colleges(coop),
        quorum_ordinary_first=profile.fraction("quorum_ordinary_first"),
        quorum_ordinary_second=profile.fraction("quorum_ordinary_second"),
        quorum_extraordinary_first=profile.fraction("quorum_extraordinary_first"),
        quorum_extraordinary_second=profile.fraction("quorum_extraordinary_second"),
        majority_ordinary=profile.fraction("majority_ordinary"),
        majority_extraordinary=profile.fraction("majority_extraordinary"),
        investors_cap=profile.fraction("investors_cap"),
        investors_cap_with_hlm=profile.fraction("investors_cap_with_hlm"),
        draw_seed=draw_seed,
        empty_college=engine.EmptyCollegePolicy(profile.empty_college),
        proxy_cap=profile.proxy_cap,
        blank_proxy=engine.BlankProxyPolicy(profile.blank_proxy),
        remote_participation=profile.remote_participation,
        later_vote_replaces_proxy=profile.later_vote_replaces_proxy,
        meeting_vote_replaces_postal=profile.meeting_vote_replaces_postal,
        postal_paper_days=profile.postal_paper_days,
        postal_electronic_days=profile.postal_electronic_days,
        postal_electronic_time=profile.postal_electronic_time,
        added_resolution_default=engine.AddedChoice(profile.added_resolution_default),
        notice_days_first=profile.notice_days_first,
        notice_days_second=profile.notice_days_second,
        second_meeting_max_months=profile.second_meeting_max_months,
        election_tie_break=engine.TieBreak(profile.election_tie_break),
        election_requires_majority=profile.election_requires_majority,
    )


def rules_problems(*, profile: GovernanceProfile) -> list[str]:
    """Every reason the profile cannot be used (the engine's validation), for the managers' form."""
    try:
        rules = rules_from_profile(profile)
    except (ValueError, ZeroDivisionError):
        return []  # the field validators already say which value is not a fraction
    return engine.validate_rules(rules)


def current_rules(*, coop: Coop, draw_seed: int = 0) -> engine.GovernanceRules:
    """The rules an assembly called today would get."""
    from .services.profile import governance_profile_for

    return rules_from_profile(governance_profile_for(coop=coop), draw_seed=draw_seed)


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(data: Any) -> str:
    """SHA-256 of the canonical JSON: printed on the minutes, checked by the recount."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def rules_of(assembly: Assembly) -> engine.GovernanceRules:
    """The assembly's rules: frozen at the notice, else what the coop's profile says today."""
    if assembly.rules:
        return engine.GovernanceRules.from_dict(assembly.rules)
    return current_rules(coop=assembly.coop, draw_seed=assembly.draw_seed)


@dataclass(frozen=True)
class FrozenRights:
    rights: voting.VotingRights
    shares: dict[int, int]

    @property
    def members(self):
        return self.rights.members

    @property
    def total_votes(self) -> int:
        return self.rights.total_votes

    @property
    def draw(self):
        return self.rights.draw

    @property
    def explanation(self):
        return self.rights.explanation


def voting_rights_for(*, coop: Coop, on: date, draw_seed: int) -> FrozenRights:
    """Who votes on ``on`` with how many votes: the register at that date (balances, and each
    member's college on that date) through ``engine.voters_from_register``, i.e. the voting
    rights of ``members/voting`` with the caps and college policy of the coop's profile."""
    balances = member_selectors.balances_at(coop=coop, on=on)
    codes = dict(College.objects.filter(coop=coop).values_list("pk", "code"))
    then = member_selectors.colleges_on(coop=coop, on=on)
    eligible = (
        Member.objects.filter(coop=coop, admission_date__lte=on)
        .exclude(status=Member.Status.LEFT, exit_date__lte=on)
        .order_by()
        .values_list("pk", "college_id")
    )
    voters = [
        voting.Voter(member_id=pk, college=codes[then.get(pk, college_id)], shares=balances[pk])
        for pk, college_id in eligible
        if pk in balances
    ]
    _engine_voters, rights = engine.voters_from_register(
        current_rules(coop=coop, draw_seed=draw_seed), voters
    )
    return FrozenRights(rights=rights, shares={v.member_id: v.shares for v in voters})
