"""Benchmark of the assemblies rules engine (pure part): recompute a whole large assembly.

Builds, in memory, an assembly of N voters (default 10,000) with R resolutions (default 20)
and a board election, the way the recount command will hand it over: the frozen list of voters
(SCP voting rights with the investors' cap, or SCIC colleges), proxies (named and blank), online
votes (some changed, some late), paper postal forms, check-ins and room ballots; then times
``recompute()`` and its parts. No database: the app's part (loading rows) is measured in
docs/benchmarks.md by the assemblies app.

    .venv/bin/python bench/assemblies_engine.py                 # 10,000 voters, 20 resolutions
    .venv/bin/python bench/assemblies_engine.py --voters 30000 --runs 5 --form scic
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "viecoop.settings")

import django  # noqa: E402

django.setup()

from viecoop.assemblies.engine import (  # noqa: E402
    AssemblyData,
    AssemblyKind,
    Candidate,
    Channel,
    Choice,
    Election,
    ElectionBallot,
    GovernanceRules,
    Notice,
    Presence,
    Proxy,
    Resolution,
    ResolutionKind,
    Vote,
    assembly_quorums,
    effective_ballots,
    election_result,
    recompute,
    resolution_outcome,
    voters_from_register,
)
from viecoop.members import voting  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
MEETING = datetime(2026, 6, 20, 18, 0, tzinfo=PARIS)
CHOICES = [Choice.FOR] * 6 + [Choice.AGAINST] * 3 + [Choice.ABSTAIN, Choice.BLANK]


def build(voters: int, resolutions: int, form: str, seed: int = 1) -> AssemblyData:
    rnd = random.Random(seed)
    rules = GovernanceRules.default(form, draw_seed=seed)
    if form == "scp":
        members = [
            voting.Voter(i, "A", 1)
            if i % 50
            else voting.Voter(i, rnd.choice("BC"), rnd.randint(5, 400))
            for i in range(1, voters + 1)
        ]
    else:
        codes = [c.code for c in rules.colleges]
        weights = [80, 10, 2, 8]
        members = [voting.Voter(i, rnd.choices(codes, weights)[0], 1) for i in range(1, voters + 1)]
    frozen, _rights = voters_from_register(rules, members)

    presence: dict[int, Presence] = {}
    proxies: list[Proxy] = []
    votes: list[Vote] = []
    in_room: list[int] = []
    ids = [v.voter_id for v in frozen]
    for voter_id in ids:
        roll = rnd.random()
        if roll < 0.15:
            presence[voter_id] = Presence.ROOM
            in_room.append(voter_id)
    for voter_id in ids:
        if voter_id in presence:
            continue
        roll = rnd.random()
        if roll < 0.05:
            proxies.append(Proxy(voter_id, None, MEETING - timedelta(days=10)))
        elif roll < 0.10:
            proxies.append(Proxy(voter_id, rnd.choice(in_room), MEETING - timedelta(days=8)))
        elif roll < 0.65:
            # Online, most in the last hours before the cut-off; a few change their mind, a few
            # are late.
            for resolution in range(1, resolutions + 1):
                at = MEETING - timedelta(hours=rnd.choice([26, 27, 30, 48, 100, 200]))
                votes.append(Vote(voter_id, resolution, rnd.choice(CHOICES), Channel.ONLINE, at))
                if rnd.random() < 0.05:
                    later = at + timedelta(minutes=30)
                    votes.append(
                        Vote(voter_id, resolution, rnd.choice(CHOICES), Channel.ONLINE, later)
                    )
        elif roll < 0.70:
            at = MEETING - timedelta(days=rnd.choice([4, 5, 6, 2]))  # 2 days: too late
            for resolution in range(1, resolutions + 1):
                votes.append(Vote(voter_id, resolution, rnd.choice(CHOICES), Channel.POSTAL, at))
    for voter_id in in_room:
        for resolution in range(1, resolutions + 1):
            at = MEETING + timedelta(minutes=10 + resolution)
            votes.append(Vote(voter_id, resolution, rnd.choice(CHOICES), Channel.ROOM, at))

    candidates = tuple(
        Candidate(i, f"Candidat {i}", date(1940 + i, 1 + i % 12, 1)) for i in range(1, 9)
    )
    ballots = tuple(
        ElectionBallot(v.college, v.votes, tuple(rnd.sample(range(1, 9), rnd.randint(0, 3))))
        for v in frozen
        if v.voter_id in presence or rnd.random() < 0.5
    )
    return AssemblyData(
        rules=rules,
        kind=AssemblyKind.MIXED,
        notice=Notice.FIRST,
        meeting_at=MEETING,
        voters=frozen,
        resolutions=tuple(
            Resolution(
                i,
                ResolutionKind.EXTRAORDINARY if i % 5 == 0 else ResolutionKind.ORDINARY,
                board_backed=i % 7 != 0,
            )
            for i in range(1, resolutions + 1)
        ),
        proxies=tuple(proxies),
        votes=tuple(votes),
        presence=presence,
        elections=(Election(1, 3, candidates, seed=seed, ballots=ballots),),
    )


def timed(function, runs: int) -> tuple[float, float, float]:
    """Median and worst wall-clock ms, and median CPU ms, of ``runs`` calls.

    Each run starts after a full collection and stops before its result is freed (freeing
    300,000 objects is the caller's time, later). The CPU time (``time.process_time``) is the
    fair figure on a shared machine: it leaves out the time spent waiting for a core.
    """
    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        del result
    return statistics.median(walls), max(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--resolutions", type=int, default=20)
    parser.add_argument("--form", choices=["scp", "scic"], default="scp")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    data = build(args.voters, args.resolutions, args.form)
    built = time.perf_counter() - started
    rules = data.rules

    participation = effective_ballots(
        rules,
        meeting_at=data.meeting_at,
        voters=data.voters,
        resolutions=data.resolutions,
        proxies=data.proxies,
        votes=data.votes,
        presence=data.presence,
    )
    quorums = assembly_quorums(rules, data.kind, data.notice, participation.attendance)
    result = recompute(data)
    summary = result.summary()

    rows = [
        (
            "effective ballots (proxies, cut-offs, one ballot per voter)",
            timed(
                lambda: effective_ballots(
                    rules,
                    meeting_at=data.meeting_at,
                    voters=data.voters,
                    resolutions=data.resolutions,
                    proxies=data.proxies,
                    votes=data.votes,
                    presence=data.presence,
                ),
                args.runs,
            ),
        ),
        (
            f"{args.resolutions} outcomes from the effective ballots",
            timed(
                lambda: [
                    resolution_outcome(
                        rules,
                        r.kind,
                        ballots=participation.ballots[r.resolution_id],
                        quorum=quorums[r.kind],
                    )
                    for r in data.resolutions
                ],
                args.runs,
            ),
        ),
        (
            f"election ({len(data.elections[0].ballots):,} ballots, 8 candidates, 3 seats)",
            timed(lambda: election_result(rules, data.elections[0]), args.runs),
        ),
        ("**recompute() — everything**", timed(lambda: recompute(data), args.runs)),
        ("recompute() + summary()", timed(lambda: recompute(data).summary(), args.runs)),
    ]

    print(
        f"{args.form.upper()}, {len(data.voters):,} voters, {args.resolutions} resolutions, "
        f"{len(data.votes):,} stored votes, {len(data.proxies):,} proxies, "
        f"{len(data.presence):,} in the room; inputs built in {built:.1f} s; {args.runs} runs."
    )
    print(
        f"Attendance: {summary['attendance']}; notes: {len(result.participation.notes):,}; "
        f"adopted: {sum(o['status'] == 'adopted' for o in summary['resolutions'].values())}."
    )
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs.\n")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Load average at the end: {load:.1f}.\n")
    print("| step | median ms | worst ms | median CPU ms |")
    print("|---|---:|---:|---:|")
    for label, (median, worst, cpu) in rows:
        print(f"| {label} | {median:,.0f} | {worst:,.0f} | {cpu:,.0f} |")


if __name__ == "__main__":
    main()
