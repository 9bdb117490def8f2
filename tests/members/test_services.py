"""The register and the share ledger: invariants the law and the auditors rely on."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import CoopFactory
from viecoop.audit.models import AuditEntry
from viecoop.members import selectors, services
from viecoop.members.models import Category, College, Member, ShareMovement, ShareOperation

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 6, 30)


def _record(coop, member, kind="subscription", shares=1, **kwargs):
    defaults = (
        {"board_decision": "CA du 30/06/2025", "board_decision_date": DAY}
        if kind == "subscription"
        else {}
    )
    return services.share_operation_record(
        actor=None,
        coop=coop,
        kind=kind,
        member=member,
        shares=shares,
        effective_date=DAY,
        **{**defaults, **kwargs},
    )


def test_standard_register_per_legal_form(coop_a, coop_b):
    scic = {c.code: c for c in College.objects.filter(coop=coop_a)}
    scp = {c.code: c for c in College.objects.filter(coop=coop_b)}
    assert set(scp) == {"A", "B", "C"}
    assert sum(c.weight for c in scic.values()) == 100
    assert all(10 <= c.weight <= 50 for c in scic.values())
    assert Category.objects.get(coop=coop_b, code="organisme-hlm").default_college == scp["C"]
    assert Category.objects.get(coop=coop_a, code="salarie").default_college == scic["salaries"]
    services.register_setup(coop=coop_a)  # idempotent
    assert Category.objects.filter(coop=coop_a).count() == 8


def test_member_numbers_are_given_in_order(coop_a, manager_a):
    category = Category.objects.get(coop=coop_a, code="accedant")
    first = services.member_create(
        actor=manager_a, coop=coop_a, last_name="Durand", category=category
    )
    second = services.member_create(
        actor=manager_a, coop=coop_a, last_name="Roux", category=category
    )
    assert (first.number, second.number) == ("1", "2")
    assert first.college == category.default_college
    assert first.status == Member.Status.CANDIDATE
    chosen = services.member_create(
        actor=manager_a, coop=coop_a, number="3", last_name="Petit", category=category
    )
    fourth = services.member_create(
        actor=manager_a, coop=coop_a, last_name="Morel", category=category
    )
    assert chosen.number == "3" and fourth.number == "4"  # skips a number already taken
    assert AuditEntry.objects.filter(action="member.create", coop=coop_a).count() == 4


def test_same_number_refused_in_one_coop_allowed_in_another(coop_a, coop_b):
    MemberFactory(coop=coop_a, number="42")
    MemberFactory(coop=coop_b, number="42")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(coop=coop_a, number="42")


def test_choices_of_another_coop_are_refused(coop_a, coop_b):
    other_category = Category.objects.get(coop=coop_b, code="accedant")
    with pytest.raises(ValidationError):
        services.member_create(actor=None, coop=coop_a, last_name="X", category=other_category)


def test_admission_subscribes_the_first_shares(coop_a, manager_a):
    member = admitted_member(coop=coop_a, shares=3, actor=manager_a)
    assert member.status == Member.Status.ADMITTED
    operation = ShareOperation.objects.get(member=member)
    assert (operation.sequence, operation.kind, operation.shares) == (1, "subscription", 3)
    assert operation.unit_price == member.coop.register_settings.share_nominal
    assert services.member_balance(member=member) == 3
    with pytest.raises(services.LedgerError):  # admitted once only
        services.member_admit(
            actor=None, member=member, admission_date=DAY, board_decision="x", shares=1
        )


def test_a_subscription_needs_the_board(coop_a):
    member = admitted_member(coop=coop_a)
    with pytest.raises(ValidationError):
        _record(coop_a, member, board_decision="", board_decision_date=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShareOperation.objects.create(
            coop=coop_a,
            sequence=99,
            kind="subscription",
            member=member,
            shares=1,
            unit_price=15,
            effective_date=DAY,
        )


def test_candidates_hold_no_shares(coop_a):
    candidate = MemberFactory(coop=coop_a)
    with pytest.raises(services.LedgerError):
        _record(coop_a, candidate)


def test_transfer_moves_shares_between_members(coop_a):
    giver = admitted_member(coop=coop_a, shares=5)
    receiver = admitted_member(coop=coop_a, shares=1)
    operation = _record(coop_a, giver, kind="transfer", shares=2, counterpart=receiver)
    assert operation.sequence == 3
    assert services.member_balance(member=giver) == 3
    assert services.member_balance(member=receiver) == 3
    assert sorted(
        ShareMovement.objects.filter(operation=operation).values_list("shares", flat=True)
    ) == [-2, 2]
    with pytest.raises(ValidationError):
        _record(coop_a, giver, kind="transfer", shares=1)  # no counterpart
    with pytest.raises(ValidationError):
        _record(coop_a, giver, kind="transfer", shares=1, counterpart=giver)


def test_no_more_shares_out_than_held(coop_a):
    member = admitted_member(coop=coop_a, shares=2)
    with pytest.raises(services.LedgerError):
        _record(coop_a, member, kind="redemption", shares=3)
    assert services.member_balance(member=member) == 2


def test_a_user_member_keeps_one_share(coop_a, coop_b):
    user_member = admitted_member(coop=coop_a, shares=2)
    with pytest.raises(services.LedgerError):
        _record(coop_a, user_member, kind="redemption", shares=2)
    _record(coop_a, user_member, kind="redemption", shares=1)
    assert services.member_balance(member=user_member) == 1
    # An investor (SCP college B) may go down to zero without leaving.
    investor = admitted_member(coop=coop_b, shares=10, category="collectivite")
    assert investor.college.code == "B"
    _record(coop_b, investor, kind="redemption", shares=10)
    assert services.member_balance(member=investor) == 0


def test_exit_redeems_every_share(coop_a, manager_a):
    member = admitted_member(coop=coop_a, shares=4)
    services.member_leave(actor=manager_a, member=member, exit_date=DAY, reason="resigned")
    member.refresh_from_db()
    assert member.status == Member.Status.LEFT and member.exit_reason == "resigned"
    assert services.member_balance(member=member) == 0
    assert ShareOperation.objects.filter(member=member, kind="redemption", shares=4).exists()
    with pytest.raises(services.LedgerError):
        _record(coop_a, member)


def test_exit_needs_a_reason(coop_a):
    member = admitted_member(coop=coop_a)
    with pytest.raises(ValidationError):
        services.member_leave(actor=None, member=member, exit_date=DAY, reason="")


def test_numbers_are_consecutive_per_coop(coop_a, coop_b):
    a1, a2 = admitted_member(coop=coop_a), admitted_member(coop=coop_a, shares=2)
    b1 = admitted_member(coop=coop_b)
    _record(coop_a, a1)
    _record(coop_b, b1)
    _record(coop_a, a2, kind="transfer", counterpart=a1)
    assert list(ShareOperation.objects.filter(coop=coop_a).values_list("sequence", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    assert list(ShareOperation.objects.filter(coop=coop_b).values_list("sequence", flat=True)) == [
        1,
        2,
    ]


def test_balances_and_capital_at_a_date(coop_a):
    member = admitted_member(coop=coop_a, shares=2)  # 12/03/2024
    services.share_operation_record(
        actor=None,
        coop=coop_a,
        kind="subscription",
        member=member,
        shares=3,
        effective_date=DAY,
        board_decision="CA",
        board_decision_date=DAY,
        unit_price=20,
    )
    assert services.member_balance(member=member, on=datetime.date(2025, 1, 1)) == 2
    assert services.member_balance(member=member, on=DAY) == 5
    listed = Member.objects.with_shares(on=datetime.date(2025, 1, 1)).get(pk=member.pk)
    assert listed.shares == 2
    nominal = coop_a.register_settings.share_nominal
    assert selectors.capital(coop=coop_a) == {"shares": 5, "amount": 2 * nominal + 60}
    assert selectors.capital(coop=coop_a, on=datetime.date(2024, 1, 1)) == {
        "shares": 0,
        "amount": 0,
    }


def test_the_ledger_is_append_only_in_the_database(coop_a):
    operation = _record(coop_a, admitted_member(coop=coop_a))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE members_shareoperation SET shares = 100 WHERE id = %s", [operation.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE members_sharemovement SET shares = 100 WHERE operation_id = %s", [operation.pk]
        )
    operation.refresh_from_db()
    assert operation.shares == 1


def test_every_operation_is_audited(coop_a, manager_a):
    member = admitted_member(coop=coop_a, actor=manager_a)
    entry = AuditEntry.objects.get(action="shares.subscription")
    assert entry.coop == coop_a and entry.actor == manager_a
    assert entry.details["sequence"] == 1 and entry.details["member"] == member.number


def test_search_tolerates_accents_and_case(coop_a):
    MemberFactory(
        coop=coop_a, first_name="Hélène", last_name="Lefèbvre", search_text="hélène lefèbvre"
    )
    member = services.member_create(
        actor=None,
        coop=coop_a,
        first_name="Hélène",
        last_name="Lefèbvre",
        category=Category.objects.get(coop=coop_a, code="accedant"),
    )
    found = selectors.member_list(coop=coop_a, search="HELENE lefebvre")
    assert list(found) == [member]


def test_other_coop_lists_are_separate():
    coop = CoopFactory()
    admitted_member(coop=coop)
    other = CoopFactory()
    assert selectors.member_list(coop=other).count() == 0


def test_a_coop_created_by_the_federation_gets_its_register(federation, fed_admin):
    from viecoop.organizations.services import coop_create

    coop = coop_create(
        actor=fed_admin,
        federation=federation,
        slug="nouvelle",
        name="Nouvelle coop",
        legal_form="scp",
        region="BRE",
        department="29",
    )
    assert set(College.objects.filter(coop=coop).values_list("code", flat=True)) == {"A", "B", "C"}
    assert Category.objects.filter(coop=coop, is_standard=True).count() == 8
