"""Voting rights derived from the register and the ledger at a date."""

import datetime

import pytest
from django.urls import reverse

from tests.members.factories import MemberFactory, admitted_member
from tests.utils import count_queries
from viecoop.members import selectors, services
from viecoop.members.models import College

pytestmark = pytest.mark.django_db
BEFORE = datetime.date(2024, 1, 1)  # admitted_member() admits on 12/03/2024
AFTER = datetime.date(2025, 1, 1)


def test_who_votes_at_a_date(coop_a):
    voter = admitted_member(coop=coop_a)
    MemberFactory(coop=coop_a)  # a candidate never votes
    gone = admitted_member(coop=coop_a)
    services.member_leave(
        actor=None, member=gone, exit_date=datetime.date(2024, 6, 1), reason="resigned"
    )
    assert list(selectors.voters_at(coop=coop_a, on=BEFORE)) == []
    assert {m.pk for m in selectors.voters_at(coop=coop_a, on=datetime.date(2024, 5, 1))} == {
        voter.pk,
        gone.pk,
    }
    assert [m.pk for m in selectors.voters_at(coop=coop_a, on=AFTER)] == [voter.pk]


def test_an_investor_with_no_share_left_does_not_vote(coop_b):
    investor = admitted_member(coop=coop_b, shares=5, category="collectivite")
    services.share_operation_record(
        actor=None,
        coop=coop_b,
        kind="redemption",
        member=investor,
        shares=5,
        effective_date=datetime.date(2024, 6, 1),
    )
    assert selectors.voters_at(coop=coop_b, on=datetime.date(2024, 5, 1)).count() == 1
    assert selectors.voters_at(coop=coop_b, on=AFTER).count() == 0


def test_scp_rights_apply_the_investors_cap(coop_b):
    users = [admitted_member(coop=coop_b) for _ in range(13)]
    investor = admitted_member(coop=coop_b, shares=100, category="collectivite")
    rights = selectors.voting_rights_at(coop=coop_b, on=AFTER)
    assert rights.capped
    assert all(rights.members[m.pk].votes == 1 for m in users)
    assert rights.members[investor.pk].votes == 7  # floor(35/100 × 13 / 0.65) = 7
    assert rights.total_votes == 20


def test_scic_rights_use_the_college_weights(coop_a):
    admitted_member(coop=coop_a)
    admitted_member(coop=coop_a, category="salarie")
    rights = selectors.voting_rights_at(coop=coop_a, on=AFTER)
    weights = {c.code: c.weight for c in rights.colleges}
    assert sum(weights.values()) == 1
    assert (
        weights["collectivites"] == 0 and weights["partenaires"] == 0
    )  # empty colleges shared out


def test_rights_load_in_a_constant_number_of_queries(coop_b):
    for _ in range(3):
        admitted_member(coop=coop_b)
    few, _rights = count_queries(lambda: selectors.voting_rights_at(coop=coop_b, on=AFTER))
    for _ in range(10):
        admitted_member(coop=coop_b)
    many, rights = count_queries(lambda: selectors.voting_rights_at(coop=coop_b, on=AFTER))
    assert few == many <= 4 and len(rights.members) == 13


def test_voting_rights_page_and_csv(login, coop_b, manager_b):
    member = admitted_member(coop=coop_b, last_name="Lemaire")
    client = login(manager_b)
    page = reverse("members:voting_rights", kwargs={"coop_slug": coop_b.slug})
    response = client.get(page, {"on": "2025-01-01"})
    assert response.status_code == 200 and response.context["rights"].total_votes == 1
    response = client.get(page, {"on": "2025-01-01", "format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert f"{member.number};LEMAIRE" in body
    assert client.get(page, {"on": "pas une date"}).status_code == 200


def test_broken_colleges_are_explained_not_crashed(login, coop_a, manager_a):
    College.objects.filter(coop=coop_a, code="usagers").update(weight=70)
    admitted_member(coop=coop_a)
    response = login(manager_a).get(
        reverse("members:voting_rights", kwargs={"coop_slug": coop_a.slug})
    )
    assert response.status_code == 200
    assert response.context["problems"]


def test_rights_and_voters_at_agree(coop_b):
    """The fast path of voting_rights_at picks exactly the members voters_at describes."""
    keep = [admitted_member(coop=coop_b, shares=2) for _ in range(3)]
    gone = admitted_member(coop=coop_b)
    services.member_leave(
        actor=None, member=gone, exit_date=datetime.date(2024, 6, 1), reason="deceased"
    )
    investor = admitted_member(coop=coop_b, shares=5, category="collectivite")
    services.share_operation_record(
        actor=None,
        coop=coop_b,
        kind="redemption",
        member=investor,
        shares=5,
        effective_date=datetime.date(2024, 9, 1),
    )
    for on in (BEFORE, datetime.date(2024, 5, 1), datetime.date(2024, 8, 1), AFTER):
        expected = {m.pk for m in selectors.voters_at(coop=coop_b, on=on)}
        assert set(selectors.voting_rights_at(coop=coop_b, on=on).members) == expected
    assert set(selectors.voting_rights_at(coop=coop_b, on=AFTER).members) == {m.pk for m in keep}
