"""Batches: all or nothing, every problem of every row, idempotent, one audit entry, the ledger."""

from __future__ import annotations

import pytest

from tests.members.factories import MemberFactory, admitted_member
from viecoop.api.schemas import MAX_BATCH
from viecoop.audit.models import AuditEntry
from viecoop.members.models import Member, ShareOperation

pytestmark = pytest.mark.django_db


def row(number: str, **values) -> dict:
    return {"number": number, "last_name": f"Nom{number}", "category": "accedant", **values}


ADMIT = {
    "status": "admitted",
    "admission_date": "2024-06-01",
    "admission_decision": "CA du 01/06/2024",
    "shares": 2,
}


def test_a_batch_creates_updates_and_admits(coop_a, token_a, api_a):
    token, _secret = token_a
    existing = MemberFactory(coop=coop_a, number="10", city="Rennes")
    admitted_member(coop=coop_a, number="11")  # a first ledger operation, n°1
    response = api_a.post(
        "/members/bulk",
        {
            "members": [
                row("20", **ADMIT),
                row("21"),
                {"number": "10", "city": "Vitré"},
                {"number": "11"},
                row("22", **{**ADMIT, "shares": 5}),
            ]
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (3, 1, 1)
    assert body["dry_run"] is False
    assert [r["action"] for r in body["rows"]] == [
        "created",
        "created",
        "updated",
        "unchanged",
        "created",
    ]
    assert [r["line"] for r in body["rows"]] == [1, 2, 3, 4, 5]
    ids = {r["number"]: r["id"] for r in body["rows"]}
    assert ids["10"] == existing.pk and ids["20"] == Member.objects.get(coop=coop_a, number="20").pk
    # The subscriptions follow the ledger's last operation, consecutively.
    assert body["ledger"] == [2, 3]
    operations = ShareOperation.objects.filter(coop=coop_a).order_by("sequence")
    assert [(o.sequence, o.member.number, o.shares) for o in operations] == [
        (1, "11", 1),
        (2, "20", 2),
        (3, "22", 5),
    ]
    existing.refresh_from_db()
    assert existing.city == "Vitré"
    entry = AuditEntry.objects.get(action="api.members_bulk")
    assert entry.coop == coop_a and entry.actor is None and token.prefix in entry.actor_label
    assert entry.details["numbers_created"] == ["20", "21", "22"]
    assert entry.details["numbers_updated"] == ["10"]
    assert entry.details["ledger"] == [2, 3] and entry.details["api_token"] == token.prefix


def test_a_batch_is_all_or_nothing_with_every_problem(coop_a, api_a):
    MemberFactory(coop=coop_a, number="1", email="taken@exemple.fr")
    before = (Member.objects.count(), ShareOperation.objects.count(), AuditEntry.objects.count())
    response = api_a.post(
        "/members/bulk",
        {
            "members": [
                row("30", **ADMIT),  # fine
                row("31", category="nope"),
                row("32", email="taken@exemple.fr"),
                row("30"),  # the number of line 1 again
                row("33", postal_code="7500A", birth_date="2024-02-31"),
            ]
        },
    )
    assert response.status_code == 422
    errors = [(e["line"], e["field"], e["code"]) for e in response.json()["errors"]]
    assert errors == [
        (2, "category", "unknown_category"),
        (3, "email", "email_taken"),
        (4, "number", "duplicate_number"),
        (5, "birth_date", "nonexistent_date"),
        (5, "postal_code", "invalid_postal_code"),
    ]
    assert response.json()["errors"][2]["message"] == "The same member number is on line 1."
    assert (
        Member.objects.count(),
        ShareOperation.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_a_batch_of_conflicts_only_answers_409(coop_a, api_a):
    MemberFactory(coop=coop_a, number="1", email="taken@exemple.fr")
    response = api_a.post("/members/bulk", {"members": [row("40", email="TAKEN@exemple.fr")]})
    assert response.status_code == 409
    assert response.json()["errors"][0] | {"message": ""} == {
        "line": 1,
        "field": "email",
        "code": "email_taken",
        "message": "",
        "value": "TAKEN@exemple.fr",
    }


def test_a_batch_is_idempotent(coop_a, api_a):
    batch = {"members": [row("50", **ADMIT), row("51", email="x@exemple.fr")]}
    assert api_a.post("/members/bulk", batch).json()["created"] == 2
    entries = AuditEntry.objects.count()
    again = api_a.post("/members/bulk", batch).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert again["ledger"] is None
    assert AuditEntry.objects.count() == entries  # nothing written, nothing logged
    assert ShareOperation.objects.filter(coop=coop_a).count() == 1


def test_a_dry_run_writes_nothing(coop_a, api_a):
    response = api_a.post(
        "/members/bulk?dry_run=true", {"members": [row("60", **ADMIT), row("61")]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True and body["created"] == 2
    assert [r["id"] for r in body["rows"]] == [None, None]
    assert not Member.objects.filter(coop=coop_a).exists()
    assert not AuditEntry.objects.filter(action="api.members_bulk").exists()


def test_a_batch_erases_with_null(coop_a, api_a):
    member = MemberFactory(coop=coop_a, number="70", phone="0600000000", city="Rennes")
    body = api_a.post("/members/bulk", {"members": [{"number": "70", "phone": None}]}).json()
    assert body["updated"] == 1
    member.refresh_from_db()
    assert (member.phone, member.city) == ("", "Rennes")


def test_a_batch_needs_numbers_and_a_bounded_size(api_a):
    response = api_a.post(
        "/members/bulk", {"members": [{"last_name": "X", "category": "accedant"}]}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"line": 1, "field": "number", "code": "required", "message": "This field is required."}
    ]
    empty = api_a.post("/members/bulk", {"members": []})
    assert empty.json()["errors"][0]["code"] == "empty_batch"
    too_many = api_a.post("/members/bulk", {"members": [row(str(n)) for n in range(MAX_BATCH + 1)]})
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["code"] == "too_many_rows"


def test_type_errors_name_their_line(api_a):
    response = api_a.post(
        "/members/bulk",
        {
            "members": [
                row("1"),
                row("2", shares=2.5),
                row("3", shares="deux"),
                row("4", shares=True),
            ]
        },
    )
    assert response.status_code == 422
    assert [(e["line"], e["field"], e["code"]) for e in response.json()["errors"]] == [
        (2, "shares", "fractional_shares"),
        (3, "shares", "invalid_shares"),
        (4, "shares", "invalid_shares"),
    ]


def test_a_batch_admits_existing_candidates_and_changes_others(coop_a, api_a):
    candidate = MemberFactory(coop=coop_a, number="80")
    other = MemberFactory(coop=coop_a, number="81", city="Rennes")
    response = api_a.post(
        "/members/bulk",
        {
            "members": [
                {"number": "80", "city": "Dinan", **ADMIT},
                {"number": "81", "city": "Vitré", "residence": None},
            ]
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["updated"] == 2 and response.json()["ledger"] == [1, 1]
    candidate.refresh_from_db()
    other.refresh_from_db()
    assert (candidate.status, candidate.city) == (Member.Status.ADMITTED, "Dinan")
    assert ShareOperation.objects.get(member=candidate).shares == 2
    assert other.city == "Vitré" and "vitre" in other.search_text
    entry = AuditEntry.objects.get(action="api.members_bulk")
    assert sorted(entry.details["numbers_updated"]) == ["80", "81"]
