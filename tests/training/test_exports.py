import datetime

import pytest

from tests.training.factories import enrolled, make_programme, make_session
from viecoop.accounts.services import user_export_data
from viecoop.training import services

pytestmark = pytest.mark.django_db


def test_export_has_cohorts_projects_and_lessons(coop_a, fed_admin):
    programme = make_programme(fed_admin, title="Promotion 2025")
    user = enrolled(make_session(programme, fed_admin), coop_a, fed_admin)
    project = services.project_create(actor=user, programme=programme, title="Jardin", goal="G")
    services.milestone_add(
        actor=user, project=project, title="Chantier", due_on=datetime.date(2025, 4, 1)
    )
    services.lesson_create(author=user, programme=programme, title="Trois leçons", body="…")
    data = user_export_data(user=user)["training"]
    assert data["cohorts"][0]["programme"] == "Promotion 2025"
    assert data["projects"][0]["milestones"][0]["title"] == "Chantier"
    assert data["lessons"][0]["title"] == "Trois leçons"
