"""The ledger under concurrent writes, on PostgreSQL (SQLite serialises writers anyway)."""

import datetime
import threading

import pytest
from django.db import connection, connections

from tests.members.factories import admitted_member
from viecoop.members import services
from viecoop.members.models import ShareOperation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"
    ),
]
DAY = datetime.date(2025, 6, 30)


def _race(functions) -> list[str]:
    barrier = threading.Barrier(len(functions))
    outcomes: list[str] = []

    def run(function):
        try:
            barrier.wait()
            function()
            outcomes.append("ok")
        except services.LedgerError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_operations_get_consecutive_numbers(coop_a):
    members = [admitted_member(coop=coop_a) for _ in range(6)]  # operations 1..6

    def subscribe(member):
        return lambda: services.share_operation_record(
            actor=None,
            coop=coop_a,
            kind="subscription",
            member=member,
            shares=1,
            effective_date=DAY,
            board_decision="CA",
            board_decision_date=DAY,
        )

    assert _race([subscribe(m) for m in members]) == ["ok"] * 6
    sequences = list(
        ShareOperation.objects.filter(coop=coop_a)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, 13))


def test_two_redemptions_cannot_overdraw(coop_b):
    # An investor (college B) holding 10 shares; two people redeem 7 at the same moment.
    investor = admitted_member(coop=coop_b, shares=10, category="collectivite")

    def redeem():
        services.share_operation_record(
            actor=None,
            coop=coop_b,
            kind="redemption",
            member=investor,
            shares=7,
            effective_date=DAY,
        )

    assert sorted(_race([redeem, redeem])) == ["ok", "refused"]
    assert services.member_balance(member=investor) == 3
