"""Page benchmark at the scale of the product brief (200 coops, 2,000 staff, 10,000 audit entries).

Builds a world in a database of its own, then times the main pages through Django's
test client (full middleware stack, templates, sessions) and counts their SQL queries.
Prints a Markdown table; docs/benchmarks.md records the figures.

    make bench                                  # SQLite file var/bench.sqlite3, recreated each time
    DATABASE_URL=postgres://…/viecoop_bench make bench   # an EMPTY database you created for it

This is a benchmark, not a test: it never touches the development database
(var/viecoop.sqlite3) and refuses to fill a database that already holds coops.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench.sqlite3"
BENCH_PASSWORD = "bench-viecoop-not-a-real-password"  # noqa: S105 — fictional accounts


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coops", type=int, default=200, help="number of coops (default 200)")
    parser.add_argument("--residences", type=int, default=5, help="residences per coop (default 5)")
    parser.add_argument(
        "--staff", type=int, default=2000, help="staff users, spread over the coops (default 2000)"
    )
    parser.add_argument("--audit", type=int, default=10000, help="audit entries (default 10000)")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument(
        "--sql", action="store_true", help="print each page's SQL queries (on standard error)"
    )
    args = parser.parse_args(argv)
    if args.coops < 2 or args.staff < 2 * args.coops or args.runs < 1:
        parser.error(
            "need --coops >= 2, --staff >= 2 x coops (a manager and a référent each), --runs >= 1"
        )
    return args


def configure_environment() -> None:
    """Point Django at the bench database before it reads its settings."""
    if not os.environ.get("DATABASE_URL"):
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    # Measure what production runs: DEBUG off (no query log, persistent connections).
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class World:
    coop_slug: str
    referent_id: int
    manager_id: int
    fed_admin_id: int
    counts: dict[str, int]


def build_world(args: argparse.Namespace) -> World:
    """Bulk-create the data set. One transaction; a few seconds even on SQLite."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from viecoop.accounts.models import Invitation, User
    from viecoop.audit.models import AuditEntry
    from viecoop.core.text import fold
    from viecoop.organizations.models import (
        Coop,
        CoopRole,
        Federation,
        FederationRole,
        Region,
        Residence,
    )

    regions = Region.values
    departments = ["35", "69", "31", "59", "44", "76", "13", "33", "67", "2A", "974", "75"]
    actions = [
        "residence.update",
        "role.grant",
        "invitation.create",
        "coop.update",
        "residence.create",
    ]
    password_hash = make_password(BENCH_PASSWORD)  # Argon2 once, shared by every account
    now = timezone.now()
    batch = 500

    with transaction.atomic():
        federation = Federation.objects.create(
            name="Fédération des Coop'HLM (banc d'essai)",
            short_name="Fédération",
            slug="federation",
        )
        Coop.objects.bulk_create(
            [
                Coop(
                    federation=federation,
                    name=f"Coopérative d'habitat {i:03d}",
                    slug=f"coop-{i:03d}",
                    legal_form=Coop.LegalForm.SCIC if i % 2 else Coop.LegalForm.SCP,
                    region=regions[i % len(regions)],
                    department=departments[i % len(departments)],
                    city="Rennes",
                    postal_code="35000",
                    search_text=fold(f"Coopérative d'habitat {i:03d} Rennes"),
                )
                for i in range(args.coops)
            ],
            batch_size=batch,
        )
        coops = list(Coop.objects.order_by("slug"))
        Residence.objects.bulk_create(
            [
                Residence(
                    coop=coop,
                    name=f"Résidence {j + 1} de {coop.slug}",
                    city="Rennes",
                    postal_code="35000",
                    homes_count=10 + (i * 7 + j * 13) % 90,
                    search_text=fold(f"Résidence {j + 1} de {coop.slug} Rennes"),
                )
                for i, coop in enumerate(coops)
                for j in range(args.residences)
            ],
            batch_size=batch,
        )
        User.objects.bulk_create(
            [
                User(
                    email=f"salarie{n:05d}@bench.viecoop.test",
                    first_name=f"Prénom{n}",
                    last_name=f"Nom{n:05d}",
                    password=password_hash,
                )
                for n in range(args.staff)
            ],
            batch_size=batch,
        )
        staff = list(User.objects.filter(email__endswith="@bench.viecoop.test").order_by("email"))
        # Staff spread evenly: per coop one manager, one référent (except every 7th coop,
        # so the federation dashboard has coops "without a référent" to list), the rest staff.
        roles, staff_by_coop = [], {coop.pk: [] for coop in coops}
        for n, user in enumerate(staff):
            coop = coops[n % len(coops)]
            rank = n // len(coops)
            if rank == 0:
                role = CoopRole.Role.MANAGER
            elif rank == 1 and (n % len(coops)) % 7 != 6:
                role = CoopRole.Role.REFERENT
            else:
                role = CoopRole.Role.STAFF
            roles.append(
                CoopRole(user=user, coop=coop, role=role, job_title="Chargée de clientèle")
            )
            staff_by_coop[coop.pk].append(user)
        CoopRole.objects.bulk_create(roles, batch_size=batch)

        fed_admin = User.objects.create(
            email="admin@bench.viecoop.test",
            first_name="Claire",
            last_name="Morel",
            password=password_hash,
        )
        FederationRole.objects.create(
            user=fed_admin, federation=federation, role=FederationRole.Role.ADMIN
        )
        TOTP.activate(fed_admin, generate_totp_secret())  # federation admins must have 2FA

        Invitation.objects.bulk_create(
            [
                Invitation(
                    code_hash=f"{coop.pk:08d}{k:056d}",
                    channel=Invitation.Channel.EMAIL,
                    email=f"invite{k}@{coop.slug}.bench.viecoop.test",
                    coop=coop,
                    coop_role=CoopRole.Role.STAFF if k else CoopRole.Role.MEMBER,
                    created_by=staff_by_coop[coop.pk][0],
                    expires_at=now + timedelta(days=30),
                )
                for coop in coops
                for k in range(2)
            ],
            batch_size=batch,
        )

        # Audit: a tenth at federation level, a tenth in the measured coop (the busy one),
        # the rest spread over all coops.
        measured = coops[0]
        entries = []
        for n in range(args.audit):
            if n % 10 == 0:
                coop = None
            elif n % 10 == 1:
                coop = measured
            else:
                coop = coops[n % len(coops)]
            people = staff_by_coop[coop.pk] if coop else [fed_admin]
            actor = people[n % len(people)]
            entries.append(
                AuditEntry(
                    actor=actor,
                    actor_label=actor.get_full_name(),
                    coop=coop,
                    action=actions[n % len(actions)],
                    object_type="organizations.residence",
                    object_id=str(n),
                    object_repr=f"Objet {n}",
                    details={"n": n},
                    ip_address="192.0.2.1",
                )
            )
        AuditEntry.objects.bulk_create(entries, batch_size=batch)

    measured_roles = CoopRole.objects.filter(coop=measured)
    counts = {
        "coops": Coop.objects.count(),
        "residences": Residence.objects.count(),
        "users": User.objects.count(),
        "coop roles": CoopRole.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "invitations": Invitation.objects.count(),
    }
    return World(
        coop_slug=measured.slug,
        referent_id=measured_roles.get(role=CoopRole.Role.REFERENT).user_id,
        manager_id=measured_roles.get(role=CoopRole.Role.MANAGER).user_id,
        fed_admin_id=fed_admin.pk,
        counts=counts,
    )


