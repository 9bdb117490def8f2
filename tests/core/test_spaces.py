"""Network and federation pages: every pattern is scoped, and closed to members and outsiders.

Like the coop isolation test, this walks the URL resolver, so a new page under
/reseau/ or /federation/ is covered without being listed here.
"""

import re

import pytest
from django.test import Client

from viecoop.organizations.tenancy import SCOPE_ATTR

from .isolation import _walk

pytestmark = pytest.mark.django_db

SPACE_PREFIXES = ("reseau/", "federation/")


def _space_patterns():
    from django.urls import get_resolver

    return [p for p in _walk(get_resolver().url_patterns) if p.route.startswith(SPACE_PREFIXES)]


def _url(route: str) -> str:
    # Sample values for URL arguments: a scoped view refuses before it looks anything up.
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)


def test_every_space_view_declares_its_scope():
    patterns = _space_patterns()
    assert len(patterns) >= 5
    unscoped = [p.route for p in patterns if getattr(p.callback, SCOPE_ATTR, (None,))[0] != "space"]
    assert unscoped == []


def test_space_pages_closed_to_members_and_outsiders(member_a, outsider):
    failures = []
    for pattern in _space_patterns():
        url = _url(pattern.route)
        response = Client().get(url)
        if response.status_code != 302 or "/compte/login/" not in response["Location"]:
            failures.append(f"anonymous GET {url} → {response.status_code}")
        for user in (member_a, outsider):
            client = Client()
            client.force_login(user)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status != 403:
                    failures.append(f"{user.email} {method.upper()} {url} → {status}")
    assert failures == []


def test_federation_pages_closed_to_coop_staff(manager_a, referent_a):
    for user in (manager_a, referent_a):
        client = Client()
        client.force_login(user)
        for pattern in _space_patterns():
            if pattern.route.startswith("federation/"):
                assert client.get(_url(pattern.route)).status_code == 403, pattern.route
