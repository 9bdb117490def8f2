"""One member, one vote under concurrent attempts, on PostgreSQL (SQLite serialises writers).

Each test starts several threads on a barrier so that they hit the database at the same
moment, then counts what is stored: never two active votes, never two ballots of a voter on a
resolution, never a proxy over the cap.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from viecoop.assemblies.models import AdvanceVote, Attendance, Ballot, Proxy
from viecoop.assemblies.services import AssemblyError, notice, voting

from .factories import frozen_assembly

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"
    ),
]


def _race(functions) -> list[str]:
    barrier = threading.Barrier(len(functions))
    outcomes: list[str] = []

    def run(function):
        try:
            barrier.wait()
            function()
            outcomes.append("ok")
        except AssemblyError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "email"],
        }
    }


def _convened(coop, voters):
    assembly = frozen_assembly(coop=coop, voters=voters, resolutions=3)
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return assembly


def test_same_member_voting_from_two_devices(coop_a):
    assembly = _convened(coop_a, voters=1)
    voter = assembly.voters.get()
    resolutions = list(assembly.resolutions.all())

    def device(choice):
        return lambda: voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices={r.pk: choice for r in resolutions},
            added_resolutions="against",
        )

    outcomes = _race([device("for"), device("against"), device("abstain"), device("for")])
    assert outcomes == ["ok"] * 4  # each one replaced the one before, in turn
    assert AdvanceVote.objects.filter(voter=voter, status="active").count() == 1
    assert AdvanceVote.objects.filter(voter=voter, status="replaced").count() == 3
    assert Ballot.objects.filter(voter=voter).count() == len(resolutions)
    active = AdvanceVote.objects.get(voter=voter, status="active")
    assert set(Ballot.objects.filter(voter=voter).values_list("advance_vote", flat=True)) == {
        active.pk
    }


def test_a_member_votes_while_giving_a_proxy(coop_a):
    assembly = _convened(coop_a, voters=2)
    giver, holder = assembly.voters.order_by("pk")
    choices = {r.pk: "for" for r in assembly.resolutions.all()}
    outcomes = _race(
        [
            lambda: voting.advance_vote_record(
                actor=None,
                assembly=assembly,
                voter=giver,
                channel="online",
                choices=choices,
                added_resolutions="against",
            ),
            lambda: voting.proxy_give(actor=None, assembly=assembly, giver=giver, holder=holder),
        ]
    )
    assert sorted(outcomes) == ["ok", "refused"]
    voted = AdvanceVote.objects.filter(voter=giver, status="active").exists()
    proxied = Proxy.objects.filter(giver=giver, status="active").exists()
    assert voted != proxied  # exactly one of them stands


def test_proxy_cap_holds_when_many_give_to_the_same_holder(coop_a, manager_a):
    from viecoop.assemblies.services.profile import governance_update

    governance_update(actor=manager_a, coop=coop_a, proxy_cap=2)
    assembly = _convened(coop_a, voters=7)
    holder, *givers = assembly.voters.order_by("pk")
    outcomes = _race(
        [
            (lambda g=g: voting.proxy_give(actor=None, assembly=assembly, giver=g, holder=holder))
            for g in givers
        ]
    )
    assert outcomes.count("ok") == 2 and outcomes.count("refused") == 4
    assert Proxy.objects.filter(holder=holder, status="active").count() == 2


def test_two_members_giving_each_other_a_proxy_at_once(coop_a):
    assembly = _convened(coop_a, voters=2)
    a, b = assembly.voters.order_by("pk")
    outcomes = _race(
        [
            lambda: voting.proxy_give(actor=None, assembly=assembly, giver=a, holder=b),
            lambda: voting.proxy_give(actor=None, assembly=assembly, giver=b, holder=a),
        ]
    )
    assert sorted(outcomes) == ["ok", "refused"]  # no deadlock, no crossed proxies
    assert Proxy.objects.filter(status="active").count() == 1


def test_the_database_refuses_a_second_ballot_even_without_the_service(coop_a):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    assembly = _convened(coop_a, voters=1)
    voter = assembly.voters.get()
    resolution = assembly.resolutions.first()
    Ballot.objects.create(
        assembly=assembly,
        resolution=resolution,
        voter=voter,
        choice="for",
        channel="room",
        cast_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            assembly=assembly,
            resolution=resolution,
            voter=voter,
            choice="against",
            channel="room",
            cast_at=timezone.now(),
        )
    assert not Attendance.objects.exists()
