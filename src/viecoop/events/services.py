"""Writes on events: create, change, cancel; register, cancel, promote; attendance; minutes.

Every function is transactional and audited. Registration and cancellation lock the
event row (``select_for_update``) before counting seats, so that two people taking the
last seat at the same moment are served one after the other: one gets the seat, the
other the waiting list. Seats are numbered and unique per event (a database constraint),
which refuses a double booking even if a lock were ever forgotten.

E-mails are rendered in each recipient's language and leave after commit.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.organizations.models import Coop

from .audiences import UnknownAudience, get_audience
from .models import CalendarFeed, Event, EventDocument, Registration


class RegistrationError(Exception):
    """A registration the rules refuse, with a message for people."""


EVENT_FIELDS = (
    "kind",
    "title",
    "summary",
    "agenda",
    "format",
    "place_name",
    "address",
    "postal_code",
    "city",
    "region",
    "online_url",
    "online_details",
    "starts_at",
    "ends_at",
    "capacity",
    "waitlist_enabled",
    "registration_open",
    "registration_closes_at",
)
# A change to one of these is a change people's calendars must show (iCalendar SEQUENCE)
# and registered people are told about.
SIGNIFICANT_FIELDS = frozenset(
    {
        "title",
        "format",
        "place_name",
        "address",
        "postal_code",
        "city",
        "online_url",
        "online_details",
        "starts_at",
        "ends_at",
    }
)
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENT_EXTENSIONS = frozenset(
    {"pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv", "md"}
    | {"jpg", "jpeg", "png", "webp"}
)


def reminder_lead() -> timedelta:
    """How long before an event its reminder leaves (setting ``EVENTS_REMINDER_HOURS``)."""
    return timedelta(hours=getattr(settings, "EVENTS_REMINDER_HOURS", 48))


def _check_event(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors.setdefault("ends_at", []).append(_("The event cannot end before it starts."))
    if event.has_place and not (event.place_name or event.city):
        errors.setdefault("place_name", []).append(
            _("Say where it takes place (a place or at least a city).")
        )
    if (
        event.registration_closes_at
        and event.starts_at
        and event.registration_closes_at > event.starts_at
    ):
        errors.setdefault("registration_closes_at", []).append(
            _("Registration must close before the event starts.")
        )
    if errors:
        raise ValidationError(errors)
    event.search_text = event.build_search_text()
    event.full_clean(exclude=["audience_target"])


def _audience(key: str, *, coop: Coop | None, target: int | None):
    kind = get_audience(key)
    if isinstance(kind, UnknownAudience):
        raise ValidationError({"audience": _("Choose an audience from the list.")})
    kind.validate(coop=coop, target=target)
    return kind


@transaction.atomic
def event_create(
    *,
    actor,
    coop: Coop | None,
    audience: str,
    audience_target: int | None = None,
    status: str = Event.Status.PUBLISHED,
    **data: Any,
) -> Event:
    """Create an event of ``coop`` (None: the federation's) for ``audience``.

    The audience kind decides where the event lives (the network or the coop's space).
    ``data`` takes the fields of ``EVENT_FIELDS``.
    """
    kind = _audience(audience, coop=coop, target=audience_target)
    event = Event(
        coop=coop,
        audience=audience,
        audience_target=audience_target,
        space=kind.space(coop=coop, target=audience_target),
        status=status,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for name in EVENT_FIELDS:
        if name in data:
            setattr(event, name, data[name])
    unknown = set(data) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    if not event.region and coop is not None and event.has_place:
        event.region = coop.region
    _check_event(event)
    event.save()
    audit_record(
        actor=actor,
        action="event.create",
        obj=event,
        coop=coop,
        details={"audience": audience, "target": audience_target, "status": status},
    )
    return event


@transaction.atomic
def event_update(
    *,
    actor,
    event: Event,
    audience: str | None = None,
    audience_target: int | None = None,
    **data: Any,
) -> Event:
    """Change an event. Registered people are told of changes to its time, place or link;
    a larger capacity gives seats to the waiting list at once."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    changed: set[str] = set()
    for name in EVENT_FIELDS:
        if name in data and getattr(event, name) != data[name]:
            setattr(event, name, data[name])
            changed.add(name)
    if audience is not None and (audience, audience_target) != (
        event.audience,
        event.audience_target,
    ):
        if event.registrations.exclude(status=Registration.Status.CANCELLED).exists():
            raise ValidationError(
                {"audience": _("People are registered: the audience can no longer change.")}
            )
        kind = _audience(audience, coop=event.coop, target=audience_target)
        event.audience, event.audience_target = audience, audience_target
        event.space = kind.space(coop=event.coop, target=audience_target)
        changed.add("audience")
    if not changed:
        return event
    if "capacity" in changed and event.capacity is not None:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if event.capacity < confirmed:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s people already have a seat: the capacity cannot be lower."
                    )
                    % {"count": confirmed}
                }
            )
        # Seats are numbered 1..capacity; after people cancel, the numbers in use may be
        # higher than the new capacity. Renumber them compactly (same order) first.
        _compact_seats(event)
    _check_event(event)
    significant = bool(changed & SIGNIFICANT_FIELDS) and event.status != Event.Status.DRAFT
    if significant:
        event.sequence = F("sequence") + 1
    event.save()
    event.refresh_from_db()
    if "starts_at" in changed:
        # The new date deserves its own reminder.
        event.registrations.filter(reminder_sent_at__isnull=False).update(reminder_sent_at=None)
    audit_record(actor=actor, action="event.update", obj=event, details={"fields": sorted(changed)})
    if significant:
        _notify_registrants(event, template="events/changed", extra={"changed": sorted(changed)})
    if "capacity" in changed or "waitlist_enabled" in changed:
        _promote_waitlist(event)
    return event


