"""Every operation × every way of presenting a token."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from tests.api.catalogue import CALLS, call, objects_of
from tests.api.conftest import ApiClient, make_token
from viecoop.api.models import ApiToken
from viecoop.api.services import api_token_revoke
from viecoop.audit.models import AuditEntry
from viecoop.members.models import Member
from viecoop.organizations.models import Residence

pytestmark = pytest.mark.django_db

IDS = [f"{c.method} {c.path}" for c in CALLS]


def _snapshot():
    return (Member.objects.count(), Residence.objects.count(), AuditEntry.objects.count())


@pytest.mark.parametrize("item", CALLS, ids=IDS)
def test_a_write_token_may_do_everything(coop_a, api_a, item):
    response = call(api_a, item, objects_of(coop_a))
    assert response.status_code in item.ok, response.content


@pytest.mark.parametrize("item", CALLS, ids=IDS)
def test_a_read_token_reads_and_may_not_write(coop_a, api_a_read, item):
    objects = objects_of(coop_a)
    before = _snapshot()
    response = call(api_a_read, item, objects)
    if item.writes:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "insufficient_scope"
        assert _snapshot() == before
    else:
        assert response.status_code == 200, response.content


@pytest.mark.parametrize("item", CALLS, ids=IDS)
def test_no_token(coop_a, anonymous_api, item):
    response = call(anonymous_api, item, objects_of(coop_a))
    assert response.status_code == 401
    assert response.json()["code"] == "missing_token"
    assert response["WWW-Authenticate"] == 'Bearer realm="viecoop"'


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Bearer vc_AAAAAAAA_" + "B" * 40, "invalid_token"),
        ("Bearer nonsense", "invalid_token"),
        ("Bearer ", "invalid_token"),
        ("Basic dXNlcjpwYXNz", "invalid_token"),
        ("Token vc_x", "invalid_token"),
    ],
)
@pytest.mark.parametrize("item", CALLS, ids=IDS)
def test_bad_tokens(coop_a, item, header, code):
    objects = objects_of(coop_a)
    before = _snapshot()
    api = ApiClient(None, language="en")
    api.headers = lambda extra=None: {"Authorization": header}
    response = call(api, item, objects)
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert _snapshot() == before


@pytest.mark.parametrize("item", CALLS, ids=IDS)
def test_revoked_token(coop_a, manager_a, item):
    token, secret = make_token(coop_a)
    with transaction.atomic():
        api_token_revoke(actor=manager_a, token=token)
    response = call(ApiClient(secret), item, objects_of(coop_a))
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


@pytest.mark.parametrize("item", CALLS, ids=IDS)
def test_expired_token(coop_a, item):
    end = timezone.now() + datetime.timedelta(hours=1)
    _token, secret = make_token(coop_a, expires_at=end)
    objects = objects_of(coop_a)
    with time_machine.travel(end + datetime.timedelta(minutes=1)):
        response = call(ApiClient(secret), item, objects)
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"


def test_the_token_endpoint_says_who_is_calling(coop_a, token_a, api_a):
    token, _secret = token_a
    body = api_a.get("/token").json()
    assert body == {
        "coop": "coop-a",
        "coop_name": coop_a.name,
        "token": token.prefix,
        "name": "Gestion locative A",
        "scope": ApiToken.Scope.WRITE,
        "expires_at": None,
    }


def test_a_session_cookie_does_not_open_the_api(client, manager_a, coop_a):
    """The API is for programs with tokens: a logged-in browser gets no data through it."""
    client.force_login(manager_a)
    response = client.get("/api/v1/members")
    assert response.status_code == 401
