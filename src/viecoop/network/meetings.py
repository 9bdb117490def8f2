"""The next network meetings, from the events app (plugged in by ``apps.py`` when installed)."""

from __future__ import annotations

from django.utils import timezone

from .extensions import Meeting

# Audiences every référent belongs to: the whole network, and the référents.
OPEN_AUDIENCES = ("network", "referents")


def next_network_meetings(*, limit: int = 3) -> list[Meeting]:
    """Published network events open to référents, soonest first (one query)."""
    from viecoop.events.models import Event
    from viecoop.events.paths import event_url

    events = (
        Event.objects.filter(
            space=Event.Space.NETWORK,
            status=Event.Status.PUBLISHED,
            audience__in=OPEN_AUDIENCES,
            ends_at__gte=timezone.now(),
        )
        .select_related("coop")
        .order_by("starts_at", "pk")[:limit]
    )
    return [
        Meeting(
            title=event.title,
            start=event.starts_at,
            url=event_url(event),
            where=event.city if event.has_place and event.city else event.get_format_display(),
        )
        for event in events
    ]
