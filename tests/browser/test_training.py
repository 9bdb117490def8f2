"""The training programme in a real browser: a participant follows their project by milestones
(htmx, in place) and shares a lesson the chargée de mission publishes; axe and phone width."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import audit
from tests.browser.test_navigation import _session_cookie
from tests.training.factories import enrolled, make_programme, make_session
from viecoop.training import services
from viecoop.training.models import Lesson, Milestone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _as(page, user):
    page.context.clear_cookies()
    page.context.add_cookies([_session_cookie(page, user)])


@pytest.fixture
def world(coop_a, fed_admin):
    programme = make_programme(fed_admin, title="Promotion 2025", slug="promotion-2025")
    session = make_session(programme, fed_admin, number=3, title="Deux journées à Paris")
    start = session.event.starts_at.date()
    services.session_day_add(
        actor=fed_admin, session=session, day=start, title="Partager les résultats", city="Paris"
    )
    services.session_day_add(
        actor=fed_admin, session=session, day=start + datetime.timedelta(days=1),
        title="Visiter un tiers-lieu", city="Paris",
    )  # fmt: skip
    participant = enrolled(session, coop_a, fed_admin, first_name="Inès", last_name="Marchand")
    project = services.project_create(
        actor=participant, programme=programme, title="Un jardin partagé", goal="Cultiver"
    )
    return programme, session, participant, project


def test_participant_follows_a_project_and_shares_a_lesson(page, world, fed_admin):
    programme, _session, participant, project = world
    _as(page, participant)
    page.goto(page.base_url + project.get_absolute_url())
    form = page.locator("#milestones form.panel")
    form.get_by_label("Jalon").fill("Chantier participatif")
    form.get_by_label("Prévu pour").fill("2025-04-12")
    form.get_by_role("button", name="Ajouter le jalon").click()
    page.wait_for_selector("#milestones .milestone")
    assert "Chantier participatif" in page.locator("#milestones").inner_text()
    assert page.url.endswith(project.get_absolute_url())  # updated in place, no reload
    milestone = Milestone.objects.get()
    page.locator(f"#status-{milestone.pk}").select_option("done")
    page.locator(f"#milestone-{milestone.pk} button").click()
    page.wait_for_selector(f"#milestone-{milestone.pk}.milestone-done")
    milestone.refresh_from_db()
    assert milestone.status == "done"

    page.goto(page.base_url + reverse("training:lesson_create"))
    page.get_by_label("Parcours").select_option(str(programme.pk))
    page.get_by_label("Titre").fill("Un jardin, trois leçons")
    page.get_by_label("Retour d'expérience").fill("1. Demander l'accord du conseil")
    page.get_by_role("button", name="Envoyer à la fédération").click()
    page.wait_for_url(re.compile(r"/reseau/formation/retours/\d+/$"))
    lesson = Lesson.objects.get()
    assert lesson.status == "submitted"

    _as(page, fed_admin)
    page.goto(page.base_url + reverse("training:manage_home"))
    page.get_by_role("link", name="Un jardin, trois leçons").click()
    page.get_by_role("button", name="Publier pour le réseau").click()
    page.wait_for_url(page.base_url + reverse("training:manage_home"))
    lesson.refresh_from_db()
    assert lesson.status == "published"


def test_training_pages_are_accessible_and_fit_a_phone(page, phone_page, world, coop_a, fed_admin):
    programme, session, participant, project = world
    lesson = services.lesson_create(author=participant, programme=programme, title="L", body="B")
    services.lesson_submit(actor=participant, lesson=lesson)
    network_pages = [
        reverse("training:programme_list"),
        reverse("training:programme_detail", kwargs={"slug": programme.slug}),
        reverse("training:session_detail", kwargs={"slug": programme.slug, "number": 3}),
        project.get_absolute_url(),
        reverse("training:my_training"),
        reverse("training:lesson_list"),
        reverse("training:lesson_create"),
        lesson.get_absolute_url(),
        reverse("training:coop_training", kwargs={"coop_slug": coop_a.slug}),
    ]
    _as(page, participant)
    problems = [p for path in network_pages for p in audit(page, path)]
    federation_pages = [
        reverse("training:manage_home"),
        reverse("training:programme_create"),
        reverse("training:session_update", kwargs={"pk": session.pk}),
        reverse("training:cohort", kwargs={"pk": session.pk}),
        reverse("training:lesson_review", kwargs={"pk": lesson.pk}),
    ]
    _as(page, fed_admin)
    problems += [p for path in federation_pages for p in audit(page, path)]
    assert problems == []

    _as(phone_page, participant)
    for path in network_pages:
        phone_page.goto(phone_page.base_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
    _as(phone_page, fed_admin)
    for path in federation_pages:
        phone_page.goto(phone_page.base_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
