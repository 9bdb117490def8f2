"""Programmes, their sessions (each one training event) and cohorts."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.events import services as event_services
from viecoop.events.models import Event, Registration
from viecoop.organizations.models import Coop, CoopRole

from ..models import Participant, Programme, Session, SessionDay

PROGRAMME_FIELDS = ("title", "slug", "summary", "description", "starts_on", "ends_on", "status")
# What a session's form says about its event (the rest of the event is the events app's).
SESSION_EVENT_FIELDS = (
    "starts_at",
    "ends_at",
    "format",
    "place_name",
    "address",
    "postal_code",
    "city",
    "online_url",
    "capacity",
)


def _set(obj, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    changed = []
    for name in fields:
        if name in data and getattr(obj, name) != data[name]:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed


@transaction.atomic
def programme_create(*, actor, **data: Any) -> Programme:
    programme = Programme()
    _set(programme, data, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    audit_record(actor=actor, action="training.programme_create", obj=programme)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, **data: Any) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    changed = _set(programme, data, PROGRAMME_FIELDS)
    if changed:
        programme.full_clean()
        programme.save()
        audit_record(
            actor=actor,
            action="training.programme_update",
            obj=programme,
            details={"fields": changed},
        )
    return programme


def _event_title(programme: Programme, session: Session) -> str:
    return _("%(programme)s — session %(number)s: %(title)s") % {
        "programme": programme.title,
        "number": session.number,
        "title": session.title,
    }


@transaction.atomic
def session_create(
    *, actor, programme: Programme, number: int, title: str, description: str = "", **event: Any
) -> Session:
    """A session and its training event, whose audience is the session's cohort."""
    session = Session(programme=programme, number=number, title=title, description=description)
    session.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as error:
        raise ValidationError(
            {"number": _("This programme already has a session with this number.")}
        ) from error
    unknown = set(event) - set(SESSION_EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    session.event = event_services.event_create(
        actor=actor,
        coop=None,
        audience="cohort",
        audience_target=session.pk,
        kind=Event.Kind.TRAINING,
        title=_event_title(programme, session),
        summary=programme.summary,
        **event,
    )
    session.save(update_fields=["event"])
    audit_record(
        actor=actor,
        action="training.session_create",
        obj=session,
        details={"programme": programme.pk, "event": session.event_id},
    )
    return session


@transaction.atomic
def session_update(
    *, actor, session: Session, title: str, description: str = "", **event: Any
) -> Session:
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=session.pk)
    )
    changed = _set(session, {"title": title, "description": description}, ("title", "description"))
    if changed:
        session.full_clean(validate_constraints=False)
        session.save()
    if session.event_id:
        event_services.event_update(
            actor=actor,
            event=session.event,
            title=_event_title(session.programme, session),
            **{k: v for k, v in event.items() if k in SESSION_EVENT_FIELDS},
        )
    audit_record(actor=actor, action="training.session_update", obj=session)
    return session


def _sync_agenda(*, actor, session: Session) -> None:
    """The event's agenda says what each day holds (the calendar and e-mails show it)."""
    if not session.event_id:
        return
    lines = []
    for day in session.days.all():
        where = ", ".join(part for part in (day.place_name, day.city) if part)
        heading = f"**{formats.date_format(day.day, 'l j F Y').capitalize()} — {day.title}**"
        lines.append(heading + (f" ({where})" if where else ""))
        if day.description:
            lines.append("")
            lines.append(day.description)
        lines.append("")
    event_services.event_update(actor=actor, event=session.event, agenda="\n".join(lines).strip())


@transaction.atomic
def session_day_add(
    *,
    actor,
    session: Session,
    day: datetime.date,
    title: str,
    description: str = "",
    place_name: str = "",
    city: str = "",
) -> SessionDay:
    event = session.event
    if event is not None:
        first = timezone.localtime(event.starts_at).date()
        last = timezone.localtime(event.ends_at).date()
        if not first <= day <= last:
            raise ValidationError(
                {"day": _("The session runs from %(first)s to %(last)s.")
                 % {"first": formats.date_format(first), "last": formats.date_format(last)}}
            )  # fmt: skip
    row = SessionDay(
        session=session,
        day=day,
        title=title,
        description=description,
        place_name=place_name,
        city=city,
    )
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise ValidationError({"day": _("This day is already in the session.")}) from error
    audit_record(actor=actor, action="training.session_day_add", obj=row)
    _sync_agenda(actor=actor, session=session)
    return row


@transaction.atomic
def session_day_delete(*, actor, day: SessionDay) -> None:
    session = day.session
    audit_record(actor=actor, action="training.session_day_delete", obj=day)
    day.delete()
    _sync_agenda(actor=actor, session=session)


# Cohorts ---------------------------------------------------------------------------------------
def _staff_coop(user, coop: Coop | None) -> Coop:
    roles = CoopRole.objects.filter(user=user, role__in=CoopRole.STAFF_ROLES).select_related("coop")
    if coop is not None:
        roles = roles.filter(coop=coop)
    role = roles.order_by("coop__name").first()
    if role is None:
        raise ValidationError(
            _("%(person)s does not work for a coop of the network.") % {"person": user}
        )
    return role.coop


@transaction.atomic
def participant_enroll(*, actor, session: Session, user, coop: Coop | None = None) -> Participant:
    """Put ``user`` in the session's cohort (and register them to its event when possible)."""
    coop = _staff_coop(user, coop)
    participant = Participant.objects.select_for_update().filter(session=session, user=user).first()
    if participant is not None and participant.status == Participant.Status.ENROLLED:
        return participant
    if participant is None:
        participant = Participant(session=session, user=user)
    participant.coop = coop
    participant.status = Participant.Status.ENROLLED
    participant.enrolled_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:  # enrolled meanwhile by another request
        return Participant.objects.get(session=session, user=user)
    audit_record(
        actor=actor,
        action="training.participant_enroll",
        obj=participant,
        coop=coop,
        details={"session": session.pk, "user_id": user.pk},
    )
    event = session.event
    if event is not None and event.status == Event.Status.PUBLISHED and not event.is_over():
        # Full or closed: the cohort member registers later, or the organisers do.
        with contextlib.suppress(event_services.RegistrationError):
            event_services.registration_create(
                actor=actor, event=event, user=user, by_organiser=True
            )
    send_templated_email(
        template="training_enrolled",
        to=[user.email],
        language=user.language,
        context={"participant": participant, "session": session, "programme": session.programme},
    )
    return participant


@transaction.atomic
def participant_withdraw(*, actor, participant: Participant) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status == Participant.Status.WITHDRAWN:
        return participant
    participant.status = Participant.Status.WITHDRAWN
    participant.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="training.participant_withdraw",
        obj=participant,
        coop=participant.coop,
        details={"session": participant.session_id, "user_id": participant.user_id},
    )
    registration = Registration.objects.filter(
        event_id=participant.session.event_id,
        user_id=participant.user_id,
        status__in=(Registration.Status.CONFIRMED, Registration.Status.WAITLISTED),
    ).first()
    if registration is not None:
        # Once the session is over, its registrations and attendance stay as they were.
        with contextlib.suppress(event_services.RegistrationError):
            event_services.registration_cancel(actor=actor, registration=registration)
    return participant
