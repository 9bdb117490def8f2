"""Register files as coops really have them, made by ``make_samples.py`` (kept in the repo)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent


def sample_import_job(coop) -> dict:
    """URL kwargs of an import job of ``coop`` (for the generic isolation test)."""
    from viecoop.members.models import ImportJob

    job = ImportJob.objects.create(
        coop=coop,
        file="private/imports/isolation-sample.csv",  # the job page never opens it
        original_name="registre.csv",
        format=ImportJob.Format.CSV,
        headers=["Nom", "Catégorie"],
    )
    return {"pk": job.pk}
