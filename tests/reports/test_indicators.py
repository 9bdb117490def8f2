"""Every indicator and every pre-fill provider against values computed by hand."""

from datetime import date
from decimal import Decimal

import pytest

from tests.accounts.factories import UserFactory
from tests.members.factories import MemberFactory
from tests.organizations.factories import CoopFactory
from tests.reports.factories import make_project
from tests.utils import count_queries
from viecoop.members import services as members
from viecoop.members.models import Category, Member
from viecoop.reports import builtin_indicators as ind
from viecoop.reports import prefill
from viecoop.reports.indicators import (
    Period,
    all_indicators,
    compute_all,
    get_indicator,
    register_indicator,
    unregister_indicator,
)

pytestmark = pytest.mark.django_db
YEAR = Period.year(2025)


def _admit(coop, *, day, shares, category="locataire-cooperateur", price=None, **kw):
    member = MemberFactory(coop=coop, category=Category.objects.get(coop=coop, code=category), **kw)
    return members.member_admit(
        actor=None,
        member=member,
        admission_date=day,
        board_decision="CA",
        shares=shares,
        unit_price=price,
    )


@pytest.fixture
def world(coop_a, coop_b):
    """Coop A's register, built so that every figure below can be checked by hand.

    m1 admitted 2024-03-01, 2 shares at 15.25, linked to an account;
    m2 admitted 2025-02-10, 1 share at 15.25;
    m3 admitted 2023-05-05 with 3 shares, left 2025-06-30 (shares redeemed);
    m4 a candidate (not a member);
    m5 a local authority admitted 2025-12-31 with 10 shares at 20.00.
    Coop B has no register at all.
    """
    m1 = _admit(coop_a, day=date(2024, 3, 1), shares=2)
    Member.objects.filter(pk=m1.pk).update(user=UserFactory())
    _admit(coop_a, day=date(2025, 2, 10), shares=1)
    m3 = _admit(coop_a, day=date(2023, 5, 5), shares=3)
    members.member_leave(actor=None, member=m3, exit_date=date(2025, 6, 30), reason="resigned")
    MemberFactory(coop=coop_a)
    _admit(
        coop_a, day=date(2025, 12, 31), shares=10, category="collectivite", price=Decimal("20.00")
    )
    # Projects: p1, p2 (overlaps the year's start), p5 (running) count; p3 (2024), p4 (still
    # planned) and p6 (2026) do not.
    make_project(coop=coop_a, title="p1", start_date=date(2025, 3, 1), status="done")
    make_project(coop=coop_a, title="p2", start_date=date(2024, 11, 1), end_date=date(2025, 1, 15))
    make_project(coop=coop_a, title="p3", start_date=date(2024, 1, 1), end_date=date(2024, 12, 31))
    make_project(coop=coop_a, title="p4", start_date=date(2025, 6, 1), status="planned")
    make_project(coop=coop_a, title="p5", start_date=date(2025, 12, 1), status="running")
    make_project(coop=coop_a, title="p6", start_date=date(2026, 1, 10), status="running")
    return [coop_a, coop_b]


def test_members(world):
    a, b = world
    assert ind.members(world, YEAR) == {a.pk: 3, b.pk: 0}  # m1, m2, m5
    assert ind.members(world, Period.year(2024)) == {a.pk: 2, b.pk: 0}  # m1, m3


def test_members_growth(world):
    a, b = world
    # 2 members on 31/12/2024 (m1, m3), 3 on 31/12/2025: +1 / 2 = +50 %.
    assert ind.members_growth(world, YEAR) == {a.pk: Decimal("50.0000"), b.pk: None}
    # 2024: 1 member on 31/12/2023 (m3), 2 at the end: +100 %.
    assert ind.members_growth(world, Period.year(2024))[a.pk] == Decimal("100.0000")


def test_members_with_account(world):
    a, b = world
    # 1 linked (m1) of 3 members: 33.3333 %.
    assert ind.members_with_account(world, YEAR) == {a.pk: Decimal("33.3333"), b.pk: None}


def test_capital(world):
    a, b = world
    # m1 2 × 15.25 + m2 1 × 15.25 + m3 (3 − 3) × 15.25 + m5 10 × 20.00 = 245.75 €.
    assert ind.capital(world, YEAR) == {a.pk: Decimal("245.75"), b.pk: Decimal("0.00")}
    # On 31/12/2024: m1 30.50 + m3 45.75 = 76.25 €.
    assert ind.capital(world, Period.year(2024))[a.pk] == Decimal("76.25")


