"""Every network permission for every persona (one row per permission, one column per role)."""

import pytest

from tests.accounts.factories import UserFactory
from tests.network.factories import make_staff
from tests.organizations.factories import FederationRoleFactory
from viecoop.network.models import NewsPost
from viecoop.organizations.models import FederationRole

pytestmark = pytest.mark.django_db

ROLES = ("manager", "referent", "staff", "member", "fed_admin", "fed_staff", "outsider")
# permission → who has it, among ROLES (global permissions, no object).
MATRIX = {
    "organizations.view_network": {"manager", "referent", "staff", "fed_admin", "fed_staff"},
    "network.view_directory": {"manager", "referent", "staff", "fed_admin", "fed_staff"},
    "network.view_news": {"manager", "referent", "staff", "fed_admin", "fed_staff"},
    "network.comment_news": {"manager", "referent", "staff", "fed_admin", "fed_staff"},
    "network.volunteer": {"manager", "staff"},
    "network.write_news": {"referent", "fed_admin", "fed_staff"},
    "network.publish_news": {"fed_admin", "fed_staff"},
    "network.moderate_news": {"fed_admin", "fed_staff"},
    "network.view_applications": {"fed_admin", "fed_staff"},
    "network.review_applications": {"fed_admin"},
    "network.end_mandate": {"fed_admin"},
    "network.view_coops_without_referent": {"fed_admin", "fed_staff"},
}


@pytest.fixture
def people(coop_a, manager_a, referent_a, member_a, fed_admin, outsider, federation):
    fed_staff = UserFactory()
    FederationRoleFactory(user=fed_staff, federation=federation, role=FederationRole.Role.STAFF)
    return {
        "manager": manager_a,
        "referent": referent_a,
        "staff": make_staff(coop_a),
        "member": member_a,
        "fed_admin": fed_admin,
        "fed_staff": fed_staff,
        "outsider": outsider,
    }


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_permission_matrix(people, perm):
    allowed = {role for role in ROLES if people[role].has_perm(perm)}
    assert allowed == MATRIX[perm]


def test_coop_referents_page_is_for_the_coops_staff(people, coop_a, coop_b):
    allowed = {
        role for role in ROLES if people[role].has_perm("network.view_coop_referents", coop_a)
    }
    assert allowed == {"manager", "referent", "staff"}
    assert not people["manager"].has_perm("network.view_coop_referents", coop_b)


def test_authors_change_their_posts_until_published(people, referent_a):
    post = NewsPost(author=referent_a, title="T", body="B", status=NewsPost.Status.SUBMITTED)
    assert referent_a.has_perm("network.change_news", post)
    assert not people["manager"].has_perm("network.change_news", post)
    assert people["fed_staff"].has_perm("network.change_news", post)
    post.status = NewsPost.Status.REJECTED
    assert referent_a.has_perm("network.change_news", post)
    post.status = NewsPost.Status.PUBLISHED
    assert not referent_a.has_perm("network.change_news", post)
    assert people["fed_admin"].has_perm("network.change_news", post)
