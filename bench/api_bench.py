"""API benchmark: list and push members of a 30,000-member coop through /api/v1/.

Builds a coop of 30,000 admitted members (bulk, like bench/register.py), then measures:
- reads through Django's test client (whole middleware, token, JSON): median / p95, SQL queries;
- batches of 1,000 rows (POST /members/bulk): new members (half admitted, so half subscribe
  shares in the ledger), the same batch again (idempotent: all unchanged), 1,000 updates;
- with ``--wrk``: the list under wrk against gunicorn (2 workers), p50/p95/p99 and calls/s.

    .venv/bin/python bench/api_bench.py                       # SQLite, var/bench-api.sqlite3
    .venv/bin/python bench/api_bench.py --wrk                 # + wrk against gunicorn
    DATABASE_URL=postgres://…/viecoop_bench_api .venv/bin/python bench/api_bench.py --wrk
    .venv/bin/python bench/api_bench.py --reuse               # measure again without rebuilding
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench-api.sqlite3"
COOP = "coop-api"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true", help="measure an existing bench database")
    parser.add_argument("--wrk", action="store_true", help="also load-test with wrk + gunicorn")
    parser.add_argument("--wrk-seconds", type=int, default=15)
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    if SQLITE_PATH.name in os.environ["DATABASE_URL"] and not args.reuse:
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from viecoop.organizations.models import Coop

    # The per-token limit would refuse a benchmark's calls: lift it for this process.
    settings.VIECOOP_API_RATE = "100000000/m"
    settings.VIECOOP_API_BULK_RATE = "100000/h"
    call_command("migrate", verbosity=0, interactive=False)
    if not args.reuse:
        if Coop.objects.exists():
            print("The bench database must be empty (or use --reuse).", file=sys.stderr)
            return 2
        build(args.members)
    return measure(args)


def build(size: int) -> None:
    from django.db import connection, transaction

    from viecoop.core.text import fold
    from viecoop.members.models import Category, Member, ShareMovement, ShareOperation
    from viecoop.organizations.hooks import run_coop_setup
    from viecoop.organizations.models import Coop, Federation, Residence

    started = time.perf_counter()
    names = ["Martin", "Bernard", "Dubois", "Lefèbvre", "Moreau", "Girard", "Rivière", "Nguyen"]
    firsts = ["Hélène", "Léa", "Jean", "Karim", "Anne", "Loïc", "Aïcha", "Paul"]
    with transaction.atomic():
        federation = Federation.objects.create(
            name="Fédération", short_name="Fédération", slug="federation"
        )
        coop = Coop.objects.create(
            federation=federation,
            name="Coop API",
            slug=COOP,
            legal_form="scic",
            region="BRE",
            department="35",
        )
        run_coop_setup(coop=coop)
        residences = Residence.objects.bulk_create(
            [
                Residence(coop=coop, name=f"Résidence {n:02d}", city="Rennes", homes_count=60)
                for n in range(40)
            ]
        )
        categories = list(
            Category.objects.filter(
                coop=coop, code__in=["locataire-cooperateur", "accedant"]
            ).select_related("default_college")
        )
        members = []
        for n in range(size):
            category = categories[n % 2]
            first, last = firsts[n % len(firsts)], f"{names[n % len(names)]}{n}"
            members.append(
                Member(
                    coop=coop,
                    number=str(n + 1),
                    first_name=first,
                    last_name=last,
                    category=category,
                    college=category.default_college,
                    residence=residences[n % len(residences)],
                    email=f"associe{n + 1}@exemple.fr" if n % 3 == 0 else "",
                    city="Rennes",
                    status="admitted",
                    admission_date=datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 3000),
                    admission_decision="CA",
                    search_text=fold(f"{n + 1} {first} {last} rennes"),
                )
            )
        Member.objects.bulk_create(members, batch_size=2000)
        ids = list(
            Member.objects.filter(coop=coop).order_by("pk").values_list("pk", "admission_date")
        )
        ShareOperation.objects.bulk_create(
            [
                ShareOperation(
                    coop=coop,
                    sequence=i + 1,
                    kind="subscription",
                    member_id=pk,
                    shares=1 + i % 3,
                    unit_price=15,
                    effective_date=day,
                    board_decision="CA",
                    board_decision_date=day,
                )
                for i, (pk, day) in enumerate(ids)
            ],
            batch_size=2000,
        )
        ShareMovement.objects.bulk_create(
            [
                ShareMovement(operation_id=op, member_id=member, shares=shares)
                for op, member, shares in ShareOperation.objects.filter(coop=coop).values_list(
                    "pk", "member_id", "shares"
                )
            ],
            batch_size=2000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {size:,} members in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure(args) -> int:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from viecoop.api.services import api_token_create
    from viecoop.members.models import Member
    from viecoop.organizations.models import Coop

    coop = Coop.objects.get(slug=COOP)
    with transaction.atomic():
        _token, secret = api_token_create(
            actor=None, coop=coop, name=f"bench {time.time():.0f}", scope="write"
        )
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    count = Member.objects.filter(coop=coop).count()
    print(f"\n{connection.vendor} — coop of {count:,} members\n")

    print("| call | median ms | p95 ms | SQL queries | KB |\n|---|---:|---:|---:|---:|")
    since = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat()
    for label, url in (
        ("list, first page (100)", "/api/v1/members?limit=100"),
        ("list, 500 per page", "/api/v1/members?limit=500"),
        (
            "list, last page (offset 29,900)",
            f"/api/v1/members?limit=100&offset={max(0, count - 100)}",
        ),
        ("list, search « helene martin »", "/api/v1/members?search=helene+martin"),
        (
            "list, college + status filter",
            "/api/v1/members?college=usagers&status=admitted&limit=100",
        ),
        (
            "list, changed since yesterday (sync)",
            f"/api/v1/members?updated_since={since.replace('+', '%2B')}",
        ),
        ("one member by number", "/api/v1/members/by-number/15000"),
    ):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries = len(ctx.captured_queries)
        samples = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
        print(
            f"| {label} | {statistics.median(samples):.1f} | {_percentile(samples, 0.95):.1f} | "
            f"{queries} | {len(response.content) / 1024:.0f} |"
        )

    # Single upserts: the same member, alternately changed and unchanged.
    samples = []
    for n in range(args.runs):
        t0 = time.perf_counter()
        response = client.put(
            "/api/v1/members/by-number/15000",
            {"phone": f"02 99 00 {n % 100:02d} 00"},
            content_type="application/json",
        )
        samples.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"PUT answered {response.status_code}: {response.content[:300]}")
    print(
        f"| PUT /members/by-number (one change) | {statistics.median(samples):.1f} | {_percentile(samples, 0.95):.1f} | | |"
    )

    stamp = f"{time.time():.0f}"
    batch = []
    for n in range(args.batch):
        row = {
            "number": f"B{stamp}-{n}",
            "last_name": f"Nouveau{n}",
            "first_name": "Camille",
            "category": "locataire-cooperateur",
            "email": f"nouveau{stamp}-{n}@exemple.fr",
            "postal_code": "35000",
            "city": "Rennes",
            "residence": "Résidence 07",
        }
        if n % 2 == 0:
            row.update(
                status="admitted",
                admission_date="2025-06-01",
                admission_decision="CA du 01/06/2025",
                shares=1 + n % 3,
            )
        batch.append(row)
    updates = [
        {"number": str(n), "city": f"Saint-Malo {stamp[-4:]}"} for n in range(1, args.batch + 1)
    ]
    print(
        f"\n| batch of {args.batch:,} rows (POST /members/bulk) | seconds | created | updated | unchanged |\n|---|---:|---:|---:|---:|"
    )
    for label, rows in (
        ("new members (half admitted: shares in the ledger)", batch),
        ("the same batch again (idempotent)", batch),
        ("updates of existing members (city)", updates),
        (
            "dry run of new members",
            [{**r, "number": "D" + r["number"], "email": "d" + r["email"]} for r in batch],
        ),
    ):
        path = "/api/v1/members/bulk" + ("?dry_run=true" if label.startswith("dry") else "")
        t0 = time.perf_counter()
        response = client.post(path, {"members": rows}, content_type="application/json")
        elapsed = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"bulk answered {response.status_code}: {response.content[:500]}")
        body = response.json()
        print(
            f"| {label} | {elapsed:.2f} | {body['created']} | {body['updated']} | {body['unchanged']} |"
        )

    if args.wrk:
        load_test(args, secret)
    return 0


def load_test(args, secret: str) -> None:
    if not shutil.which("wrk"):
        print("\nwrk is not installed: skipping the load test (apt-get install wrk).")
        return
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "api_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT / 'src'}",
        "VIECOOP_BENCH_TOKEN": secret,
    }
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "viecoop.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        time.sleep(4)
        # Warm both workers (imports, URL resolver, schemas) so the first measure is not a cold start.
        subprocess.run(  # noqa: S603 (fixed arguments)
            [
                shutil.which("wrk"),
                "-t2",
                "-c4",
                "-d3s",
                "-s",
                str(ROOT / "bench" / "wrk_report.lua"),
                f"http://127.0.0.1:{args.port}/api/v1/members?limit=100",
            ],
            env=env,
            capture_output=True,
            check=True,
        )
        print(
            f"\nwrk, {args.wrk_seconds} s each, 2 threads × 4 connections, gunicorn 2 workers (127.0.0.1)\n"
        )
        print(
            "| call | calls/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|"
        )
        for label, path in (
            ("list, first page (100)", "/api/v1/members?limit=100"),
            ("list, search « helene martin »", "/api/v1/members?search=helene+martin"),
            ("one member by number", "/api/v1/members/by-number/15000"),
        ):
            out = subprocess.run(  # noqa: S603 (fixed arguments)
                [
                    shutil.which("wrk"),
                    "-t2",
                    "-c4",
                    "--timeout",
                    "10s",
                    f"-d{args.wrk_seconds}s",
                    "-s",
                    str(ROOT / "bench" / "wrk_report.lua"),
                    f"http://127.0.0.1:{args.port}{path}",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            report = dict(re.findall(r"(\w+)=(\d+)", out.split("REPORT", 1)[1]))
            seconds = int(report["duration"]) / 1e6
            print(
                f"| {label} | {int(report['requests']) / seconds:.0f} | {int(report['p50']) / 1000:.1f} | "
                f"{int(report['p95']) / 1000:.1f} | {int(report['p99']) / 1000:.1f} | "
                f"{int(report['errors']) + int(report['non2xx'])} |"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
