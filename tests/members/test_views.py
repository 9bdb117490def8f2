"""Register pages: who may see and change what, clear errors, constant query counts."""

import datetime

import pytest
from django.urls import reverse

from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import CoopRoleFactory
from tests.utils import assert_constant_queries, count_queries
from viecoop.members.models import Category, Member, ShareOperation

pytestmark = pytest.mark.django_db


def url(name, coop, **kwargs):
    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


@pytest.fixture
def staff_a(coop_a):
    from tests.accounts.factories import UserFactory

    user = UserFactory(email="staff@coop-a.test")
    CoopRoleFactory(user=user, coop=coop_a, role="staff")
    return user


def test_who_sees_the_register(login, coop_a, manager_a, staff_a, referent_a, member_a):
    assert login(manager_a).get(url("member_list", coop_a)).status_code == 200
    assert login(staff_a).get(url("member_list", coop_a)).status_code == 200
    assert login(referent_a).get(url("member_list", coop_a)).status_code == 200
    assert login(member_a).get(url("member_list", coop_a)).status_code == 403
    # A référent reads but does not change the register.
    assert login(referent_a).get(url("member_create", coop_a)).status_code == 403
    assert login(referent_a).get(url("operation_create", coop_a)).status_code == 403


def test_register_list_filters_and_search(login, coop_a, manager_a):
    durand = admitted_member(
        coop=coop_a, last_name="Durand", first_name="Élise", search_text="durand elise"
    )
    MemberFactory(coop=coop_a, last_name="Martin", search_text="martin")
    client = login(manager_a)
    response = client.get(url("member_list", coop_a), {"statut": "admitted"})
    assert [m.pk for m in response.context["page"]] == [durand.pk]
    assert response.context["page"][0].shares == 1
    response = client.get(
        url("member_list", coop_a), {"q": "ELISE"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "DURAND" in html and "<html" not in html
    assert response["Vary"].count("HX-Request") == 1
    # Garbage in filters is ignored, never a 500.
    assert (
        client.get(
            url("member_list", coop_a), {"categorie": "x", "college": "'", "page": "z"}
        ).status_code
        == 200
    )


def test_register_list_constant_queries(login, coop_a, manager_a):
    def grow(k):
        for _ in range(k):
            admitted_member(coop=coop_a, shares=2)

    assert assert_constant_queries(login(manager_a), url("member_list", coop_a), grow) <= 14


def test_member_detail_constant_queries(login, coop_a, manager_a):
    giver = admitted_member(coop=coop_a, shares=30)
    receiver = admitted_member(coop=coop_a)
    client = login(manager_a)
    detail = url("member_detail", coop_a, pk=giver.pk)
    client.get(detail)
    before, _response = count_queries(lambda: client.get(detail))
    from viecoop.members import services

    for _ in range(5):
        services.share_operation_record(
            actor=None,
            coop=coop_a,
            kind="transfer",
            member=giver,
            counterpart=receiver,
            shares=1,
            effective_date=giver.admission_date,
        )
    after, response = count_queries(lambda: client.get(detail))
    assert after == before
    assert response.context["balance"] == 25
    assert [m.balance_after for m in response.context["history"]] == [30, 29, 28, 27, 26, 25]


def test_ledger_constant_queries(login, coop_a, manager_a):
    client = login(manager_a)

    def grow(k):
        for _ in range(k):
            admitted_member(coop=coop_a)
        # The capital is cached until the next operation: measure the page once it is known
        # (the first view after an operation sums the ledger again: one more query).
        client.get(url("ledger", coop_a))

    assert assert_constant_queries(client, url("ledger", coop_a), grow) <= 12


def test_register_a_candidate_then_admit_then_exit(login, coop_a, staff_a):
    client = login(staff_a)
    category = Category.objects.get(coop=coop_a, code="accedant")
    response = client.post(
        url("member_create", coop_a),
        {
            "kind": "person",
            "first_name": "Léon",
            "last_name": "Marchal",
            "category": category.pk,
            "postal_code": "35000",
        },
    )
    member = Member.objects.get(coop=coop_a, last_name="Marchal")
    assert response["Location"] == url("member_detail", coop_a, pk=member.pk)
    assert member.number == "1" and member.college == category.default_college
    response = client.post(
        url("member_admit", coop_a, pk=member.pk),
        {
            "admission_date": "2026-03-12",
            "board_decision": "CA du 12/03/2026",
            "shares": 2,
            "unit_price": "15,25",
        },
    )
    assert response.status_code == 302
    operation = ShareOperation.objects.get(member=member)
    assert (operation.shares, str(operation.unit_price)) == (2, "15.25")
    response = client.post(
        url("member_leave", coop_a, pk=member.pk), {"exit_date": "2026-11-01", "reason": "resigned"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "left"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "person", "first_name": "Sans nom"}, "last_name"),
        ({"kind": "entity", "legal_name": ""}, "legal_name"),
        ({"kind": "person", "last_name": "X", "birth_date": "31/02/1950"}, "birth_date"),
        ({"kind": "person", "last_name": "X", "email": "pas-un-email"}, "email"),
        ({"kind": "person", "last_name": "X", "postal_code": "123"}, "postal_code"),
        ({"kind": "martian", "last_name": "X"}, "kind"),
    ],
)
def test_member_form_errors_are_explained(login, coop_a, manager_a, data, field):
    category = Category.objects.get(coop=coop_a, code="accedant")
    response = login(manager_a).post(
        url("member_create", coop_a), {"category": category.pk, **data}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Member.objects.exists()


def test_duplicate_number_is_a_form_error(login, coop_a, manager_a):
    MemberFactory(coop=coop_a, number="7")
    category = Category.objects.get(coop=coop_a, code="accedant")
    response = login(manager_a).post(
        url("member_create", coop_a),
        {"kind": "person", "last_name": "X", "number": "7", "category": category.pk},
    )
    assert response.context["form"].errors["number"]


def test_category_of_another_coop_is_refused(login, coop_a, coop_b, manager_a):
    foreign = Category.objects.get(coop=coop_b, code="accedant")
    response = login(manager_a).post(
        url("member_create", coop_a), {"kind": "person", "last_name": "X", "category": foreign.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["category"]


def test_operation_form_explains_ledger_refusals(login, coop_a, manager_a):
    member = admitted_member(coop=coop_a, shares=1)
    client = login(manager_a)
    base = {"effective_date": "2026-01-10", "unit_price": "15.25", "shares": 1}
    # Unknown member number.
    response = client.post(
        url("operation_create", coop_a), {**base, "kind": "subscription", "member_number": "999"}
    )
    assert response.context["form"].errors["member_number"]
    # Subscription without the board.
    response = client.post(
        url("operation_create", coop_a),
        {**base, "kind": "subscription", "member_number": member.number},
    )
    assert response.context["form"].errors["board_decision"]
    # The last share of a user-member.
    response = client.post(
        url("operation_create", coop_a),
        {**base, "kind": "redemption", "member_number": member.number},
    )
    assert response.status_code == 200
    assert (
        "at least one share" in str(response.context["form"].non_field_errors())
        or response.context["form"].non_field_errors()
    )
    # A transfer without a receiving member.
    response = client.post(
        url("operation_create", coop_a),
        {**base, "kind": "transfer", "member_number": member.number},
    )
    assert response.context["form"].errors["counterpart_number"]
    assert ShareOperation.objects.count() == 1


def test_operation_recorded_from_the_form(login, coop_a, manager_a):
    member = admitted_member(coop=coop_a, shares=1)
    response = login(manager_a).post(
        url("operation_create", coop_a),
        {
            "kind": "subscription",
            "member_number": member.number,
            "shares": 4,
            "unit_price": "15.25",
            "effective_date": "2026-01-10",
            "board_decision": "CA du 05/01/2026",
            "board_decision_date": "2026-01-05",
        },
    )
    assert response.status_code == 302
    assert ShareOperation.objects.filter(member=member).count() == 2


def test_member_of_another_coop_is_404(login, coop_a, coop_b, manager_a):
    other = admitted_member(coop=coop_b)
    client = login(manager_a)
    assert client.get(url("member_detail", coop_a, pk=other.pk)).status_code == 404
    # Nor can its number be used in this coop's ledger.
    response = client.post(
        url("operation_create", coop_a),
        {
            "kind": "redemption",
            "member_number": other.number,
            "shares": 1,
            "unit_price": "1",
            "effective_date": "2026-01-10",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["member_number"]


def test_deep_pages_list_the_same_members_as_plain_offsets(login, coop_a, manager_a):
    """The register's pages read ids first, then rows: same members, same order."""
    from django.core.paginator import Paginator

    from viecoop.members import selectors
    from viecoop.members.pagination import DeferredJoinPaginator

    for n in range(23):
        # Homonyms on purpose: the order falls back on legal name and id.
        MemberFactory(coop=coop_a, last_name=f"Nom{n % 4}", first_name="Anne" if n % 3 else "Zoé")
    queryset = selectors.member_list(coop=coop_a, with_shares=False)
    plain, deferred = Paginator(queryset, 5), DeferredJoinPaginator(queryset, 5)
    assert deferred.num_pages == plain.num_pages == 5
    for number in plain.page_range:
        assert [m.pk for m in deferred.page(number)] == [m.pk for m in plain.page(number)]
    filtered = selectors.member_list(coop=coop_a, search="anne", with_shares=False)
    assert [m.pk for m in DeferredJoinPaginator(filtered, 50).page(1)] == [m.pk for m in filtered]
    response = login(manager_a).get(url("member_list", coop_a), {"page": "3"})  # past the end
    assert response.status_code == 200 and len(response.context["page"].object_list) == 23


def test_capital_is_cached_until_the_next_operation(coop_a):
    from tests.utils import count_queries
    from viecoop.members import selectors, services

    member = admitted_member(coop=coop_a, shares=3)
    first = selectors.capital(coop=coop_a)
    queries, again = count_queries(lambda: selectors.capital(coop=coop_a))
    assert again == first and queries == 1  # the last operation's number only
    services.share_operation_record(
        actor=None,
        coop=coop_a,
        kind="subscription",
        member=member,
        shares=2,
        effective_date=datetime.date(2025, 1, 1),
        board_decision="CA",
        board_decision_date=datetime.date(2025, 1, 1),
    )
    assert selectors.capital(coop=coop_a)["shares"] == first["shares"] + 2
