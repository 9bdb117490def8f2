"""Board elections by secret ballot.

Who voted (``ElectionParticipation``, the *liste d'émargement*) and what was voted
(``ElectionBallot``, the ballot box) are two tables that share **no column** a query could
join on: no foreign key between them, no timestamp on a ballot, no sequential id (a random
UUID), a random receipt code, a default ordering by that random code. A cast ballot first
waits, sealed, in ``PendingBallot``; the mixer moves pending ballots into the box in shuffled
batches, so neither the box's row order nor its rows' transaction ids follow the order of
the voters. See docs/assemblies.md, "Secret ballots".
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .assembly import Assembly, Voter


class Election(models.Model):
    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="elections", verbose_name=_("assembly")
    )
    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats to fill"), default=1)
    max_choices = models.PositiveSmallIntegerField(
        _("candidates a voter may choose at most"),
        default=1,
        help_text=_("Usually the number of seats."),
    )
    mandate_years = models.PositiveSmallIntegerField(
        _("length of the mandate (years)"), default=6, help_text=_("At most 6 in an SA.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("board election")
        verbose_name_plural = _("board elections")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_has_seats"),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1), name="election_max_choices_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    name = models.CharField(_("name"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True, help_text=_("Markdown."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "member"], name="candidate_once_per_election"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ElectionParticipation(models.Model):
    """Who voted online in an election (émargement): nothing about what they chose."""

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("election"),
    )
    voter = models.ForeignKey(
        Voter,
        on_delete=models.CASCADE,
        related_name="election_participations",
        verbose_name=_("voter"),
    )

    class Meta:
        verbose_name = _("election participation")
        verbose_name_plural = _("election participations")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "voter"], name="election_one_ballot_per_voter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election_id}/{self.voter_id}"


class _BallotFields(models.Model):
    """What a ballot holds: no voter, no time, a random id and receipt."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="+", verbose_name=_("election")
    )
    # Sorted candidate ids; empty = a blank ballot. College and weight are needed to count
    # (SCIC weighting, SCP investors' votes); they are the only things known of the voter.
    choices = models.JSONField(_("choices"), default=list)
    college = models.CharField(_("college"), max_length=20)
    weight = models.PositiveIntegerField(_("votes"), default=1)
    # Paper ballots declared spoiled by the tellers (online ballots never are).
    spoiled = models.BooleanField(_("spoiled"), default=False)
    receipt_code = models.CharField(_("receipt"), max_length=20, unique=True)

    class Meta:
        abstract = True
        ordering = ["receipt_code"]


class PendingBallot(_BallotFields):
    """A cast ballot waiting for the mixer (deleted once moved into the box)."""

    class Meta(_BallotFields.Meta):
        verbose_name = _("sealed ballot waiting for the box")
        verbose_name_plural = _("sealed ballots waiting for the box")

    def __str__(self) -> str:
        return self.receipt_code


class ElectionBallot(_BallotFields):
    """The ballot box of an election (secret ballot)."""

    class Meta(_BallotFields.Meta):
        verbose_name = _("election ballot")
        verbose_name_plural = _("ballot box")

    def __str__(self) -> str:
        return self.receipt_code
