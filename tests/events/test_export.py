"""A person's registrations are part of their personal data export (RGPD)."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from tests.events.factories import make_event
from viecoop.accounts.services import user_export_data
from viecoop.events import services

pytestmark = pytest.mark.django_db


def test_export_holds_registrations_and_the_feed(coop_a, member_a):
    event = make_event(coop=coop_a, title="Coopsday")
    with transaction.atomic():
        services.registration_create(
            actor=member_a, event=event, user=member_a, comment="Avec ma fille"
        )
        services.calendar_feed_create(user=member_a)
    data = user_export_data(user=member_a)["events"]
    (registration,) = data["registrations"]
    assert registration["event"] == "Coopsday" and registration["comment"] == "Avec ma fille"
    assert data["calendar_feed"]["created_at"]
    json.dumps(data, cls=DjangoJSONEncoder)  # JSON-ready