def test_projects_reported(world):
    a, b = world
    assert ind.projects_reported(world, YEAR) == {a.pk: 3, b.pk: 0}  # p1, p2, p5


def test_the_registry_computes_everything_in_constant_queries(world, federation):
    values = compute_all(world, YEAR)
    assert set(values) >= {
        "members",
        "members_growth",
        "members_with_account",
        "capital",
        "projects_reported",
    }
    few, _values = count_queries(lambda: compute_all(world, YEAR))
    more = world + [CoopFactory(federation=federation) for _ in range(4)]
    for coop in more[2:]:
        _admit(coop, day=date(2025, 1, 5), shares=1)
        make_project(coop=coop, start_date=date(2025, 2, 2))
    many, values = count_queries(lambda: compute_all(more, YEAR))
    # One query per indicator at most (the three membership ones share one scan).
    assert few == many <= len(all_indicators()) - 2
    assert all(values["members"][c.pk] == 1 for c in more[2:])


def test_another_app_registers_an_indicator():
    def turnout(coops, period):
        return {coop.pk: Decimal("42.5") for coop in coops}

    try:
        register_indicator(key="test.turnout", label="Turnout", compute=turnout, unit="percent")
        register_indicator(key="test.turnout", label="Turnout", compute=turnout, unit="percent")
        assert get_indicator("test.turnout").unit == "percent"
        with pytest.raises(ValueError):  # another function under the same key
            register_indicator(key="test.turnout", label="x", compute=lambda c, p: {})
        with pytest.raises(ValueError):
            register_indicator(key="test.bad", label="x", compute=turnout, unit="km")
    finally:
        unregister_indicator("test.turnout")
    assert get_indicator("test.turnout") is None


def test_periods():
    assert Period.quarter(2025, 4).start == date(2025, 10, 1)
    assert Period.quarter(2025, 4).end == date(2025, 12, 31)
    assert Period.quarter(2024, 1).end == date(2024, 3, 31)
    assert Period.last_closed("quarter", date(2026, 2, 10)) == Period.quarter(2025, 4)
    assert Period.last_closed("quarter", date(2026, 5, 1)) == Period.quarter(2026, 1)
    assert Period.last_closed("year", date(2026, 1, 1)) == Period.year(2025)
    rolling = Period.last_twelve_months(date(2026, 11, 22))
    assert (rolling.start, rolling.end) == (date(2025, 11, 23), date(2026, 11, 22))
    assert Period.last_twelve_months(date(2024, 2, 29)).start == date(2023, 3, 1)
    assert Period.quarter(2025, 3).label == "2025 T3"
    with pytest.raises(ValueError):
        Period.quarter(2025, 5)


# Pre-fill providers: the same register -------------------------------------------------------
def test_prefill_providers(world):
    a, b = world

    def run(key, param=""):
        return prefill.get_provider(key).compute(world, YEAR, param)

    assert run("members.total") == {a.pk: 3, b.pk: 0}
    assert run("members.by_category", "locataire-cooperateur") == {a.pk: 2, b.pk: 0}
    assert run("members.by_category", "collectivite")[a.pk] == 1
    # SCIC colleges: tenants in "usagers" (users), the local authority in "collectivites".
    assert run("members.by_college_kind", "users")[a.pk] == 2
    assert run("members.by_college_kind", "authorities")[a.pk] == 1
    assert run("members.admissions") == {a.pk: 2, b.pk: 0}  # m2, m5
    assert run("members.departures") == {a.pk: 1, b.pk: 0}  # m3
    assert run("capital.amount") == {a.pk: "245.75", b.pk: "0.00"}
    assert run("capital.shares") == {a.pk: 13, b.pk: 0}  # 2 + 1 + 0 + 10


def test_compute_prefill_calls_each_provider_once(world):
    calls = []

    def counting(coops, period, param):
        calls.append(param)
        return {coop.pk: 7 for coop in coops}

    prefill.register_prefill(key="test.count", label="x", compute=counting)
    try:

        class Q:
            def __init__(self, pk, key, param=""):
                self.pk, self.prefill_key, self.prefill_param = pk, key, param

        questions = [Q(1, "test.count"), Q(2, "test.count"), Q(3, "test.count", "p"), Q(4, "nope")]
        values = prefill.compute_prefill(questions, world, YEAR)
        assert calls == ["", "p"]
        assert values[(1, world[0].pk)] == 7 and (4, world[0].pk) not in values
    finally:
        prefill.unregister_prefill("test.count")
