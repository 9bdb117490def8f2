"""Generic isolation: no coop page is reachable by anyone outside the coop."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path

from viecoop.organizations.tenancy import coop_view

from .isolation import coop_patterns, isolation_failures

pytestmark = pytest.mark.django_db


def test_walks_every_coop_pattern():
    names = {p.name for p in coop_patterns()}
    # A few that must be there; the point is that the walk finds them without a list.
    assert {"organizations:coop_home", "organizations:team", "audit:coop_log"} <= names
    assert len(names) >= 10


def test_no_coop_page_leaks(coop_a, manager_a, manager_b, fed_admin, outsider):
    failures = isolation_failures(
        urlconf=None,
        coop=coop_a,
        owner=manager_a,
        strangers=[manager_b, fed_admin, outsider],
        client_class=Client,
    )
    assert failures == []


# A deliberately unscoped view, in a URLconf of its own, proves the test catches it.
def leaky_view(request, coop_slug):
    return HttpResponse(f"Données de {coop_slug}")


@coop_view("organizations.view_coop")
def scoped_view(request, coop):
    return HttpResponse("ok")


urlpatterns = [
    path("c/<slug:coop_slug>/fuite/", leaky_view, name="leaky"),
    path("c/<slug:coop_slug>/ok/", scoped_view, name="scoped"),
    path("c/<slug:coop_slug>/objet/<int:pk>/", scoped_view, name="unregistered_kwargs"),
    path("", include("viecoop.urls")),
]


def test_an_unscoped_view_is_caught(settings, coop_a, manager_a, manager_b, outsider):
    settings.ROOT_URLCONF = __name__
    failures = isolation_failures(
        urlconf=__name__,
        coop=coop_a,
        owner=manager_a,
        strangers=[manager_b, outsider],
        client_class=Client,
    )
    # The leaky view is reported twice over: not wrapped, and it answers strangers.
    assert any("leaky_view is not wrapped by coop_view" in f for f in failures)
    assert any("/c/coop-a/fuite/ as manager@coop-b.test → 200" in f for f in failures)
    assert any("/c/coop-a/fuite/ anonymous → 200" in f for f in failures)
    # A view with URL arguments nobody registered is reported too, never skipped.
    assert any("register a sample" in f for f in failures)
    # The scoped view is not.
    assert not any("/ok/" in f for f in failures)