def _compact_seats(event: Event) -> None:
    confirmed = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.CONFIRMED)
        .order_by("seat")
    )
    if all(reg.seat == number for number, reg in enumerate(confirmed, start=1)):
        return
    # Two passes so that the unique (event, seat) never sees two rows on one seat.
    offset = max(reg.seat for reg in confirmed) + 1
    for number, reg in enumerate(confirmed, start=1):
        Registration.objects.filter(pk=reg.pk).update(seat=offset + number)
    for number, reg in enumerate(confirmed, start=1):
        Registration.objects.filter(pk=reg.pk).update(seat=number)


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        return event
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="event.publish", obj=event)
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Cancel an event: registered and waiting people are told; calendars show it cancelled."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        return event
    if event.is_over():
        raise ValidationError(_("This event is over: it can no longer be cancelled."))
    if not reason.strip():
        raise ValidationError({"cancellation_reason": _("Say why, for the people registered.")})
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.cancellation_reason = reason.strip()
    event.sequence = F("sequence") + 1
    event.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    event.refresh_from_db()
    audit_record(actor=actor, action="event.cancel", obj=event, details={"reason": reason})
    if was_published:
        _notify_registrants(event, template="events/cancelled")
    return event


# Registrations ------------------------------------------------------------------
def _free_seat(event: Event) -> int | None:
    """The lowest seat number not taken, or None when the event is full. Call under lock."""
    taken = set(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .exclude(seat__isnull=True)
        .values_list("seat", flat=True)
    )
    seat = 1
    while seat in taken:
        seat += 1
    if event.capacity is not None and seat > event.capacity:
        return None
    return seat


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("coop").get(pk=event.pk)


