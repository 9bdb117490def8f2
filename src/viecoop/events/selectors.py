"""Reads about events: lists by space with filters, a person's events, the month grid.

Visibility is one ``Q`` built from the audience registry (no query), so a list costs the
same few queries whatever the number of events, kinds and coops.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from viecoop.core.text import fold
from viecoop.organizations.models import Coop, CoopRole
from viecoop.organizations.selectors import roles_for

from .audiences import NOTHING, audience_kinds, get_audience, visible_events_q
from .models import Event, EventDocument, Registration

ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def organiser_q(user) -> Q:
    """Events ``user`` organises (drafts included), as a ``Q`` over ``Event``."""
    roles = roles_for(user)
    staff_coops = [cid for cid, r in roles.coop_roles.items() if r & CoopRole.STAFF_ROLES]
    q = Q(coop_id__in=staff_coops) if staff_coops else NOTHING
    if roles.federation_roles:
        q |= Q(space=Event.Space.NETWORK)
    for kind in audience_kinds():
        q |= kind.manageable_q(user)
    return q


def visible_q(user) -> Q:
    """Events ``user`` may see: published or cancelled ones of their audiences, and their own."""
    return (visible_events_q(user) & ~Q(status=Event.Status.DRAFT)) | organiser_q(user)


def _count(status: str):
    return Coalesce(
        Subquery(
            Registration.objects.filter(event=OuterRef("pk"), status=status)
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_counts(qs: QuerySet[Event], user=None) -> QuerySet[Event]:
    """Seats taken, people waiting and (for ``user``) their own status, without extra rows."""
    qs = qs.annotate(
        confirmed_count=_count(Registration.Status.CONFIRMED),
        waitlist_count=_count(Registration.Status.WAITLISTED),
    )
    if user is not None and user.is_authenticated:
        qs = qs.annotate(
            my_status=Subquery(
                Registration.objects.filter(event=OuterRef("pk"), user=user).values("status")[:1]
            )
        )
    return qs


@dataclass
class EventFilters:
    when: str = "upcoming"  # "upcoming" | "past"
    kind: str = ""
    audience: str = ""
    coop: int | None = None
    region: str = ""
    search: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kind or self.audience or self.coop or self.region or self.search)


def event_list(
    *,
    user,
    space: str,
    coop: Coop | None = None,
    filters: EventFilters | None = None,
    now: datetime | None = None,
) -> QuerySet[Event]:
    """Events of a space that ``user`` may see, filtered, soonest first (latest first if past)."""
    filters = filters or EventFilters()
    now = now or timezone.now()
    qs = Event.objects.filter(space=space).filter(visible_q(user))
    if coop is not None:
        qs = qs.filter(coop=coop)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.audience:
        qs = qs.filter(audience=filters.audience)
    if filters.coop:
        qs = qs.filter(coop_id=filters.coop)
    if filters.region:
        qs = qs.filter(region=filters.region)
    if filters.search:
        qs = qs.filter(search_text__contains=fold(filters.search))
    if filters.when == "past":
        qs = qs.past(now).order_by("-starts_at", "-pk")
    else:
        qs = qs.upcoming(now).order_by("starts_at", "pk")
    return with_counts(qs.select_related("coop"), user)


def attach_audience_labels(events: list[Event]) -> list[Event]:
    """Set ``event.audience_label`` on a page of events: one call per kind present."""
    by_kind: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_kind[event.audience].append(event)
    for key, group in by_kind.items():
        labels = get_audience(key).describe_many(group)
        for event in group:
            event.audience_label = labels.get(event.pk, "")
    return events


def events_in_month(*, user, space: str, coop: Coop | None, year: int, month: int, filters=None):
    """The visible events overlapping a month, for the calendar view."""
    tz = timezone.get_current_timezone()
    first = datetime(year, month, 1, tzinfo=tz)
    last_day = calendar.monthrange(year, month)[1]
    end = datetime(year, month, last_day, tzinfo=tz) + timedelta(days=1)
    filters = filters or EventFilters()
    qs = Event.objects.filter(space=space).filter(visible_q(user))
    if coop is not None:
        qs = qs.filter(coop=coop)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.audience:
        qs = qs.filter(audience=filters.audience)
    if filters.coop:
        qs = qs.filter(coop_id=filters.coop)
    if filters.region:
        qs = qs.filter(region=filters.region)
    if filters.search:
        qs = qs.filter(search_text__contains=fold(filters.search))
    qs = qs.filter(starts_at__lt=end, ends_at__gte=first).order_by("starts_at", "pk")
    return list(with_counts(qs.select_related("coop"), user))


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


def month_grid(events: list[Event], year: int, month: int) -> list[list[Day]]:
    """Weeks (Monday first) of days, each with the events happening that day (multi-day
    events on each of their days)."""
    today = timezone.localdate()
    weeks = []
    by_day: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        last = timezone.localtime(event.ends_at).date()
        while day <= last:
            by_day[day].append(event)
            day += timedelta(days=1)
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                Day(
                    date=day,
                    in_month=day.month == month,
                    is_today=day == today,
                    events=by_day.get(day, []),
                )
                for day in week
            ]
        )
    return weeks


def event_documents(event: Event) -> list[EventDocument]:
    return list(event.documents.select_related("uploaded_by").order_by("created_at", "pk"))


def registration_of(event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None if not waiting."""
    if not registration.is_waitlisted:
        return None
    ahead = (
        Registration.objects.filter(
            event_id=registration.event_id, status=Registration.Status.WAITLISTED
        )
        .filter(
            Q(waitlisted_at__lt=registration.waitlisted_at)
            | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1


def event_registrations(event: Event, *, include_cancelled: bool = True) -> list[Registration]:
    """Every registration of an event, for its organisers: seats, then waiting list, then
    cancellations."""
    qs = Registration.objects.filter(event=event).select_related("user", "registered_by")
    if not include_cancelled:
        qs = qs.filter(status__in=ACTIVE)
    order = {
        Registration.Status.CONFIRMED: 0,
        Registration.Status.WAITLISTED: 1,
        Registration.Status.CANCELLED: 2,
    }
    rows = list(qs)
    rows.sort(
        key=lambda r: (
            (
                order[r.status],
                r.user.last_name.casefold(),
                r.user.first_name.casefold(),
            )
            if r.status != Registration.Status.WAITLISTED
            else (order[r.status], r.waitlisted_at.timestamp(), r.pk)
        )
    )
    return rows


def registration_counts(event: Event) -> dict[str, int]:
    rows = (
        Registration.objects.filter(event=event).order_by().values("status").annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(Registration.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts["attended"] = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED, attended=True
    ).count()
    return counts


def eligible_people(event: Event, *, search: str, limit: int = 10) -> list:
    """People of the event's audience matching ``search`` (name or e-mail) who are not
    registered yet: the organisers' "register someone" search."""
    search = search.strip()
    if len(search) < 2:
        return []
    qs = get_audience(event.audience).eligible_users(event)
    registered = Registration.objects.filter(event=event, status__in=ACTIVE).values("user_id")
    terms = Q()
    for word in search.split()[:4]:
        terms &= (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return list(
        qs.filter(terms)
        .exclude(pk__in=registered)
        .order_by("last_name", "first_name", "email")[:limit]
    )


def my_registrations(*, user, when: str = "upcoming", now: datetime | None = None):
    """A person's registrations (seats and waiting lists), still visible to them."""
    now = now or timezone.now()
    events = Event.objects.filter(visible_q(user))
    qs = (
        Registration.objects.filter(user=user, status__in=ACTIVE, event__in=events)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event", "event__coop")
    )
    if when == "past":
        return qs.filter(event__ends_at__lt=now).order_by("-event__starts_at")
    return qs.filter(event__ends_at__gte=now).order_by("event__starts_at")


def feed_registrations(*, user, now: datetime | None = None) -> QuerySet[Registration]:
    """What a person's calendar feed shows: their seats and waiting lists, from six months
    back, events they may still see (a revoked role removes them)."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(
            user=user,
            status__in=ACTIVE,
            event__ends_at__gte=now - timedelta(days=183),
            event__in=Event.objects.filter(visible_q(user)),
        )
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event", "event__coop")
        .order_by("event__starts_at")
    )


def upcoming_for_me(*, user, now: datetime | None = None, limit: int = 10) -> list[Event]:
    """Upcoming events ``user`` may register to and has not: suggestions on "my events"."""
    now = now or timezone.now()
    mine = Registration.objects.filter(user=user, status__in=ACTIVE).values("event_id")
    qs = (
        Event.objects.filter(visible_events_q(user), status=Event.Status.PUBLISHED)
        .upcoming(now)
        .exclude(pk__in=mine)
        .select_related("coop")
        .order_by("starts_at", "pk")
    )
    return [
        e
        for e in with_counts(qs, user)[: limit * 2]
        if get_audience(e.audience).can_register(user, e)
    ][:limit]


def export_own_registrations(user) -> dict[str, Any]:
    """A person's registrations and calendar feed, for their personal data export (RGPD)."""
    from .models import CalendarFeed

    feed = CalendarFeed.objects.filter(user=user).first()
    return {
        "registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at,
                "ends_at": r.event.ends_at,
                "coop": r.event.coop.name if r.event.coop else None,
                "status": r.status,
                "registered_at": r.created_at,
                "comment": r.comment,
                "waitlisted_at": r.waitlisted_at,
                "promoted_at": r.promoted_at,
                "cancelled_at": r.cancelled_at,
                "attended": r.attended,
                "reminder_sent_at": r.reminder_sent_at,
            }
            for r in Registration.objects.filter(user=user)
            .select_related("event", "event__coop")
            .order_by("event__starts_at", "pk")
        ],
        "calendar_feed": (
            {"created_at": feed.created_at, "last_read_at": feed.last_used_at} if feed else None
        ),
    }
