"""The coop's API tokens page: managers only; the secret is shown once; revoking works at once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.api.conftest import ApiClient, make_token
from tests.organizations.factories import CoopRoleFactory
from tests.utils import assert_constant_queries
from viecoop.api.models import ApiToken
from viecoop.audit.models import AuditEntry
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db


def tokens_url(coop) -> str:
    return reverse("api:tokens", kwargs={"coop_slug": coop.slug})


@pytest.fixture
def staff_a(coop_a):
    user = UserFactory(email="staff@coop-a.test")
    CoopRoleFactory(user=user, coop=coop_a, role=CoopRole.Role.STAFF)
    return user


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager_a", 200),
        ("referent_a", 403),
        ("staff_a", 403),
        ("member_a", 403),
        ("manager_b", 404),
        ("fed_admin", 404),
        ("outsider", 404),
    ],
)
def test_who_may_open_the_page(request, login, coop_a, persona, status):
    client = login(request.getfixturevalue(persona))
    assert client.get(tokens_url(coop_a)).status_code == status
    posted = client.post(tokens_url(coop_a), {"name": "X", "scope": "read"})
    assert posted.status_code == (302 if status == 200 else status)
    assert ApiToken.objects.exists() == (status == 200)


def test_anonymous_visitors_are_sent_to_log_in(client, coop_a):
    response = client.get(tokens_url(coop_a))
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_the_menu_shows_the_page_to_managers_only(login, coop_a, manager_a, referent_a):
    home = reverse("organizations:coop_home", kwargs={"coop_slug": coop_a.slug})
    assert tokens_url(coop_a) in login(manager_a).get(home).content.decode()
    assert tokens_url(coop_a) not in login(referent_a).get(home).content.decode()


def test_a_manager_creates_a_token_and_sees_it_once(login, coop_a, manager_a):
    client = login(manager_a)
    response = client.post(
        tokens_url(coop_a),
        {"name": "Logiciel de gestion locative", "scope": "write", "expires_on": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(coop=coop_a)
    secret = response.context["new_secret"]
    assert secret.startswith(token.prefix + "_")
    html = response.content.decode()
    assert secret in html and "Copiez-le maintenant" in html
    assert token.scope == "write" and token.created_by == manager_a and token.expires_at is None
    # It works at once, for this coop.
    assert ApiClient(secret).get("/token").json()["coop"] == "coop-a"
    # Shown once: the next visit only shows its beginning.
    again = client.get(tokens_url(coop_a)).content.decode()
    assert secret not in again and f"{token.prefix}…" in again
    assert AuditEntry.objects.filter(action="api_token.create", actor=manager_a).exists()


def test_the_end_date_is_the_end_of_the_day_in_paris(login, coop_a, manager_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    login(manager_a).post(
        tokens_url(coop_a),
        {"name": "Prestataire", "scope": "read", "expires_on": tomorrow.isoformat()},
    )
    token = ApiToken.objects.get()
    local = timezone.localtime(token.expires_at)
    assert (local.date(), local.hour, local.minute) == (tomorrow, 23, 59)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "scope": "read"}, "name"),
        ({"name": "X", "scope": "admin"}, "scope"),
        ({"name": "X", "scope": "read", "expires_on": "2001-01-01"}, "expires_on"),
        ({"name": "X", "scope": "read", "expires_on": "31/02/2030"}, "expires_on"),
        ({"name": "X" * 101, "scope": "read"}, "name"),
    ],
)
def test_bad_input_is_explained_on_the_form(login, coop_a, manager_a, data, field):
    response = login(manager_a).post(tokens_url(coop_a), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_too_many_tokens_is_explained(login, coop_a, manager_a):
    from viecoop.api.services import MAX_ACTIVE_TOKENS

    for _ in range(MAX_ACTIVE_TOKENS):
        make_token(coop_a)
    response = login(manager_a).post(tokens_url(coop_a), {"name": "X", "scope": "read"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_revoke(login, coop_a, manager_a):
    token, secret = make_token(coop_a, name="Ancien prestataire")
    client = login(manager_a)
    url = reverse("api:token_revoke", kwargs={"coop_slug": coop_a.slug, "pk": token.pk})
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "révoqué" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == manager_a
    assert ApiClient(secret).get("/token").status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoke", actor=manager_a).exists()


def test_another_coops_token_cannot_be_revoked(login, coop_a, coop_b, manager_a):
    token, _secret = make_token(coop_b)
    url = reverse("api:token_revoke", kwargs={"coop_slug": coop_a.slug, "pk": token.pk})
    assert login(manager_a).post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_lists_every_status(login, coop_a, manager_a):
    from django.db import transaction

    from viecoop.api.services import api_token_revoke

    make_token(coop_a, name="Actif")
    revoked, _s = make_token(coop_a, name="Révoqué")
    with transaction.atomic():
        api_token_revoke(actor=manager_a, token=revoked)
    expiring, _s = make_token(
        coop_a, name="Expiré", expires_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    ApiToken.objects.filter(pk=expiring.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    html = login(manager_a).get(tokens_url(coop_a)).content.decode()
    for text in ("Actif", "Révoqué", "Expiré", "Jamais"):
        assert text in html


def test_the_page_runs_a_constant_number_of_queries(login, coop_a, manager_a):
    client = login(manager_a)

    def grow(n):
        for i in range(n):
            make_token(coop_a, actor=manager_a, name=f"Jeton {i}")

    assert_constant_queries(client, tokens_url(coop_a), grow, extra=8)


def test_the_audit_log_names_the_token(login, coop_a, manager_a, api_a, token_a):
    api_a.post("/members", {"last_name": "Durand", "category": "salarie"})
    html = (
        login(manager_a)
        .get(reverse("audit:coop_log", kwargs={"coop_slug": coop_a.slug}))
        .content.decode()
    )
    assert f"API · Gestion locative A ({token_a[0].prefix}…)" in html
