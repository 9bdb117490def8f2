"""What a coop reports up: its cooperative-life projects (with photos), difficulties and needs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from viecoop.toolbox.themes import Theme

from ..categories import ConcernCategory, ConcernKind, ProjectStatus, Urgency


class Project(models.Model):
    """A cooperative-life project of a coop: a party, a working group, a training, a fund…"""

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("coop"),
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    residence = models.ForeignKey(
        "organizations.Residence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("residence"),
    )
    people_involved = models.PositiveIntegerField(
        _("people involved"),
        null=True,
        blank=True,
        help_text=_("Members, residents and staff who ran the project."),
    )
    members_reached = models.PositiveIntegerField(
        _("members reached"),
        null=True,
        blank=True,
        help_text=_("Members who took part or benefited, as an estimate."),
    )
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    partners = models.TextField(_("partners"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(
        _("lessons learned"),
        blank=True,
        help_text=_("What worked, what you would do differently: it helps the other coops."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="project_budget_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["coop", "-start_date"]),
            models.Index(fields=["start_date", "theme"]),
        ]

    def __str__(self) -> str:
        return self.title


def photo_upload_to(instance: ProjectPhoto, filename: str) -> str:
    return f"reports/{instance.project.coop_id}/{instance.project_id}/{uuid.uuid4().hex}.jpg"


class ProjectPhoto(models.Model):
    """A photo of a project, re-encoded as a JPEG of at most 1600 px, without its metadata."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="photos", verbose_name=_("project")
    )
    image = models.ImageField(
        _("photo"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo of a project")
        verbose_name_plural = _("photos of projects")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class Concern(models.Model):
    """A difficulty the coop meets or a need it has, reported to the federation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Ongoing")
        RESOLVED = "resolved", _("Resolved")

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="concerns",
        verbose_name=_("coop"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ConcernKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=ConcernCategory.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    title = models.CharField(_("in a few words"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reported_on = models.DateField(_("reported on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("difficulty or need")
        verbose_name_plural = _("difficulties and needs")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["difficulty", "need"]), name="concern_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False),
                name="concern_resolved_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["coop", "-reported_on"]),
            models.Index(fields=["kind", "reported_on", "category"]),
        ]

    def __str__(self) -> str:
        return self.title
