"""Events and working groups at scale: lists, pages, the ICS feed, reminders and digests.

Builds, in a database of its own, 200 coops with 2,000 staff, 6,000 events (2,000 of the
network over four years, 20 per coop), about 100,000 registrations, 60 working groups
with 20,000 messages; then times the pages through Django's test client and the two
scheduled commands. Prints Markdown; docs/benchmarks.md records the figures.

    .venv/bin/python bench/events.py                       # SQLite file var/bench-events.sqlite3
    DATABASE_URL=postgres://…/viecoop_bench_events .venv/bin/python bench/events.py   # an empty database
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench-events.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    os.environ.setdefault("VIECOOP_TASKS_BACKEND", "dummy")  # e-mails queued, not sent
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from viecoop.organizations.models import Coop

    call_command("migrate", verbosity=0, interactive=False)
    if Coop.objects.exists():
        print("The bench database must be empty.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    world = build()
    print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    measure(world, runs=args.runs)
    return 0


def build() -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from viecoop.accounts.models import User
    from viecoop.events.models import Event, Registration
    from viecoop.groups.models import Discussion, Membership, Message, WorkingGroup
    from viecoop.organizations.models import Coop, CoopRole, Federation

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    password = make_password("bench-password-2026")
    with transaction.atomic():
        federation = Federation.objects.create(
            name="Fédération", short_name="Fédération", slug="federation"
        )
        coops = Coop.objects.bulk_create(
            Coop(
                federation=federation,
                name=f"Coop {n:03d}",
                slug=f"coop-{n:03d}",
                legal_form="scic" if n % 2 else "scp",
                region=["BRE", "ARA", "OCC", "HDF", "PDL", "NOR", "IDF"][n % 7],
                department="35",
                search_text=f"coop {n:03d}",
            )
            for n in range(200)
        )
        users, roles = [], []
        for coop in coops:
            for i in range(10):
                users.append(
                    User(
                        email=f"s{i}.{coop.slug}@bench.test",
                        first_name=f"Prénom{i}",
                        last_name=f"Nom {coop.slug}",
                        password=password,
                    )
                )
        for i in range(500):
            users.append(
                User(
                    email=f"m{i}.coop-000@bench.test",
                    first_name="Associé",
                    last_name=f"N{i}",
                    password=password,
                )
            )
        users = User.objects.bulk_create(users, batch_size=2000)
        by_email = {u.email: u for u in users}
        for coop in coops:
            for i in range(10):
                role = "manager" if i == 0 else "referent" if i == 1 else "staff"
                roles.append(
                    CoopRole(user=by_email[f"s{i}.{coop.slug}@bench.test"], coop=coop, role=role)
                )
        coop0 = coops[0]
        for i in range(500):
            roles.append(
                CoopRole(user=by_email[f"m{i}.coop-000@bench.test"], coop=coop0, role="member")
            )
        CoopRole.objects.bulk_create(roles, batch_size=2000)
        staff = [u for u in users if u.email.startswith("s")]
        members0 = [u for u in users if u.email.startswith("m")]
        referent0 = by_email["s1.coop-000@bench.test"]
        manager0 = by_email["s0.coop-000@bench.test"]

        events = []
        for n in range(2000):  # four years of network events, a quarter to come
            start = now + timedelta(days=-1095 + n * 730 // 1000, hours=n % 5)
            events.append(
                Event(
                    space="network",
                    kind="thematic_meeting",
                    title=f"Rencontre {n}",
                    search_text=f"rencontre {n}",
                    format="remote",
                    online_url="https://visio.example.org/x",
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                    audience="network" if n % 3 else "referents",
                    capacity=40 if n % 4 == 0 else None,
                    coop=coops[n % 200] if n % 10 == 0 else None,
                )
            )
        for coop in coops:
            for n in range(20):
                start = now + timedelta(days=-300 + n * 20, hours=10)
                events.append(
                    Event(
                        space="coop",
                        coop=coop,
                        kind="party",
                        title=f"Fête {n} {coop.slug}",
                        search_text=f"fete {n}",
                        format="in_person",
                        city="Rennes",
                        starts_at=start,
                        ends_at=start + timedelta(hours=3),
                        audience="coop_members" if n % 4 else "coop_staff",
                    )
                )
        events = Event.objects.bulk_create(events, batch_size=2000)
        network_events = [e for e in events if e.space == "network"]
        regs = []
        for index, event in enumerate(network_events):
            people = [staff[(index * 37 + k * 53) % len(staff)] for k in range(30)]
            if index % 10 == 0:
                people.append(referent0)
            for seat, user in enumerate(dict.fromkeys(people), start=1):
                status = (
                    "confirmed"
                    if event.capacity is None or seat <= event.capacity
                    else "waitlisted"
                )
                regs.append(
                    Registration(
                        event=event,
                        user=user,
                        status=status,
                        seat=seat if status == "confirmed" else None,
                        confirmed_at=now - timedelta(days=60) if status == "confirmed" else None,
                        waitlisted_at=now if status == "waitlisted" else None,
                    )
                )
        big = next(
            e
            for e in events
            if e.space == "coop"
            and e.coop_id == coop0.pk
            and e.audience == "coop_members"
            and e.ends_at > now
        )
        for seat, user in enumerate(members0[:300], start=1):
            regs.append(
                Registration(event=big, user=user, status="confirmed", seat=seat, confirmed_at=now)
            )
        Registration.objects.bulk_create(regs, batch_size=5000)

        groups = WorkingGroup.objects.bulk_create(
            [
                WorkingGroup(
                    name=f"Groupe réseau {n}",
                    purpose="Outils communs",
                    search_text=f"groupe reseau {n}",
                )
                for n in range(50)
            ]
            + [
                WorkingGroup(
                    coop=coop0,
                    name=f"Groupe local {n}",
                    purpose="Projet",
                    search_text=f"groupe local {n}",
                )
                for n in range(10)
            ]
        )
        memberships = []
        for index, group in enumerate(groups):
            pool = staff if group.coop_id is None else members0
            people = {pool[(index * 31 + k * 7) % len(pool)] for k in range(20)}
            people.add(referent0 if group.coop_id is None else manager0)
            for k, user in enumerate(people):
                memberships.append(
                    Membership(
                        group=group,
                        user=user,
                        status="active",
                        role="coordinator" if k == 0 else "member",
                        notify="digest",
                        joined_at=now - timedelta(days=400),
                        digest_cursor=now - timedelta(days=1),
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=5000)
        discussions, messages = [], []
        for group in groups:
            for d in range(10):
                discussions.append(
                    Discussion(
                        group=group, title=f"Sujet {d}", created_by=referent0, last_message_at=now
                    )
                )
        discussions = Discussion.objects.bulk_create(discussions, batch_size=2000)
        measured = discussions[0]
        for discussion in discussions:
            count = 200 if discussion.pk == measured.pk else 32
            for m in range(count):
                messages.append(
                    Message(
                        discussion=discussion,
                        author=staff[m % len(staff)],
                        body=f"Message **{m}** sur le sujet.",
                        body_html=f"<p>Message <strong>{m}</strong> sur le sujet.</p>",
                    )
                )
        Message.objects.bulk_create(messages, batch_size=5000)
        # Half of the messages of the last day, for the digest.
        Message.objects.filter(pk__in=[m.pk for m in messages[::2]]).update(
            created_at=now - timedelta(hours=5)
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{Event.objects.count()} events, {Registration.objects.count()} registrations, "
        f"{WorkingGroup.objects.count()} groups, {Message.objects.count()} messages",
        file=sys.stderr,
    )
    return {
        "referent": referent0,
        "manager": manager0,
        "member": members0[0],
        "big": big,
        "group": groups[0],
        "discussion": measured,
        "coop": coop0,
    }


def measure(world: dict, *, runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from viecoop.events import services as event_services
    from viecoop.events.paths import event_url
    from viecoop.groups import services as group_services
    from viecoop.groups.audience import group_path

    token = event_services.calendar_feed_create(user=world["referent"])
    month = timezone.localtime().strftime("%Y-%m")
    kw = {"coop_slug": world["coop"].slug}
    pages = [
        ("Network events, upcoming", reverse("events:network_list"), "referent"),
        (
            "Network events, past (page 20)",
            reverse("events:network_list") + "?quand=passes&page=20",
            "referent",
        ),
        (
            "Network events, month",
            reverse("events:network_list") + f"?vue=mois&mois={month}",
            "referent",
        ),
        (
            "Network events, search + region",
            reverse("events:network_list") + "?q=rencontre+1&region=BRE",
            "referent",
        ),
        ("Coop events (member)", reverse("events:coop_list", kwargs=kw), "member"),
        ("Event with 300 registered (member)", event_url(world["big"]), "member"),
        ("Its registrations (organiser)", event_url(world["big"], "registrations"), "manager"),
        ("Its attendance checklist", event_url(world["big"], "attendance"), "manager"),
        ("My events (≈200 registrations)", reverse("events:my_events"), "referent"),
        ("Calendar feed (≈200 events)", reverse("events:feed", kwargs={"token": token}), None),
        ("Network groups", reverse("groups:network_list"), "referent"),
        ("Group page", group_path(world["group"]), "referent"),
        (
            "Discussion of 200 messages",
            group_path(world["group"], "discussion", discussion_pk=world["discussion"].pk),
            "referent",
        ),
    ]
    print("| page | median ms | p90 ms | SQL queries | size KB |\n|---|---:|---:|---:|---:|")
    for label, url, who in pages:
        client = Client()
        if who:
            client.force_login(world[who])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = len(ctx.captured_queries)  # now: the next request empties the log
        if response.status_code != 200:
            print(f"| {label} | error {response.status_code} | | | |")
            continue
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"| {label} | {statistics.median(timings):.1f} | {p90:.1f} | {queries} "
            f"| {len(response.content) / 1024:.1f} |"
        )
    started = time.perf_counter()
    sent = event_services.send_due_reminders(lead=timedelta(days=30))
    print(f"\nReminders for the next 30 days: {sent} in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    again = event_services.send_due_reminders(lead=timedelta(days=30))
    print(f"Run again: {again} in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    digests = group_services.send_group_digests()
    print(f"Daily digests: {digests} in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    again = group_services.send_group_digests()
    print(f"Run again: {again} in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
