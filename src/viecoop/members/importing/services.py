"""An import job's life: upload, mapping, dry run, confirmation, import. Each step audited
where it changes the register; the long steps run as background tasks.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.text import fold
from viecoop.members import services as member_services
from viecoop.members.models import (
    Category,
    College,
    ImportJob,
    ImportMapping,
    Member,
    ShareMovement,
)
from viecoop.organizations.models import Coop, Residence

from . import parsing
from .fields import FIELDS_BY_KEY
from .validation import MEMBER_VALUE_FIELDS, Existing, Snapshot, check_rows, summarise
from .writing import write_rows

logger = logging.getLogger(__name__)

# Files up to this size are checked during the request (a second at most); bigger ones
# by the task queue, the page showing the progress.
INLINE_CHECK_MAX_BYTES = 512 * 1024
PROGRESS_EVERY = 1000


class ImportRefused(Exception):
    """A step the import refuses, with a message for people."""


def load_snapshot(*, coop: Coop, members: Q | None = None) -> Snapshot:
    """The coop's categories, colleges, residences and members, in five queries.

    ``members`` restricts the members loaded: the JSON API checks a few rows and loads
    only the members they may update or duplicate, not a 30,000-member register.
    """
    register = Member.objects.filter(coop=coop)
    movements = ShareMovement.objects.filter(member__coop=coop)
    if members is not None:
        register = register.filter(members)
        movements = movements.filter(member__in=register.values("pk"))
    categories: dict[str, tuple[int, int | None]] = {}
    category_names = []
    for pk, code, name, college in Category.objects.filter(coop=coop).values_list(
        "pk", "code", "name", "default_college_id"
    ):
        categories.setdefault(fold(code), (pk, college))
        categories.setdefault(fold(name), (pk, college))
        category_names.append(name)
    colleges: dict[str, int] = {}
    college_names = []
    for pk, code, name in College.objects.filter(coop=coop).values_list("pk", "code", "name"):
        colleges.setdefault(fold(code), pk)
        colleges.setdefault(fold(name), pk)
        college_names.append(name)
    residences = {
        fold(name): pk for pk, name in Residence.objects.filter(coop=coop).values_list("pk", "name")
    }
    shares = dict(
        movements.order_by().values("member").annotate(n=Sum("shares")).values_list("member", "n")
    )
    columns = [
        "pk",
        "number",
        "status",
        *(
            f"{k}_id" if k in ("category", "college", "residence") else k
            for k in MEMBER_VALUE_FIELDS
        ),
    ]
    snapshot = Snapshot(
        categories=categories,
        colleges=colleges,
        residences=residences,
        members={},
        category_names=category_names,
        college_names=college_names,
        residence_names=sorted(
            name for name in Residence.objects.filter(coop=coop).values_list("name", flat=True)
        ),
        today=timezone.localdate(),
    )
    for row in register.values_list(*columns).iterator(chunk_size=5000):
        pk, number, status, *rest = row
        values = dict(zip(MEMBER_VALUE_FIELDS, rest, strict=True))
        snapshot.members[number] = Existing(
            pk=pk, number=number, status=status, values=values, shares=shares.get(pk, 0)
        )
        if values["last_name"] and values["birth_date"]:
            identity = (fold(values["last_name"]), fold(values["first_name"]), values["birth_date"])
            snapshot.by_identity.setdefault(identity, number)
        if values["email"]:
            snapshot.by_email.setdefault(values["email"].casefold(), number)
    return snapshot


def saved_mapping(*, coop: Coop) -> dict[str, str]:
    mapping = ImportMapping.objects.filter(coop=coop).values_list("columns", flat=True).first()
    return mapping or {}


def import_job_create(*, actor, coop: Coop, upload, language: str = "fr") -> ImportJob:
    """Keep an uploaded file and read its headers. ``parsing.FileError`` if it cannot be used."""
    if upload.size > parsing.MAX_FILE_SIZE:
        raise parsing.FileError(
            _("This file is too large (%(size)s MB): the limit is 20 MB.")
            % {"size": round(upload.size / 1024 / 1024, 1)}
        )
    if not upload.size:
        raise parsing.FileError(_("This file is empty."))
    upload.seek(0)
    fmt = parsing.detect_format(upload.name or "", upload.read(8))
    upload.seek(0)
    table = parsing.read_table(fmt, upload, headers_only=True)
    upload.seek(0)
    job = ImportJob(
        coop=coop,
        created_by=actor,
        original_name=(upload.name or "")[-255:],
        format=fmt,
        language=language,
        headers=table.headers,
        header_line=table.header_line,
    )
    job.file.save(upload.name or f"import.{fmt}", upload, save=False)
    job.save()
    return job


def mapping_problems(mapping: dict[str, int], headers: list[str]) -> list[str]:
    """What makes a mapping unusable (empty when fine)."""
    problems = []
    if "last_name" not in mapping and "legal_name" not in mapping:
        problems.append(_("Choose the column of the last name (or of the legal name)."))
    if "category" not in mapping:
        problems.append(_("Choose the column of the category."))
    used: dict[int, str] = {}
    for key, index in mapping.items():
        if not 0 <= index < len(headers):
            problems.append(_("Choose a column of the file."))
        elif index in used:
            problems.append(
                _("The column « %(column)s » is chosen for two fields: %(a)s and %(b)s.")
                % {
                    "column": headers[index],
                    "a": FIELDS_BY_KEY[used[index]].label,
                    "b": FIELDS_BY_KEY[key].label,
                }
            )
        used.setdefault(index, key)
    return problems


def import_job_map(*, actor, job: ImportJob, mapping: dict[str, int]) -> ImportJob:
    """Set the mapping (saved for the coop's next import) and check the file."""
    problems = mapping_problems(mapping, job.headers)
    if problems:
        raise ImportRefused(" ".join(str(p) for p in problems))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED):
            raise ImportRefused(_("This file is being processed or already imported."))
        ImportMapping.objects.update_or_create(
            coop=job.coop,
            defaults={
                "columns": {key: job.headers[index] for key, index in mapping.items()},
                "updated_by": actor,
            },
        )
        job.mapping = mapping
        job.status = ImportJob.Status.VALIDATING
        job.processed_rows = job.total_rows = 0
        job.report = {}
        job.error_message = ""
        job.save()
        inline = job.file.size <= INLINE_CHECK_MAX_BYTES
        if not inline:
            from .tasks import validate_import

            transaction.on_commit(lambda: validate_import.enqueue(job_id=job.pk))
    if inline:
        run_validation(job_id=job.pk)
    job.refresh_from_db()
    return job


