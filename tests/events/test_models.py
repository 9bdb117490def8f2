"""The database guards the invariants of events and registrations, whatever the services do."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from viecoop.events.audiences import (
    AudienceKind,
    audience_kinds,
    get_audience,
    parse_option,
)
from viecoop.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def _event(**kwargs):
    start = timezone.now() + timedelta(days=7)
    data = {
        "space": "network",
        "kind": Event.Kind.THEMATIC_MEETING,
        "title": "Rencontre",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "audience": "network",
    }
    data.update(kwargs)
    return Event.objects.create(**data)


def test_an_event_cannot_end_before_it_starts():
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        _event(starts_at=start, ends_at=start - timedelta(minutes=1))


def test_a_coop_event_needs_its_coop(coop_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        _event(space="coop", audience="coop_members")
    assert _event(space="coop", audience="coop_members", coop=coop_a).pk


def test_seats_are_unique_and_only_for_confirmed_registrations(referent_a, manager_a):
    event = _event(capacity=1)
    Registration.objects.create(event=event, user=referent_a, status="confirmed", seat=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=manager_a, status="confirmed", seat=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, user=manager_a, status="waitlisted", seat=2, waitlisted_at=timezone.now()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=referent_a, status="cancelled")


def test_the_registry_knows_the_built_in_audiences_and_refuses_unknown_ones(referent_a):
    keys = {kind.key for kind in audience_kinds()}
    assert {"network", "referents", "coop_staff", "coop_members"} <= keys
    unknown = get_audience("no-such-app")
    assert isinstance(unknown, AudienceKind)
    assert not unknown.can_view(referent_a, _event(audience="no-such-app"))
    assert parse_option("group:12") == ("group", 12)
    assert parse_option("coop_members") == ("coop_members", None)
