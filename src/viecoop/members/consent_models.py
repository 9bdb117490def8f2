"""Consents and communication preferences: the choices, the versioned texts, the history.

In their own module (the register's ``models.py`` re-exports them) so that the register's
models stay readable. ``Consent`` points to the member by the app label: no import cycle.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Consent",
    "ConsentChannel",
    "ConsentPurpose",
    "ConsentText",
    "ContactChannel",
    "Topic",
    "default_topics",
]


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")


class Topic(models.TextChoices):
    """What a member wants to hear about (read by the coop's communications)."""

    NEWS = "news", _("News of the coop")
    ASSEMBLIES = "assemblies", _("General assemblies and decisions")
    EVENTS = "events", _("Events and outings")
    RESIDENCE = "residence", _("Life of my residence")
    PROJECTS = "projects", _("Residents' projects and the participation fund")


def default_topics() -> list[str]:
    return list(Topic.values)


class ConsentPurpose(models.TextChoices):
    """What a member may agree to. E-mail notices of assemblies need it (C. com. R225-63)."""

    E_CONVOCATION = "e_convocation", _("Notices of general assemblies by e-mail")
    NEWS = "news", _("News and information of the coop by e-mail")
    PHOTOS = "photos", _("Photos and videos")


class ConsentChannel(models.TextChoices):
    ONLINE = "online", _("Online, in the member's space")
    PAPER = "paper", _("Signed paper form")
    EMAIL = "email", _("By e-mail to the coop")
    STAFF = "staff", _("Told to the coop's staff")


class ConsentText(models.Model):
    """One version of the text a member agrees to, per coop and purpose. Never changed:
    a new wording is a new version, so every consent points to the words agreed to.
    """

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="consent_texts",
        verbose_name=_("coop"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["coop", "purpose", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "purpose", "version"], name="consent_text_one_version"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="consent_text_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — v{self.version}"


class Consent(models.Model):
    """A member gave or withdrew a consent, on a date, by a channel, to a version of the text.

    Append-only: the state on a date is the latest line dated up to it (``with_consent``,
    ``selectors.consents_of``). Lines are never edited; a mistake is corrected by a new line.
    """

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("coop"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("member"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("given"))
    text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("text version"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=8, choices=ConsentChannel.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["member", "purpose", "date"]),
            models.Index(fields=["coop", "purpose", "date"]),
        ]

    def __str__(self) -> str:
        state = _("given") if self.given else _("withdrawn")
        return f"{self.get_purpose_display()}: {state} ({self.date})"