def _read(job: ImportJob) -> parsing.Table:
    with default_storage.open(job.file.name, "rb") as stream:
        return parsing.read_table(job.format, stream)


def _progress(job: ImportJob):
    def report(count: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(count, job.total_rows))

    return report


def _fail(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED,
        error_message=message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _check(job: ImportJob, table: parsing.Table, *, progress=None):
    return check_rows(
        table.rows,
        snapshot=load_snapshot(coop=job.coop),
        mapping=job.mapping,
        headers=job.headers,
        progress=progress,
        every=PROGRESS_EVERY,
    )


def run_validation(*, job_id: int) -> None:
    """The dry run: what the import would create, update or reject. Writes only the job."""
    job = ImportJob.objects.select_related("coop").get(pk=job_id)
    if job.status != ImportJob.Status.VALIDATING:
        return
    with translation.override(job.language):
        try:
            table = _read(job)
            job.total_rows = len(table.rows)
            ImportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows)
            summary = summarise(_check(job, table, progress=_progress(job)))
        except parsing.FileError as error:
            _fail(job, str(error))
            return
        except Exception:
            logger.exception("Import %s: the check failed", job.pk)
            _fail(job, str(_("The file could not be checked. Try again, or contact support.")))
            return
        counts = summary["counts"]
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.VALIDATED,
            processed_rows=job.total_rows,
            created_count=counts["create"],
            updated_count=counts["update"],
            unchanged_count=counts["unchanged"],
            rejected_count=counts["reject"],
            report=summary["report"],
            validated_at=timezone.now(),
            updated_at=timezone.now(),
        )


