"""Every list and detail page of the training programme runs a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from tests.network.factories import make_staff
from tests.organizations.factories import CoopFactory
from tests.training.factories import enrolled, make_programme, make_session
from tests.utils import assert_constant_queries
from viecoop.training import services

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"training:{name}", kwargs=kwargs)


@pytest.fixture
def programme(fed_admin):
    return make_programme(fed_admin, slug="promotion")


@pytest.fixture
def session(programme, fed_admin):
    return make_session(programme, fed_admin, number=1)


def _grow_people(session, federation, fed_admin, k):
    for _ in range(k):
        coop = CoopFactory(federation=federation)
        user = enrolled(session, coop, fed_admin)
        project = services.project_create(
            actor=user, programme=session.programme, title="P", goal="G"
        )
        for n in range(2):
            services.milestone_add(
                actor=user, project=project, title=f"J{n}", due_on=datetime.date(2025, 1, n + 1)
            )
        lesson = services.lesson_create(
            author=user, programme=session.programme, project=project, title="L", body="B"
        )
        services.lesson_submit(actor=user, lesson=lesson)
        services.lesson_publish(actor=fed_admin, lesson=lesson)


def test_network_pages(as_user, coop_a, federation, fed_admin, programme, session):
    reader = make_staff(coop_a)
    client = as_user(reader)

    def grow(k):
        _grow_people(session, federation, fed_admin, k)

    def grow_programmes(k):
        for n in range(k):
            p = make_programme(fed_admin)
            make_session(p, fed_admin, number=n + 1)

    assert assert_constant_queries(client, url("programme_list"), grow_programmes) <= 10
    assert assert_constant_queries(client, url("programme_detail", slug="promotion"), grow) <= 12
    session_url = url("session_detail", slug="promotion", number=1)
    assert assert_constant_queries(client, session_url, grow) <= 10
    assert assert_constant_queries(client, url("lesson_list"), grow) <= 10


def test_project_page(as_user, coop_a, fed_admin, programme, session):
    user = enrolled(session, coop_a, fed_admin)
    project = services.project_create(actor=user, programme=programme, title="P", goal="G")

    def grow(k):
        for n in range(k):
            services.milestone_add(
                actor=user, project=project, title=f"J{n}", due_on=datetime.date(2025, 1, 1)
            )
            lesson = services.lesson_create(
                author=user, programme=programme, project=project, title="L", body="B"
            )
            services.lesson_submit(actor=user, lesson=lesson)
            services.lesson_publish(actor=fed_admin, lesson=lesson)

    assert assert_constant_queries(as_user(user), url("project_detail", pk=project.pk), grow) <= 12


def test_federation_and_coop_pages(as_user, coop_a, federation, fed_admin, manager_a, session):
    def grow(k):
        _grow_people(session, federation, fed_admin, k)
        for _ in range(k):
            enrolled(session, coop_a, fed_admin)

    fed = as_user(fed_admin)
    assert assert_constant_queries(fed, url("manage_home"), grow) <= 10
    assert assert_constant_queries(fed, url("cohort", pk=session.pk), grow) <= 10
    coop_page = reverse("training:coop_training", kwargs={"coop_slug": coop_a.slug})
    assert assert_constant_queries(as_user(manager_a), coop_page, grow) <= 12
    assert assert_constant_queries(as_user(make_staff(coop_a)), url("my_training"), grow) <= 10
