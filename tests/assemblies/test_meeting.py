"""From the notice to the published results: check-in, quorum, room votes, added resolutions,
secret elections, the close, and the recount command."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from tests.members.factories import admitted_member
from viecoop.assemblies.models import (
    Assembly,
    ElectionBallot,
    ElectionParticipation,
    PendingBallot,
    Proxy,
)
from viecoop.assemblies.services import AssemblyError, meeting, notice, preparation, voting
from viecoop.assemblies.services import elections as election_services
from viecoop.assemblies.services.results import (
    live_attendance,
    meeting_close,
    recompute_and_compare,
    results_publish,
)

from .factories import frozen_assembly, make_assembly, make_voters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def called(coop, voters=6, **kw):
    assembly = frozen_assembly(coop=coop, voters=voters, **kw)
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return assembly


def test_a_whole_ordinary_assembly(coop_b, manager_b):
    """SCP, 6 users: 2 vote online, 1 gives a proxy to the chair, 1 to a member who comes, 1 comes."""
    assembly = called(coop_b, voters=6)
    v = list(assembly.voters.order_by("pk"))
    r1, r2 = assembly.resolutions.order_by("position")
    for voter, choices in ((v[0], ("for", "for")), (v[1], ("against", "abstain"))):
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices={r1.pk: choices[0], r2.pk: choices[1]},
            added_resolutions="against",
        )
    voting.proxy_give(actor=None, assembly=assembly, giver=v[2], holder=None)
    voting.proxy_give(actor=None, assembly=assembly, giver=v[3], holder=v[4])
    meeting.check_in(actor=manager_b, assembly=assembly, voter=v[4])
    with pytest.raises(AssemblyError):
        meeting.check_in(actor=manager_b, assembly=assembly, voter=v[4])
    attendance, quorums = live_attendance(assembly)
    assert (attendance.present, attendance.represented, attendance.online) == (1, 2, 2)
    assert quorums["ordinary"].reached  # 5 of 6 ≥ 1/5
    meeting.meeting_open(actor=manager_b, assembly=assembly)
    # Room: v4 votes for r1 by show of hands with the proxy of v3 (2 votes), ballot by ballot on r2.
    with pytest.raises(AssemblyError):  # more votes than the room holds
        meeting.room_tally_save(actor=manager_b, resolution=r1, tallies={"A": {"for": 3}})
    meeting.room_tally_save(actor=manager_b, resolution=r1, tallies={"A": {"for": 2}})
    meeting.room_ballots_save(actor=manager_b, resolution=r2, choices={v[4].pk: "against"})
    # v0 voted online and comes anyway: present, but does not vote again in the room.
    meeting.check_in(actor=manager_b, assembly=assembly, voter=v[0])
    with pytest.raises(AssemblyError):
        meeting.room_ballots_save(actor=manager_b, resolution=r2, choices={v[0].pk: "for"})
    added = meeting.resolution_add_during_meeting(
        actor=manager_b,
        assembly=assembly,
        title="Révocation",
        text="…",
        kind="ordinary",
        board_backed=False,
    )
    meeting.room_ballots_save(actor=manager_b, resolution=added, choices={v[4].pk: "for"})
    closed = meeting_close(actor=manager_b, assembly=assembly)
    summary = closed.results["summary"]
    res = summary["resolutions"]
    # r1: online for 1 + against 1, chair proxy for (backed) 1, room for 2 → 4 for, 1 against.
    assert (res[str(r1.pk)]["for"], res[str(r1.pk)]["against"]) == (4, 1)
    assert res[str(r1.pk)]["status"] == "adopted"
    # r2: for 1 (v0) + abstain (v1) + chair proxy for + v4 against and v3 (follows v4) against.
    assert (res[str(r2.pk)]["for"], res[str(r2.pk)]["against"], res[str(r2.pk)]["abstentions"]) == (
        2,
        2,
        1,
    )
    assert res[str(r2.pk)]["status"] == "rejected"  # 2 of 4 is not more than half
    # Added: v1 (online, not in the room) follows "against", the chair proxy votes the board's
    # position (not backed: against), v4 and the proxy of v3 for; v0, present after voting
    # online, takes no part in it (the engine counts them present, not voting).
    assert (res[str(added.pk)]["for"], res[str(added.pk)]["against"]) == (2, 2)
    assert res[str(added.pk)]["not_voting"] == 1
    assert recompute_and_compare(closed) == []
    results_publish(actor=manager_b, assembly=closed)
    closed.refresh_from_db()
    assert closed.status == Assembly.Status.PUBLISHED


def test_mixed_assembly_checks_each_quorum(coop_a):
    # SCIC, 8 voters; 2 take part: 25 % ≥ 1/5 (ordinary) but the extraordinary quorum is 1/4.
    make_voters(coop=coop_a, count=8)
    assembly = make_assembly(coop=coop_a, kind="mixed", resolutions=1)
    preparation.resolution_save(
        actor=None, assembly=assembly, title="Statuts", kind="extraordinary", text="…"
    )
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    v = list(assembly.voters.order_by("pk"))
    meeting.check_in(actor=None, assembly=assembly, voter=v[0])
    _attendance, quorums = live_attendance(assembly)
    assert not quorums["ordinary"].reached and not quorums["extraordinary"].reached
    meeting.check_in(actor=None, assembly=assembly, voter=v[1])
    _attendance, quorums = live_attendance(assembly)
    assert quorums["ordinary"].reached and quorums["extraordinary"].reached  # 2/8 = 1/4
    meeting.meeting_open(actor=None, assembly=assembly)
    for resolution in assembly.resolutions.all():
        meeting.room_tally_save(actor=None, resolution=resolution, tallies={"usagers": {"for": 2}})
    closed = meeting_close(actor=None, assembly=assembly)
    assert {r["status"] for r in closed.results["summary"]["resolutions"].values()} == {"adopted"}


def test_secret_election_keeps_voters_and_ballots_apart(coop_a, member_a):
    members = make_voters(coop=coop_a, count=3)
    admitted_member(coop=coop_a, user=member_a)
    assembly = make_assembly(coop=coop_a, resolutions=1)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    first = preparation.candidate_save(actor=None, election=election, member=members[0])
    second = preparation.candidate_save(actor=None, election=election, member=members[1])
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    code = election_services.election_vote_cast(
        user=member_a, assembly=assembly, election=election, choices=[first.pk]
    )
    with pytest.raises(AssemblyError):
        election_services.election_vote_cast(
            user=member_a, assembly=assembly, election=election, choices=[second.pk]
        )
    assert ElectionParticipation.objects.filter(election=election).count() == 1
    # The ballot waits for the mixer (fewer than MIX_BATCH ballots): not in the box yet.
    assert PendingBallot.objects.filter(election=election).count() == 1
    assert not ElectionBallot.objects.exists()
    # No column of the ballot tables points to a voter, a time or a participation.
    for model in (ElectionBallot, PendingBallot):
        names = {f.name for f in model._meta.get_fields()}
        assert names == {
            "id",
            "election",
            "choices",
            "college",
            "weight",
            "spoiled",
            "receipt_code",
        }
    # The engine counts for the quorum who takes part in the resolutions (not in elections):
    # two members come and vote on paper in the room.
    for voter in assembly.voters.exclude(member__user=member_a)[:2]:
        meeting.check_in(actor=None, assembly=assembly, voter=voter)
    meeting.meeting_open(actor=None, assembly=assembly)
    election_services.room_election_ballot_add(
        actor=None,
        election=election,
        college="usagers",
        weight=1,
        choices=[second.pk],
        spoiled=False,
    )
    election_services.room_election_ballot_add(
        actor=None,
        election=election,
        college="usagers",
        weight=1,
        choices=[second.pk],
        spoiled=False,
    )
    closed = meeting_close(actor=None, assembly=assembly)
    assert not PendingBallot.objects.exists()
    assert ElectionBallot.objects.filter(election=election, receipt_code=code).exists()
    result = closed.results["summary"]["elections"][str(election.pk)]
    assert result["elected"] == [second.pk]


def test_mixer_moves_ballots_in_batches_with_fresh_ids(coop_a):
    assembly = make_assembly(coop=coop_a, resolutions=0)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="C", seats=1, max_choices=1
    )
    pending = [
        PendingBallot.objects.create(
            election=election, choices=[], college="usagers", weight=1, receipt_code=f"CODE-{i}"
        )
        for i in range(election_services.MIX_BATCH - 1)
    ]
    assert election_services.ballots_mix(election=election) == 0
    PendingBallot.objects.create(
        election=election, choices=[], college="usagers", weight=1, receipt_code="CODE-LAST"
    )
    assert election_services.ballots_mix(election=election) == election_services.MIX_BATCH
    box_ids = set(ElectionBallot.objects.values_list("id", flat=True))
    assert box_ids.isdisjoint({p.id for p in pending})


def test_tied_election_goes_to_the_older_candidate(coop_a):
    old = admitted_member(coop=coop_a, last_name="Ancien", birth_date=datetime.date(1940, 1, 1))
    young = admitted_member(coop=coop_a, last_name="Jeune", birth_date=datetime.date(1990, 1, 1))
    assembly = make_assembly(coop=coop_a, resolutions=1)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="C", seats=1, max_choices=1
    )
    a = preparation.candidate_save(actor=None, election=election, member=old)
    b = preparation.candidate_save(actor=None, election=election, member=young)
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    meeting.meeting_open(actor=None, assembly=assembly)
    for candidate in (a, b):
        election_services.room_election_ballot_add(
            actor=None,
            election=election,
            college="usagers",
            weight=1,
            choices=[candidate.pk],
            spoiled=False,
        )
    meeting.check_in(actor=None, assembly=assembly, voter=assembly.voters.first())
    closed = meeting_close(actor=None, assembly=assembly)
    result = closed.results["summary"]["elections"][str(election.pk)]
    assert result["elected"] == [a.pk]


def test_recompute_command_says_whether_results_match(coop_b):
    assembly = called(coop_b, voters=3)
    voter = assembly.voters.first()
    voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=voter,
        channel="online",
        choices={r.pk: "for" for r in assembly.resolutions.all()},
        added_resolutions="against",
    )
    meeting.meeting_open(actor=None, assembly=assembly)
    closed = meeting_close(actor=None, assembly=assembly)
    out = io.StringIO()
    call_command("assembly_recompute", closed.pk, stdout=out)
    assert "match" in out.getvalue()
    # Tamper with the stored data behind the services' back: the recount sees it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assemblies_ballot SET choice = 'against' WHERE voter_id = %s", [voter.pk]
        )
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("assembly_recompute", closed.pk, stdout=io.StringIO(), stderr=err)
    assert error.value.returncode == 1
    assert "DIFFER" in err.getvalue()
    with pytest.raises(CommandError) as error:
        call_command("assembly_recompute", 999999)
    assert error.value.returncode == 2


def test_check_in_revokes_the_members_own_proxy(coop_a):
    assembly = called(coop_a, voters=2)
    giver, holder = assembly.voters.order_by("pk")
    voting.proxy_give(actor=None, assembly=assembly, giver=giver, holder=holder)
    _attendance, notes = meeting.check_in(actor=None, assembly=assembly, voter=giver)
    assert Proxy.objects.get(giver=giver).status == Proxy.Status.REVOKED
    assert notes
