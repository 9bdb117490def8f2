"""Meetings of a group: events whose audience is the group, announced to its members."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from viecoop.events import services as event_services
from viecoop.events.models import Event
from viecoop.events.paths import event_absolute_url

from ..models import Membership, WorkingGroup
from .notify import send_to


@transaction.atomic
def group_meeting_create(*, actor, group: WorkingGroup, **data: Any) -> Event:
    """Plan a meeting of ``group`` (an event of its space) and tell its members."""
    data.setdefault("kind", Event.Kind.GROUP_MEETING)
    event = event_services.event_create(
        actor=actor, coop=group.coop, audience="group", audience_target=group.pk, **data
    )
    if event.is_published:
        for membership in (
            Membership.objects.filter(group=group, status=Membership.Status.ACTIVE)
            .exclude(notify=Membership.Notify.NONE)
            .exclude(user=actor)
            .select_related("user")
        ):
            send_to(
                membership.user,
                "groups/meeting",
                group,
                {"event": event, "event_url": event_absolute_url(event)},
            )
    return event
