"""The assembly's documents: the attendance sheet (in the background when long), the minutes."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from viecoop.audit.services import audit_record

from ..documents.attendance import attendance_sheet_pdf
from ..models import Assembly, AssemblyJob


def attendance_sheet_job_start(*, actor, assembly: Assembly) -> AssemblyJob:
    from ..tasks import run_assembly_job

    with transaction.atomic():
        job = AssemblyJob.objects.create(
            assembly=assembly,
            kind=AssemblyJob.Kind.ATTENDANCE_SHEET,
            total=assembly.voters.count(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        transaction.on_commit(lambda: run_assembly_job.enqueue(job_id=job.pk))
    return job


def run_attendance_sheet_job(*, job: AssemblyJob) -> None:
    AssemblyJob.objects.filter(pk=job.pk).update(status=AssemblyJob.Status.RUNNING)
    assembly = Assembly.objects.select_related("coop").get(pk=job.assembly_id)
    pdf = attendance_sheet_pdf(assembly=assembly)
    with transaction.atomic():
        job = AssemblyJob.objects.select_for_update().get(pk=job.pk)
        job.file.save(f"feuille-de-presence-{assembly.pk}.pdf", ContentFile(pdf), save=False)
        job.status, job.processed, job.finished_at = (
            AssemblyJob.Status.DONE,
            job.total,
            timezone.now(),
        )
        job.save()
        audit_record(actor=job.created_by, action="assembly.attendance_sheet", obj=assembly)
