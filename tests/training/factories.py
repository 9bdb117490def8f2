"""Programmes, sessions and cohorts made through the training services."""

from __future__ import annotations

import datetime
import itertools

from django.db import transaction
from django.utils import timezone

from tests.network.factories import make_staff
from viecoop.events.models import Event
from viecoop.training import services
from viecoop.training.models import Programme

_numbers = itertools.count(1)


@transaction.atomic
def make_programme(actor=None, **data) -> Programme:
    n = next(_numbers)
    data.setdefault("title", f"Faire vivre la coopération n°{n}")
    data.setdefault("slug", f"promotion-{n}")
    data.setdefault("starts_on", timezone.localdate())
    data.setdefault("status", Programme.Status.RUNNING)
    return services.programme_create(actor=actor, **data)


@transaction.atomic
def make_session(programme, actor=None, *, number=1, days_from_now=30, length_days=2, **data):
    start = (timezone.localtime() + datetime.timedelta(days=days_from_now)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    data.setdefault("title", "Partager et découvrir")
    data.setdefault("format", Event.Format.IN_PERSON)
    data.setdefault("place_name", "Maison des coopératives")
    data.setdefault("city", "Paris")
    return services.session_create(
        actor=actor,
        programme=programme,
        number=number,
        starts_at=start,
        ends_at=start + datetime.timedelta(days=length_days - 1, hours=7),
        **data,
    )


@transaction.atomic
def enrolled(session, coop, actor=None, user=None, **user_fields):
    user = user or make_staff(coop, **user_fields)
    services.participant_enroll(actor=actor, session=session, user=user)
    return user
