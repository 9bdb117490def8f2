import pytest
from django.db import transaction
from django.urls import reverse

from tests.utils import assert_constant_queries
from viecoop.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _entries(actor, coop, k, action="residence.update"):
    with transaction.atomic():
        for i in range(k):
            audit_record(actor=actor, action=action, coop=coop, details={"i": i})


def test_coop_log_for_manager_only(login, manager_a, referent_a, coop_a):
    _entries(manager_a, coop_a, 3)
    assert (
        login(referent_a)
        .get(reverse("audit:coop_log", kwargs={"coop_slug": coop_a.slug}))
        .status_code
        == 403
    )
    response = login(manager_a).get(reverse("audit:coop_log", kwargs={"coop_slug": coop_a.slug}))
    assert response.status_code == 200
    assert len(response.context["page"]) == 3


def test_coop_log_filters(login, manager_a, coop_a):
    _entries(manager_a, coop_a, 2, "residence.update")
    _entries(manager_a, coop_a, 1, "role.grant")
    client = login(manager_a)
    base = reverse("audit:coop_log", kwargs={"coop_slug": coop_a.slug})
    assert len(client.get(base, {"action": "role.grant"}).context["page"]) == 1
    assert len(client.get(base, {"actor": "kerleau"}).context["page"]) == 3
    assert len(client.get(base, {"actor": "personne"}).context["page"]) == 0
    bad = client.get(base, {"date_from": "2026-12-01", "date_to": "2026-11-01"})
    assert bad.status_code == 200 and bad.context["form"].errors
    garbage = client.get(base, {"date_from": "hier", "page": "abc"})
    assert garbage.status_code == 200


def test_coop_log_constant_queries(login, manager_a, coop_a):
    assert (
        assert_constant_queries(
            login(manager_a),
            reverse("audit:coop_log", kwargs={"coop_slug": coop_a.slug}),
            lambda k: _entries(manager_a, coop_a, k),
        )
        <= 12
    )


def test_federation_log_only_federation_entries(login, fed_admin, manager_a, coop_a):
    _entries(manager_a, coop_a, 2)
    _entries(fed_admin, None, 1, "coop.create")
    response = login(fed_admin).get(reverse("audit:federation_log"))
    assert [e.action for e in response.context["page"]] == ["coop.create"]
    assert login(manager_a).get(reverse("audit:federation_log")).status_code == 403
