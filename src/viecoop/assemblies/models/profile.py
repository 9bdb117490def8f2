"""A coop's governance profile: the rule values of its statuts, defaults from the law.

Fractions are stored as exact text ("1/5", "35/100"), never floats: the engine computes with
``fractions.Fraction`` and a profile must round-trip without a rounding error. The profile is
frozen into an assembly (as ``GovernanceRules.to_dict()`` and a hash) when its notice is sent;
changing it afterwards never changes an assembly already called.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def parse_fraction(value: str) -> Fraction:
    """ "1/5", "20 %", "20,5 %", "0,2" → an exact Fraction (ValueError otherwise)."""
    text = str(value).strip().replace(" ", "").replace("\u202f", "").replace(",", ".")
    if text.endswith("%"):
        return Fraction(text[:-1]) / 100
    return Fraction(text)


def validate_fraction(value: str) -> None:
    if value == "":
        return  # no quorum
    try:
        fraction = parse_fraction(value)
    except (ValueError, ZeroDivisionError):
        raise ValidationError(
            _("Enter a fraction such as 1/5, or a percentage such as 20 %."), code="fraction"
        ) from None
    if not 0 <= fraction <= 1:
        raise ValidationError(_("Enter a value between 0 and 100 %."), code="fraction_range")


class GovernanceProfile(models.Model):
    """The coop's rule values (rules.md), editable by its managers, audited on every change.

    Field names are those of the engine's ``GovernanceRules``: ``governance.rules_for`` copies
    them over, adds the register's colleges and the assembly's draw seed.
    """

    class EmptyCollege(models.TextChoices):
        REDISTRIBUTE = "redistribute", _("Shared among the other colleges pro rata")
        KEEP = "keep", _("Kept: it counts for neither side")

    class BlankProxy(models.TextChoices):
        BOARD = "board", _("For the resolutions the board backs, against the others (the law)")
        ABSTAIN = "abstain", _("Counted for the quorum only (if the statuts say so)")

    class AddedResolutions(models.TextChoices):
        AGAINST = "against", _("Against")
        PROXY_TO_CHAIR = "proxy_to_chair", _("Proxy to the chair")

    class TieBreak(models.TextChoices):
        OLDER_THEN_DRAW = "older_then_draw", _("The older candidate, else a recorded draw")
        DRAW = "draw", _("A recorded draw")

    coop = models.OneToOneField(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="governance_profile",
        verbose_name=_("coop"),
    )
    quorum_ordinary_first = models.CharField(
        _("quorum of an ordinary assembly, first notice"),
        max_length=20,
        default="1/5",
        validators=[validate_fraction],
        help_text=_("Votes present or represented ÷ voting rights. Law: 1/5 (C. com. L225-98)."),
    )
    quorum_ordinary_second = models.CharField(
        _("quorum of an ordinary assembly, second notice"),
        max_length=20,
        default="",
        blank=True,
        validators=[validate_fraction],
        help_text=_("Law: none (leave empty)."),
    )
    quorum_extraordinary_first = models.CharField(
        _("quorum of an extraordinary assembly, first notice"),
        max_length=20,
        default="1/4",
        validators=[validate_fraction],
        help_text=_("Law: 1/4 (C. com. L225-96)."),
    )
    quorum_extraordinary_second = models.CharField(
        _("quorum of an extraordinary assembly, second notice"),
        max_length=20,
        default="1/5",
        validators=[validate_fraction],
        help_text=_("Law: 1/5."),
    )
    majority_ordinary = models.CharField(
        _("majority of an ordinary resolution"),
        max_length=20,
        default="1/2",
        validators=[validate_fraction],
        help_text=_("Adopted when FOR is more than this share of the votes cast. Law: 1/2."),
    )
    majority_extraordinary = models.CharField(
        _("majority of an extraordinary resolution"),
        max_length=20,
        default="2/3",
        validators=[validate_fraction],
        help_text=_("Adopted when FOR is at least this share of the votes cast. Law: 2/3."),
    )
    investors_cap = models.CharField(
        _("cap of the investors' votes (SCP)"),
        max_length=20,
        default="35/100",
        validators=[validate_fraction],
        help_text=_("Colleges B and C together. Law: 35 %."),
    )
    investors_cap_with_hlm = models.CharField(
        _("cap of the investors' votes when college C is not empty (SCP)"),
        max_length=20,
        default="49/100",
        validators=[validate_fraction],
        help_text=_("Law: 49 %."),
    )
    empty_college = models.CharField(
        _("weight of a college where nobody voted (SCIC)"),
        max_length=12,
        choices=EmptyCollege.choices,
        default=EmptyCollege.REDISTRIBUTE,
    )
    proxy_cap = models.PositiveSmallIntegerField(
        _("proxies one member may hold"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no cap (the law sets none)."),
    )
    blank_proxy = models.CharField(
        _("what a proxy without a named holder does"),
        max_length=8,
        choices=BlankProxy.choices,
        default=BlankProxy.BOARD,
        help_text=_("Law: L225-106."),
    )
    remote_participation = models.BooleanField(
        _("members may take part remotely"),
        default=False,
        help_text=_(
            "Only if the statuts allow it (L225-107 II): remote participants then count as present."
        ),
    )
    later_vote_replaces_proxy = models.BooleanField(
        _("a later postal or online vote replaces a proxy"),
        default=False,
        help_text=_("If not, a member who gave a proxy cannot vote (until they revoke it)."),
    )
    meeting_vote_replaces_postal = models.BooleanField(
        _("a vote in the meeting replaces a postal or online vote"),
        default=False,
        help_text=_("Law: no, unless the statuts say so (R225-85 III)."),
    )
    postal_paper_days = models.PositiveSmallIntegerField(
        _("paper postal forms received at the latest, days before the meeting"),
        default=3,
        help_text=_("Law: 3 days (R225-77); the statuts may only shorten it."),
    )
    postal_electronic_days = models.PositiveSmallIntegerField(
        _("online votes until, days before the meeting"),
        default=1,
        help_text=_("Law: the day before, at the time below (R225-77)."),
    )
    postal_electronic_time = models.TimeField(
        _("online votes until, time (Paris)"), default=datetime.time(15, 0)
    )
    added_resolution_default = models.CharField(
        _("resolutions added during the meeting, by default on postal forms"),
        max_length=16,
        choices=AddedResolutions.choices,
        default=AddedResolutions.AGAINST,
    )
    notice_days_first = models.PositiveSmallIntegerField(
        _("notice period before a first meeting (days)"),
        default=15,
        help_text=_("Law: 15 (R225-69)."),
    )
    notice_days_second = models.PositiveSmallIntegerField(
        _("notice period before a second meeting (days)"), default=10, help_text=_("Law: 10.")
    )
    second_meeting_max_months = models.PositiveSmallIntegerField(
        _("second meeting at most, months after the first"), default=2
    )
    election_tie_break = models.CharField(
        _("ties in board elections"),
        max_length=16,
        choices=TieBreak.choices,
        default=TieBreak.OLDER_THEN_DRAW,
    )
    election_requires_majority = models.BooleanField(
        _("a candidate needs more than half of the valid votes to be elected"), default=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    FRACTION_FIELDS = (
        "quorum_ordinary_first",
        "quorum_ordinary_second",
        "quorum_extraordinary_first",
        "quorum_extraordinary_second",
        "majority_ordinary",
        "majority_extraordinary",
        "investors_cap",
        "investors_cap_with_hlm",
    )

    class Meta:
        verbose_name = _("governance profile")
        verbose_name_plural = _("governance profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(proxy_cap__isnull=True) | Q(proxy_cap__gte=1),
                name="governance_proxy_cap_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.coop)

    def fraction(self, name: str) -> Fraction | None:
        value = getattr(self, name)
        return None if value == "" else parse_fraction(value)
