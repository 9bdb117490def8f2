"""Models of the register import (jobs, saved column mappings)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["ImportJob", "ImportMapping"]


def import_upload_path(instance: ImportJob, filename: str) -> str:
    # Outside any public folder and unguessable: the file holds personal data and is only
    # read back by the import task (never served by URL).
    extension = "xlsx" if instance.format == ImportJob.Format.XLSX else "csv"
    return f"private/imports/{instance.coop_id}/{uuid.uuid4().hex}.{extension}"


class ImportMapping(models.Model):
    """The last column mapping a coop used: register field → header of its file."""

    coop = models.OneToOneField(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="import_mapping",
        verbose_name=_("coop"),
    )
    columns = models.JSONField(_("columns"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self) -> str:
        return str(self.coop)


class ImportJob(models.Model):
    """One file uploaded to the register: its mapping, dry run, import and report."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATING = "validating", _("Checking")
        VALIDATED = "validated", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    RUNNING = (Status.VALIDATING, Status.IMPORTING)

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("coop"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(_("file"), upload_to=import_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(_("language"), max_length=10, default="fr")
    headers = models.JSONField(_("headers"), default=list)
    header_line = models.PositiveIntegerField(_("header line"), default=1)
    mapping = models.JSONField(_("mapping"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    valid_rows_only = models.BooleanField(_("import the valid rows only"), default=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    validated_at = models.DateTimeField(_("checked"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["coop", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed_rows__lte=models.F("total_rows")),
                name="import_job_progress_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("members_import:job", kwargs={"coop_slug": self.coop.slug, "pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
