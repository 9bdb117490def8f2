"""Toolbox and reports benchmark: 200 coops, 200,000 members, 10,000 reports, 2,000 resources.

Builds the data set in a database of its own, then times the federation's dashboard, the
barometer (federation and coop), campaign progress and the toolbox (list, full-text search)
through Django's test client (full middleware, templates), and counts their SQL queries.
Prints Markdown; docs/benchmarks.md records the figures.

    .venv/bin/python bench/reports_bench.py                  # SQLite file var/bench-reports.sqlite3
    DATABASE_URL=postgres://…/viecoop_bench_reports .venv/bin/python bench/reports_bench.py
    .venv/bin/python bench/reports_bench.py --reuse          # measure again without rebuilding
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench-reports.sqlite3"
WORDS = [
    "assemblée",
    "générale",
    "vote",
    "pouvoir",
    "convocation",
    "résolution",
    "conseil",
    "administrateur",
    "associé",
    "coopérative",
    "résidence",
    "voisin",
    "fête",
    "jardin",
    "partagé",
    "réparation",
    "énergie",
    "économie",
    "numérique",
    "tablette",
    "formation",
    "accueil",
    "livret",
    "lettre",
    "information",
    "transparence",
    "comptes",
    "budget",
    "solidarité",
    "entraide",
    "proximité",
    "quartier",
    "habitant",
    "locataire",
    "accédant",
    "part",
    "sociale",
    "capital",
    "collège",
    "quorum",
    "procès-verbal",
    "participation",
    "fonds",
    "projet",
    "atelier",
    "animation",
    "affiche",
    "guide",
    "modèle",
    "tableau",
    "diagnostic",
    "charte",
    "référent",
    "réseau",
    "rencontre",
    "groupe",
    "travail",
    "transition",
]


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coops", type=int, default=200)
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--resources", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="measure an existing bench database")
    return parser.parse_args()


def setup(args) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
        if not args.reuse:
            SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    os.environ.setdefault("VIECOOP_TASKS_BACKEND", "dummy")  # no e-mail leaves the bench
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build(args) -> None:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction

    from viecoop.accounts.models import User
    from viecoop.core.text import fold
    from viecoop.members.models import Category, Member, ShareMovement, ShareOperation
    from viecoop.organizations.hooks import run_coop_setup
    from viecoop.organizations.models import Coop, CoopRole, Federation, FederationRole, Region
    from viecoop.reports import services as reports
    from viecoop.reports.categories import CATEGORIES_BY_KIND
    from viecoop.reports.indicators import Period
    from viecoop.reports.models import Concern, Project
    from viecoop.toolbox.models import Resource, ResourceTheme, ResourceVersion
    from viecoop.toolbox.services import _index
    from viecoop.toolbox.themes import Theme

    call_command("migrate", verbosity=0, interactive=False)
    if Coop.objects.exists():
        raise SystemExit("The bench database must be empty (or use --reuse).")
    rng = random.Random(2026)
    started = time.perf_counter()
    today = date.today()  # noqa: DTZ011 — bench data around today
    regions = Region.values
    with transaction.atomic():
        federation = Federation.objects.create(
            name="Fédération", short_name="Fédération", slug="federation"
        )
        password = make_password("bench-viecoop-not-a-real-password")
        admin = User.objects.create(email="admin@bench.test", password=password)
        FederationRole.objects.create(user=admin, federation=federation, role="admin")
        referent = User.objects.create(email="referent@bench.test", password=password)
        per_coop = args.members // args.coops
        for index in range(args.coops):
            coop = Coop.objects.create(
                federation=federation,
                name=f"Coopérative d'habitat {index:03d}",
                slug=f"coop-{index:03d}",
                legal_form="scp" if index % 2 else "scic",
                region=regions[index % len(regions)],
                department="35",
                search_text=fold(f"Coopérative d'habitat {index:03d}"),
            )
            run_coop_setup(coop=coop)
            if index == 0:
                CoopRole.objects.create(user=referent, coop=coop, role="referent")
            categories = list(Category.objects.filter(coop=coop).select_related("default_college"))
            size = per_coop + (index % 7) * 40 - 120
            members = []
            for n in range(size):
                category = categories[n % 4 if n % 50 else 4]
                admitted = today - timedelta(days=rng.randint(0, 3650))
                left = n % 9 == 0 and admitted < today - timedelta(days=60)
                members.append(
                    Member(
                        coop=coop,
                        number=str(n + 1),
                        last_name=f"Nom{n}",
                        first_name="Prénom",
                        category=category,
                        college=category.default_college,
                        status="left" if left else "admitted",
                        admission_date=admitted,
                        admission_decision="CA",
                        exit_date=admitted + timedelta(days=rng.randint(30, 1000))
                        if left
                        else None,
                        exit_reason="resigned" if left else "",
                        user_id=referent.pk if (index == 0 and n == 0) else None,
                        search_text=f"{n + 1} nom{n}",
                    )
                )
            Member.objects.bulk_create(members, batch_size=2000)
            rows = list(Member.objects.filter(coop=coop).values_list("pk", "admission_date"))
            ShareOperation.objects.bulk_create(
                [
                    ShareOperation(
                        coop=coop,
                        sequence=i + 1,
                        kind="subscription",
                        member_id=pk,
                        shares=1 + i % 3,
                        unit_price=Decimal("15.25"),
                        effective_date=day,
                        board_decision="CA",
                        board_decision_date=day,
                    )
                    for i, (pk, day) in enumerate(rows)
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
        coops = list(Coop.objects.order_by("pk"))
        themes = Theme.values
        projects, concerns = [], []
        for i in range(args.reports):
            coop = coops[i % len(coops)]
            start = today - timedelta(days=rng.randint(0, 730))
            if i % 10 < 7:
                projects.append(
                    Project(
                        coop=coop,
                        title=f"Projet {i} : {' '.join(rng.sample(WORDS, 3))}",
                        theme=rng.choice(themes),
                        status=rng.choice(["planned", "running", "done", "done", "stopped"]),
                        start_date=start,
                        end_date=start + timedelta(days=rng.randint(0, 120)),
                        members_reached=rng.randint(0, 200),
                        budget=Decimal(rng.randint(0, 5000)),
                    )
                )
            else:
                kind = rng.choice(["difficulty", "need"])
                concerns.append(
                    Concern(
                        coop=coop,
                        kind=kind,
                        category=rng.choice(CATEGORIES_BY_KIND[kind]),
                        title=" ".join(rng.sample(WORDS, 4)),
                        urgency=rng.choice(["low", "medium", "high"]),
                        reported_on=start,
                    )
                )
        Project.objects.bulk_create(projects, batch_size=2000)
        Concern.objects.bulk_create(concerns, batch_size=2000)

        now_dt = __import__("django.utils.timezone", fromlist=["now"]).now()
        # Resource texts drawn from the demo toolbox's French (some 600 different words), so
        # a search is as selective as in a real toolbox, not matching nearly everything.
        from viecoop.toolbox.demo_content import RESOURCES as DEMO

        vocabulary = sorted(
            {w.strip(".,:;!?()«»\"'") for r in DEMO for w in (r.title + " " + r.summary).split()}
            - {""}
        )
        resources = []
        theme_rows = []
        for i in range(args.resources):
            model = DEMO[i % len(DEMO)]
            resource = Resource(
                federation=federation,
                title=f"{model.title} — {' '.join(rng.sample(vocabulary, 2))} ({i})",
                summary=" ".join(rng.choice(vocabulary) for _ in range(50)),
                kind="link",
                format=rng.choice(["guide", "factsheet", "template", "poster", "website"]),
                state="published" if i % 20 else "draft",
                published_at=now_dt - timedelta(days=i % 700),
                changed_at=now_dt - timedelta(days=i % 700),
                for_referents=True,
                for_members=i % 3 == 0,
            )
            chosen = list(dict.fromkeys([*model.themes, rng.choice(themes)]))
            _index(resource, chosen)
            resources.append((resource, chosen))
        Resource.objects.bulk_create([r for r, _t in resources], batch_size=500)
        saved = list(Resource.objects.order_by("pk"))
        versions = ResourceVersion.objects.bulk_create(
            [
                ResourceVersion(resource=r, number=1, url=f"https://exemple.fr/{r.pk}")
                for r in saved
            ],
            batch_size=500,
        )
        for resource, version in zip(saved, versions, strict=True):
            resource.current_version_id = version.pk
        Resource.objects.bulk_update(saved, ["current_version"], batch_size=500)
        for resource, (_r, chosen) in zip(saved, resources, strict=True):
            theme_rows += [ResourceTheme(resource=resource, theme=t) for t in chosen]
        ResourceTheme.objects.bulk_create(theme_rows, batch_size=2000)
    built = time.perf_counter() - started
    print(f"built in {built:.0f} s", file=sys.stderr)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # Barometer history and a campaign, through the real services (timed).
    t0 = time.perf_counter()
    reports.snapshot_take(period=Period.year(today.year - 1))
    print(f"yearly snapshot (200 coops): {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    period = Period.last_closed("quarter", today)
    for _ in range(7):
        reports.snapshot_take(period=period)
        period = Period.last_closed("quarter", period.start)
    t0 = time.perf_counter()
    campaign = reports.societariat_campaign_create(
        actor=admin, federation=federation, year=today.year - 1, deadline=today + timedelta(days=40)
    )
    reports.campaign_open(actor=admin, campaign=campaign)
    print(
        f"Sociétariat survey opened and pre-filled: {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )


def measure(args) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from viecoop.accounts.models import User
    from viecoop.members.models import Member
    from viecoop.reports.indicators import Period
    from viecoop.reports.models import Campaign, Concern, Project
    from viecoop.reports.services import snapshot_take
    from viecoop.toolbox.models import Resource

    admin = User.objects.get(email="admin@bench.test")
    referent = User.objects.get(email="referent@bench.test")
    campaign = Campaign.objects.order_by("-pk").first()
    clients = {}
    for name, user in (("federation admin", admin), ("référent", referent)):
        clients[name] = Client()
        clients[name].force_login(user)
    # The federation admin has no TOTP here: skip the 2FA redirect like the demo does.
    from django.conf import settings

    settings.VIECOOP_FEDERATION_ADMIN_MFA_REQUIRED = False

    pages = [
        ("Federation dashboard", "/federation/remontees/", "federation admin"),
        (
            "Dashboard, filtered",
            "/federation/remontees/?region=BRE&de=2025&theme=democratie",
            "federation admin",
        ),
        (
            "Projects of the coops (50 per page)",
            "/federation/remontees/projets/",
            "federation admin",
        ),
        ("Barometer, federation (200 coops)", "/federation/barometre/", "federation admin"),
        ("Barometer, federation — cold cache", "/federation/barometre/", "federation admin"),
        ("Barometer of a coop", "/c/coop-000/barometre/", "référent"),
        ("Barometer of a coop — cold cache", "/c/coop-000/barometre/", "référent"),
        (
            "Campaign progress (200 coops)",
            f"/federation/campagnes/{campaign.pk}/",
            "federation admin",
        ),
        (
            "Campaign answer page (pre-filled)",
            f"/c/coop-000/remontees/campagnes/{campaign.pk}/",
            "référent",
        ),
        ("Coop reports overview", "/c/coop-000/remontees/", "référent"),
        ("Toolbox, home", "/reseau/boite-a-outils/", "référent"),
        (
            "Toolbox, search « assemblée générale »",
            "/reseau/boite-a-outils/?q=assembl%C3%A9e+g%C3%A9n%C3%A9rale",
            "référent",
        ),
        (
            "Toolbox, search « jardin » + theme",
            "/reseau/boite-a-outils/?q=jardin&theme=solidarite",
            "référent",
        ),
        (
            "Toolbox, search, htmx fragment",
            "/reseau/boite-a-outils/?q=formation+accueil",
            "référent",
        ),
        (
            "Toolbox management (reach per resource)",
            "/federation/boite-a-outils/",
            "federation admin",
        ),
    ]
    print(
        f"\n{connection.vendor} — {Member.objects.count():,} members, "
        f"{Project.objects.count() + Concern.objects.count():,} reports, "
        f"{Resource.objects.count():,} resources; {args.runs} runs per page\n"
    )
    print("| page | URL | as | median ms | p95 ms | SQL queries |")
    print("|---|---|---|---:|---:|---:|")
    failed = 0
    for label, url, who in pages:
        client = clients[who]
        headers = {"HX-Request": "true"} if "htmx" in label else {}
        cold = "cold" in label
        response = client.get(url, headers=headers)
        if response.status_code != 200:
            print(f"| {label} | `{url}` | {who} | — | — | HTTP {response.status_code} |")
            failed += 1
            continue
        if cold:
            cache.clear()  # the live values are computed again (sessions are in the database)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, headers=headers)
        queries = len(ctx.captured_queries)
        samples = []
        for _ in range(args.runs):
            if cold:
                cache.clear()
            t0 = time.perf_counter()
            client.get(url, headers=headers)
            samples.append((time.perf_counter() - t0) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        print(
            f"| {label} | `{url}` | {who} | {statistics.median(samples):.0f} | {p95:.0f} | {queries} |"
        )
    t0 = time.perf_counter()
    snapshot_take(period=Period.year(date.today().year - 2))  # noqa: DTZ011
    print(
        f"\nOne yearly snapshot of every indicator for every coop: {time.perf_counter() - t0:.1f} s"
    )
    return 1 if failed else 0


def main() -> int:
    args = parse()
    setup(args)
    if not args.reuse:
        build(args)
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
