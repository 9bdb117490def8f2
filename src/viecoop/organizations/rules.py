"""Who may do what, as django-rules predicates over (user, coop).

Permissions are named ``<app>.<verb>_<thing>``. Objects of another coop never
reach these checks: the tenancy layer answers 404 first.
"""

from __future__ import annotations

import rules

from .models import CoopRole, FederationRole
from .selectors import roles_for


def has_coop_role(*wanted: str):
    wanted_set = frozenset(wanted)

    @rules.predicate(name=f"has_coop_role({','.join(sorted(wanted))})")
    def predicate(user, coop) -> bool:
        return bool(roles_for(user).in_coop(coop) & wanted_set)

    return predicate


is_coop_manager = has_coop_role(CoopRole.Role.MANAGER)
is_coop_referent = has_coop_role(CoopRole.Role.REFERENT)
is_coop_staff = has_coop_role(*CoopRole.STAFF_ROLES)
is_coop_participant = has_coop_role(*CoopRole.Role.values)


@rules.predicate
def is_federation_admin(user) -> bool:
    return FederationRole.Role.ADMIN in roles_for(user).federation_roles


@rules.predicate
def is_federation_team(user) -> bool:
    return bool(roles_for(user).federation_roles)


@rules.predicate
def is_staff_of_any_coop(user) -> bool:
    return roles_for(user).is_staff_somewhere


# Coop space
rules.add_perm("organizations.view_coop", is_coop_participant)
rules.add_perm("organizations.view_coop_staff_area", is_coop_staff)
rules.add_perm("organizations.change_coop", is_coop_manager)
rules.add_perm("organizations.view_residences", is_coop_staff)
rules.add_perm("organizations.manage_residences", is_coop_staff)
rules.add_perm("organizations.view_team", is_coop_staff)
rules.add_perm("organizations.manage_team", is_coop_manager)
rules.add_perm("organizations.invite_members", is_coop_staff)

# Network and federation spaces
rules.add_perm("organizations.view_network", is_staff_of_any_coop | is_federation_team)
rules.add_perm("organizations.view_federation", is_federation_team)
rules.add_perm("organizations.manage_federation", is_federation_admin)