@transaction.atomic
def registration_create(
    *, actor, event: Event, user, comment: str = "", by_organiser: bool = False
) -> Registration:
    """Register ``user``: a seat if one is free, else the waiting list (if the event has one).

    People register themselves while registration is open; organisers
    (``by_organiser=True``, checked by the view) may also register someone up to the end
    of the event (a person who turns up on the day). Registering again is harmless.
    """
    event = _lock_event(event)
    now = timezone.now()
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationError(_("This event is not open for registration."))
    if by_organiser:
        if event.is_over(now):
            raise RegistrationError(_("This event is over."))
    elif not event.registration_is_open(now):
        raise RegistrationError(_("Registration for this event is closed."))
    if not get_audience(event.audience).can_register(user, event):
        raise RegistrationError(
            _("This event is for %(audience)s.")
            % {"audience": get_audience(event.audience).describe(event)}
        )
    registration = Registration.objects.select_for_update().filter(event=event, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    if registration is None:
        registration = Registration(event=event, user=user)
    registration.comment = comment.strip()[:500]
    registration.registered_by = actor if getattr(actor, "is_authenticated", False) else None
    registration.cancelled_at = None
    registration.cancelled_by = None
    registration.promoted_at = None
    registration.attended = None
    registration.reminder_sent_at = None
    seat = _free_seat(event)
    if seat is not None:
        registration.status = Registration.Status.CONFIRMED
        registration.seat = seat
        registration.confirmed_at = now
        registration.waitlisted_at = None
    elif event.waitlist_enabled:
        registration.status = Registration.Status.WAITLISTED
        registration.seat = None
        registration.waitlisted_at = now
    else:
        raise RegistrationError(_("This event is full."))
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        # Only reachable if the event lock was bypassed: the unique seat refused a double booking.
        raise RegistrationError(_("This seat was just taken: please try again.")) from error
    audit_record(
        actor=actor,
        action="event.register" if registration.is_confirmed else "event.waitlist",
        obj=registration,
        coop=event.coop,
        details={"event": event.pk, "user": user.pk, "seat": registration.seat},
    )
    _send_to(
        user,
        "events/registered" if registration.is_confirmed else "events/waitlisted",
        event,
        {
            "registration": registration,
            "by_someone_else": actor is not None and getattr(actor, "pk", None) != user.pk,
        },
    )
    return registration


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancel a registration (by the person or an organiser). A seat freed goes at once to
    the first person waiting, who is told by e-mail."""
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return registration
    by_self = getattr(actor, "pk", None) == registration.user_id
    now = timezone.now()
    if event.is_over(now):
        raise RegistrationError(_("This event is over."))
    if by_self and event.has_started(now):
        raise RegistrationError(_("The event has started: tell the organisers instead."))
    was_confirmed = registration.is_confirmed
    registration.status = Registration.Status.CANCELLED
    registration.seat = None
    registration.cancelled_at = now
    registration.cancelled_by = actor if getattr(actor, "is_authenticated", False) else None
    registration.save()
    audit_record(
        actor=actor,
        action="event.unregister",
        obj=registration,
        coop=event.coop,
        details={"event": event.pk, "user": registration.user_id, "by_self": by_self},
    )
    if not by_self:
        _send_to(registration.user, "events/registration_cancelled", event, {})
    if was_confirmed and event.status == Event.Status.PUBLISHED:
        _promote_waitlist(event)
    return registration


def _promote_waitlist(event: Event) -> list[Registration]:
    """Give free seats to the waiting list, first come first served. Call under the event lock."""
    if event.status != Event.Status.PUBLISHED or event.is_over():
        return []
    promoted = []
    waiting = list(
        Registration.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(event=event, status=Registration.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")
    )
    now = timezone.now()
    for registration in waiting:
        seat = _free_seat(event)
        if seat is None:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.seat = seat
        registration.confirmed_at = now
        registration.promoted_at = now
        registration.save()
        audit_record(
            actor=None,
            action="event.promote",
            obj=registration,
            coop=event.coop,
            details={"event": event.pk, "user": registration.user_id, "seat": seat},
        )
        _send_to(registration.user, "events/promoted", event, {"registration": registration})
        promoted.append(registration)
    return promoted


# Attendance, minutes, documents -------------------------------------------------
@transaction.atomic
def attendance_mark(*, actor, registration: Registration, attended: bool | None) -> Registration:
    """Record whether a registered person came (None: not yet known). From the day of the event."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    event = registration.event
    if not registration.is_confirmed:
        raise RegistrationError(_("Only people with a seat can be marked present."))
    if timezone.localdate() < timezone.localtime(event.starts_at).date():
        raise RegistrationError(_("Attendance is taken from the day of the event."))
    registration.attended = attended
    registration.attendance_marked_at = timezone.now()
    registration.attendance_marked_by = actor
    registration.save(update_fields=["attended", "attendance_marked_at", "attendance_marked_by"])
    audit_record(
        actor=actor,
        action="event.attendance",
        obj=registration,
        coop=event.coop,
        details={"event": event.pk, "user": registration.user_id, "attended": attended},
    )
    return registration


@transaction.atomic
def minutes_save(*, actor, event: Event, minutes: str) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.minutes == minutes:
        return event
    event.minutes = minutes
    event.save(update_fields=["minutes", "updated_at"])
    audit_record(actor=actor, action="event.minutes", obj=event)
    return event


@transaction.atomic
def minutes_send(*, actor, event: Event) -> int:
    """Send the minutes and the documents' links to everyone who had a seat. Returns the count.

    Sending again (after a correction) is allowed and sends again: it is a deliberate act.
    """
    event = Event.objects.select_for_update(of=("self",)).select_related("coop").get(pk=event.pk)
    documents = list(event.documents.all())
    if not event.minutes.strip() and not documents:
        raise ValidationError(_("Write the minutes or add a document first."))
    registrations = (
        Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    )
    count = 0
    for registration in registrations:
        _send_to(registration.user, "events/minutes", event, {"documents": documents})
        count += 1
    event.minutes_sent_at = timezone.now()
    event.save(update_fields=["minutes_sent_at", "updated_at"])
    audit_record(actor=actor, action="event.minutes_send", obj=event, details={"sent": count})
    return count


def _check_upload(file) -> None:
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            {
                "file": _("Accepted files: %(list)s.")
                % {"list": ", ".join(sorted(DOCUMENT_EXTENSIONS))}
            }
        )
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})


