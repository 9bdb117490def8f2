"""Background work of an assembly (notice e-mails, letters, attendance sheet) and its progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .assembly import Assembly


def job_output_path(instance: AssemblyJob, filename: str) -> str:
    # Personal data (names, addresses, activation codes): private, served through a view only.
    return f"private/assemblies/{instance.assembly_id}/jobs/{uuid.uuid4().hex}.pdf"


class AssemblyJob(models.Model):
    class Kind(models.TextChoices):
        NOTICE = "notice", _("Notice: e-mails and letters")
        ATTENDANCE_SHEET = "attendance", _("Attendance sheet")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("assembly")
    )
    kind = models.CharField(_("work"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("to do"), default=0)
    processed = models.PositiveIntegerField(_("done"), default=0)
    emails_sent = models.PositiveIntegerField(_("e-mails"), default=0)
    letters = models.PositiveIntegerField(_("letters"), default=0)
    file = models.FileField(_("file"), upload_to=job_output_path, blank=True, max_length=255)
    error_message = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("assembly job")
        verbose_name_plural = _("assembly jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed__lte=models.F("total")), name="assembly_job_progress_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
