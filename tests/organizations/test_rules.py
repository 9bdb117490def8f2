"""Every permission, for every persona (one table, read top to bottom)."""

import pytest

pytestmark = pytest.mark.django_db

COOP_PERMS = [
    "organizations.view_coop",
    "organizations.view_coop_staff_area",
    "organizations.change_coop",
    "organizations.view_residences",
    "organizations.manage_residences",
    "organizations.view_team",
    "organizations.manage_team",
    "organizations.invite_members",
    "audit.view_coop_log",
]

# persona → the coop-A permissions it holds (all others are refused).
EXPECTED_IN_COOP_A = {
    "manager_a": set(COOP_PERMS),
    "referent_a": {
        "organizations.view_coop",
        "organizations.view_coop_staff_area",
        "organizations.view_residences",
        "organizations.manage_residences",
        "organizations.view_team",
        "organizations.invite_members",
    },
    "member_a": {"organizations.view_coop"},
    "manager_b": set(),
    "fed_admin": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED_IN_COOP_A))
@pytest.mark.parametrize("perm", COOP_PERMS)
def test_coop_permissions(request, coop_a, persona, perm):
    user = request.getfixturevalue(persona)
    assert user.has_perm(perm, coop_a) is (perm in EXPECTED_IN_COOP_A[persona])


SPACE_PERMS = {
    "organizations.view_network": {"manager_a", "referent_a", "manager_b", "fed_admin"},
    "organizations.view_federation": {"fed_admin"},
    "organizations.manage_federation": {"fed_admin"},
    "audit.view_federation_log": {"fed_admin"},
    "accounts.process_deletion_requests": {"fed_admin"},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED_IN_COOP_A))
@pytest.mark.parametrize("perm", sorted(SPACE_PERMS))
def test_space_permissions(request, persona, perm):
    user = request.getfixturevalue(persona)
    assert user.has_perm(perm) is (persona in SPACE_PERMS[perm])


def test_roles_in_several_coops_and_federation(coop_a, coop_b, federation):
    from tests.accounts.factories import UserFactory
    from tests.organizations.factories import CoopRoleFactory, FederationRoleFactory

    user = UserFactory()
    CoopRoleFactory(user=user, coop=coop_a, role="referent")
    CoopRoleFactory(user=user, coop=coop_b, role="member")
    FederationRoleFactory(user=user, federation=federation, role="staff")
    assert user.has_perm("organizations.view_team", coop_a)
    assert not user.has_perm("organizations.view_team", coop_b)
    assert user.has_perm("organizations.view_coop", coop_b)
    assert user.has_perm("organizations.view_federation")
    assert not user.has_perm("organizations.manage_federation")


def test_inactive_user_has_no_role(referent_a, coop_a):
    referent_a.is_active = False
    assert not referent_a.has_perm("organizations.view_coop", coop_a)


def test_roles_loaded_once_per_request(django_assert_num_queries, referent_a, coop_a, coop_b):
    from viecoop.accounts.models import User
    from viecoop.organizations.models import CoopRole

    user = User.objects.get(pk=referent_a.pk)
    with django_assert_num_queries(2):
        for perm in COOP_PERMS:
            user.has_perm(perm, coop_a)
            user.has_perm(perm, coop_b)
    assert CoopRole.objects.filter(user=user).count() == 1
