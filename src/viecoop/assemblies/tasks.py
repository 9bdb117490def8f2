"""Background work of the assemblies: one task runs a job by its id (the job holds the rest)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def run_assembly_job(*, job_id: int) -> None:
    from .models import AssemblyJob
    from .services.notice import run_notice_job

    job = AssemblyJob.objects.select_related("assembly", "created_by").get(pk=job_id)
    runners = {AssemblyJob.Kind.NOTICE: run_notice_job}
    if job.kind == AssemblyJob.Kind.ATTENDANCE_SHEET:
        from .services.documents import run_attendance_sheet_job

        runners[job.kind] = run_attendance_sheet_job
    try:
        runners[job.kind](job=job)
    except Exception as error:
        logger.exception("Assembly job %s failed", job_id)
        AssemblyJob.objects.filter(pk=job_id).update(
            status=AssemblyJob.Status.FAILED,
            error_message=str(error)[:2000],
            finished_at=timezone.now(),
        )