@dataclass
class Result:
    page: str
    url: str
    who: str
    status: str
    queries: int | None = None
    median_ms: float | None = None
    p90_ms: float | None = None
    size_kb: float | None = None


def measure(client, page: str, url: str, who: str, runs: int, *, show_sql: bool = False) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    try:
        client.get(url)  # warm-up: template loading, content types, session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
    except Exception as error:  # noqa: BLE001 — report the page as broken and go on
        # With DEBUG off a failing page may also fail to render 500.html: show the first cause.
        while error.__context__ is not None:
            error = error.__context__
        return Result(page, url, who, f"error: {type(error).__name__}: {str(error)[:80]}")
    # Read the count now: the next request resets the connection's query log.
    queries = len(ctx.captured_queries)
    if show_sql:
        for query in ctx.captured_queries:
            log(f"    {query['time']}s  {query['sql'][:300]}")
    if response.status_code != 200:
        return Result(page, url, who, f"HTTP {response.status_code}")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) >= 2 else timings[0]
    return Result(
        page,
        url,
        who,
        "ok",
        queries=queries,
        median_ms=statistics.median(timings),
        p90_ms=p90,
        size_kb=len(response.content) / 1024,
    )


def run_pages(world: World, runs: int, *, show_sql: bool = False) -> list[Result]:
    from django.test import Client

    from viecoop.accounts.models import User

    def client_for(user_id: int) -> Client:
        client = Client()
        client.force_login(User.objects.get(pk=user_id))
        return client

    referent, manager, admin = (
        client_for(world.referent_id),
        client_for(world.manager_id),
        client_for(world.fed_admin_id),
    )
    c = f"/c/{world.coop_slug}"
    pages = [
        ("Network home", "/reseau/", "référent", referent),
        ("Network directory", "/reseau/annuaire/", "référent", referent),
        ("Network directory, search", "/reseau/annuaire/?q=habitat+01", "référent", referent),
        ("Network directory, region", "/reseau/annuaire/?region=BRE", "référent", referent),
        ("Référents", "/reseau/referents/", "référent", referent),
        ("Coop home", f"{c}/", "manager", manager),
        ("Coop team", f"{c}/equipe/", "manager", manager),
        ("Residences", f"{c}/residences/", "manager", manager),
        ("Coop audit log", f"{c}/journal/", "manager", manager),
        ("Federation dashboard", "/federation/", "federation admin", admin),
        (
            "Coops without a référent",
            "/federation/reseau/sans-referent/",
            "federation admin",
            admin,
        ),
    ]
    results = []
    for page, url, who, client in pages:
        log(f"  measuring {page} ({url})")
        results.append(measure(client, page, url, who, runs, show_sql=show_sql))
    return results


