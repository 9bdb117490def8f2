"""The import's background tasks. They take the job's id only: the job holds the rest."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def validate_import(*, job_id: int) -> None:
    """The dry run of a large file."""
    services.run_validation(job_id=job_id)


@task()
def run_import(*, job_id: int) -> None:
    """The import itself, in one transaction."""
    services.run_import(job_id=job_id)
