"""The network of référents vie coopérative: profiles, mandates, applications and news."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.text import fold

from .themes import Theme


def photo_path(instance, filename: str) -> str:
    # A random name: a photo's address reveals neither the person nor how many there are.
    return f"network/referents/{uuid.uuid4().hex}.jpg"


class ReferentProfile(models.Model):
    """What a référent tells the network about themselves (one per person, kept after a mandate)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referent_profile",
        verbose_name=_("person"),
    )
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_("Your job in your coop: any employee can be a référent."),
    )
    expertise = models.TextField(
        _("expertise"),
        max_length=1000,
        blank=True,
        help_text=_("What you know well and can share with other référents."),
    )
    availability = models.CharField(
        _("time given to the network"),
        max_length=200,
        blank=True,
        help_text=_("For example: half a day a month, the thematic meetings."),
    )
    since = models.DateField(
        _("référent since"),
        null=True,
        blank=True,
        help_text=_("When you first became a référent, even before viecoop."),
    )
    bio = models.TextField(
        _("public bio"),
        max_length=4000,
        blank=True,
        help_text=_("Shown on your page in the network. Markdown: **bold**, lists, links."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Folded name, job and expertise (core.text.fold), kept by the services, for searching.
    search_text = models.CharField(max_length=1500, blank=True, editable=False)

    class Meta:
        verbose_name = _("référent profile")
        verbose_name_plural = _("référent profiles")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("network:referent_detail", kwargs={"pk": self.pk})

    def build_search_text(self) -> str:
        user = self.user
        return fold(f"{user.first_name} {user.last_name} {self.job_title} {self.expertise}")[:1500]

    @property
    def themes(self) -> list[Theme]:
        """The themes, in the charter's order (uses the prefetched rows when there are)."""
        codes = {row.theme for row in self.theme_rows.all()}
        return [theme for theme in Theme if theme.value in codes]

    @property
    def initials(self) -> str:
        parts = [self.user.first_name, self.user.last_name]
        return "".join(p[:1] for p in parts if p).upper() or "?"


class ProfileTheme(models.Model):
    profile = models.ForeignKey(
        ReferentProfile, on_delete=models.CASCADE, related_name="theme_rows"
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)

    class Meta:
        verbose_name = _("theme of interest")
        verbose_name_plural = _("themes of interest")
        constraints = [
            models.UniqueConstraint(fields=["profile", "theme"], name="profile_theme_unique"),
        ]
        indexes = [models.Index(fields=["theme", "profile"])]

    def __str__(self) -> str:
        return self.get_theme_display()


class ReferentMandate(models.Model):
    """One period during which a person was référent of one coop. Never deleted: the history."""

    class EndReason(models.TextChoices):
        STEPPED_DOWN = "stepped_down", _("Stepped down")
        ENDED_BY_FEDERATION = "ended_by_federation", _("Ended by the federation")
        ROLE_WITHDRAWN = "role_withdrawn", _("Role withdrawn by the coop")
        ACCOUNT_CLOSED = "account_closed", _("Account closed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referent_mandates",
        verbose_name=_("person"),
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="referent_mandates",
        verbose_name=_("coop"),
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=24, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("note"), max_length=2000, blank=True)
    application = models.ForeignKey(
        "ReferentApplication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("référent mandate")
        verbose_name_plural = _("référent mandates")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "coop"],
                condition=Q(ended_on__isnull=True),
                name="mandate_one_open_per_coop",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="referent_mandate_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.coop} ({self.started_on}–{self.ended_on or ''})"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class ReferentApplication(models.Model):
    """A staff member volunteers to become référent of their coop ("Devenir référent")."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the federation")
        ACCEPTED = "accepted", _("Welcomed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referent_applications",
        verbose_name=_("person"),
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="referent_applications",
        verbose_name=_("coop"),
    )
    motivation = models.TextField(_("motivation"), max_length=4000)
    time_available = models.CharField(_("time you can give"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_message = models.TextField(
        _("message"),
        max_length=4000,
        blank=True,
        help_text=_("A word of welcome, or the reason for declining."),
    )

    class Meta:
        verbose_name = _("référent application")
        verbose_name_plural = _("référent applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "coop"],
                condition=Q(status="pending"),
                name="application_one_pending_per_coop",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_message=""),
                name="application_decline_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.coop}"

    def get_absolute_url(self) -> str:
        return reverse("network:application_review", kwargs={"pk": self.pk})


class NewsPost(models.Model):
    """A post on the network's news: by the federation, or by a référent after moderation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="network_posts",
        verbose_name=_("author"),
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coop of the author"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), max_length=20000, help_text=_("Markdown: **bold**, lists, links, tables.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("moderator's note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("network news post")
        verbose_name_plural = _("network news")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:news_detail", kwargs={"pk": self.pk})


class NewsComment(models.Model):
    post = models.ForeignKey(
        NewsPost, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="network_comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} — {self.post}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
