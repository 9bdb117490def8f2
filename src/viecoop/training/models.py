"""The federation's training programme: programmes made of sessions (each one multi-day
``events.Event`` of kind training), a cohort of participants per session, each participant's
experimentation project in their coop followed over months (goal, milestones, results), and
lessons learned (*retours d'expérience*) published to the network after review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.network.themes import Theme


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Aims, audience, method. Markdown.")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:programme_detail", kwargs={"slug": self.slug})


class Session(models.Model):
    """One session of a programme: a multi-day event of kind training, for its cohort."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_session",
        verbose_name=_("event"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="session_number_unique_in_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "training:session_detail", kwargs={"slug": self.programme.slug, "number": self.number}
        )


class SessionDay(models.Model):
    """One day of a session's programme (sharing results, visiting a third place…)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="days", verbose_name=_("session")
    )
    day = models.DateField(_("day"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("day of a session")
        verbose_name_plural = _("days of a session")
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "day"], name="session_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.day} — {self.title}"


class Participant(models.Model):
    """A member of a session's cohort, from a coop of the network."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("In the cohort")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="participants", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_participations",
        verbose_name=_("person"),
    )
    coop = models.ForeignKey(
        "organizations.Coop", on_delete=models.CASCADE, related_name="+", verbose_name=_("coop")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ENROLLED
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolled by"),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("cohort")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="participant_once_per_session"
            ),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.session}"


class Project(models.Model):
    """A participant's experimentation project in their coop, followed over months."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Under way")
        FINISHED = "finished", _("Finished")
        ABANDONED = "abandoned", _("Stopped")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="projects", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="training_projects",
        verbose_name=_("participant"),
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="training_projects",
        verbose_name=_("coop"),
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(
        _("goal"), max_length=4000, help_text=_("What you want to try, with whom, and why.")
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("start"), null=True, blank=True)
    results = models.TextField(
        _("results"),
        blank=True,
        help_text=_("What happened, in figures and in words. Markdown."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("experimentation project")
        verbose_name_plural = _("experimentation projects")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"], name="project_one_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:project_detail", kwargs={"pk": self.pk})


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("planned for"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="milestone_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson learned (retour d'expérience), published to the network after review."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes", _("To be reworked")
        PUBLISHED = "published", _("Published")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("programme")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("project"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="training_lessons",
        verbose_name=_("author"),
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coop"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("lesson learned"),
        max_length=20000,
        help_text=_("What worked, what did not, what you would advise. Markdown."),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("reviewer's note"), max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-published_at", "-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="lesson_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:lesson_detail", kwargs={"pk": self.pk})
