"""iCalendar (RFC 5545) for one event and for a person's feed, with the icalendar library.

Times are written in Europe/Paris with its VTIMEZONE (calendar apps then show the
right local time even across the summer-time change), DTSTAMP in UTC. The UID is the
event's random uuid with the site's domain: stable, so a calendar updates its copy;
SEQUENCE rises with each change people must see; a cancelled event stays in the feed
with STATUS:CANCELLED so calendars cross it out instead of silently dropping it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event, Registration
from .paths import event_absolute_url

PRODID = "-//viecoop//Evenements//FR"
PARIS = ZoneInfo("Europe/Paris")


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "viecoop"


def event_uid(event: Event) -> str:
    return f"{event.uid}@{uid_domain()}"


def _description(event: Event, *, url: str, with_link: bool, waiting: bool) -> str:
    parts = []
    if waiting:
        parts.append(_("You are on the waiting list: you will get an e-mail if a seat frees up."))
    if event.is_cancelled:
        parts.append(
            _("Cancelled.") + (f" {event.cancellation_reason}" if event.cancellation_reason else "")
        )
    if event.summary:
        parts.append(event.summary)
    if event.agenda:
        parts.append(event.agenda)
    if with_link and event.has_link and event.online_url:
        line = _("Join remotely: %(url)s") % {"url": event.online_url}
        if event.online_details:
            line += f"\n{event.online_details}"
        parts.append(line)
    parts.append(url)
    return "\n\n".join(parts)


def _location(event: Event, *, with_link: bool) -> str:
    if event.has_place:
        return event.full_address()
    if with_link and event.online_url:
        return event.online_url
    return _("Remote")


def vevent(
    event: Event, *, with_link: bool = False, registration: Registration | None = None
) -> VEvent:
    waiting = registration is not None and registration.is_waitlisted
    url = event_absolute_url(event)
    component = VEvent()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    component.add("dtstart", event.starts_at.astimezone(PARIS))
    component.add("dtend", event.ends_at.astimezone(PARIS))
    component.add("created", event.created_at.astimezone(ZoneInfo("UTC")))
    component.add("last-modified", event.updated_at.astimezone(ZoneInfo("UTC")))
    component.add("sequence", event.sequence)
    title = event.title
    if waiting:
        title = _("[Waiting list] %(title)s") % {"title": title}
    component.add("summary", title)
    component.add("description", _description(event, url=url, with_link=with_link, waiting=waiting))
    component.add("location", _location(event, with_link=with_link))
    component.add("url", url)
    component.add("categories", [str(event.get_kind_display())])
    if event.is_cancelled:
        status = "CANCELLED"
    elif waiting or event.status == Event.Status.DRAFT:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    component.add("status", status)
    component.add("transp", "TRANSPARENT" if waiting else "OPAQUE")
    return component


def calendar(components: Iterable[VEvent], *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    # Calendar apps poll a feed on their own schedule; this asks for every hour or so.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    days = []
    for component in components:
        cal.add_component(component)
        days += [component.start.date(), component.end.date()]
    # The VTIMEZONE lists Paris's offset changes over the span the events cover (a year of
    # margin on each side), not icalendar's default 1970–2038.
    if days:
        cal.add_missing_timezones(
            first_date=date(min(days).year - 1, 1, 1), last_date=date(max(days).year + 2, 1, 1)
        )
    return cal.to_ical()


def event_ics(event: Event, *, with_link: bool, registration: Registration | None) -> bytes:
    return calendar(
        [vevent(event, with_link=with_link, registration=registration)], name=event.title
    )


def feed_ics(registrations: Iterable[Registration], *, name: str) -> bytes:
    return calendar(
        (vevent(r.event, with_link=r.is_confirmed, registration=r) for r in registrations),
        name=name,
    )
