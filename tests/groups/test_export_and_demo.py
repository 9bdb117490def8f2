"""A person's group data in their RGPD export; the demo's two groups."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from tests.groups.factories import make_group, start
from viecoop.accounts.services import user_export_data
from viecoop.demo.world import build_demo_world
from viecoop.events.models import Event
from viecoop.groups.models import Deliverable, DocumentVersion, Message, WorkingGroup

pytestmark = pytest.mark.django_db


def test_export_holds_memberships_and_messages(coop_a, referent_a):
    group = make_group(creator=referent_a, name="Accueil")
    start(group, referent_a, title="Livret", body="Mon message à moi")
    data = user_export_data(user=referent_a)["groups"]
    assert data["memberships"][0]["group"] == "Accueil"
    assert data["messages"][0]["body"] == "Mon message à moi"
    json.dumps(data, cls=DjangoJSONEncoder)


def test_demo_groups(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_demo_world()
    build_demo_world()  # idempotent
    network = WorkingGroup.objects.get(name="Outils d'accueil des nouveaux associés")
    garden = WorkingGroup.objects.get(name="Jardin partagé des Érables")
    assert network.coop is None and garden.coop.slug == "coop-habitat-bretagne"
    for group in (network, garden):
        assert Message.objects.filter(discussion__group=group, reply_to__isnull=False).exists()
        assert Event.objects.filter(audience="group", audience_target=group.pk).count() == 2
        assert group.memberships.filter(status="active").count() >= 4
    assert network.memberships.filter(status="pending").exists()
    assert DocumentVersion.objects.filter(document__group=network).count() == 2
    assert Deliverable.objects.filter(group=network, status="final").exists()
