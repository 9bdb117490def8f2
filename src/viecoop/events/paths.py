"""Where an event's pages are: the network's or its coop's space, by the same action names."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .models import Event


def event_url(event: Event, action: str = "detail", **kwargs) -> str:
    """``event_url(event, "register")`` → /reseau/evenements/12/inscription/ or the coop's."""
    kwargs["pk"] = event.pk
    if event.space == Event.Space.COOP:
        kwargs["coop_slug"] = event.coop.slug
    return reverse(f"events:{event.space}_{action}", kwargs=kwargs)


def event_absolute_url(event: Event, action: str = "detail", **kwargs) -> str:
    return settings.SITE_URL + event_url(event, action, **kwargs)


def list_url(space: str, coop=None) -> str:
    if space == Event.Space.COOP:
        return reverse("events:coop_list", kwargs={"coop_slug": coop.slug})
    return reverse("events:network_list")
