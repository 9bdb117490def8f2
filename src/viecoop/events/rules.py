"""Who may see, join and organise events.

Space permissions (``events.view_network_events``, ``events.create_coop_event``…) take no
object or a coop, as ``space_view`` / ``coop_view`` check them. Event permissions take
the event: its audience kind (``audiences.py``) says who sees it and who may register;
the organisers are the staff of the organising coop, the federation team for events of
the network space, and whoever the audience kind adds (a working group's coordinators).
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

from .audiences import get_audience
from .models import Event


@rules.predicate
def is_event_organiser(user, event: Event) -> bool:
    if event is None or not user.is_authenticated:
        return False
    roles = roles_for(user)
    if event.coop_id is not None and roles.in_coop(event.coop_id) & CoopRole.STAFF_ROLES:
        return True
    if event.space == Event.Space.NETWORK and roles.federation_roles:
        return True
    return get_audience(event.audience).can_manage(user, event)


@rules.predicate
def is_in_event_audience(user, event: Event) -> bool:
    if event is None or event.status == Event.Status.DRAFT:
        return False
    return get_audience(event.audience).can_view(user, event)


@rules.predicate
def may_register_to_event(user, event: Event) -> bool:
    if event is None or event.status != Event.Status.PUBLISHED:
        return False
    return get_audience(event.audience).can_register(user, event)


rules.add_perm("events.view_network_events", is_staff_of_any_coop | is_federation_team)
rules.add_perm("events.create_network_event", is_federation_team)
rules.add_perm("events.view_coop_events", is_coop_participant)
rules.add_perm("events.create_coop_event", is_coop_staff)

rules.add_perm("events.view_event", is_event_organiser | is_in_event_audience)
rules.add_perm("events.register_event", may_register_to_event)
rules.add_perm("events.manage_event", is_event_organiser)
