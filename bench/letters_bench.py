"""Activation letters benchmark: a mail-merge batch of 2,000 letters, as the background job
makes it (an invitation and a code per member through the accounts service, then one PDF page
each), timed by phase. Prints Markdown; docs/benchmarks.md records the figures.

    .venv/bin/python bench/letters_bench.py                       # SQLite var/letters-bench.sqlite3
    DATABASE_URL=postgres://…/viecoop_register_letters .venv/bin/python bench/letters_bench.py

On PostgreSQL, give an EMPTY database created for it. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "letters-bench.sqlite3"


def configure() -> None:
    if not os.environ.get("DATABASE_URL"):
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    os.environ["VIECOOP_TASKS_BACKEND"] = "immediate"
    os.environ.setdefault("VIECOOP_MEDIA_ROOT", str(ROOT / "var" / "letters-bench-media"))
    sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=2000)
    args = parser.parse_args(argv)
    configure()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from viecoop.accounts.models import User
    from viecoop.core.text import fold
    from viecoop.members.documents import jobs
    from viecoop.members.models import Category, DocumentJob, Member
    from viecoop.organizations.hooks import run_coop_setup
    from viecoop.organizations.models import Coop, CoopRole, Federation

    call_command("migrate", verbosity=0)
    if Coop.objects.filter(slug="bench-letters").exists():
        sys.exit("This database already holds the bench coop: give an empty one.")
    with transaction.atomic():
        federation, _created = Federation.objects.get_or_create(
            slug="federation", defaults={"name": "Fédération (banc)", "short_name": "Fédération"}
        )
        coop = Coop.objects.create(
            federation=federation,
            name="Coop Habitat Banc d'Essai",
            slug="bench-letters",
            legal_form="scic",
            region="BRE",
            department="35",
            address="12 quai Duguay-Trouin",
            postal_code="35000",
            city="Rennes",
            email="contact@exemple.fr",
        )
        run_coop_setup(coop=coop)
        manager = User.objects.create_user("gestion@letters.bench", "x" * 12)
        CoopRole.objects.create(user=manager, coop=coop, role="manager")
        category = Category.objects.get(coop=coop, code="locataire-cooperateur")
        Member.objects.bulk_create(
            [
                Member(
                    coop=coop,
                    number=str(n + 1),
                    first_name="Hélène",
                    last_name=f"Lefèvre-{n}",
                    category=category,
                    college=category.default_college,
                    status="candidate",
                    address=f"{n % 120 + 1} rue de la République\nRésidence Les Hortensias",
                    postal_code="35000",
                    city="Rennes",
                    search_text=fold(f"{n + 1} Hélène Lefèvre-{n}"),
                )
                for n in range(args.letters)
            ],
            batch_size=1000,
        )
    ids = list(Member.objects.filter(coop=coop).values_list("pk", flat=True))
    phases: dict[str, float] = {}
    original = jobs.letters_pdf

    def timed_pdf(**kwargs):
        phases["codes"] = time.perf_counter() - started
        begin = time.perf_counter()
        result = original(**kwargs)
        phases["pages"] = time.perf_counter() - begin
        return result

    jobs.letters_pdf = timed_pdf
    jobs.INLINE_LETTERS_MAX = 0  # made by the task, as in production (here: after commit)
    started, cpu = time.perf_counter(), time.process_time()
    job = jobs.letters_job_create(actor=manager, coop=coop, member_ids=ids)
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    job = DocumentJob.objects.get(pk=job.pk)
    if job.status != "done" or job.pages != args.letters:
        sys.exit(f"the job did not finish: {job.status} {job.error_message}")
    size = job.file.size / 1024 / 1024
    print(
        f"# {args.letters} activation letters — {connection.vendor}, "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs\n"
    )
    print("| codes (invitations) | pages (PDF) | total | CPU time | PDF size | per letter |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {phases['codes']:.1f} s | {phases['pages']:.1f} s | {total:.1f} s | {total_cpu:.1f} s "
        f"| {size:.1f} MB | {total / args.letters * 1000:.1f} ms |"
    )


if __name__ == "__main__":
    main()