def markdown(results: list[Result]) -> str:
    lines = [
        "| page | URL | as | median ms | p90 ms | SQL queries | size KB |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.status == "ok":
            lines.append(
                f"| {r.page} | `{r.url}` | {r.who} | {r.median_ms:.1f} | {r.p90_ms:.1f} "
                f"| {r.queries} | {r.size_kb:.1f} |"
            )
        else:
            lines.append(f"| {r.page} | `{r.url}` | {r.who} | — | — | — | {r.status} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure_environment()

    import django

    # STATIC_ROOT is only filled by collectstatic, which the benchmark does not need.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from viecoop.organizations.models import Coop

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    log(f"Database: {engine} ({settings.DATABASES['default'].get('NAME')})")
    call_command("migrate", verbosity=0, interactive=False)
    if Coop.objects.exists():
        log(
            "This database already holds coops. Give the benchmark an empty database of its own, "
            "for example: psql -c 'DROP DATABASE IF EXISTS viecoop_bench' -c 'CREATE DATABASE viecoop_bench'"
        )
        return 2

    start = time.perf_counter()
    world = build_world(args)
    log(f"Data built in {time.perf_counter() - start:.1f} s: {world.counts}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a live database

    results = run_pages(world, args.runs, show_sql=args.sql)

    db_version = connection.Database.sqlite_version if engine == "sqlite3" else None
    if connection.vendor == "postgresql":
        db_version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    print(
        f"viecoop bench — {time.strftime('%Y-%m-%d')} — {engine} {db_version} — "
        f"Python {platform.python_version()}, Django {django.get_version()} — "
        f"{os.cpu_count()} CPU — cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    print(
        "data: "
        + ", ".join(f"{n:,} {name}" for name, n in world.counts.items())
        + f" — {args.runs} timed runs per page"
    )
    print()
    print(markdown(results))
    return 0 if all(r.status == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
