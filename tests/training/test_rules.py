"""Training permissions for every persona."""

import pytest

from tests.accounts.factories import UserFactory
from tests.network.factories import make_staff
from tests.organizations.factories import FederationRoleFactory
from tests.training.factories import enrolled, make_programme, make_session
from viecoop.training import services
from viecoop.training.models import Lesson

pytestmark = pytest.mark.django_db

ROLES = ("participant", "manager", "staff", "member", "fed_admin", "fed_staff", "outsider")
MATRIX = {
    "training.view_training": {"participant", "manager", "staff", "fed_admin", "fed_staff"},
    "training.manage_training": {"fed_admin", "fed_staff"},
    "training.review_lessons": {"fed_admin", "fed_staff"},
    "training.participate": {"participant"},
    "training.write_lesson": {"participant"},
}


@pytest.fixture
def people(coop_a, coop_b, manager_b, member_a, fed_admin, outsider, federation):
    fed_staff = UserFactory()
    FederationRoleFactory(user=fed_staff, federation=federation, role="staff")
    programme = make_programme(fed_admin)
    participant = enrolled(make_session(programme, fed_admin), coop_a, fed_admin)
    return {
        "participant": participant,
        "manager": manager_b,
        "staff": make_staff(coop_b),
        "member": member_a,
        "fed_admin": fed_admin,
        "fed_staff": fed_staff,
        "outsider": outsider,
        "programme": programme,
    }


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_permission_matrix(people, perm):
    assert {role for role in ROLES if people[role].has_perm(perm)} == MATRIX[perm]


def test_project_and_lesson_permissions(people, coop_a, manager_a):
    participant = people["participant"]
    project = services.project_create(
        actor=participant, programme=people["programme"], title="P", goal="G"
    )
    viewers = {role for role in ROLES if people[role].has_perm("training.view_project", project)}
    assert viewers == {"participant", "fed_admin", "fed_staff"}
    assert manager_a.has_perm("training.view_project", project)  # the participant's coop
    changers = {r for r in ROLES if people[r].has_perm("training.change_project", project)}
    assert changers == {"participant", "fed_admin", "fed_staff"}
    lesson = Lesson(author=participant, status=Lesson.Status.DRAFT)
    assert participant.has_perm("training.change_lesson", lesson)
    assert not people["staff"].has_perm("training.view_lesson", lesson)
    lesson.status = Lesson.Status.PUBLISHED
    assert not participant.has_perm("training.change_lesson", lesson)
    readers = {role for role in ROLES if people[role].has_perm("training.view_lesson", lesson)}
    assert readers == {"participant", "manager", "staff", "fed_admin", "fed_staff"}
