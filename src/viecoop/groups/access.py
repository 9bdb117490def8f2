"""Who stands where in which working group, loaded once per request (like ``roles_for``).

*Stewards* look after every group of a space without joining: the federation team for
network groups, the coop's staff for the coop's groups. *Coordinators* run one group.
"""

from __future__ import annotations

from dataclasses import dataclass

from viecoop.organizations.models import CoopRole
from viecoop.organizations.selectors import roles_for

from .models import Membership, WorkingGroup

_CACHE_ATTR = "_viecoop_group_memberships"


@dataclass(frozen=True)
class Standing:
    status: str
    role: str


def memberships_for(user) -> dict[int, Standing]:
    """group id → the person's standing in it (one query, cached on the user object)."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {
            group_id: Standing(status, role)
            for group_id, status, role in Membership.objects.filter(user=user).values_list(
                "group_id", "status", "role"
            )
        }
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def in_space(user, group: WorkingGroup) -> bool:
    """May ``user`` see that the group exists (and ask to join it)?"""
    roles = roles_for(user)
    if group.coop_id is None:
        return roles.is_staff_somewhere or bool(roles.federation_roles)
    return bool(roles.in_coop(group.coop_id))


def is_steward(user, group: WorkingGroup) -> bool:
    roles = roles_for(user)
    if group.coop_id is None:
        return bool(roles.federation_roles)
    return bool(roles.in_coop(group.coop_id) & CoopRole.STAFF_ROLES)


def is_active_member(user, group: WorkingGroup) -> bool:
    standing = memberships_for(user).get(group.pk)
    return standing is not None and standing.status == Membership.Status.ACTIVE


def is_coordinator(user, group: WorkingGroup) -> bool:
    standing = memberships_for(user).get(group.pk)
    return (
        standing is not None
        and standing.status == Membership.Status.ACTIVE
        and standing.role == Membership.Role.COORDINATOR
    )


def standing(user, group: WorkingGroup) -> Standing | None:
    return memberships_for(user).get(group.pk)
