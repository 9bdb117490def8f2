"""Stored snapshots of the barometer's indicators, for trends over time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")


class IndicatorSnapshot(models.Model):
    """One coop's value of one indicator for a closed period (written by a command)."""

    key = models.CharField(_("indicator"), max_length=60)
    coop = models.ForeignKey(
        "organizations.Coop", on_delete=models.CASCADE, related_name="indicator_snapshots"
    )
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "coop", "period_kind", "period_end"],
                name="indicator_snapshot_unique",
            ),
        ]
        indexes = [models.Index(fields=["coop", "period_kind", "period_end"])]

    def __str__(self) -> str:
        return f"{self.key} {self.coop_id} {self.period_end}: {self.value}"


class DistributionSnapshot(models.Model):
    """The network's distribution of one indicator for a closed period (no coop names)."""

    key = models.CharField(_("indicator"), max_length=60)
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    count = models.PositiveIntegerField()
    q1 = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    median = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    q3 = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("distribution snapshot")
        verbose_name_plural = _("distribution snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "period_kind", "period_end"], name="distribution_snapshot_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.period_end}: {self.median}"
