"""The coop's governance profile: created with the coop, edited by its managers, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import GovernanceProfile

EDITABLE_FIELDS = (
    *GovernanceProfile.FRACTION_FIELDS,
    "empty_college",
    "proxy_cap",
    "blank_proxy",
    "remote_participation",
    "later_vote_replaces_proxy",
    "meeting_vote_replaces_postal",
    "postal_paper_days",
    "postal_electronic_days",
    "postal_electronic_time",
    "added_resolution_default",
    "notice_days_first",
    "notice_days_second",
    "second_meeting_max_months",
    "election_tie_break",
    "election_requires_majority",
)


def governance_setup(*, coop: Coop) -> GovernanceProfile:
    """The law's defaults for a new coop (idempotent; a coop setup hook)."""
    profile, _created = GovernanceProfile.objects.get_or_create(coop=coop)
    return profile


def governance_profile_for(*, coop: Coop) -> GovernanceProfile:
    return GovernanceProfile.objects.filter(coop=coop).first() or governance_setup(coop=coop)


@transaction.atomic
def governance_update(*, actor, coop: Coop, **data: Any) -> GovernanceProfile:
    """Change the profile's values; the engine's own validation must accept the result.

    Assemblies already called keep the rules frozen in them: only later notices see the change.
    """
    profile = GovernanceProfile.objects.select_for_update().get(
        pk=governance_profile_for(coop=coop).pk
    )
    before = {name: getattr(profile, name) for name in EDITABLE_FIELDS}
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(name)
        setattr(profile, name, value)
    profile.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    profile.full_clean()
    from ..governance import rules_problems

    problems = rules_problems(profile=profile)
    if problems:
        raise ValidationError(problems)
    changed = {
        name: {"from": before[name], "to": getattr(profile, name)}
        for name in EDITABLE_FIELDS
        if before[name] != getattr(profile, name)
    }
    if not changed:
        return profile
    profile.save()
    audit_record(
        actor=actor,
        action="governance.update",
        obj=profile,
        coop=coop,
        details={"changes": changed},
    )
    return profile


__all__ = ["governance_profile_for", "governance_setup", "governance_update"]
