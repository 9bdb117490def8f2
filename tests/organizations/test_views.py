"""Coop and federation pages: behaviour, roles and constant query counts (network: tests/network)."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.organizations.factories import CoopFactory, CoopRoleFactory, ResidenceFactory
from tests.utils import assert_constant_queries
from viecoop.accounts.models import Invitation
from viecoop.audit.models import AuditEntry
from viecoop.organizations.models import CoopRole, Residence

pytestmark = pytest.mark.django_db


def url(name, coop=None, **kwargs):
    if coop is not None:
        kwargs["coop_slug"] = coop.slug
    return reverse(f"organizations:{name}", kwargs=kwargs)


def test_anonymous_goes_to_login(client, coop_a):
    response = client.get(url("coop_home", coop_a))
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")


def test_member_sees_home_but_not_staff_pages(login, member_a, coop_a):
    client = login(member_a)
    response = client.get(url("coop_home", coop_a))
    assert response.status_code == 200
    assert coop_a.name in response.content.decode()
    nav_urls = [item.url for space in response.context["navigation"] for item in space.items]
    # The coop's home and the member's own shares first; no staff page: other apps add
    # pages for members (resources, assemblies…), and every entry must open for a member.
    assert nav_urls[:2] == [
        url("coop_home", coop_a),
        reverse("members:my_membership", kwargs={"coop_slug": coop_a.slug}),
    ]
    assert not {url(n, coop_a) for n in ("residence_list", "team", "coop_settings")} & set(nav_urls)
    for item_url in nav_urls:
        assert client.get(item_url).status_code == 200, item_url
    for name in ("residence_list", "team", "coop_settings"):
        assert client.get(url(name, coop_a)).status_code == 403


def test_staff_navigation_depends_on_role(login, referent_a, manager_a, coop_a):
    ref_nav = login(referent_a).get(url("coop_home", coop_a)).context["navigation"]
    man_nav = login(manager_a).get(url("coop_home", coop_a)).context["navigation"]
    ref_items = next(s for s in ref_nav if s.current).items
    man_items = next(s for s in man_nav if s.current).items
    assert len(man_items) > len(ref_items) >= 3
    assert any(s.kind == "network" for s in ref_nav)
    assert not any(s.kind == "federation" for s in ref_nav)


def test_residence_crud(login, referent_a, coop_a):
    client = login(referent_a)
    response = client.post(
        url("residence_create", coop_a),
        {
            "name": "Les Acacias",
            "address": "3 rue des Acacias",
            "postal_code": "35000",
            "city": "Rennes",
            "homes_count": 18,
        },
    )
    assert response.status_code == 302
    residence = Residence.objects.get(coop=coop_a, name="Les Acacias")
    response = client.post(
        url("residence_update", coop_a, pk=residence.pk),
        {"name": "Les Acacias", "postal_code": "35000", "city": "Rennes", "homes_count": 20},
    )
    assert response.status_code == 302
    residence.refresh_from_db()
    assert residence.homes_count == 20
    assert client.post(url("residence_delete", coop_a, pk=residence.pk)).status_code == 302
    assert not Residence.objects.filter(pk=residence.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "homes_count": 3},
        {"name": "X", "homes_count": -4},
        {"name": "X", "homes_count": "beaucoup"},
        {"name": "X", "homes_count": 3, "postal_code": "3500"},
    ],
)
def test_residence_bad_input_is_explained(login, referent_a, coop_a, data):
    response = login(referent_a).post(url("residence_create", coop_a), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Residence.objects.exists()


def test_duplicate_residence_name_is_a_form_error(login, referent_a, coop_a):
    ResidenceFactory(coop=coop_a, name="Les Acacias")
    response = login(referent_a).post(
        url("residence_create", coop_a), {"name": "Les Acacias", "homes_count": 3}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_residence_of_another_coop_is_404(login, referent_a, coop_a, coop_b):
    other = ResidenceFactory(coop=coop_b)
    client = login(referent_a)
    assert client.get(url("residence_update", coop_a, pk=other.pk)).status_code == 404
    assert client.post(url("residence_delete", coop_a, pk=other.pk)).status_code == 404
    assert Residence.objects.filter(pk=other.pk).exists()


def test_residence_list_search_and_htmx(login, referent_a, coop_a):
    ResidenceFactory(coop=coop_a, name="Les Érables")
    ResidenceFactory(coop=coop_a, name="Le Moulin")
    client = login(referent_a)
    response = client.get(url("residence_list", coop_a), {"q": "érables"})
    assert [r.name for r in response.context["page"]] == ["Les Érables"]
    partial = client.get(
        url("residence_list", coop_a), {"q": "moulin"}, headers={"HX-Request": "true"}
    )
    html = partial.content.decode()
    assert "Le Moulin" in html and "<html" not in html


def test_residence_list_constant_queries(login, referent_a, coop_a):
    n = assert_constant_queries(
        login(referent_a),
        url("residence_list", coop_a),
        lambda k: ResidenceFactory.create_batch(k, coop=coop_a),
    )
    assert n <= 12


def test_team_page_constant_queries(login, manager_a, coop_a):
    def grow(k):
        CoopRoleFactory.create_batch(k, coop=coop_a, role="staff")
        CoopRoleFactory.create_batch(k, coop=coop_a, role="referent")

    assert assert_constant_queries(login(manager_a), url("team", coop_a), grow) <= 14


def test_manager_invites_staff_by_email(
    login, manager_a, coop_a, django_capture_on_commit_callbacks
):
    client = login(manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("invite", coop_a),
            {
                "channel": "email",
                "email": "nouveau@exemple.fr",
                "role": "referent",
                "first_name": "Léo",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(coop=coop_a)
    assert invitation.coop_role == "referent"


def test_referent_may_invite_members_only(login, referent_a, coop_a):
    client = login(referent_a)
    response = client.post(
        url("invite", coop_a), {"channel": "email", "email": "x@exemple.fr", "role": "manager"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not Invitation.objects.exists()


def test_letter_invitation_shows_code_once(login, referent_a, coop_a):
    client = login(referent_a)
    response = client.post(
        url("invite", coop_a),
        {"channel": "letter", "role": "member", "first_name": "Robert", "last_name": "Lemaire"},
    )
    assert response.status_code == 200
    code = response.context["code"]
    assert code in response.content.decode()
    assert Invitation.objects.get().channel == "letter"


def test_invite_without_email_is_explained(login, manager_a, coop_a):
    response = login(manager_a).post(url("invite", coop_a), {"channel": "email", "role": "staff"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_role_revoke_by_manager(login, manager_a, coop_a):
    role = CoopRoleFactory(coop=coop_a, role="staff")
    response = login(manager_a).post(url("role_revoke", coop_a, pk=role.pk))
    assert response.status_code == 302
    assert not CoopRole.objects.filter(pk=role.pk).exists()


def test_last_manager_message(login, manager_a, coop_a):
    role = CoopRole.objects.get(user=manager_a, role="manager")
    client = login(manager_a)
    response = client.post(url("role_revoke", coop_a, pk=role.pk), follow=True)
    assert CoopRole.objects.filter(pk=role.pk).exists()
    assert list(response.context["messages"])


def test_coop_settings_by_manager(login, manager_a, coop_a):
    client = login(manager_a)
    data = {
        "name": coop_a.name,
        "legal_form": "scic",
        "region": "BRE",
        "department": "35",
        "city": "Saint-Brieuc",
        "postal_code": "22000",
        "siren": "732 829 320",
    }
    response = client.post(url("coop_settings", coop_a), data)
    assert response.status_code == 302
    coop_a.refresh_from_db()
    assert (coop_a.city, coop_a.siren) == ("Saint-Brieuc", "732829320")
    bad = client.post(url("coop_settings", coop_a), {**data, "siren": "123456789"})
    assert bad.status_code == 200 and bad.context["form"].errors["siren"]


def test_federation_dashboard_constant_queries(login, fed_admin, federation):
    assert (
        assert_constant_queries(
            login(fed_admin),
            url("federation_home"),
            lambda k: CoopFactory.create_batch(k, federation=federation),
        )
        <= 14
    )


def test_federation_creates_coop_and_invites_manager(
    login, fed_admin, federation, django_capture_on_commit_callbacks
):
    client = login(fed_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("coop_create"),
            {
                "name": "Les Castors de l'Ouest",
                "slug": "castors-ouest",
                "legal_form": "scp",
                "region": "NAQ",
                "department": "33",
                "manager_email": "direction@castors.fr",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="direction@castors.fr")
    assert invitation.coop.slug == "castors-ouest" and invitation.coop_role == "manager"
    assert AuditEntry.objects.filter(action="coop.create", coop__isnull=True).exists()


def test_federation_invites_its_staff(login, fed_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(fed_admin).post(
            url("federation_invite"), {"email": "equipe@federation.fr", "role": "staff"}
        )
    assert response.status_code == 302
    assert Invitation.objects.get().federation_role == "staff"


def test_home_lists_my_spaces(login, coop_a, coop_b, federation):
    user = UserFactory()
    CoopRoleFactory(user=user, coop=coop_a, role="referent")
    CoopRoleFactory(user=user, coop=coop_b, role="member")
    response = login(user).get("/")
    kinds = [s.kind for s in response.context["navigation"]]
    assert kinds == ["coop", "coop", "network"]


def test_remove_buttons_only_for_managers(login, manager_a, referent_a, coop_a):
    revoke_url = reverse("organizations:role_revoke", kwargs={"coop_slug": coop_a.slug, "pk": 0})[
        : -len("0/retirer/")
    ]
    manager_html = login(manager_a).get(url("team", coop_a)).content.decode()
    referent_html = login(referent_a).get(url("team", coop_a)).content.decode()
    assert revoke_url in manager_html
    assert revoke_url not in referent_html
