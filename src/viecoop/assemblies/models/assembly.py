"""An assembly, its agenda, resolutions, documents and frozen list of voters."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Assembly(models.Model):
    """A general assembly of a coop, from its preparation to its published results."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary (AGO)")
        EXTRAORDINARY = "extraordinary", _("Extraordinary (AGE)")
        MIXED = "mixed", _("Mixed (AGO and AGE)")

    class Notice(models.TextChoices):
        FIRST = "first", _("First notice")
        SECOND = "second", _("Second notice")

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        CONVENED = "convened", _("Notice sent")
        IN_SESSION = "in_session", _("Meeting in progress")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.PROTECT,
        related_name="assemblies",
        verbose_name=_("coop"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=14, choices=Kind.choices)
    notice = models.CharField(
        _("notice"), max_length=8, choices=Notice.choices, default=Notice.FIRST
    )
    first_meeting = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="second_meetings",
        verbose_name=_("first meeting"),
        help_text=_("A second notice follows a first meeting that lacked its quorum."),
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    remote_url = models.URLField(_("remote link"), blank=True)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to members with the papers. Markdown.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    record_date = models.DateField(_("record date"), null=True, blank=True)
    voters_frozen_at = models.DateTimeField(_("voters frozen"), null=True, blank=True)
    # Frozen at the notice: GovernanceRules.to_dict() and its SHA-256, never changed after.
    rules = models.JSONField(_("rules"), null=True, blank=True, editable=False)
    rules_hash = models.CharField(_("rules fingerprint"), max_length=64, blank=True, editable=False)
    # Seeds the recorded draws (voting rights' largest remainders, election ties).
    draw_seed = models.PositiveIntegerField(_("draw seed"), default=0, editable=False)
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("meeting opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("meeting closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    chair_name = models.CharField(_("chair of the meeting"), max_length=200, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=200, blank=True)
    tellers = models.CharField(_("tellers (scrutateurs)"), max_length=255, blank=True)
    # What the close computed (results of every resolution and election) and its SHA-256:
    # `viecoop assembly_recompute` recomputes from the stored ballots and compares.
    results = models.JSONField(_("results"), null=True, blank=True, editable=False)
    results_hash = models.CharField(_("results fingerprint"), max_length=64, blank=True)
    minutes_notes = models.TextField(
        _("notes for the minutes"), blank=True, help_text=_("Debates, statements. Markdown.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("general assembly")
        verbose_name_plural = _("general assemblies")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notice="first", first_meeting__isnull=True)
                | Q(notice="second", first_meeting__isnull=False),
                name="assembly_second_notice_has_first",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(rules__isnull=False),
                name="assembly_rules_frozen_at_notice",
            ),
        ]
        indexes = [models.Index(fields=["coop", "-starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assemblies:detail", kwargs={"coop_slug": self.coop.slug, "pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.PUBLISHED)

    @property
    def short_kind(self) -> str:
        return {"ordinary": "AGO", "extraordinary": "AGE", "mixed": "AGM"}[self.kind]


class AgendaItem(models.Model):
    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("assembly")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Resolution(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class RoomMode(models.TextChoices):
        TOTALS = "totals", _("Totals per college")
        BALLOTS = "ballots", _("Ballot by ballot")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("assembly")
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("type"), max_length=14, choices=Kind.choices, default=Kind.ORDINARY)
    text = models.TextField(_("text of the resolution"), help_text=_("Markdown."))
    explanatory_note = models.TextField(
        _("explanatory note"), blank=True, help_text=_("Why the board proposes it. Markdown.")
    )
    board_backed = models.BooleanField(
        _("backed by the board"),
        default=True,
        help_text=_("Proxies without a named holder vote for it if checked, against it if not."),
    )
    added_during_meeting = models.BooleanField(_("added during the meeting"), default=False)
    room_mode = models.CharField(
        _("room votes entered as"),
        max_length=8,
        choices=RoomMode.choices,
        default=RoomMode.TOTALS,
    )

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


def document_upload_path(instance: AssemblyDocument, filename: str) -> str:
    # Served only through a view that checks the permission; never a public URL.
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"private/assemblies/{instance.assembly_id}/{uuid.uuid4().hex}.{extension}"


class AssemblyDocument(models.Model):
    """A paper of the assembly (accounts, reports, draft statuts), for one resolution or all."""

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="documents", verbose_name=_("assembly")
    )
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("resolution"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("assembly document")
        verbose_name_plural = _("assembly documents")
        ordering = ["resolution__position", "pk"]

    def __str__(self) -> str:
        return self.title


class Voter(models.Model):
    """One line of the frozen list of voters: who votes, in which college, with how many votes.

    Written once at the record date from the register (``members/voting.py``), with a copy of
    the name and number so the attendance sheet stays the legal record even if the register
    entry changes later. Its row is the lock every vote of this person takes.
    """

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="voters", verbose_name=_("assembly")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    number = models.CharField(_("member number"), max_length=30)
    name = models.CharField(_("name"), max_length=255)
    college = models.CharField(_("college"), max_length=20)
    shares = models.PositiveIntegerField(_("shares"))
    votes = models.PositiveIntegerField(_("votes"))
    # Printed as a QR code on the admission card: staff scan it at the door.
    card_code = models.CharField(_("admission card"), max_length=16)
    search_text = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        ordering = ["name", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "member"], name="voter_once_per_assembly"),
            models.UniqueConstraint(fields=["assembly", "card_code"], name="voter_card_unique"),
            models.CheckConstraint(condition=Q(votes__gte=1), name="voter_has_votes"),
        ]
        indexes = [models.Index(fields=["assembly", "college"])]

    def __str__(self) -> str:
        return f"{self.name} (n°{self.number})"
