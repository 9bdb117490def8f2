"""The indicators computed from what is already in the platform: the register, the ledger, the reports.

Each is one grouped query over all the coops asked for (see ``indicators.py``).
Definitions (also in docs/reports.md), for a period [start, end]:

- **members** — members admitted on or before ``end`` and not gone by then (status "left"
  with an exit date on or before ``end``); candidates are not members.
- **members_growth** — change of that count between the day before ``start`` and ``end``,
  in percent of the first; no value when the coop had no member the day before ``start``.
- **members_with_account** — among the members at ``end``, the share whose register entry
  is linked to a viecoop account, in percent. The link has no history: it is today's link.
- **capital** — the share capital at ``end``: the sum over the ledger's movements effective
  on or before ``end`` of shares × unit price (what the ledger says, in euros).
- **projects_reported** — projects reported by the coop whose dates meet the period
  (start on or before ``end``, and no end or an end on or after ``start``), except those
  still "planned".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from viecoop.members.models import Member, ShareMovement

from .categories import ProjectStatus
from .indicators import Period, memo, percent, register_indicator
from .models import Project

PERCENT_PLACES = 4


def _member_at(day) -> Q:
    """Members of the register on ``day`` (to be used inside a Count filter on ``Member``)."""
    return Q(admission_date__lte=day) & ~Q(status=Member.Status.LEFT, exit_date__lte=day)


def _member_counts(coops: Sequence, period: Period) -> dict[int, dict[str, int]]:
    """Members at the end, the day before the start, and linked at the end, per coop: one
    scan of the register serves the three membership indicators (memoised per computation)."""
    key = ("member_counts", tuple(sorted(c.pk for c in coops)), period)
    return memo(key, lambda: _count_members(coops, period))


def _count_members(coops: Sequence, period: Period) -> dict[int, dict[str, int]]:
    at_end = _member_at(period.end)
    rows = (
        Member.objects.filter(coop__in=coops)
        .values("coop")
        .annotate(
            last=Count("pk", filter=at_end),
            first=Count("pk", filter=_member_at(period.start - timedelta(days=1))),
            linked=Count("pk", filter=at_end & Q(user__isnull=False)),
        )
        .order_by()
    )
    return {row["coop"]: row for row in rows}


def members(coops: Sequence, period: Period) -> dict[int, int]:
    counts = _member_counts(coops, period)
    return {coop.pk: counts.get(coop.pk, {}).get("last", 0) for coop in coops}


def members_growth(coops: Sequence, period: Period) -> dict[int, Decimal | None]:
    counts = _member_counts(coops, period)
    result: dict[int, Decimal | None] = {coop.pk: None for coop in coops}
    for coop_id, row in counts.items():
        if row["first"]:
            result[coop_id] = percent(row["last"] - row["first"], row["first"], PERCENT_PLACES)
    return result


def members_with_account(coops: Sequence, period: Period) -> dict[int, Decimal | None]:
    counts = _member_counts(coops, period)
    result: dict[int, Decimal | None] = {coop.pk: None for coop in coops}
    for coop_id, row in counts.items():
        result[coop_id] = percent(row["linked"], row["last"], PERCENT_PLACES)
    return result


def capital(coops: Sequence, period: Period) -> dict[int, Decimal]:
    rows = (
        ShareMovement.objects.filter(
            operation__coop__in=coops, operation__effective_date__lte=period.end
        )
        .values("operation__coop")
        .annotate(
            amount=Sum(
                ExpressionWrapper(
                    F("shares") * F("operation__unit_price"),
                    output_field=DecimalField(max_digits=16, decimal_places=2),
                )
            )
        )
        .order_by()
    )
    amounts = {row["operation__coop"]: row["amount"] for row in rows}
    return {coop.pk: Decimal(amounts.get(coop.pk) or 0).quantize(Decimal("0.01")) for coop in coops}


def projects_reported(coops: Sequence, period: Period) -> dict[int, int]:
    rows = (
        Project.objects.filter(coop__in=coops, start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .exclude(status=ProjectStatus.PLANNED)
        .values("coop")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["coop"]: row["n"] for row in rows}
    return {coop.pk: counts.get(coop.pk, 0) for coop in coops}


def register() -> None:
    register_indicator(
        key="members",
        label=_("Members"),
        compute=members,
        unit="count",
        order=10,
        description=_("Members admitted and not gone at the end of the period."),
    )
    register_indicator(
        key="members_growth",
        label=_("Growth of the membership"),
        compute=members_growth,
        unit="percent",
        decimals=1,
        order=20,
        description=_("Change in the number of members over the period, in percent."),
    )
    register_indicator(
        key="members_with_account",
        label=_("Members with an account"),
        compute=members_with_account,
        unit="percent",
        decimals=1,
        order=30,
        description=_("Share of the members whose register entry is linked to a viecoop account."),
    )
    register_indicator(
        key="capital",
        label=_("Share capital"),
        compute=capital,
        unit="euros",
        order=60,
        description=_("Capital at the end of the period, from the share ledger."),
    )
    register_indicator(
        key="projects_reported",
        label=_("Projects reported"),
        compute=projects_reported,
        unit="count",
        order=80,
        description=_("Cooperative-life projects reported that ran during the period."),
    )
