"""Votes on resolutions: advance votes (online or postal), ballots, proxies, attendance, room tallies.

One member, one vote is kept by the database itself: one ballot per voter and resolution, one
active advance vote and one active proxy per voter, one attendance line per voter. Services
also lock the voter's row (``select_for_update``) before reading what decides a write.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .assembly import Assembly, Resolution, Voter


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")
    BLANK = "blank", _("Blank")
    SPOILED = "spoiled", _("Spoiled")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("Paper postal form")
    ROOM = "room", _("In the room")
    REMOTE = "remote", _("Remote, during the meeting")


class AdvanceVote(models.Model):
    """A vote before the meeting: an online vote or a paper postal form, with its receipt.

    Changing one's mind before the cut-off replaces it (the old one stays, ``replaced``), so
    every receipt ever given can still be checked.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Counted")
        REPLACED = "replaced", _("Replaced by a later vote")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class AddedResolutions(models.TextChoices):
        AGAINST = "against", _("Against")
        PROXY_TO_CHAIR = "proxy_to_chair", _("Proxy to the chair")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="advance_votes", verbose_name=_("assembly")
    )
    voter = models.ForeignKey(
        Voter, on_delete=models.CASCADE, related_name="advance_votes", verbose_name=_("voter")
    )
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=[
            (Channel.ONLINE.value, Channel.ONLINE.label),
            (Channel.POSTAL.value, Channel.POSTAL.label),
        ],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    added_resolutions = models.CharField(
        _("resolutions added during the meeting"),
        max_length=16,
        choices=AddedResolutions.choices,
        default=AddedResolutions.AGAINST,
    )
    # {resolution id: choice}, as cast; the Ballot rows are what is counted.
    choices = models.JSONField(_("choices"), default=dict)
    received_at = models.DateTimeField(_("received"))
    receipt_code = models.CharField(_("receipt"), max_length=20, unique=True)
    digest = models.CharField(_("fingerprint"), max_length=64)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("advance vote")
        verbose_name_plural = _("advance votes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["voter"], condition=Q(status="active"), name="advance_vote_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} — {self.get_channel_display()}"


class Ballot(models.Model):
    """One voter's choice on one resolution (open ballot), whatever the channel."""

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("assembly")
    )
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("resolution")
    )
    voter = models.ForeignKey(
        Voter, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("voter")
    )
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    cast_at = models.DateTimeField(_("cast"))
    advance_vote = models.ForeignKey(
        AdvanceVote,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ballots",
        verbose_name=_("advance vote"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "voter"], name="ballot_one_per_voter_and_resolution"
            ),
        ]
        indexes = [models.Index(fields=["assembly", "resolution"])]

    def __str__(self) -> str:
        return f"{self.voter_id}/{self.resolution_id}: {self.choice}"


class Proxy(models.Model):
    """A written proxy (pouvoir) to a named member, or to the chair (no named holder)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced by a vote")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="proxies", verbose_name=_("assembly")
    )
    giver = models.ForeignKey(
        Voter, on_delete=models.CASCADE, related_name="proxies_given", verbose_name=_("given by")
    )
    holder = models.ForeignKey(
        Voter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proxies_held",
        verbose_name=_("given to"),
        help_text=_("Empty: to the chair (votes the board's line)."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=[
            (Channel.ONLINE.value, Channel.ONLINE.label),
            (Channel.POSTAL.value, _("Paper form")),
        ],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    received_at = models.DateTimeField(_("received"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    receipt_code = models.CharField(_("receipt"), max_length=20, unique=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["giver"], condition=Q(status="active"), name="proxy_one_active_per_giver"
            ),
            models.CheckConstraint(
                condition=Q(holder__isnull=True) | ~Q(holder=F("giver")),
                name="proxy_not_to_oneself",
            ),
        ]
        indexes = [models.Index(fields=["holder", "status"])]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder or _('the chair')}"

    @property
    def to_chair(self) -> bool:
        return self.holder_id is None


class Attendance(models.Model):
    """A voter checked in at the meeting, in the room or connected remotely."""

    class Mode(models.TextChoices):
        PRESENT = "present", _("In the room")
        REMOTE = "remote", _("Remote")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("assembly")
    )
    voter = models.OneToOneField(
        Voter, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("voter")
    )
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.PRESENT)
    checked_in_at = models.DateTimeField(_("arrived"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["-checked_in_at", "-pk"]
        indexes = [models.Index(fields=["assembly", "mode"])]

    def __str__(self) -> str:
        return f"{self.voter} ({self.get_mode_display()})"


class RoomTally(models.Model):
    """Votes counted in the room on one resolution, for one college (show of hands, paper)."""

    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="room_tallies",
        verbose_name=_("resolution"),
    )
    college = models.CharField(_("college"), max_length=20)
    votes_for = models.PositiveIntegerField(_("for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    votes_blank = models.PositiveIntegerField(_("blank"), default=0)
    votes_spoiled = models.PositiveIntegerField(_("spoiled"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("room tally")
        verbose_name_plural = _("room tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "college"], name="room_tally_one_per_college"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id}/{self.college}"


class PaperForm(models.Model):
    """A paper postal form or proxy typed in by staff, applied once a second person agrees.

    The second person types the form again without seeing the first entry (double entry); the
    form is applied through the same services as online votes when both entries match.
    """

    class Kind(models.TextChoices):
        POSTAL = "postal", _("Postal voting form")
        PROXY = "proxy", _("Proxy form")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the second entry")
        APPLIED = "applied", _("Recorded")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Cancelled")

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="paper_forms", verbose_name=_("assembly")
    )
    voter = models.ForeignKey(
        Voter, on_delete=models.CASCADE, related_name="paper_forms", verbose_name=_("voter")
    )
    kind = models.CharField(_("form"), max_length=8, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    data = models.JSONField(_("first entry"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second entry by"),
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("paper form")
        verbose_name_plural = _("paper forms")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["voter", "kind"],
                condition=Q(status="pending"),
                name="paper_form_one_pending_per_voter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.voter}"
