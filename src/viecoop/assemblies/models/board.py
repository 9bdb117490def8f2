"""The board (conseil d'administration): administrators and their mandates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Mandate(models.Model):
    """A member's seat on the board, from its start to its end (or still running)."""

    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        SECRETARY = "secretary", _("Secretary")
        TREASURER = "treasurer", _("Treasurer")
        ADMINISTRATOR = "administrator", _("Administrator")

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.PROTECT,
        related_name="board_mandates",
        verbose_name=_("coop"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="board_mandates",
        verbose_name=_("member"),
    )
    college = models.CharField(_("college"), max_length=20, blank=True)
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.ADMINISTRATOR
    )
    starts_on = models.DateField(_("since"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty while the mandate runs.")
    )
    planned_end = models.DateField(_("term ends"), null=True, blank=True)
    election = models.ForeignKey(
        "assemblies.Election",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("elected at"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("board mandate")
        verbose_name_plural = _("board mandates")
        ordering = ["ends_on", "role", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="mandate_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["coop", "member"],
                condition=Q(ends_on__isnull=True),
                name="mandate_one_running_per_member",
            ),
            models.UniqueConstraint(
                fields=["coop"],
                condition=Q(ends_on__isnull=True, role="president"),
                name="mandate_one_president",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_role_display()}"
