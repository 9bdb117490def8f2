"""Events made through the service (so they are valid and audited), with test defaults."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.organizations.factories import CoopRoleFactory
from viecoop.events import services
from viecoop.events.models import Event

_counter = iter(range(1, 10**6))


def make_event(*, coop=None, audience: str | None = None, actor=None, **data) -> Event:
    """A published event a week from now, two hours long; network unless ``coop`` is given."""
    start = data.pop("starts_at", None) or timezone.now() + timedelta(days=7)
    start = start.replace(second=0, microsecond=0)  # as a form gives it (ICS has seconds)
    data.setdefault("ends_at", start + timedelta(hours=2))
    data.setdefault("kind", Event.Kind.THEMATIC_MEETING)
    data.setdefault("title", f"Rencontre n°{next(_counter)}")
    data.setdefault("format", Event.Format.REMOTE)
    data.setdefault("online_url", "https://visio.example.org/salle")
    if audience is None:
        audience = "coop_members" if coop is not None else "network"
    with transaction.atomic():
        return services.event_create(
            actor=actor, coop=coop, audience=audience, starts_at=start, **data
        )


def make_past_event(**data) -> Event:
    """An event that took place last week (written directly: services refuse the past)."""
    event = make_event(**data)
    start = timezone.now() - timedelta(days=7)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    event.refresh_from_db()
    return event


def referent(coop, **kwargs):
    user = UserFactory(**kwargs)
    CoopRoleFactory(user=user, coop=coop, role="referent")
    return user


def member(coop, **kwargs):
    user = UserFactory(**kwargs)
    CoopRoleFactory(user=user, coop=coop, role="member")
    return user


def staff(coop, **kwargs):
    user = UserFactory(**kwargs)
    CoopRoleFactory(user=user, coop=coop, role="staff")
    return user
