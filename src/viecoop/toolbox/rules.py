"""Who may do what in the toolbox.

The toolbox lives in the network space: every coop staff person (manager, référent, staff)
reads what is published; the federation's team manages it. Members read, in their coop's
space, the published resources meant for members. Proposals come from référents (and
managers); relays go from a référent or manager to colleagues of the same coop.
"""

import rules

from viecoop.organizations.models import CoopRole
from viecoop.organizations.rules import (
    is_coop_manager,
    is_coop_participant,
    is_coop_referent,
    is_federation_team,
    is_staff_of_any_coop,
)
from viecoop.organizations.selectors import roles_for

RELAY_ROLES = frozenset({CoopRole.Role.REFERENT, CoopRole.Role.MANAGER})


@rules.predicate
def is_referent_or_manager_somewhere(user) -> bool:
    return any(roles & RELAY_ROLES for roles in roles_for(user).coop_roles.values())


rules.add_perm("toolbox.view_toolbox", is_staff_of_any_coop | is_federation_team)
rules.add_perm("toolbox.rate_resource", is_staff_of_any_coop)
rules.add_perm("toolbox.propose_resource", is_referent_or_manager_somewhere)
rules.add_perm("toolbox.relay_resource", is_coop_referent | is_coop_manager)
rules.add_perm("toolbox.manage_toolbox", is_federation_team)
rules.add_perm("toolbox.view_member_resources", is_coop_participant)


def relay_coops(user) -> list:
    """The coops where ``user`` may relay resources (référent or manager there)."""
    roles = roles_for(user)
    return [coop for coop in roles.coops if roles.in_coop(coop) & RELAY_ROLES]


def acting_coop(user):
    """The coop a staff person acts for in the network (their first staff coop), or None."""
    roles = roles_for(user)
    return next((c for c in roles.coops if roles.in_coop(c) & CoopRole.STAFF_ROLES), None)
