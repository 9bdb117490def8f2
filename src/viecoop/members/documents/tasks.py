"""The documents' background task. It takes the job's id only: the job holds the rest."""

from __future__ import annotations

from django_tasks import task

from .jobs import run_document_job


@task()
def build_document(*, job_id: int) -> None:
    """Make a big legal register or a batch of activation letters."""
    run_document_job(job_id=job_id)
