"""The e-mails people get, rendered in their language, with what they need and nothing more."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from tests.events.factories import make_event, member
from viecoop.events import services

pytestmark = pytest.mark.django_db


def _register(event, user):
    with transaction.atomic():
        return services.registration_create(actor=user, event=event, user=user)


def _html(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def test_promotion_email_in_french_with_the_link(coop_a, django_capture_on_commit_callbacks):
    event = make_event(
        coop=coop_a,
        title="Atelier compost",
        capacity=1,
        online_url="https://visio.example.org/compost",
        format="hybrid",
        place_name="Salle commune",
        city="Rennes",
    )
    first = member(coop_a)
    waiting = member(coop_a, first_name="Odile")
    registration = _register(event, first)
    _register(event, waiting)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.registration_cancel(actor=first, registration=registration)
    (message,) = mail.outbox
    assert message.to == [waiting.email]
    assert message.subject == "Une place est à vous : Atelier compost"
    assert "Bonjour Odile," in message.body
    assert (
        "une place s’est libérée" in message.body.lower()
        or "une place s'est libérée" in message.body.lower()
    )
    assert "https://visio.example.org/compost" in message.body  # a seat: the link
    assert "Salle commune, Rennes" in message.body
    assert f"/c/coop-a/evenements/{event.pk}/" in message.body
    html = _html(message)
    assert "Atelier compost" in html and 'lang="fr"' in html


def test_waiting_list_email_has_no_link(coop_a, django_capture_on_commit_callbacks):
    event = make_event(coop=coop_a, capacity=1, online_url="https://visio.example.org/secret")
    _register(event, member(coop_a))
    with django_capture_on_commit_callbacks(execute=True):
        _register(event, member(coop_a))
    (message,) = mail.outbox
    assert (
        "liste d’attente" in message.subject.lower() or "liste d'attente" in message.subject.lower()
    )
    assert "visio.example.org/secret" not in message.body + _html(message)


def test_reminder_email_in_the_persons_language(coop_a, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(days=3)
    event = make_event(coop=coop_a, title="Coopsday", starts_at=start)
    english = member(coop_a, first_name="Ann", language="en")
    french = member(coop_a, first_name="Anne")
    _register(event, english)
    _register(event, french)
    mail.outbox.clear()
    with (
        time_machine.travel(start - timedelta(hours=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.send_due_reminders() == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[english.email].subject == "Reminder: Coopsday"
    assert by_person[french.email].subject == "Rappel : Coopsday"
    assert "Bonjour Anne," in by_person[french.email].body
    assert "Hello Ann," in by_person[english.email].body
    assert "visio.example.org" in by_person[french.email].body


def test_minutes_email_renders_markdown_safely(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    event = make_event(coop=coop_a, title="Rencontre")
    person = member(coop_a)
    _register(event, person)
    mail.outbox.clear()
    with transaction.atomic():
        services.minutes_save(
            actor=manager_a,
            event=event,
            minutes="## Décisions\n- un **jardin**\n<script>alert(1)</script>",
        )
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.minutes_send(actor=manager_a, event=event)
    (message,) = mail.outbox
    assert message.subject == "Compte rendu : Rencontre"
    assert "un **jardin**" in message.body  # plain text keeps the Markdown
    html = _html(message)
    assert "<strong>jardin</strong>" in html and "<script>" not in html


def test_cancellation_email_says_why(coop_a, manager_a, django_capture_on_commit_callbacks):
    event = make_event(coop=coop_a, title="Sortie vélo")
    _register(event, member(coop_a))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.event_cancel(actor=manager_a, event=event, reason="Alerte météo")
    (message,) = mail.outbox
    assert message.subject == "Annulé : Sortie vélo"
    assert "Alerte météo" in message.body and "Alerte météo" in _html(message)
