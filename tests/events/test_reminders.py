"""Reminders leave once per person and event, from a command run every hour."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tests.events.factories import make_event, member
from viecoop.events import services
from viecoop.events.models import Registration
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db(transaction=True)


def _register(event, user):
    with transaction.atomic():
        return services.registration_create(actor=user, event=event, user=user)


def test_reminders_are_sent_once_within_the_window(coop_a):
    now = timezone.now()
    soon = make_event(coop=coop_a, starts_at=now + timedelta(days=5))
    later = make_event(coop=coop_a, starts_at=now + timedelta(days=20))
    ann, bob = member(coop_a), member(coop_a)
    for event in (soon, later):
        _register(event, ann)
        _register(event, bob)
    mail.outbox.clear()
    assert services.send_due_reminders() == 0  # 5 days ahead: not yet (48 hours by default)
    with time_machine.travel(now + timedelta(days=3, hours=1), tick=False):
        call_command("send_event_reminders", stdout=_Null())
        assert sorted(m.to[0] for m in mail.outbox) == sorted([ann.email, bob.email])
        assert all(soon.title in m.subject for m in mail.outbox)
        call_command("send_event_reminders", stdout=_Null())  # run again: nothing new
        assert len(mail.outbox) == 2
    assert Registration.objects.filter(event=soon, reminder_sent_at__isnull=False).count() == 2


def test_no_reminder_for_waiting_lists_cancellations_or_late_registrations(coop_a):
    now = timezone.now()
    event = make_event(coop=coop_a, starts_at=now + timedelta(days=5), capacity=1)
    first, waiting, leaving = member(coop_a), member(coop_a), member(coop_a)
    _register(event, first)
    _register(event, waiting)
    with time_machine.travel(now + timedelta(days=4), tick=False):
        late = member(coop_a)
        Registration.objects.filter(event=event, user=first).update(status="cancelled", seat=None)
        # A seat freed inside the window goes to the person waiting, told by the promotion
        # e-mail; a person registering inside the window has just had the confirmation.
        _register(event, late)
        _register(event, leaving)
        mail.outbox.clear()
        assert services.send_due_reminders() == 0
    assert mail.outbox == []


def test_no_reminder_to_someone_who_left_the_coop(coop_a):
    now = timezone.now()
    event = make_event(coop=coop_a, starts_at=now + timedelta(days=5))
    ann = member(coop_a)
    _register(event, ann)
    CoopRole.objects.filter(user=ann).delete()
    with time_machine.travel(now + timedelta(days=4), tick=False):
        assert services.send_due_reminders() == 0


def test_the_lead_time_is_a_setting_and_an_option(coop_a, settings):
    now = timezone.now()
    event = make_event(coop=coop_a, starts_at=now + timedelta(days=9))
    _register(event, member(coop_a))
    with time_machine.travel(now + timedelta(days=2), tick=False):
        settings.EVENTS_REMINDER_HOURS = 24 * 8
        assert services.send_due_reminders() == 1


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
