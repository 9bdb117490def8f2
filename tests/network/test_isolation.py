"""The coop's référents page stays in the coop; network pages stay in the network."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.core.isolation import coop_patterns
from tests.network.factories import apply, make_staff

pytestmark = pytest.mark.django_db


def test_the_generic_isolation_walk_covers_the_coop_page():
    assert "network:coop_referents" in {p.name for p in coop_patterns()}


def test_other_coops_and_the_federation_get_a_404(coop_a, manager_b, fed_admin, outsider):
    apply(make_staff(coop_a), coop_a)
    page = reverse("network:coop_referents", kwargs={"coop_slug": coop_a.slug})
    for user in (manager_b, fed_admin, outsider):
        client = Client()
        client.force_login(user)
        assert client.get(page).status_code == 404, user


def test_members_of_the_coop_do_not_see_it(coop_a, member_a):
    client = Client()
    client.force_login(member_a)
    page = reverse("network:coop_referents", kwargs={"coop_slug": coop_a.slug})
    assert client.get(page).status_code == 403
