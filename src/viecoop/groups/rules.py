"""Who may do what with working groups.

Space permissions take nothing (network) or a coop; group permissions take the group.
Reading a group's content (discussions, documents, deliverables, members) is for its
active members and its stewards (the federation team for network groups, the coop's
staff for the coop's groups); posting is for active members; running the group
(members, meetings, deliverables' proposals) is for its coordinators and stewards.
"""

import rules

from viecoop.organizations.models import CoopRole
from viecoop.organizations.rules import (
    is_coop_participant,
    is_coop_staff,
    is_federation_team,
    is_staff_of_any_coop,
)
from viecoop.organizations.selectors import roles_for

from . import access


@rules.predicate
def is_referent_anywhere(user) -> bool:
    return any(CoopRole.Role.REFERENT in r for r in roles_for(user).coop_roles.values())


@rules.predicate
def in_group_space(user, group) -> bool:
    return group is not None and access.in_space(user, group)


@rules.predicate
def is_group_steward(user, group) -> bool:
    return group is not None and access.is_steward(user, group)


@rules.predicate
def is_group_member(user, group) -> bool:
    return group is not None and access.is_active_member(user, group)


@rules.predicate
def is_group_coordinator(user, group) -> bool:
    return group is not None and access.is_coordinator(user, group)


@rules.predicate
def is_group_active(user, group) -> bool:
    return group is not None and group.is_active


rules.add_perm("groups.view_network_groups", is_staff_of_any_coop | is_federation_team)
rules.add_perm("groups.create_network_group", is_federation_team | is_referent_anywhere)
rules.add_perm("groups.view_coop_groups", is_coop_participant)
rules.add_perm("groups.create_coop_group", is_coop_staff)

rules.add_perm("groups.view_group", in_group_space)
rules.add_perm("groups.read_group", in_group_space & (is_group_member | is_group_steward))
rules.add_perm("groups.post_group", in_group_space & is_group_member & is_group_active)
rules.add_perm("groups.manage_group", in_group_space & (is_group_coordinator | is_group_steward))
