"""Online voting under load, over HTTP: 10,000 voters × 20 resolutions against gunicorn + PostgreSQL.

Builds a SCIC coop of ``--voters`` members (each with an account and a logged-in session) and an
assembly of ``--resolutions`` resolutions whose notice is sent (through the real services), starts
gunicorn on loopback, and lets every voter load the vote page (GET, CSRF token) and send their
vote (POST: one ballot per resolution) from ``--clients`` concurrent connections. Then it counts
what is stored — every voter exactly one active vote and one ballot per resolution, nothing lost,
nothing twice — closes the meeting and times the recount of every result from the stored data.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE viecoop_bench_assemblies'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/viecoop_bench_assemblies \\
        REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/assemblies_http.py

A benchmark, not a test: it needs an empty PostgreSQL database of its own (``--reuse`` measures
again on one it built, after deleting the votes).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(rb'name="(r\d+)" value="for"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--resolutions", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--clients", type=int, default=32, help="concurrent client connections")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument("--reuse", action="store_true")
    return parser.parse_args()


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to an empty PostgreSQL database of its own.")
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("VIECOOP_TASKS_BACKEND", "dummy")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build(args) -> None:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from viecoop.accounts.models import User
    from viecoop.assemblies.services import notice, preparation
    from viecoop.core.text import fold
    from viecoop.members.models import Category, Member, ShareMovement, ShareOperation
    from viecoop.organizations.hooks import run_coop_setup
    from viecoop.organizations.models import Coop, CoopRole, Federation

    call_command("migrate", verbosity=0, interactive=False)
    if Coop.objects.exists():
        sys.exit("The bench database must be empty (or use --reuse).")
    started = time.perf_counter()
    password = make_password("bench-not-a-password")
    with transaction.atomic():
        federation = Federation.objects.create(name="Fédération", short_name="F", slug="federation")
        coop = Coop.objects.create(
            federation=federation,
            name="Coop Bench",
            slug="coop-bench",
            legal_form="scic",
            region="BRE",
            department="35",
        )
        run_coop_setup(coop=coop)
        manager = User.objects.create_user("gestion@bench.test", "x" * 12)
        CoopRole.objects.create(user=manager, coop=coop, role="manager")
        users = User.objects.bulk_create(
            [User(email=f"associe{n}@bench.test", password=password) for n in range(args.voters)],
            batch_size=2000,
        )
        CoopRole.objects.bulk_create(
            [CoopRole(user=u, coop=coop, role="member") for u in users], batch_size=2000
        )
        categories = list(Category.objects.filter(coop=coop).select_related("default_college"))
        by_code = {c.code: c for c in categories}
        mix = ["locataire-cooperateur"] * 6 + [
            "salarie",
            "collectivite",
            "organisme-hlm",
            "accedant",
        ]
        day = datetime.date(2020, 1, 1)
        members = []
        for n, user in enumerate(users):
            category = by_code[mix[n % len(mix)]]
            members.append(
                Member(
                    coop=coop,
                    number=str(n + 1),
                    first_name="Prénom",
                    last_name=f"Associé{n}",
                    category=category,
                    college=category.default_college,
                    status="admitted",
                    admission_date=day,
                    admission_decision="CA",
                    user=user,
                    search_text=fold(f"{n + 1} prenom associe{n}"),
                )
            )
        Member.objects.bulk_create(members, batch_size=2000)
        ids = list(Member.objects.filter(coop=coop).order_by("pk").values_list("pk", flat=True))
        ShareOperation.objects.bulk_create(
            [
                ShareOperation(
                    coop=coop,
                    sequence=i + 1,
                    kind="subscription",
                    member_id=pk,
                    shares=1,
                    unit_price=15,
                    effective_date=day,
                    board_decision="CA",
                    board_decision_date=day,
                )
                for i, pk in enumerate(ids)
            ],
            batch_size=2000,
        )
        ShareMovement.objects.bulk_create(
            [
                ShareMovement(operation_id=op, member_id=member, shares=1)
                for op, member in ShareOperation.objects.filter(coop=coop).values_list(
                    "pk", "member_id"
                )
            ],
            batch_size=2000,
        )
    when = timezone.now() + datetime.timedelta(days=30)
    with transaction.atomic():
        assembly = preparation.assembly_create(
            actor=manager,
            coop=coop,
            title="AG de charge",
            kind="ordinary",
            notice="first",
            starts_at=when,
            place="Salle",
        )
    for n in range(args.resolutions):
        preparation.resolution_save(
            actor=manager,
            assembly=assembly,
            title=f"Résolution {n + 1}",
            kind="ordinary",
            text="L'assemblée approuve.",
        )
    preparation.voters_freeze(actor=manager, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=manager, assembly=assembly, acknowledge_warnings=True)
    # One logged-in session per voter, as if each had just signed in.
    keys = []
    for user in User.objects.filter(email__endswith="@bench.test").exclude(pk=manager.pk):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "viecoop.accounts.backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-assemblies-sessions.txt").write_text("\n".join(keys))
    print(
        f"built {len(ids):,} voters, {args.resolutions} resolutions and their sessions in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )


def vote(connection: http.client.HTTPConnection, path: str, session: str) -> tuple[float, int]:
    """GET the vote page, POST a vote; returns (POST seconds, status)."""
    cookie = f"sessionid={session}"
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    body = response.read()
    csrf_cookie = ""
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            csrf_cookie = value.split(";", 1)[0].split("=", 1)[1]
    token = CSRF_INPUT.search(body).group(1).decode()
    fields = {name.decode(): "for" for name in RADIO.findall(body)}
    fields.update({"csrfmiddlewaretoken": token, "added_resolutions": "against"})
    data = urllib.parse.urlencode(fields)
    started = time.perf_counter()
    connection.request(
        "POST",
        path,
        body=data,
        headers={
            "Cookie": f"{cookie}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1{path}",
        },
    )
    response = connection.getresponse()
    response.read()
    return time.perf_counter() - started, response.status


def client_process(task) -> tuple[list[float], int]:
    port, path, sessions, threads = task
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    local = threading.local()

    def one(session: str):
        nonlocal errors
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            seconds, status = vote(local.connection, path, session)
        except (OSError, http.client.HTTPException, AttributeError):
            local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                errors += 1
            return
        with lock:
            if status == 302:
                latencies.append(seconds)
            else:
                errors += 1

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, sessions))
    return latencies, errors


def main() -> int:
    args = parse_args()
    setup_django()
    from django.db import connection
    from django.db.models import Count

    from viecoop.assemblies.models import AdvanceVote, Assembly, Ballot
    from viecoop.assemblies.services import meeting
    from viecoop.assemblies.services.results import meeting_close, recompute_and_compare

    if not args.reuse:
        build(args)
    assembly = Assembly.objects.select_related("coop").get(title="AG de charge")
    if args.reuse:
        Ballot.objects.filter(assembly=assembly).delete()
        AdvanceVote.objects.filter(assembly=assembly).delete()
        Assembly.objects.filter(pk=assembly.pk).update(
            status="convened", results=None, results_hash=""
        )
    sessions = (ROOT / "var" / "bench-assemblies-sessions.txt").read_text().split()
    path = f"/c/{assembly.coop.slug}/assemblees/{assembly.pk}/voter/"
    connection.close()
    server = subprocess.Popen(  # noqa: S603 -- our own gunicorn, fixed arguments
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "viecoop.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "--pythonpath",
            str(ROOT / "src"),
        ],
        env={**os.environ},
    )
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                probe.request("GET", "/sante/")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        per = -(-len(sessions) // args.processes)
        tasks = [
            (args.port, path, sessions[i : i + per], max(1, args.clients // args.processes))
            for i in range(0, len(sessions), per)
        ]
        started = time.perf_counter()
        with Pool(len(tasks)) as pool:
            outcomes = pool.map(client_process, tasks)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(x for lat, _e in outcomes for x in lat)
    errors = sum(e for _l, e in outcomes)
    votes = len(latencies)
    ballots = votes * args.resolutions

    stored = Ballot.objects.filter(assembly=assembly).count()
    active = AdvanceVote.objects.filter(assembly=assembly, status="active").count()
    per_voter = set(
        Ballot.objects.filter(assembly=assembly)
        .order_by()
        .values("voter")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    voters = assembly.voters.count()
    meeting.meeting_open(actor=None, assembly=assembly)
    closed = meeting_close(actor=None, assembly=assembly)
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        differences = recompute_and_compare(closed)
        timings.append(time.perf_counter() - t0)
    p50 = statistics.median(latencies) * 1000 if latencies else 0
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0
    print("| measure | value |")
    print("|---|---:|")
    print(f"| voters × resolutions | {voters:,} × {args.resolutions} |")
    print(f"| gunicorn workers / client connections | {args.workers} / {args.clients} |")
    print(f"| votes accepted (POST → 302) / errors | {votes:,} / {errors} |")
    print(f"| wall time | {elapsed:.1f} s |")
    print(f"| sustained ballots per second | {ballots / elapsed:,.0f} |")
    print(f"| votes (requests) per second | {votes / elapsed:,.1f} |")
    print(f"| POST latency median / p95 | {p50:.0f} ms / {p95:.0f} ms |")
    print(f"| ballots stored / expected | {stored:,} / {voters * args.resolutions:,} |")
    print(f"| active votes / voters | {active:,} / {voters:,} |")
    print(f"| ballots per voter (distinct values) | {sorted(per_voter)} |")
    print(
        f"| recompute all results and compare (median of 3) | {statistics.median(timings):.2f} s |"
    )
    print(f"| recomputed = published | {'yes' if not differences else differences[:3]} |")
    return 0 if stored == voters * args.resolutions and active == voters and not differences else 1


if __name__ == "__main__":
    sys.exit(main())
