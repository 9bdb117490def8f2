"""The next network meetings come from the events app: on the home page and in the welcome."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import make_event, make_past_event
from tests.network.factories import apply, make_staff
from viecoop.events.models import Event
from viecoop.network import extensions, services
from viecoop.network.meetings import next_network_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_only_upcoming_published_meetings_open_to_referents(coop_a, fed_admin):
    soon = make_event(
        actor=fed_admin, title="Rencontre thématique : l'AG", audience="referents",
        starts_at=timezone.now() + timedelta(days=3), format=Event.Format.IN_PERSON,
        place_name="Maison des coopératives", city="Lyon", online_url="",
    )  # fmt: skip
    later = make_event(actor=fed_admin, title="Rencontre du réseau", audience="network")
    make_past_event(actor=fed_admin, title="Passée")
    make_event(actor=fed_admin, title="Brouillon", status=Event.Status.DRAFT)
    make_event(coop=coop_a, title="Fête de résidence")  # a coop's event, not the network's
    meetings = next_network_meetings(limit=5)
    assert [m.title for m in meetings] == [soon.title, later.title]
    assert meetings[0].where == "Lyon" and meetings[1].where == "À distance"
    assert meetings[0].url == reverse("events:network_detail", kwargs={"pk": soon.pk})
    assert extensions.upcoming_meetings(limit=1) == meetings[:1]


def test_the_welcome_email_names_the_next_meetings(
    as_user, coop_a, fed_admin, django_capture_on_commit_callbacks
):
    make_event(actor=fed_admin, title="Rencontre thématique : accueillir", audience="referents")
    application = apply(make_staff(coop_a), coop_a)
    client = as_user(fed_admin)
    home = as_user(application.user).get(reverse("network:home")).content.decode()
    assert "Rencontre thématique : accueillir" in home
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:application_review", kwargs={"pk": application.pk}),
            {"action": "accept"},
        )
    welcome = mail.outbox[-1]
    assert "Rencontre thématique : accueillir" in welcome.body
    assert "/reseau/evenements/" in welcome.body


def test_without_meetings_the_welcome_says_so(
    coop_a, fed_admin, django_capture_on_commit_callbacks
):
    application = apply(make_staff(coop_a), coop_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_accept(
            actor=fed_admin, application=application, meetings=extensions.upcoming_meetings()
        )
    assert "Aucune rencontre n'est encore prévue" in mail.outbox[-1].body
