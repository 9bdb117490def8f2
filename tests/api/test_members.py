"""Members through the API: list and filters, read, create, update, upsert; ledger and audit."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import ResidenceFactory
from tests.utils import assert_constant_queries
from viecoop.audit.models import AuditEntry
from viecoop.members.models import Category, Member, ShareOperation

pytestmark = pytest.mark.django_db

ADMITTED = {
    "last_name": "Lefèvre",
    "first_name": "Émilie",
    "birth_date": "1975-04-03",
    "category": "Locataire-coopérateur",  # by name, accents and case as they come
    "email": "emilie.lefevre@exemple.fr",
    "postal_code": "1000",
    "status": "admitted",
    "admission_date": "2024-03-12",
    "admission_decision": "CA du 12/03/2024",
    "shares": 3,
}


# --- reading -------------------------------------------------------------------------


def test_list_pages_in_a_stable_order_with_the_total(coop_a, api_a):
    members = [MemberFactory(coop=coop_a) for _ in range(7)]
    first = api_a.get("/members", {"limit": 3}).json()
    assert first["count"] == 7 and first["offset"] == 0 and first["limit"] == 3
    assert [m["id"] for m in first["results"]] == [m.pk for m in members[:3]]
    assert first["previous"] is None
    assert "offset=3" in first["next"] and first["next"].startswith(
        "http://testserver/api/v1/members?"
    )
    second = api_a.get(first["next"].removeprefix("http://testserver")).json()
    assert [m["id"] for m in second["results"]] == [m.pk for m in members[3:6]]
    last = api_a.get("/members", {"limit": 3, "offset": 6}).json()
    assert [m["id"] for m in last["results"]] == [members[6].pk] and last["next"] is None
    assert api_a.get("/members", {"offset": 50}).json()["results"] == []
    descending = api_a.get("/members", {"order": "-id", "limit": 2}).json()["results"]
    assert [m["id"] for m in descending] == [members[6].pk, members[5].pk]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"limit": 0}, "out_of_range"),
        ({"limit": 501}, "out_of_range"),
        ({"offset": -1}, "out_of_range"),
        ({"limit": "abc"}, "invalid_integer"),
        ({"status": "gone"}, "invalid_choice"),
        ({"order": "random"}, "invalid_choice"),
        ({"updated_since": "yesterday"}, "invalid_datetime"),
    ],
)
def test_list_parameters_are_checked(api_a, params, code):
    response = api_a.get("/members", params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == code


def test_list_filters(coop_a, api_a):
    erables = ResidenceFactory(coop=coop_a, name="Les Érables")
    admitted = admitted_member(coop=coop_a, residence=erables, last_name="Hélène", first_name="Léa")
    candidate = MemberFactory(coop=coop_a, last_name="Martin")
    commune = MemberFactory(
        coop=coop_a,
        kind=Member.Kind.ENTITY,
        last_name="",
        legal_name="Commune de Vitré",
        category=Category.objects.get(coop=coop_a, code="collectivite"),
    )
    commune.college = commune.category.default_college
    commune.search_text = commune.build_search_text()
    commune.save()

    def ids(**params):
        return {m["id"] for m in api_a.get("/members", params).json()["results"]}

    assert ids(status="admitted") == {admitted.pk}
    assert ids(status="candidate") == {candidate.pk, commune.pk}
    assert ids(category="collectivite") == {commune.pk}
    assert ids(college="collectivites") == {commune.pk}
    assert ids(college="usagers") == {admitted.pk, candidate.pk}
    assert ids(residence=erables.pk) == {admitted.pk}
    assert ids(search="helene LEA") == {admitted.pk}
    assert ids(search="vitre") == {commune.pk}
    assert ids(category="nope") == set()


def test_updated_since_lists_what_changed(coop_a, api_a):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)):
        old = MemberFactory(coop=coop_a)
    with time_machine.travel(datetime.datetime(2026, 2, 5, 9, tzinfo=datetime.UTC)):
        new = MemberFactory(coop=coop_a)
    rows = api_a.get(
        "/members", {"updated_since": "2026-02-01T00:00:00+01:00", "order": "updated_at"}
    )
    assert [m["id"] for m in rows.json()["results"]] == [new.pk]
    # Without an offset the moment is Paris time.
    rows = api_a.get("/members", {"updated_since": "2026-01-05T10:00:01"})
    assert [m["id"] for m in rows.json()["results"]] == [new.pk]
    rows = api_a.get("/members", {"updated_since": "2026-01-05T10:00:00"})
    assert {m["id"] for m in rows.json()["results"]} == {old.pk, new.pk}


def test_list_runs_a_constant_number_of_queries(coop_a, token_a):
    from django.test import Client

    residences = [ResidenceFactory(coop=coop_a) for _ in range(3)]
    client = Client(headers={"Authorization": f"Bearer {token_a[1]}"})

    def grow(n):
        for i in range(n):
            admitted_member(coop=coop_a, residence=residences[i % 3], shares=1 + i % 2)

    queries = assert_constant_queries(client, "/api/v1/members?limit=500", grow, extra=15)
    # The token, the count, the page's keys, its rows (last use is written once a minute).
    assert queries <= 4


def test_read_one_member(coop_a, api_a):
    erables = ResidenceFactory(coop=coop_a, name="Les Érables")
    member = admitted_member(
        coop=coop_a,
        shares=4,
        residence=erables,
        last_name="Rivière",
        first_name="Jeanne",
        number="77",
        email="jeanne@exemple.fr",
    )
    body = api_a.get(f"/members/{member.pk}").json()
    assert body == api_a.get("/members/by-number/77").json()
    assert body["display_name"] == "RIVIÈRE Jeanne"
    assert body["shares"] == 4
    assert body["status"] == "admitted" and body["admission_date"] == "2024-03-12"
    assert body["category"] == "locataire-cooperateur" and body["college"] == "usagers"
    assert body["residence"] == "Les Érables" and body["residence_id"] == erables.pk
    assert body["has_account"] is False and body["anonymised"] is False
    assert api_a.get("/members/999999").status_code == 404
    assert api_a.get("/members/by-number/nope").json()["code"] == "not_found"


# --- writing -------------------------------------------------------------------------


def test_create_an_admitted_member_goes_through_the_ledger(coop_a, token_a, api_a):
    token, _secret = token_a
    response = api_a.post("/members", {**ADMITTED, "number": "101"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["action"] == "created" and body["warnings"] == []
    member = Member.objects.get(coop=coop_a, number="101")
    assert body["member"]["id"] == member.pk and body["member"]["shares"] == 3
    assert member.status == Member.Status.ADMITTED
    assert member.postal_code == "01000"  # the import's cleaning
    assert member.category.code == "locataire-cooperateur" and member.college.code == "usagers"
    operation = ShareOperation.objects.get(member=member)
    assert (operation.kind, operation.shares, operation.board_decision) == (
        "subscription",
        3,
        "CA du 12/03/2024",
    )
    assert operation.effective_date == datetime.date(2024, 3, 12)
    assert operation.created_by is None  # a token is not a person
    # Audited with the token as actor, naming it.
    entries = AuditEntry.objects.filter(coop=coop_a).exclude(action="api_token.create")
    assert set(entries.values_list("action", flat=True)) == {
        "member.create",
        "member.admit",
        "shares.subscription",
    }
    for entry in entries:
        assert entry.actor is None
        assert entry.actor_label == f"API · Gestion locative A ({token.prefix}…)"
        assert entry.details["api_token"] == token.prefix


def test_create_gives_the_next_number_and_refuses_a_taken_one(coop_a, api_a):
    MemberFactory(coop=coop_a, number="5")
    created = api_a.post("/members", {"last_name": "Durand", "category": "salarie"}).json()
    assert created["member"]["number"] == "1"
    assert created["member"]["status"] == "candidate" and created["member"]["shares"] == 0
    assert created["member"]["college"] == "salaries"
    response = api_a.post("/members", {"last_name": "Autre", "category": "salarie", "number": "5"})
    assert response.status_code == 409
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("number", "number_taken")
    assert "/members/by-number/5" in error["message"]


def test_patch_updates_and_audits_field_names(coop_a, token_a, api_a):
    member = MemberFactory(coop=coop_a, city="Rennes", email="old@exemple.fr")
    response = api_a.patch(f"/members/{member.pk}", {"city": "Vitré", "phone": "0612345678"})
    assert response.status_code == 200
    assert response.json()["action"] == "updated"
    member.refresh_from_db()
    assert (member.city, member.phone, member.email) == ("Vitré", "0612345678", "old@exemple.fr")
    assert "vitre" in member.search_text
    entry = AuditEntry.objects.get(action="member.update")
    assert entry.details["fields"] == ["city", "phone"]
    again = api_a.patch(f"/members/{member.pk}", {"city": "Vitré"})
    assert again.json()["action"] == "unchanged"
    assert AuditEntry.objects.filter(action="member.update").count() == 1


def test_patch_may_not_change_the_number(coop_a, api_a):
    member = MemberFactory(coop=coop_a)
    response = api_a.patch(f"/members/{member.pk}", {"number": "9"})
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "number",
        "code": "unknown_field",
        "message": "Unknown field.",
    }


def test_null_erases_an_optional_field_and_absent_keeps_it(coop_a, api_a):
    erables = ResidenceFactory(coop=coop_a)
    member = MemberFactory(
        coop=coop_a,
        email="a@exemple.fr",
        phone="0600000000",
        residence=erables,
        birth_date=datetime.date(1970, 1, 1),
    )
    response = api_a.patch(
        f"/members/{member.pk}",
        {"email": None, "phone": "", "residence": None, "birth_date": None, "last_name": None},
    )
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert (member.email, member.phone, member.residence, member.birth_date) == ("", "", None, None)
    assert member.last_name  # a required field is never erased: null there changes nothing


def test_upsert_by_number_is_idempotent(coop_a, api_a):
    first = api_a.put("/members/by-number/2001", ADMITTED)
    assert first.status_code == 201 and first.json()["action"] == "created"
    again = api_a.put("/members/by-number/2001", ADMITTED)
    assert again.status_code == 200 and again.json()["action"] == "unchanged"
    assert Member.objects.filter(coop=coop_a, number="2001").count() == 1
    assert ShareOperation.objects.filter(coop=coop_a).count() == 1  # shares subscribed once
    changed = api_a.put("/members/by-number/2001", {**ADMITTED, "city": "Bourg-en-Bresse"})
    assert changed.status_code == 200 and changed.json()["action"] == "updated"


def test_the_ledger_is_never_typed(coop_a, api_a):
    member = admitted_member(coop=coop_a, shares=2, number="300")
    response = api_a.put("/members/by-number/300", {"shares": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["action"] == "unchanged" and body["member"]["shares"] == 2
    assert "the import does not change the ledger" in body["warnings"][0]
    assert ShareOperation.objects.filter(member=member).count() == 1


def test_a_candidate_is_admitted_through_the_api(coop_a, api_a):
    member = MemberFactory(coop=coop_a, number="400")
    response = api_a.patch(
        f"/members/{member.pk}",
        {
            "status": "admitted",
            "admission_date": "2025-01-20",
            "admission_decision": "CA 20/01/2025",
            "shares": 1,
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["member"]["status"] == "admitted"
    assert response.json()["member"]["shares"] == 1
    assert AuditEntry.objects.filter(action="member.admit").exists()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"status": "left"}, "status", "exit_not_supported"),
        ({"status": "candidate"}, "status", "cannot_become_candidate"),
    ],
)
def test_status_changes_the_import_refuses(coop_a, api_a, body, field, code):
    member = admitted_member(coop=coop_a)
    response = api_a.patch(f"/members/{member.pk}", body)
    assert response.status_code == 422
    assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (
        field,
        code,
    )


def test_conflicts_with_the_register_answer_409(coop_a, api_a):
    MemberFactory(
        coop=coop_a,
        number="1",
        email="paul@exemple.fr",
        last_name="Martin",
        first_name="Paul",
        birth_date=datetime.date(1960, 5, 12),
    )
    same_email = api_a.post(
        "/members", {"last_name": "X", "category": "salarie", "email": "PAUL@exemple.fr"}
    )
    assert same_email.status_code == 409
    assert same_email.json()["errors"][0]["code"] == "email_taken"
    same_person = api_a.post(
        "/members",
        {
            "last_name": "MARTIN",
            "first_name": "paul",
            "birth_date": "1960-05-12",
            "category": "salarie",
        },
    )
    assert same_person.status_code == 409
    assert same_person.json()["errors"][0]["code"] == "identity_taken"
    # A conflict beside an invalid value is a 422: fix the values first.
    mixed = api_a.post(
        "/members", {"last_name": "X", "category": "zzz", "email": "paul@exemple.fr"}
    )
    assert mixed.status_code == 422


def test_duplicates_are_found_among_members_updated_without_birth_date(coop_a, api_a):
    """The name + birth date rule compares with the birth date the member already has."""
    MemberFactory(
        coop=coop_a,
        number="1",
        last_name="Martin",
        first_name="Paul",
        birth_date=datetime.date(1960, 5, 12),
    )
    other = MemberFactory(
        coop=coop_a,
        number="2",
        last_name="Durand",
        first_name="Paul",
        birth_date=datetime.date(1960, 5, 12),
    )
    response = api_a.patch(f"/members/{other.pk}", {"last_name": "Martin"})
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "identity_taken"


def test_members_name_their_residence_by_code(coop_a, api_a):
    api_a.put("/residences/by-code/PRG-0031", {"name": "Les Jardins de l'Ille"})
    response = api_a.post(
        "/members", {"last_name": "Quéré", "category": "salarie", "residence": "prg-0031"}
    )
    assert response.status_code == 201
    body = response.json()["member"]
    assert body["residence"] == "Les Jardins de l'Ille" and body["residence_code"] == "PRG-0031"


def test_writes_leave_the_updated_at_for_the_next_sync(coop_a, api_a):
    member = MemberFactory(coop=coop_a)
    before = timezone.now()
    api_a.patch(f"/members/{member.pk}", {"city": "Dinan"})
    rows = api_a.get("/members", {"updated_since": before.isoformat()}).json()["results"]
    assert [r["id"] for r in rows] == [member.pk]


def test_the_services_last_guard_answers_422(monkeypatch, coop_a, api_a):
    """Should a value pass the import's rules but not the model's, the answer is still JSON."""
    from django.core.exceptions import ValidationError

    from viecoop.members import services

    member = MemberFactory(coop=coop_a)

    def refuse(**kwargs):
        raise ValidationError(
            {"email": ValidationError("Saisissez une adresse valide.", code="invalid")}
        )

    monkeypatch.setattr(services, "member_update", refuse)
    response = api_a.patch(f"/members/{member.pk}", {"email": "x@exemple.fr"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "email", "code": "invalid_email", "message": "Saisissez une adresse valide."}
    ]

    def ledger(**kwargs):
        raise services.LedgerError("Only a candidate can be admitted.")

    monkeypatch.setattr(services, "member_admit", ledger)
    response = api_a.put(
        "/members/by-number/900",
        {
            "last_name": "X",
            "category": "salarie",
            "status": "admitted",
            "admission_date": "2024-01-01",
            "admission_decision": "CA",
            "shares": 1,
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "ledger_refused"
    assert not Member.objects.filter(coop=coop_a, number="900").exists()  # rolled back
