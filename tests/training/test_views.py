"""Training pages for every role: the network reads, participants write, the federation runs."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.network.factories import make_staff
from tests.organizations.factories import FederationRoleFactory
from tests.training.factories import enrolled, make_programme, make_session
from viecoop.training import services
from viecoop.training.models import Lesson, Milestone, Participant, Programme, Project, SessionDay

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"training:{name}", kwargs=kwargs)


@pytest.fixture
def world(coop_a, coop_b, fed_admin):
    programme = make_programme(fed_admin, title="Promotion 2025", slug="promotion-2025")
    session = make_session(programme, fed_admin, number=3, title="Deux journées à Paris")
    participant = enrolled(session, coop_a, fed_admin, first_name="Inès", last_name="Marchand")
    project = services.project_create(
        actor=participant, programme=programme, title="Un jardin partagé", goal="Cultiver ensemble"
    )
    return programme, session, participant, project


def test_the_network_reads_the_programme(as_user, world, coop_b, member_a):
    _programme, _session, _participant, _project = world
    colleague = make_staff(coop_b)
    client = as_user(colleague)
    assert "Promotion 2025" in client.get(url("programme_list")).content.decode()
    page = client.get(url("programme_detail", slug="promotion-2025")).content.decode()
    assert "Deux journées à Paris" in page and "Un jardin partagé" in page
    session_page = client.get(url("session_detail", slug="promotion-2025", number=3))
    assert "Inès Marchand" in session_page.content.decode()
    assert as_user(member_a).get(url("programme_list")).status_code == 403


def test_drafts_are_for_the_federation(as_user, fed_admin, coop_a):
    make_programme(fed_admin, slug="en-preparation", status=Programme.Status.DRAFT)
    staff = make_staff(coop_a)
    assert as_user(staff).get(url("programme_detail", slug="en-preparation")).status_code == 404
    assert as_user(fed_admin).get(url("programme_detail", slug="en-preparation")).status_code == 200


def test_project_visibility(as_user, world, coop_a, coop_b, manager_a):
    _programme, session, participant, project = world
    assert as_user(participant).get(url("project_detail", pk=project.pk)).status_code == 200
    assert as_user(manager_a).get(url("project_detail", pk=project.pk)).status_code == 200  # coop
    peer = enrolled(session, coop_b)
    assert as_user(peer).get(url("project_detail", pk=project.pk)).status_code == 200  # cohort
    stranger = make_staff(coop_b)
    assert as_user(stranger).get(url("project_detail", pk=project.pk)).status_code == 403


def test_participant_describes_and_follows_the_project(as_user, world, coop_a):
    _programme, _session, participant, project = world
    client = as_user(participant)
    # One project per programme: the create page leads to the existing one.
    assert (
        client.get(url("project_create", slug="promotion-2025"))["Location"]
        == project.get_absolute_url()
    )
    response = client.post(
        url("project_update", pk=project.pk),
        {"title": "Un jardin partagé", "goal": "Cultiver", "theme": "ecology", "status": "running",
         "started_on": "2025-03-01", "results": "12 parcelles"},
    )  # fmt: skip
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.theme, str(project.started_on)) == (
        "running",
        "ecology",
        "2025-03-01",
    )
    # A milestone, added with htmx, then done.
    response = client.post(
        url("milestone_add", pk=project.pk),
        {"title": "Chantier participatif", "due_on": "2025-04-12", "status": "planned"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Chantier participatif" in html and "<html" not in html
    milestone = Milestone.objects.get()
    response = client.post(url("milestone_status", pk=milestone.pk), {"status": "done"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "done" and milestone.done_on == timezone.localdate()
    invalid = client.post(
        url("milestone_add", pk=project.pk), {"title": ""}, HTTP_HX_REQUEST="true"
    )
    assert 'aria-invalid="true"' in invalid.content.decode()
    assert (
        as_user(make_staff(coop_a)).post(url("milestone_status", pk=milestone.pk)).status_code
        == 403
    )


def test_a_participant_without_project_creates_one(as_user, world, coop_b):
    _programme, session, _participant, _project = world
    other = enrolled(session, coop_b)
    client = as_user(other)
    response = client.post(
        url("project_create", slug="promotion-2025"),
        {"title": "Café des nouveaux", "goal": "Accueillir", "status": "planned"},
    )
    created = Project.objects.get(user=other)
    assert response["Location"] == created.get_absolute_url() and created.coop == coop_b
    assert (
        as_user(make_staff(coop_b)).get(url("project_create", slug="promotion-2025")).status_code
        == 403
    )


def test_lesson_written_reviewed_and_published(
    as_user, world, fed_admin, django_capture_on_commit_callbacks
):
    programme, session, participant, project = world
    client = as_user(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("lesson_create"),
            {"programme": programme.pk, "project": project.pk, "title": "Trois leçons",
             "theme": "ecology", "body": "1. **Demander** l'accord", "submit": "1"},
        )  # fmt: skip
    lesson = Lesson.objects.get()
    assert response["Location"] == lesson.get_absolute_url() and lesson.status == "submitted"
    assert mail.outbox[-1].to == [fed_admin.email]
    colleague = make_staff(session.programme.sessions.first().participants.first().coop)
    assert as_user(colleague).get(url("lesson_detail", pk=lesson.pk)).status_code == 404
    fed = as_user(fed_admin)
    assert "Trois leçons" in fed.get(url("manage_home")).content.decode()
    response = fed.post(
        url("lesson_review", pk=lesson.pk), {"action": "changes", "review_note": ""}
    )
    assert response.status_code == 200 and response.context["form"].errors
    fed.post(
        url("lesson_review", pk=lesson.pk), {"action": "changes", "review_note": "Un chiffre ?"}
    )
    lesson.refresh_from_db()
    assert lesson.status == "changes"
    assert "Un chiffre ?" in client.get(url("lesson_detail", pk=lesson.pk)).content.decode()
    client.post(
        url("lesson_update", pk=lesson.pk),
        {"project": project.pk, "title": "Trois leçons, 12 parcelles", "theme": "ecology",
         "body": "…", "submit": "1"},
    )  # fmt: skip
    fed.post(url("lesson_review", pk=lesson.pk), {"action": "publish"})
    lesson.refresh_from_db()
    assert lesson.status == "published"
    page = as_user(colleague).get(url("lesson_list")).content.decode()
    assert "Trois leçons, 12 parcelles" in page
    home = as_user(colleague).get(reverse("network:home")).content.decode()
    assert "Trois leçons, 12 parcelles" in home  # the network home's section
    themed = as_user(colleague).get(url("lesson_list"), {"theme": "democracy"})
    assert list(themed.context["page"]) == []


def test_only_participants_write_lessons(as_user, coop_a):
    assert as_user(make_staff(coop_a)).get(url("lesson_create")).status_code == 403


def test_federation_runs_a_programme_from_scratch(as_user, fed_admin, coop_a):
    client = as_user(fed_admin)
    reserved = client.post(
        url("programme_create"),
        {"title": "X", "slug": "retours", "starts_on": "2026-01-15", "status": "running"},
    )
    assert reserved.status_code == 200 and reserved.context["form"].errors["slug"]
    client.post(
        url("programme_create"),
        {"title": "Promotion 2027", "slug": "promotion-2027", "starts_on": "2027-01-15",
         "status": "running"},
    )  # fmt: skip
    programme = Programme.objects.get(slug="promotion-2027")
    start = timezone.localdate() + datetime.timedelta(days=40)
    response = client.post(
        url("session_create", slug="promotion-2027"),
        {"number": 1, "title": "Deux journées à Paris", "starts_at": f"{start}T09:30",
         "ends_at": f"{start + datetime.timedelta(days=1)}T17:00", "format": "in_person",
         "place_name": "Maison des coopératives", "city": "Paris", "capacity": 12},
    )  # fmt: skip
    session = programme.sessions.get()
    assert response["Location"] == url("session_update", pk=session.pk)
    assert session.event.is_multi_day and session.event.capacity == 12
    client.post(
        url("session_day_add", pk=session.pk),
        {"day-day": str(start + datetime.timedelta(days=1)), "day-title": "Visite d'un tiers-lieu",
         "day-city": "Paris"},
    )  # fmt: skip
    assert SessionDay.objects.get().title == "Visite d'un tiers-lieu"
    outside = client.post(
        url("session_day_add", pk=session.pk),
        {"day-day": str(start + datetime.timedelta(days=9)), "day-title": "Trop tard"},
        follow=True,
    )
    assert "La session a lieu du" in outside.content.decode()
    staff = make_staff(coop_a, email="ines@coop-a.test")
    unknown = client.post(url("cohort", pk=session.pk), {"email": "personne@nulle.part"})
    assert unknown.context["form"].errors["email"]
    client.post(url("cohort", pk=session.pk), {"email": "INES@coop-a.test"})
    participant = Participant.objects.get()
    assert participant.user == staff and participant.coop == coop_a
    client.post(url("participant_withdraw", pk=participant.pk))
    participant.refresh_from_db()
    assert participant.status == "withdrawn"


def test_federation_staff_runs_it_too_coop_staff_do_not(as_user, federation, coop_a, manager_a):
    fed_staff = UserFactory()
    FederationRoleFactory(user=fed_staff, federation=federation, role="staff")
    assert as_user(fed_staff).get(url("manage_home")).status_code == 200
    assert as_user(manager_a).get(url("manage_home")).status_code == 403


def test_coop_page(as_user, world, coop_a, manager_a, member_a, manager_b):
    page = reverse("training:coop_training", kwargs={"coop_slug": coop_a.slug})
    html = as_user(manager_a).get(page).content.decode()
    assert "Inès Marchand" in html and "Un jardin partagé" in html
    assert as_user(member_a).get(page).status_code == 403
    assert as_user(manager_b).get(page).status_code == 404
