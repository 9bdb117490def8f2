"""Register import benchmark: 30,000 rows from CSV and from XLSX, checked then imported.

Generates the files (var/import-bench/), then for each format: a fresh coop, the dry run
(read + check every row) and the import (read, check again under the register lock,
write in one transaction), timed separately. Also times the per-row services path
(``member_create`` + ``member_admit``) on a sample, to show why the import writes in bulk.

    .venv/bin/python bench/import_bench.py                    # SQLite var/import-bench.sqlite3
    DATABASE_URL=postgres://…/viecoop_import_bench .venv/bin/python bench/import_bench.py

On PostgreSQL, give an EMPTY database created for it. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "import-bench.sqlite3"
FILES = ROOT / "var" / "import-bench"
HEADERS = [
    "N° associé", "Nom", "Prénom", "Date de naissance", "Catégorie", "Collège", "Courriel",
    "Téléphone", "Adresse", "Code postal", "Ville", "Statut", "Date d'admission",
    "Décision du CA", "Nombre de parts",
]  # fmt: skip
FIRST = ["Marie", "Jean", "Émilie", "Louis", "Léa", "Hugo", "Chloé", "François", "Inès", "Noël"]
LAST = ["Martin", "Lefèvre", "Dubois", "Cœurdevey", "Petit", "Durand", "Girard", "Roux"]
CATEGORIES = ["Locataire-coopérateur", "Accédant", "Acquéreur", "Salarié"]


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
    os.environ.setdefault("VIECOOP_MEDIA_ROOT", str(FILES / "media"))


def rows(count: int) -> list[list]:
    rng = random.Random(30000)
    result = []
    for n in range(1, count + 1):
        admitted = n % 4 != 0
        admission = date(2000 + n % 25, 1 + n % 12, 1 + n % 28) if admitted else None
        result.append(
            [
                str(n),
                rng.choice(LAST),
                rng.choice(FIRST),
                date(1930, 1, 1) + timedelta(days=n),  # no two people alike
                CATEGORIES[n % 4],
                "",
                f"associe.{n}@exemple.fr" if n % 3 else "",
                f"06{n:08d}",
                f"{n % 200 + 1} rue de la République",
                f"{35000 + n % 900:05d}",
                "Rennes",
                "Admis" if admitted else "Candidat",
                admission,
                f"CA du {admission:%d/%m/%Y}" if admitted else "",
                1 + n % 3 if admitted else "",
            ]
        )
    return result


def write_files(count: int) -> dict[str, Path]:
    from openpyxl import Workbook

    FILES.mkdir(parents=True, exist_ok=True)
    data = rows(count)
    csv_path = FILES / f"registre-{count}.csv"
    lines = [";".join(HEADERS)]
    for row in data:
        lines.append(
            ";".join(
                v.strftime("%d/%m/%Y") if isinstance(v, date) else ("" if v is None else str(v))
                for v in row
            )
        )
    csv_path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    xlsx_path = FILES / f"registre-{count}.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Registre")
    sheet.append(HEADERS)
    for row in data:
        sheet.append([None if v == "" else v for v in row])
    workbook.save(xlsx_path)
    return {"csv": csv_path, "xlsx": xlsx_path}


def new_coop(slug: str):
    from django.db import transaction

    from viecoop.core.text import fold
    from viecoop.organizations.models import Coop, Federation
    from viecoop.organizations.services import run_coop_setup

    with transaction.atomic():
        federation, _created = Federation.objects.get_or_create(
            slug="federation", defaults={"name": "Fédération (banc)", "short_name": "Fédération"}
        )
        coop = Coop.objects.create(
            federation=federation,
            name=f"Coop {slug}",
            slug=slug,
            legal_form=Coop.LegalForm.SCIC,
            city="Rennes",
            postal_code="35000",
            search_text=fold(f"Coop {slug}"),
        )
        run_coop_setup(coop=coop)
    return coop


def bench_format(fmt: str, path: Path) -> dict[str, float]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from viecoop.members.importing import services
    from viecoop.members.importing.fields import propose_mapping
    from viecoop.members.models import ImportJob, Member, ShareOperation

    coop = new_coop(f"bench-{fmt}")
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    start, cpu = time.perf_counter(), time.process_time()
    job = services.import_job_create(actor=None, coop=coop, upload=upload)
    job = services.import_job_map(actor=None, job=job, mapping=propose_mapping(job.headers))
    check, check_cpu = time.perf_counter() - start, time.process_time() - cpu
    if job.status != ImportJob.Status.VALIDATED or job.rejected_count:
        sys.exit(f"check failed: {job.error_message} {job.report.get('errors', [])[:3]}")
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():  # the task runs on commit, as in a request
        services.import_job_confirm(actor=None, job=job, valid_rows_only=False)
    write, write_cpu = time.perf_counter() - start, time.process_time() - cpu
    job.refresh_from_db()
    if job.status != ImportJob.Status.DONE:
        sys.exit(f"import failed: {job.error_message}")
    members = Member.objects.filter(coop=coop).count()
    operations = ShareOperation.objects.filter(coop=coop).count()
    return {"rows": job.total_rows, "check": check, "import": write, "members": members,
            "operations": operations, "check_cpu": check_cpu, "import_cpu": write_cpu}  # fmt: skip


def bench_services(count: int) -> float:
    """Seconds per row through member_create + member_admit (the per-row path)."""
    from django.db import transaction

    from viecoop.members import services
    from viecoop.members.models import Category

    coop = new_coop("bench-services")
    category = Category.objects.get(coop=coop, code="accedant")
    start = time.perf_counter()
    with transaction.atomic():
        for n in range(count):
            member = services.member_create(
                actor=None, coop=coop, last_name=f"Nom{n}", first_name="Prénom", category=category
            )
            services.member_admit(
                actor=None,
                member=member,
                admission_date=date(2020, 1, 1),
                board_decision="CA du 01/01/2020",
                shares=1,
            )
    return (time.perf_counter() - start) / count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--services-sample", type=int, default=500)
    args = parser.parse_args(argv)
    configure()
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    from viecoop.organizations.models import Coop

    if Coop.objects.filter(slug__startswith="bench-").exists():
        sys.exit("This database already holds bench coops: give an empty one.")
    paths = write_files(args.rows)
    print(f"# Register import, {args.rows} rows — {connection.vendor}, "
          f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs\n")  # fmt: skip
    print(
        "| file | size | dry run (read + check) | import (read + check + write) | total "
        "| CPU time of this process |"
    )
    print("|---|---|---|---|---|---|")  # fmt: skip
    for fmt, path in paths.items():
        result = bench_format(fmt, path)
        size = path.stat().st_size / 1024 / 1024
        print(
            f"| {fmt.upper()} | {size:.1f} MB | {result['check']:.1f} s | {result['import']:.1f} s"
            f" | {result['check'] + result['import']:.1f} s"
            f" | {result['check_cpu'] + result['import_cpu']:.1f} s |"
        )
        if result["members"] != args.rows:
            sys.exit(f"expected {args.rows} members: {result}")
    per_row = bench_services(args.services_sample)
    print(
        f"\nPer-row services (member_create + member_admit), {args.services_sample} rows: "
        f"{per_row * 1000:.1f} ms a row, so ≈ {per_row * args.rows:.0f} s for {args.rows} rows."
    )


if __name__ == "__main__":
    main()
