"""The federation sees counts of members per coop, never who they are."""

import pytest
from django.urls import reverse

from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import CoopFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_counts_without_names(login, fed_admin, coop_a, coop_b):
    admitted_member(coop=coop_a, last_name="Confidentiel")
    admitted_member(coop=coop_a, last_name="Secret", category="salarie")
    MemberFactory(coop=coop_b, last_name="Zébulon")
    client = login(fed_admin)
    response = client.get(reverse("members:federation_overview"))
    rows = {c.slug: (c.admitted, c.users, c.candidates) for c in response.context["coops"]}
    assert rows[coop_a.slug] == (2, 1, 0) and rows[coop_b.slug] == (0, 0, 1)
    detail = client.get(reverse("members:federation_coop", kwargs={"coop_slug": coop_a.slug}))
    html = response.content.decode() + detail.content.decode()
    for name in ("CONFIDENTIEL", "Confidentiel", "SECRET", "Zébulon", "ZÉBULON"):
        assert name not in html
    assert {row["category__name"]: row["n"] for row in detail.context["by_category"]} == {
        "Locataire-coopérateur": 1,
        "Salarié": 1,
    }


def test_overview_constant_queries(login, fed_admin, federation):
    def grow(k):
        for _ in range(k):
            coop = CoopFactory(federation=federation)
            admitted_member(coop=coop)

    assert (
        assert_constant_queries(login(fed_admin), reverse("members:federation_overview"), grow)
        <= 10
    )


def test_only_the_federation(login, manager_a, coop_a):
    assert login(manager_a).get(reverse("members:federation_overview")).status_code == 403
    assert (
        login(manager_a)
        .get(reverse("members:federation_coop", kwargs={"coop_slug": coop_a.slug}))
        .status_code
        == 403
    )
