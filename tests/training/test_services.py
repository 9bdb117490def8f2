"""The programme's services: sessions as training events, cohorts, projects, lessons."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.network.factories import make_staff
from tests.training.factories import enrolled, make_programme, make_session
from viecoop.audit.models import AuditEntry
from viecoop.events.models import Event, Registration
from viecoop.training import services
from viecoop.training.models import Lesson, Milestone, Participant, Project

pytestmark = pytest.mark.django_db


def test_a_session_is_a_multi_day_training_event_for_its_cohort(fed_admin):
    programme = make_programme(fed_admin, title="Promotion 2025")
    session = make_session(programme, fed_admin, number=3, title="Deux journées à Paris")
    event = session.event
    assert event.kind == Event.Kind.TRAINING and event.space == "network"
    assert (event.audience, event.audience_target) == ("cohort", session.pk)
    assert event.is_multi_day and event.city == "Paris"
    assert event.title == "Promotion 2025 — session 3 : Deux journées à Paris"
    with pytest.raises(ValidationError):
        make_session(programme, fed_admin, number=3)
    services.session_update(
        actor=fed_admin, session=session, title="Deux jours à Paris", city="Paris 11e"
    )
    event.refresh_from_db()
    assert event.title.endswith("Deux jours à Paris") and event.city == "Paris 11e"


def test_days_fill_the_events_agenda(fed_admin):
    session = make_session(make_programme(fed_admin), fed_admin, days_from_now=10)
    first = timezone.localtime(session.event.starts_at).date()
    services.session_day_add(
        actor=fed_admin, session=session, day=first, title="Partager les résultats",
        place_name="Maison des coopératives", city="Paris",
    )  # fmt: skip
    services.session_day_add(
        actor=fed_admin, session=session, day=first + datetime.timedelta(days=1),
        title="Visiter un tiers-lieu", description="La **Fabrique**",
    )  # fmt: skip
    session.event.refresh_from_db()
    agenda = session.event.agenda
    assert agenda.index("Partager les résultats") < agenda.index("Visiter un tiers-lieu")
    assert "(Maison des coopératives, Paris)" in agenda and "La **Fabrique**" in agenda
    with pytest.raises(ValidationError, match="du"):
        services.session_day_add(
            actor=fed_admin, session=session, day=first + datetime.timedelta(days=5), title="X"
        )
    with pytest.raises(ValidationError):
        services.session_day_add(actor=fed_admin, session=session, day=first, title="Encore")
    day = session.days.first()
    services.session_day_delete(actor=fed_admin, day=day)
    session.event.refresh_from_db()
    assert "Partager les résultats" not in session.event.agenda


def test_enrolling_registers_to_the_session_and_tells_the_person(
    coop_a, fed_admin, django_capture_on_commit_callbacks
):
    session = make_session(make_programme(fed_admin), fed_admin)
    staff = make_staff(coop_a, first_name="Inès")
    with django_capture_on_commit_callbacks(execute=True):
        participant = services.participant_enroll(actor=fed_admin, session=session, user=staff)
    assert participant.coop == coop_a and participant.status == "enrolled"
    registration = Registration.objects.get(event=session.event, user=staff)
    assert registration.status == Registration.Status.CONFIRMED
    # Two e-mails: the events app confirms the seat, the programme welcomes to the cohort.
    subjects = [m.subject for m in mail.outbox if m.to == [staff.email]]
    assert len(subjects) == 2
    enrolled_mail = next(m for m in mail.outbox if "dans la cohorte" in m.subject)
    assert session.get_absolute_url() in enrolled_mail.body
    assert "/projet/" in enrolled_mail.body
    # Enrolling twice changes nothing; withdrawing frees the seat.
    services.participant_enroll(actor=fed_admin, session=session, user=staff)
    assert Participant.objects.count() == 1
    services.participant_withdraw(actor=fed_admin, participant=participant)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert Participant.objects.get().status == "withdrawn"


def test_only_network_staff_join_a_cohort(fed_admin, member_a, outsider):
    session = make_session(make_programme(fed_admin), fed_admin)
    for user in (member_a, outsider):
        with pytest.raises(ValidationError, match="ne travaille"):
            services.participant_enroll(actor=fed_admin, session=session, user=user)


def test_projects_belong_to_participants(coop_a, coop_b, fed_admin, manager_b):
    programme = make_programme(fed_admin)
    session = make_session(programme, fed_admin)
    participant = enrolled(session, coop_a, fed_admin)
    with pytest.raises(ValidationError, match="participants"):
        services.project_create(actor=manager_b, programme=programme, title="X", goal="Y")
    project = services.project_create(
        actor=participant, programme=programme, title="Un jardin partagé", goal="Cultiver"
    )
    assert project.coop == coop_a and project.status == Project.Status.PLANNED
    with pytest.raises(ValidationError, match="déjà un projet"):
        services.project_create(actor=participant, programme=programme, title="Bis", goal="…")
    with pytest.raises(PermissionError):
        services.project_update(actor=manager_b, project=project, title="Volé")
    services.project_update(actor=participant, project=project, status=Project.Status.RUNNING)
    project.refresh_from_db()
    assert project.started_on == timezone.localdate()  # starting sets the date
    services.project_update(actor=fed_admin, project=project, results="**6** projets")
    assert AuditEntry.objects.filter(action="training.project_update").count() == 2


def test_milestones(coop_a, fed_admin):
    programme = make_programme(fed_admin)
    participant = enrolled(make_session(programme, fed_admin), coop_a, fed_admin)
    project = services.project_create(actor=participant, programme=programme, title="P", goal="G")
    due = datetime.date(2025, 3, 1)
    milestone = services.milestone_add(
        actor=participant, project=project, title="Règlement", due_on=due
    )
    assert (milestone.status, milestone.done_on) == ("planned", None)
    services.milestone_update(actor=participant, milestone=milestone, status=Milestone.Status.DONE)
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()  # done today unless said otherwise
    services.milestone_update(actor=participant, milestone=milestone, status="in_progress")
    milestone.refresh_from_db()
    assert milestone.done_on is None
    with pytest.raises(PermissionError):
        services.milestone_delete(actor=make_staff(coop_a), milestone=milestone)
    services.milestone_delete(actor=participant, milestone=milestone)
    assert not Milestone.objects.exists()


def test_lessons_are_reviewed_before_the_network_reads_them(
    coop_a, fed_admin, django_capture_on_commit_callbacks
):
    programme = make_programme(fed_admin)
    author = enrolled(make_session(programme, fed_admin), coop_a, fed_admin)
    with pytest.raises(ValidationError):
        services.lesson_create(author=make_staff(coop_a), programme=programme, title="T", body="B")
    lesson = services.lesson_create(author=author, programme=programme, title="Un jardin", body="…")
    assert lesson.status == Lesson.Status.DRAFT and lesson.coop == coop_a
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_submit(actor=author, lesson=lesson)
    assert [m.to for m in mail.outbox] == [[fed_admin.email]]
    assert "/federation/formation/retours/" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.lesson_submit(actor=author, lesson=lesson)
    with pytest.raises(ValidationError):
        services.lesson_request_changes(actor=fed_admin, lesson=lesson, note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_request_changes(actor=fed_admin, lesson=lesson, note="Ajoutez un chiffre.")
    assert "Ajoutez un chiffre." in mail.outbox[-1].body and mail.outbox[-1].to == [author.email]
    services.lesson_update(
        actor=author, lesson=lesson, title="Un jardin, trois leçons", body="1. …"
    )
    services.lesson_submit(actor=author, lesson=lesson)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_publish(actor=fed_admin, lesson=lesson)
    lesson.refresh_from_db()
    assert lesson.status == "published" and lesson.published_at and lesson.reviewed_by == fed_admin
    assert "publié" in mail.outbox[-1].subject
    with pytest.raises(PermissionError):  # published: the author no longer edits it
        services.lesson_update(actor=author, lesson=lesson, title="Changé", body="…")


def test_a_lesson_is_about_ones_own_project(coop_a, fed_admin):
    programme = make_programme(fed_admin)
    session = make_session(programme, fed_admin)
    author, other = enrolled(session, coop_a, fed_admin), enrolled(session, coop_a, fed_admin)
    project = services.project_create(actor=other, programme=programme, title="P", goal="G")
    with pytest.raises(ValidationError):
        services.lesson_create(
            author=author, programme=programme, project=project, title="T", body="B"
        )