def import_job_confirm(*, actor, job: ImportJob, valid_rows_only: bool) -> ImportJob:
    """Start the import of a checked file (in the background, after this transaction)."""
    from .tasks import run_import

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJob.Status.VALIDATED:
            raise ImportRefused(_("This file is not ready to be imported, or already imported."))
        if job.rejected_count and not valid_rows_only:
            raise ImportRefused(
                _(
                    "%(count)s rows are rejected: correct the file and upload it again, or choose "
                    "to import the valid rows only."
                )
                % {"count": job.rejected_count}
            )
        if job.created_count + job.updated_count == 0:
            raise ImportRefused(_("There is nothing to import: the register already holds it all."))
        job.status = ImportJob.Status.IMPORTING
        job.valid_rows_only = valid_rows_only
        job.processed_rows = 0
        job.save()
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


def run_import(*, job_id: int) -> None:
    """Write the file to the register in one transaction: all of it, or the valid rows only."""
    job = ImportJob.objects.select_related("coop", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.IMPORTING:
        return
    with translation.override(job.language):
        try:
            table = _read(job)  # outside the transaction: parsing does not hold the lock
            with transaction.atomic(durable=True):
                # Checked again under the register lock: the register may have changed.
                member_services._lock_register(job.coop)
                results = _check(job, table)
                summary = summarise(results)
                counts = summary["counts"]
                if counts["reject"] and not job.valid_rows_only:
                    raise ImportRefused(
                        _(
                            "The register changed since the check: %(count)s rows would now be "
                            "rejected. Nothing was imported; check the file again."
                        )
                        % {"count": counts["reject"]}
                    )
                written = write_rows(actor=job.created_by, coop=job.coop, results=results)
                job.status = ImportJob.Status.DONE
                job.processed_rows = job.total_rows = len(table.rows)
                job.created_count = counts["create"]
                job.updated_count = counts["update"]
                job.unchanged_count = counts["unchanged"]
                job.rejected_count = counts["reject"]
                job.report = {**summary["report"], "ledger": written["ledger"]}
                job.finished_at = timezone.now()
                job.save()
                audit_record(
                    actor=job.created_by,
                    action="members.import",
                    obj=job,
                    coop=job.coop,
                    details=_audit_details(job, written),
                )
        except (ImportRefused, parsing.FileError) as error:
            _fail(job, str(error))
        except Exception:
            logger.exception("Import %s failed", job.pk)
            _fail(
                job,
                str(_("The import failed and nothing was written. Try again, or contact support.")),
            )


def _audit_details(job: ImportJob, written: dict[str, Any]) -> dict[str, Any]:
    return {
        "file": job.original_name,
        "format": job.format,
        "rows": job.total_rows,
        "created": job.created_count,
        "updated": job.updated_count,
        "unchanged": job.unchanged_count,
        "rejected": job.rejected_count,
        "valid_rows_only": job.valid_rows_only,
        "admitted": written["admitted"],
        "ledger": written["ledger"],
        # The numbers let the log answer « who came in with this import? »
        "numbers_created": written["created"][:5000],
        "numbers_updated": written["updated"][:5000],
    }


def import_sample_register(*, coop: Coop, actor=None, path=None) -> ImportJob:
    """Import the sample XLSX shipped with the code (the demo's imported register)."""
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from .fields import propose_mapping

    path = Path(
        path or Path(__file__).resolve().parent.parent / "samples" / "registre-exemple.xlsx"
    )
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    job = import_job_create(actor=actor, coop=coop, upload=upload)
    job = import_job_map(actor=actor, job=job, mapping=propose_mapping(job.headers))
    job = import_job_confirm(actor=actor, job=job, valid_rows_only=True)
    job.refresh_from_db()
    return job
