"""Residences through the API: by id, by the code of the coop's software, validated and audited."""

from __future__ import annotations

import pytest

from tests.members.factories import MemberFactory
from tests.organizations.factories import ResidenceFactory
from tests.utils import assert_constant_queries
from viecoop.api.models import ResidenceCode
from viecoop.audit.models import AuditEntry
from viecoop.organizations.models import Residence

pytestmark = pytest.mark.django_db

ERABLES = {
    "name": "Les  Érables",
    "address": "4 rue des Érables",
    "postal_code": "35000",
    "city": "Rennes",
    "homes_count": 24,
}


def test_list_and_read(coop_a, api_a):
    erables = ResidenceFactory(coop=coop_a, name="Les Érables", homes_count=24)
    ResidenceFactory(coop=coop_a, name="Ar Mor")
    MemberFactory.create_batch(2, coop=coop_a, residence=erables)
    ResidenceCode.objects.create(coop=coop_a, residence=erables, code="PRG-1")
    body = api_a.get("/residences").json()
    assert body["count"] == 2
    assert [r["name"] for r in body["results"]] == ["Ar Mor", "Les Érables"]
    one = api_a.get(f"/residences/{erables.pk}").json()
    assert one == body["results"][1]
    assert (one["code"], one["members"], one["homes_count"]) == ("PRG-1", 2, 24)


def test_list_runs_a_constant_number_of_queries(coop_a, token_a):
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token_a[1]}"})

    def grow(n):
        for _ in range(n):
            residence = ResidenceFactory(coop=coop_a)
            ResidenceCode.objects.create(coop=coop_a, residence=residence, code=f"C{residence.pk}")
            MemberFactory(coop=coop_a, residence=residence)

    assert assert_constant_queries(client, "/api/v1/residences", grow) <= 4


def test_create_tidies_validates_and_audits(coop_a, token_a, api_a):
    token, _secret = token_a
    response = api_a.post("/residences", {**ERABLES, "code": "PRG-1"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["action"] == "created"
    assert body["residence"]["name"] == "Les Érables" and body["residence"]["code"] == "PRG-1"
    residence = Residence.objects.get(coop=coop_a)
    assert residence.search_text  # the service kept the folded copy
    actions = set(AuditEntry.objects.filter(coop=coop_a).values_list("action", "actor_label"))
    assert ("residence.create", token.audit_label) in actions
    assert ("residence.code", token.audit_label) in actions


def test_create_conflicts(coop_a, api_a):
    api_a.post("/residences", {"name": "Les Érables", "code": "PRG-1"})
    same_name = api_a.post("/residences", {"name": "Les Érables"})
    assert same_name.status_code == 409
    assert same_name.json()["errors"][0]["code"] == "name_taken"
    same_code = api_a.post("/residences", {"name": "Autre", "code": "PRG-1"})
    assert same_code.status_code == 409
    assert same_code.json()["errors"][0]["code"] == "code_taken"
    assert Residence.objects.filter(coop=coop_a).count() == 1


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"name": "X", "postal_code": "7500A"}, "postal_code", "invalid_postal_code"),
        ({"name": "X" * 201}, "name", "too_long"),
        ({"name": "X", "homes_count": -1}, "homes_count", "out_of_range"),
        ({"name": "   "}, "name", "required"),
        ({"city": "Rennes"}, "name", "required"),
        ({"name": "X", "code": "Y" * 51}, "code", "too_long"),
        ({"name": "X", "colour": "blue"}, "colour", "unknown_field"),
    ],
)
def test_create_refuses_bad_values(api_a, body, field, code):
    response = api_a.post("/residences", body)
    assert response.status_code == 422, response.content
    assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (
        field,
        code,
    )


def test_the_postal_code_message_is_the_registers(api_a_fr):
    response = api_a_fr.post("/residences", {"name": "X", "postal_code": "7500A"})
    assert response.json()["errors"][0]["message"] == "Un code postal comporte cinq chiffres."


def test_patch(coop_a, api_a):
    erables = ResidenceFactory(coop=coop_a, name="Les Érables", city="Rennes", address="1 rue")
    response = api_a.patch(f"/residences/{erables.pk}", {"city": "Vitré", "address": None})
    assert response.status_code == 200 and response.json()["action"] == "updated"
    erables.refresh_from_db()
    assert (erables.city, erables.address, erables.name) == ("Vitré", "", "Les Érables")
    assert (
        api_a.patch(f"/residences/{erables.pk}", {"city": "Vitré"}).json()["action"] == "unchanged"
    )
    ResidenceFactory(coop=coop_a, name="Ar Mor")
    clash = api_a.patch(f"/residences/{erables.pk}", {"name": "Ar Mor"})
    assert clash.status_code == 409 and clash.json()["errors"][0]["code"] == "name_taken"
    assert api_a.patch(f"/residences/{erables.pk}", {"name": None}).status_code == 422
    assert api_a.patch("/residences/999999", {"city": "X"}).status_code == 404


def test_upsert_by_code_adopts_then_updates(coop_a, api_a):
    by_hand = ResidenceFactory(coop=coop_a, name="Les Érables", homes_count=10)
    adopted = api_a.put("/residences/by-code/PRG-1", {"name": "Les Érables", "homes_count": 12})
    assert adopted.status_code == 200, adopted.content
    assert adopted.json()["residence"]["id"] == by_hand.pk
    assert adopted.json()["action"] == "updated"
    # The code now decides: a rename follows it.
    renamed = api_a.put("/residences/by-code/PRG-1", {"name": "Résidence Les Érables"})
    assert renamed.json()["residence"]["id"] == by_hand.pk
    assert renamed.json()["residence"]["name"] == "Résidence Les Érables"
    again = api_a.put("/residences/by-code/PRG-1", {"name": "Résidence Les Érables"})
    assert again.status_code == 200 and again.json()["action"] == "unchanged"
    new = api_a.put("/residences/by-code/PRG-2", {"name": "Ar Mor"})
    assert new.status_code == 201 and new.json()["action"] == "created"
    missing_name = api_a.put("/residences/by-code/PRG-3", {"city": "Rennes"})
    assert missing_name.status_code == 422
    assert Residence.objects.filter(coop=coop_a).count() == 2


def test_a_code_cannot_move_to_a_second_residence(coop_a, api_a):
    one = api_a.post("/residences", {"name": "Une", "code": "A"}).json()["residence"]
    two = api_a.post("/residences", {"name": "Deux"}).json()["residence"]
    response = api_a.patch(f"/residences/{two['id']}", {"code": "A"})
    assert response.status_code == 409
    assert ResidenceCode.objects.get(code="A").residence_id == one["id"]
    assert api_a.patch(f"/residences/{two['id']}", {"code": "B"}).json()["residence"]["code"] == "B"
