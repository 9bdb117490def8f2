"""What the federation's audit log never shows: associés' activity in their coop's events and
groups, nor anybody's calendar address (personal account events)."""

import pytest
from django.db import transaction

from tests.events.factories import make_event
from tests.groups.factories import add_member, make_group, post, start
from viecoop.audit.selectors import audit_entries
from viecoop.events import services as event_services
from viecoop.groups import services

pytestmark = pytest.mark.django_db


def test_coop_life_stays_out_of_the_federation_log(coop_a, manager_a, member_a):
    group = make_group(creator=manager_a, coop=coop_a)
    membership = add_member(group, member_a)
    discussion = start(group, manager_a)
    post(discussion, member_a, "Bonjour")
    event = make_event(coop=coop_a)
    with transaction.atomic():
        services.membership_set_notify(user=member_a, membership=membership, notify="none")
        event_services.registration_create(actor=member_a, event=event, user=member_a)
        event_services.calendar_feed_create(user=member_a)
    federation_log = list(audit_entries(federation_level=True))
    assert federation_log == []
    coop_actions = {e.action for e in audit_entries(coop=coop_a)}
    assert {"group.create", "group.message_post", "group.notify", "event.register"} <= coop_actions
