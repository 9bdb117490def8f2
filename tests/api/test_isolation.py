"""A token reaches its own coop's data only: another coop's objects are 404, lists are its own."""

from __future__ import annotations

import pytest

from tests.api.catalogue import CALLS, call, fill, objects_of
from tests.members.factories import MemberFactory
from tests.organizations.factories import ResidenceFactory
from viecoop.api.models import ResidenceCode
from viecoop.members.models import Member
from viecoop.organizations.models import Residence

pytestmark = pytest.mark.django_db

BY_ID = [
    c for c in CALLS if "{member}" in c.path or "{residence}" in c.path or "{number}" in c.path
]


@pytest.mark.parametrize("item", BY_ID, ids=[f"{c.method} {c.path}" for c in BY_ID])
def test_another_coops_objects_are_not_found(coop_a, coop_b, api_b, item):
    objects_of(coop_b)  # coop B has objects of its own
    objects_a = objects_of(coop_a)
    member = Member.objects.get(pk=objects_a["member"])
    residence = Residence.objects.get(pk=objects_a["residence"])
    before = (
        Member.objects.filter(coop=coop_a).count(),
        member.updated_at,
        residence.city,
    )
    response = call(api_b, item, objects_a)
    assert response.status_code == 404, (fill(item.path, objects_a), response.content)
    assert response.json()["code"] == "not_found"
    member.refresh_from_db()
    residence.refresh_from_db()
    assert (Member.objects.filter(coop=coop_a).count(), member.updated_at, residence.city) == before


def test_lists_hold_the_tokens_coop_only(coop_a, coop_b, api_a, api_b):
    MemberFactory.create_batch(3, coop=coop_a)
    MemberFactory.create_batch(2, coop=coop_b)
    ResidenceFactory(coop=coop_a, name="Résidence A")
    ResidenceFactory(coop=coop_b, name="Résidence B")
    assert api_a.get("/members").json()["count"] == 3
    assert api_b.get("/members").json()["count"] == 2
    assert {r["name"] for r in api_b.get("/residences").json()["results"]} == {"Résidence B"}
    # SCIC and SCP coops: each sees its own colleges.
    assert {c["code"] for c in api_a.get("/colleges").json()} == {
        "usagers",
        "salaries",
        "collectivites",
        "partenaires",
    }
    assert {c["code"] for c in api_b.get("/colleges").json()} == {"A", "B", "C"}


def test_the_same_number_in_another_coop_is_another_member(coop_a, coop_b, api_b):
    mine = MemberFactory(coop=coop_a, number="42", last_name="Martin")
    response = api_b.put(
        "/members/by-number/42", {"last_name": "Durand", "category": "locataire-cooperateur"}
    )
    assert response.status_code == 201
    assert Member.objects.get(coop=coop_b, number="42").last_name == "Durand"
    mine.refresh_from_db()
    assert mine.last_name == "Martin"


def test_references_resolve_within_the_coop_only(coop_a, coop_b, api_b):
    ResidenceFactory(coop=coop_a, name="Les Érables")
    response = api_b.post(
        "/members",
        {"last_name": "Durand", "category": "locataire-cooperateur", "residence": "Les Érables"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "unknown_residence"


def test_residence_codes_are_per_coop(coop_a, coop_b, api_a, api_b):
    assert api_a.put("/residences/by-code/PRG-1", {"name": "Chez A"}).status_code == 201
    response = api_b.put("/residences/by-code/PRG-1", {"name": "Chez B"})
    assert response.status_code == 201  # the same code in coop B is coop B's own
    assert ResidenceCode.objects.filter(code="PRG-1").count() == 2
    assert Residence.objects.get(coop=coop_a, api_code__code="PRG-1").name == "Chez A"