@transaction.atomic
def document_add(*, actor, event: Event, title: str, file) -> EventDocument:
    _check_upload(file)
    document = EventDocument(
        event=event,
        title=title.strip() or file.name,
        original_name=file.name[:255],
        content_type=(getattr(file, "content_type", "") or "")[:120],
        size=file.size,
        uploaded_by=actor,
    )
    document.file.save(file.name, file, save=False)
    document.save()
    audit_record(
        actor=actor,
        action="event.document_add",
        obj=document,
        coop=event.coop,
        details={"event": event.pk, "name": document.original_name},
    )
    return document


@transaction.atomic
def document_delete(*, actor, document: EventDocument) -> None:
    event = document.event
    audit_record(
        actor=actor,
        action="event.document_delete",
        obj=document,
        coop=event.coop,
        details={"event": event.pk, "name": document.original_name},
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# Reminders ----------------------------------------------------------------------
def send_due_reminders(*, now: datetime | None = None, lead: timedelta | None = None) -> int:
    """E-mail every confirmed person whose event starts within ``lead``; never twice.

    Each reminder is marked sent in the transaction that queues it, and rows are taken
    with ``skip_locked``, so two runs at once (or a run repeated) send nothing twice.
    People who got their seat inside the window are skipped: their confirmation, sent
    minutes ago, says it all. Returns the number of reminders sent.
    """
    now = now or timezone.now()
    lead = lead or reminder_lead()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        user__is_active=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + lead,
    ).filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lte=F("event__starts_at") - lead))
    sent = 0
    for pk in list(due.values_list("pk", flat=True).order_by("event__starts_at", "pk")):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "event", "event__coop")
                .filter(pk=pk, reminder_sent_at__isnull=True, status=Registration.Status.CONFIRMED)
                .first()
            )
            if registration is None:
                continue
            event = registration.event
            if not get_audience(event.audience).can_view(registration.user, event):
                continue  # the person left the audience (a role was revoked)
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            _send_to(registration.user, "events/reminder", event, {"registration": registration})
            sent += 1
    return sent


# Calendar feeds -------------------------------------------------------------------
def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user) -> str:
    """Make a new secret calendar address (the previous one stops working). Returns the token."""
    token = secrets.token_urlsafe(32)
    replaced = CalendarFeed.objects.filter(user=user).delete()[0] > 0
    feed = CalendarFeed.objects.create(user=user, token_hash=_hash_token(token))
    audit_record(
        actor=user,
        action="account.calendar_feed_create",
        obj=feed,
        coop=None,
        details={"replaced": replaced},
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, user) -> bool:
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        return False
    audit_record(actor=user, action="account.calendar_feed_revoke", obj=feed, coop=None)
    feed.delete()
    return True


def calendar_feed_lookup(token: str) -> CalendarFeed | None:
    """The feed of ``token`` (constant-time by hash lookup), or None; notes when it is read."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=_hash_token(token), user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    # Calendar apps poll every few minutes: note the reading at most once an hour.
    if feed.last_used_at is None or now - feed.last_used_at > timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed


# E-mails ------------------------------------------------------------------------
def _send_to(user, template: str, event: Event, extra: dict[str, Any]) -> None:
    if not user.is_active or not user.email:
        return
    from .paths import event_absolute_url

    registration = extra.get("registration")
    send_templated_email(
        template=template,
        to=[user.email],
        language=user.language,
        context={
            "event": event,
            "person": user,
            "event_url": event_absolute_url(event),
            "ics_url": event_absolute_url(event, "ics"),
            "my_events_url": settings.SITE_URL + reverse("events:my_events"),
            # The remote link goes only to people holding a seat.
            "with_link": registration is not None and registration.is_confirmed,
            **extra,
        },
    )


def _notify_registrants(event: Event, *, template: str, extra: dict[str, Any] | None = None):
    registrations = (
        Registration.objects.filter(
            event=event,
            status__in=(Registration.Status.CONFIRMED, Registration.Status.WAITLISTED),
        )
        .select_related("user")
        .order_by("pk")
    )
    for registration in registrations:
        _send_to(
            registration.user, template, event, {"registration": registration, **(extra or {})}
        )
