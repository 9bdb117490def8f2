"""From the stored rows to the engine's inputs, and the results computed at the close.

``assembly_data`` reads everything the results depend on (frozen rules, voters, resolutions,
proxies, ballots, check-ins, room tallies, election ballots) in a fixed number of queries and
hands it to ``engine.recompute``; the close stores ``AssemblyResult.summary()`` and its SHA-256,
and ``viecoop assembly_recompute`` runs the very same path later to compare.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from .. import engine
from ..governance import fingerprint, rules_of
from ..models import (
    AdvanceVote,
    Assembly,
    Attendance,
    Ballot,
    Candidate,
    ElectionBallot,
    Proxy,
    Resolution,
    RoomTally,
    Voter,
)
from . import AssemblyError

CHANNELS = {
    "online": engine.Channel.ONLINE,
    "postal": engine.Channel.POSTAL,
    "room": engine.Channel.ROOM,
    "remote": engine.Channel.REMOTE,
}
CHOICES = {choice.value: choice for choice in engine.Choice}


def _resolutions(assembly: Assembly) -> list[engine.Resolution]:
    return [
        engine.Resolution(
            resolution_id=pk,
            kind=engine.ResolutionKind(kind),
            board_backed=backed,
            added_in_meeting=added,
            number=str(position),
        )
        for pk, kind, backed, added, position in Resolution.objects.filter(assembly=assembly)
        .order_by("position", "pk")
        .values_list("pk", "kind", "board_backed", "added_during_meeting", "position")
    ]


def assembly_data(
    assembly: Assembly,
    *,
    resolution_ids: Collection[int] | None = None,
    with_elections: bool = True,
) -> engine.AssemblyData:
    """Everything stored about ``assembly`` as the engine's plain data (about ten queries).

    ``resolution_ids``: only these resolutions (the live quorum needs one, not all).
    """
    rules = rules_of(assembly)
    voters = tuple(
        engine.Voter(pk, college, votes)
        for pk, college, votes in Voter.objects.filter(assembly=assembly)
        .order_by("pk")
        .values_list("pk", "college", "votes")
    )
    resolutions = _resolutions(assembly)
    if resolution_ids is not None:
        resolutions = [r for r in resolutions if r.resolution_id in set(resolution_ids)]
    wanted = [r.resolution_id for r in resolutions]
    proxies = tuple(
        engine.Proxy(giver, holder, received_at, status != Proxy.Status.ACTIVE)
        for giver, holder, received_at, status in Proxy.objects.filter(assembly=assembly)
        .order_by("pk")
        .values_list("giver_id", "holder_id", "received_at", "status")
    )
    votes = _votes(assembly, wanted)
    presence = {
        voter: engine.Presence.ROOM if mode == Attendance.Mode.PRESENT else engine.Presence.REMOTE
        for voter, mode in Attendance.objects.filter(assembly=assembly).values_list(
            "voter_id", "mode"
        )
    }
    instructions = {
        voter: engine.AddedChoice(added)
        for voter, added in AdvanceVote.objects.filter(
            assembly=assembly, status=AdvanceVote.Status.ACTIVE
        ).values_list("voter_id", "added_resolutions")
    }
    room: dict[int, list[engine.Tally]] = {}
    for row in (
        RoomTally.objects.filter(resolution__assembly=assembly, resolution_id__in=wanted)
        .order_by("resolution_id", "college")
        .values_list(
            "resolution_id",
            "college",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "votes_blank",
            "votes_spoiled",
        )
    ):
        room.setdefault(row[0], []).append(engine.Tally(row[1], *row[2:]))
    elections = _elections(assembly) if with_elections else ()
    return engine.AssemblyData(
        rules=rules,
        kind=engine.AssemblyKind(assembly.kind),
        notice=engine.Notice.SECOND
        if assembly.notice == Assembly.Notice.SECOND
        else engine.Notice.FIRST,
        meeting_at=assembly.starts_at,
        voters=voters,
        resolutions=tuple(resolutions),
        proxies=proxies,
        votes=votes,
        presence=presence,
        added_instructions=instructions,
        room_tallies={rid: tuple(tallies) for rid, tallies in room.items()},
        elections=elections,
    )


def _votes(assembly: Assembly, wanted: list[int]) -> tuple[engine.Vote, ...]:
    """Every stored ballot as the engine's ``Vote``.

    A vote before the meeting writes one ballot per resolution, all at its receipt time: that
    time is read once per vote (10,000 datetimes) instead of once per ballot (200,000 of them,
    the slowest part of reading an assembly of 10,000 voters). Ballots of the meeting carry
    their own time.
    """
    received = dict(
        AdvanceVote.objects.filter(assembly=assembly).order_by().values_list("pk", "received_at")
    )
    ballots = Ballot.objects.filter(assembly=assembly, resolution_id__in=wanted).order_by()
    votes = [
        engine.Vote(voter, resolution, CHOICES[choice], CHANNELS[channel], received[advance])
        for voter, resolution, choice, channel, advance in ballots.filter(
            advance_vote__isnull=False
        )
        .values_list("voter_id", "resolution_id", "choice", "channel", "advance_vote_id")
        .iterator(chunk_size=20000)
    ]
    votes += [
        engine.Vote(voter, resolution, CHOICES[choice], CHANNELS[channel], cast_at)
        for voter, resolution, choice, channel, cast_at in ballots.filter(
            advance_vote__isnull=True
        ).values_list("voter_id", "resolution_id", "choice", "channel", "cast_at")
    ]
    return tuple(votes)


def _elections(assembly: Assembly) -> tuple[engine.Election, ...]:
    candidates: dict[int, list[engine.Candidate]] = {}
    for election_id, pk, name, birth in (
        Candidate.objects.filter(election__assembly=assembly)
        .order_by("pk")
        .values_list("election_id", "pk", "name", "birth_date")
    ):
        candidates.setdefault(election_id, []).append(engine.Candidate(pk, name, birth))
    ballots: dict[int, list[engine.ElectionBallot]] = {}
    for election_id, choices, college, weight, spoiled in (
        ElectionBallot.objects.filter(election__assembly=assembly)
        .order_by("receipt_code")
        .values_list("election_id", "choices", "college", "weight", "spoiled")
    ):
        ballots.setdefault(election_id, []).append(
            engine.ElectionBallot(college, weight, tuple(choices), spoiled)
        )
    return tuple(
        engine.Election(
            election_id=election.pk,
            seats=election.seats,
            candidates=tuple(candidates.get(election.pk, ())),
            max_choices=election.max_choices,
            seed=assembly.draw_seed + election.pk,
            ballots=tuple(ballots.get(election.pk, ())),
        )
        for election in assembly.elections.order_by("pk")
    )


def compute(assembly: Assembly) -> engine.AssemblyResult:
    return engine.recompute(assembly_data(assembly))


def explain(result: engine.AssemblyResult) -> dict[str, Any]:
    """The explanations of every result, as shown on screen and printed in the minutes."""
    return {
        "quorums": {str(k): list(q.explanation) for k, q in result.quorums.items()},
        "resolutions": {
            str(rid): {"rule": o.rule, "lines": list(o.explanation)}
            for rid, o in result.outcomes.items()
        },
        "elections": {str(eid): list(e.explanation) for eid, e in result.elections.items()},
        "notes": [
            {"voter": n.voter_id, "resolution": n.resolution_id, "message": n.message}
            for n in result.participation.notes
        ],
    }


def live_attendance(assembly: Assembly) -> tuple[engine.Attendance, dict]:
    """Attendance and quorums now, for the board in the room (a constant number of queries).

    Who takes part does not depend on the resolution (an advance vote answers all of them),
    so one resolution's ballots suffice; the full count waits for the close.
    """
    first = (
        Resolution.objects.filter(assembly=assembly, added_during_meeting=False)
        .order_by("position")
        .values_list("pk", flat=True)
        .first()
    )
    data = assembly_data(assembly, resolution_ids=[first] if first else [], with_elections=False)
    participation = engine.effective_ballots(
        data.rules,
        meeting_at=data.meeting_at,
        voters=data.voters,
        resolutions=data.resolutions,
        proxies=data.proxies,
        votes=data.votes,
        presence=data.presence,
        added_instructions=data.added_instructions,
        tallied=set(data.room_tallies),
    )
    quorums = engine.assembly_quorums(data.rules, data.kind, data.notice, participation.attendance)
    return participation.attendance, quorums


@transaction.atomic
def meeting_close(*, actor, assembly: Assembly) -> Assembly:
    """Close the meeting: the ballot box is mixed one last time, every result computed from the
    stored data by the engine, and stored with its fingerprint."""
    from .elections import ballots_mix

    assembly = Assembly.objects.select_for_update().select_related("coop").get(pk=assembly.pk)
    if assembly.status != Assembly.Status.IN_SESSION:
        raise AssemblyError(_("Only a meeting in progress can be closed."))
    for election in assembly.elections.all():
        ballots_mix(election=election, minimum=1)
    result = compute(assembly)
    summary = result.summary()
    assembly.results = {"summary": summary, "explained": explain(result)}
    assembly.results_hash = fingerprint(summary)
    assembly.status = Assembly.Status.CLOSED
    assembly.closed_at = timezone.now()
    assembly.save(update_fields=["results", "results_hash", "status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="assembly.close",
        obj=assembly,
        details={"results_hash": assembly.results_hash, "summary": summary},
    )
    return assembly


@transaction.atomic
def results_publish(*, actor, assembly: Assembly) -> Assembly:
    """Members see the results, the receipts can be checked, the board's mandates follow."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.status != Assembly.Status.CLOSED:
        raise AssemblyError(_("Results are published once the meeting is closed."))
    assembly.status = Assembly.Status.PUBLISHED
    assembly.published_at = timezone.now()
    assembly.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="assembly.publish",
        obj=assembly,
        details={"results_hash": assembly.results_hash},
    )
    from .board import board_update_from_elections

    board_update_from_elections(actor=actor, assembly=assembly)
    return assembly


def recompute_and_compare(assembly: Assembly) -> list[str]:
    """The differences between the stored results and a fresh computation (empty: they match)."""
    if not assembly.results:
        raise AssemblyError(_("This assembly has no results yet."))
    stored = assembly.results["summary"]
    differences = engine.compare(stored, compute(assembly).summary())
    if fingerprint(stored) != assembly.results_hash:
        differences.insert(0, "results_hash: the stored results do not match their fingerprint")
    return differences
