"""Events services: audiences decide the space, seats and the waiting list, changes,
cancellations, attendance, minutes and documents."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation

from tests.events.factories import make_event, make_past_event, member, referent, staff
from viecoop.audit.models import AuditEntry
from viecoop.events import services
from viecoop.events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # messages are checked in their source wording
        yield


def register(event, user, **kwargs):
    with transaction.atomic():
        return services.registration_create(actor=user, event=event, user=user, **kwargs)


def cancel(registration, actor=None):
    with transaction.atomic():
        return services.registration_cancel(
            actor=actor or registration.user, registration=registration
        )


def test_the_audience_decides_where_the_event_lives(coop_a, manager_a):
    assert make_event(audience="network").space == "network"
    assert make_event(audience="referents", coop=coop_a).space == "network"
    coop_event = make_event(coop=coop_a, audience="coop_staff", actor=manager_a)
    assert (coop_event.space, coop_event.coop) == ("coop", coop_a)
    assert AuditEntry.objects.filter(action="event.create", coop=coop_a).count() == 2
    with pytest.raises(ValidationError):
        make_event(audience="coop_members")  # a coop audience needs a coop
    with pytest.raises(ValidationError):
        make_event(audience="no-such-audience")


def test_an_in_person_event_says_where(coop_a):
    with pytest.raises(ValidationError) as error:
        make_event(coop=coop_a, format=Event.Format.IN_PERSON, online_url="")
    assert "place_name" in error.value.message_dict
    event = make_event(coop=coop_a, format=Event.Format.IN_PERSON, city="Rennes")
    assert event.region == coop_a.region  # taken from the coop when not given


def test_seats_then_waiting_list_then_promotion(coop_a, django_capture_on_commit_callbacks):
    event = make_event(coop=coop_a, capacity=2)
    ann, bob, cid, dan = (member(coop_a, first_name=n) for n in ("Ann", "Bob", "Cid", "Dan"))
    with django_capture_on_commit_callbacks(execute=True):
        first, second = register(event, ann), register(event, bob)
        third, fourth = register(event, cid), register(event, dan)
    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed", "confirmed", "waitlisted", "waitlisted",
    ]  # fmt: skip
    assert (first.seat, second.seat) == (1, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(first)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, third.seat) == ("confirmed", 1)
    assert third.promoted_at is not None
    assert fourth.status == "waitlisted"
    assert [m.to for m in mail.outbox] == [[cid.email]]  # only the promoted person is written to
    assert AuditEntry.objects.filter(action="event.promote").count() == 1


def test_registering_twice_is_harmless_and_again_after_cancelling(coop_a):
    event = make_event(coop=coop_a, capacity=5)
    ann = member(coop_a)
    registration = register(event, ann, comment="Végétarienne")
    assert register(event, ann).pk == registration.pk
    cancel(registration)
    again = register(event, ann)
    assert again.pk == registration.pk and again.status == "confirmed" and again.comment == ""
    assert Registration.objects.filter(event=event).count() == 1


def test_without_waiting_list_a_full_event_refuses(coop_a):
    event = make_event(coop=coop_a, capacity=1, waitlist_enabled=False)
    register(event, member(coop_a))
    with pytest.raises(services.RegistrationError, match="full"):
        register(event, member(coop_a))


def test_only_the_audience_registers(coop_a, coop_b, referent_a, member_a, manager_b, fed_admin):
    staff_only = make_event(coop=coop_a, audience="coop_staff")
    with pytest.raises(services.RegistrationError):
        register(staff_only, member_a)
    with pytest.raises(services.RegistrationError):
        register(staff_only, manager_b)
    assert register(staff_only, referent_a).is_confirmed
    referents_meeting = make_event(audience="referents")
    with pytest.raises(services.RegistrationError):
        register(referents_meeting, manager_b)  # a manager who is not référent
    assert register(referents_meeting, fed_admin).is_confirmed
    assert register(referents_meeting, referent_a).is_confirmed


def test_registration_closes(coop_a):
    event = make_event(coop=coop_a, registration_closes_at=timezone.now() + timedelta(minutes=1))
    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(services.RegistrationError, match="closed"):
        register(event, member(coop_a))
    # An organiser may still register someone (who turns up on the day).
    person = member(coop_a)
    with transaction.atomic():
        registration = services.registration_create(
            actor=staff(coop_a), event=event, user=person, by_organiser=True
        )
    assert registration.is_confirmed


def test_a_person_cannot_cancel_once_started_an_organiser_can(coop_a, manager_a):
    event = make_event(coop=coop_a)
    registration = register(event, member(coop_a))
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    registration.refresh_from_db()
    with pytest.raises(services.RegistrationError, match="started"):
        cancel(registration)
    assert cancel(registration, actor=manager_a).status == "cancelled"


def test_a_larger_capacity_promotes_a_smaller_one_is_refused(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    event = make_event(coop=coop_a, capacity=2)
    regs = [register(event, member(coop_a)) for _ in range(4)]  # 2 seats, 2 waiting
    with pytest.raises(ValidationError, match="2 people already"), transaction.atomic():
        services.event_update(actor=manager_a, event=event, capacity=1)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.event_update(actor=manager_a, event=event, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert [m.to for m in mail.outbox] == [[regs[2].user.email]]  # told of the promotion
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.event_update(actor=manager_a, event=event, capacity=None)
    assert Registration.objects.get(pk=regs[3].pk).status == "confirmed"


def test_seats_are_renumbered_when_the_capacity_shrinks(coop_a, manager_a):
    event = make_event(coop=coop_a, capacity=4)
    regs = [register(event, member(coop_a)) for _ in range(4)]
    cancel(regs[0])
    cancel(regs[1])  # seats 3 and 4 remain
    with transaction.atomic():
        services.event_update(actor=manager_a, event=event, capacity=2)
    seats = sorted(
        Registration.objects.filter(event=event, status="confirmed").values_list("seat", flat=True)
    )
    assert seats == [1, 2]


def test_a_change_of_time_raises_the_sequence_and_tells_people(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    event = make_event(coop=coop_a, capacity=1)
    ann, bob = member(coop_a), member(coop_a)
    register(event, ann)
    register(event, bob)  # waiting
    Registration.objects.filter(event=event).update(reminder_sent_at=timezone.now())
    later = event.starts_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.event_update(
            actor=manager_a, event=event, starts_at=later, ends_at=later + timedelta(hours=1)
        )
    event.refresh_from_db()
    assert event.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ann.email, bob.email])
    assert not Registration.objects.filter(event=event, reminder_sent_at__isnull=False).exists()
    # A change of wording only: no e-mail, same sequence.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.event_update(actor=manager_a, event=event, summary="Nouveau résumé")
    event.refresh_from_db()
    assert event.sequence == 1 and mail.outbox == []


def test_the_audience_cannot_change_once_people_registered(coop_a, manager_a):
    event = make_event(coop=coop_a)
    with transaction.atomic():
        services.event_update(actor=manager_a, event=event, audience="coop_staff")
    register(event, manager_a)
    with pytest.raises(ValidationError), transaction.atomic():
        services.event_update(actor=manager_a, event=event, audience="coop_members")


def test_cancelling_an_event_tells_everyone_and_needs_a_reason(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    event = make_event(coop=coop_a)
    ann = member(coop_a)
    register(event, ann)
    with pytest.raises(ValidationError), transaction.atomic():
        services.event_cancel(actor=manager_a, event=event, reason=" ")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.event_cancel(actor=manager_a, event=event, reason="Salle indisponible")
    event.refresh_from_db()
    assert event.is_cancelled and event.sequence == 1
    assert [m.to for m in mail.outbox] == [[ann.email]]
    assert "Salle indisponible" in mail.outbox[0].body
    with pytest.raises(services.RegistrationError):
        register(event, member(coop_a))


def test_drafts_do_not_take_registrations_until_published(coop_a, manager_a):
    event = make_event(coop=coop_a, status=Event.Status.DRAFT)
    with pytest.raises(services.RegistrationError):
        register(event, member(coop_a))
    with transaction.atomic():
        services.event_publish(actor=manager_a, event=event)
    assert register(event, member(coop_a)).is_confirmed


def test_attendance_from_the_day_of_the_event(coop_a, manager_a):
    event = make_event(coop=coop_a)
    registration = register(event, member(coop_a))
    with pytest.raises(services.RegistrationError, match="day"), transaction.atomic():
        services.attendance_mark(actor=manager_a, registration=registration, attended=True)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with transaction.atomic():
        services.attendance_mark(actor=manager_a, registration=registration, attended=True)
    registration.refresh_from_db()
    assert registration.attended is True and registration.attendance_marked_by == manager_a


def test_minutes_go_to_everyone_who_had_a_seat(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    event = make_event(coop=coop_a, capacity=1)
    ann, bob = member(coop_a), member(coop_a)
    register(event, ann)
    register(event, bob)  # waiting: no minutes
    with pytest.raises(ValidationError), transaction.atomic():
        services.minutes_send(actor=manager_a, event=event)
    with transaction.atomic():
        services.minutes_save(actor=manager_a, event=event, minutes="## Décisions\n- **oui**")
        services.document_add(
            actor=manager_a,
            event=event,
            title="Diaporama",
            file=SimpleUploadedFile("diapo.pdf", b"%PDF-1.4", content_type="application/pdf"),
        )
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert services.minutes_send(actor=manager_a, event=event) == 1
    assert [m.to for m in mail.outbox] == [[ann.email]]
    event.refresh_from_db()
    assert event.minutes_sent_at is not None


def test_documents_refuse_unknown_types(coop_a, manager_a):
    event = make_event(coop=coop_a)
    with pytest.raises(ValidationError), transaction.atomic():
        services.document_add(
            actor=manager_a,
            event=event,
            title="x",
            file=SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream"),
        )
    with transaction.atomic():
        document = services.document_add(
            actor=manager_a,
            event=event,
            title="",
            file=SimpleUploadedFile("notes.txt", b"notes", content_type="text/plain"),
        )
    assert document.title == "notes.txt" and document.size == 5
    assert document.file.name.startswith(f"private/events/{event.uid}/")
    with transaction.atomic():
        services.document_delete(actor=manager_a, document=document)
    assert not event.documents.exists()


def test_nobody_may_register_to_a_past_event(coop_a, manager_a):
    event = make_past_event(coop=coop_a)
    with pytest.raises(services.RegistrationError), transaction.atomic():
        services.registration_create(
            actor=manager_a, event=event, user=member(coop_a), by_organiser=True
        )


def test_referent_helper_has_staff_rights(coop_a):
    assert register(make_event(coop=coop_a, audience="coop_staff"), referent(coop_a)).is_confirmed
