"""A document built in the background (legal register of a big coop, a batch of letters)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["DocumentJob"]


def document_path(instance: DocumentJob, filename: str) -> str:
    # Private and unguessable: letters hold activation codes, registers personal data.
    return f"private/documents/{instance.coop_id}/{uuid.uuid4().hex}.pdf"


class DocumentJob(models.Model):
    class Kind(models.TextChoices):
        REGISTER = "register", _("Legal register")
        LETTERS = "letters", _("Activation letters")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Deleted")

    RUNNING_STATUSES = (Status.QUEUED, Status.RUNNING)

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="document_jobs",
        verbose_name=_("coop"),
    )
    kind = models.CharField(_("document"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    # What to make: {"on": "2026-11-22"} for a register; {"member_ids": […]} for letters.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    total = models.PositiveIntegerField(_("items"), default=0)
    processed = models.PositiveIntegerField(_("items done"), default=0)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    error_message = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"), null=True, blank=True)

    class Meta:
        verbose_name = _("document being made")
        verbose_name_plural = _("documents being made")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["coop", "kind", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed__lte=models.F("total")), name="document_job_progress_bounded"
            ),
        ]

    def __str__(self) -> str:
        return self.filename or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse("members:document_job", kwargs={"coop_slug": self.coop.slug, "pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING_STATUSES

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
