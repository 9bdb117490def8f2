"""Register benchmark: 200,000 members over 200 coops, the largest with 30,000.

Times voting rights at a date for the largest coop, and the register list and search
pages through Django's test client (full middleware, templates). Prints Markdown;
docs/benchmarks.md records the figures.

    .venv/bin/python bench/register.py                     # SQLite file var/bench-register.sqlite3
    DATABASE_URL=postgres://…/viecoop_bench_register .venv/bin/python bench/register.py   # an empty database
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench-register.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--largest", type=int, default=30_000)
    parser.add_argument("--coops", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="measure an existing bench database")
    parser.add_argument(
        "--register-pdf", action="store_true", help="also time the 30,000-member legal register PDF"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    if SQLITE_PATH.name in os.environ["DATABASE_URL"] and not args.reuse:
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_MEDIA_ROOT", str(ROOT / "var" / "bench-register-media"))
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from viecoop.accounts.models import User
    from viecoop.core.text import fold
    from viecoop.members.models import Category, Member, ShareMovement, ShareOperation
    from viecoop.organizations.hooks import run_coop_setup
    from viecoop.organizations.models import Coop, CoopRole, Federation

    call_command("migrate", verbosity=0, interactive=False)
    if args.reuse:
        return measure(args)
    if Coop.objects.exists():
        print("The bench database must be empty.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    names = [
        "Martin",
        "Bernard",
        "Dubois",
        "Lefèbvre",
        "Moreau",
        "Girard",
        "Rivière",
        "Nguyen",
        "Da Silva",
    ]
    firsts = ["Hélène", "Léa", "Jean", "Karim", "Anne", "Loïc", "Aïcha", "Paul"]
    with transaction.atomic():
        federation = Federation.objects.create(
            name="Fédération", short_name="Fédération", slug="federation"
        )
        sizes = [args.largest] + [(args.members - args.largest) // (args.coops - 1)] * (
            args.coops - 1
        )
        manager = User.objects.create_user("gestion@bench.test", "x" * 12)
        for index, size in enumerate(sizes):
            coop = Coop.objects.create(
                federation=federation,
                name=f"Coop {index:03d}",
                slug=f"coop-{index:03d}",
                legal_form="scp" if index % 2 == 0 else "scic",
                region="BRE",
                department="35",
            )
            run_coop_setup(coop=coop)
            if index == 0:
                CoopRole.objects.create(user=manager, coop=coop, role="manager")
            categories = list(Category.objects.filter(coop=coop).select_related("default_college"))
            users_categories = [
                c for c in categories if c.code in ("locataire-cooperateur", "accedant")
            ]
            investor = next(c for c in categories if c.code == "collectivite")
            members = []
            for n in range(size):
                category = investor if n % 500 == 0 else users_categories[n % 2]
                first, last = firsts[n % len(firsts)], f"{names[n % len(names)]}{n}"
                members.append(
                    Member(
                        coop=coop,
                        number=str(n + 1),
                        first_name=first,
                        last_name=last,
                        category=category,
                        college=category.default_college,
                        status="admitted",
                        admission_date=datetime.date(2015, 1, 1)
                        + datetime.timedelta(days=n % 3000),
                        admission_decision="CA",
                        search_text=fold(f"{n + 1} {first} {last}"),
                    )
                )
            Member.objects.bulk_create(members, batch_size=2000)
            ids = list(
                Member.objects.filter(coop=coop)
                .order_by("pk")
                .values_list("pk", "admission_date", "category_id")
            )
            ShareOperation.objects.bulk_create(
                [
                    ShareOperation(
                        coop=coop,
                        sequence=i + 1,
                        kind="subscription",
                        member_id=pk,
                        shares=200 if cat == investor.pk else 1 + i % 3,
                        unit_price=15,
                        effective_date=day,
                        board_decision="CA",
                        board_decision_date=day,
                    )
                    for i, (pk, day, cat) in enumerate(ids)
                ],
                batch_size=2000,
            )
            ShareMovement.objects.bulk_create(
                [
                    ShareMovement(operation_id=op_pk, member_id=member_id, shares=shares)
                    for op_pk, member_id, shares in ShareOperation.objects.filter(
                        coop=coop
                    ).values_list("pk", "member_id", "shares")
                ],
                batch_size=2000,
            )
    print(
        f"built {Member.objects.count():,} members in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        # Statistics and the visibility map, as autovacuum would give them in time: without
        # them the planner picks nested loops and index-only scans read the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    return measure(args)


def measure(args) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from viecoop.accounts.models import User
    from viecoop.members.models import Member
    from viecoop.members.selectors import voting_rights_at
    from viecoop.organizations.models import Coop

    manager = User.objects.get(email="gestion@bench.test")
    big = Coop.objects.get(slug="coop-000")
    on = datetime.date(2026, 11, 1)
    timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        rights = voting_rights_at(coop=big, on=on)
        timings.append(time.perf_counter() - t0)
    client = Client()
    client.force_login(manager)

    def page(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries = len(ctx.captured_queries)  # now: the next request empties the log
        samples = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        return statistics.median(samples), p95, queries

    print(
        f"\n{connection.vendor} — {Member.objects.count():,} members, largest coop {args.largest:,}\n"
    )
    print(
        f"Voting rights for {len(rights.members):,} voters at a date: median {statistics.median(timings) * 1000:.0f} ms "
        f"(capped: {rights.capped}, total votes {rights.total_votes:,})\n"
    )
    print("| page | median ms | p95 ms | SQL queries |\n|---|---:|---:|---:|")
    for label, url in (
        ("register, first page", "/c/coop-000/associes/"),
        ("register, search « helene martin »", "/c/coop-000/associes/?q=helene+martin"),
        (
            "register, admitted + college filter",
            f"/c/coop-000/associes/?statut=admitted&college={big.colleges.get(code='A').pk}",
        ),
        ("register, page 300", "/c/coop-000/associes/?page=300"),
        ("share ledger", "/c/coop-000/parts/"),
    ):
        median, p95, queries = page(url)
        print(f"| {label} | {median:.1f} | {p95:.1f} | {queries} |")
    if args.register_pdf:
        from viecoop.members.documents import jobs
        from viecoop.members.models import DocumentJob

        jobs.INLINE_REGISTER_MAX_ROWS = 10**9  # made here, as the task would make it
        t0, cpu = time.perf_counter(), time.process_time()
        job = jobs.register_job_create(actor=manager, coop=big, on=on)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu
        job = DocumentJob.objects.get(pk=job.pk)
        print(
            f"\nLegal register PDF of the {args.largest:,}-member coop ({job.total:,} rows): "
            f"{elapsed:.1f} s ({cpu:.1f} s CPU), {job.pages:,} pages, "
            f"{job.file.size / 1024 / 1024:.1f} MB, status {job.status}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
