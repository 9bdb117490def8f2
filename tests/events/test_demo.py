"""The demo shows the network's history and a future, with a full event and its waiting list."""

import pytest

from viecoop.demo.world import build_demo_world
from viecoop.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_demo_world()
    count = Event.objects.count()
    build_demo_world()
    assert Event.objects.count() == count  # idempotent
    first = Event.objects.get(title__startswith="Première rencontre du réseau")
    assert first.starts_at.date().isoformat() == "2020-12-04"
    assert first.minutes and first.documents.exists()
    assert Event.objects.upcoming().filter(space="network").count() >= 2
    assert Event.objects.past().filter(space="network", minutes__gt="").count() >= 3
    assert {"in_person", "remote"} <= set(Event.objects.values_list("format", flat=True))
    full = Event.objects.get(capacity=8)
    assert Registration.objects.filter(event=full, status="confirmed").count() == 8
    assert Registration.objects.filter(event=full, status="waitlisted").exists()
    kinds = set(Event.objects.filter(space="coop").values_list("kind", flat=True))
    assert {"coopsday", "party", "outing"} <= kinds
    assert Registration.objects.filter(attended=True).exists()
