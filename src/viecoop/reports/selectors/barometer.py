"""The barometer: each coop's indicators beside the network's quartiles, and their trend.

What a coop sees of the others is the anonymised distribution only: the number of coops,
the first quartile, the median and the third quartile — never a name, a minimum or a
maximum (extremes point at one coop). Below ``REPORTS_BAROMETER_MIN_COOPS`` coops with a
value (5 by default) even that is hidden: with three coops, the median *is* one of them.
The federation sees every coop's values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from viecoop.organizations.models import Coop

from ..charts import Series, fmt, line_chart, position_strip
from ..indicators import UNIT_LABELS, Indicator, Period, Value, all_indicators, compute_all
from ..models import DistributionSnapshot, IndicatorSnapshot
from ..stats import Distribution, distribution, to_decimal

TREND_PERIODS = 8


def min_coops() -> int:
    return getattr(settings, "REPORTS_BAROMETER_MIN_COOPS", 5)


def current_period(today: date) -> Period:
    return Period.last_twelve_months(today)


@dataclass
class Row:
    indicator: Indicator
    value: Value = None
    dist: Distribution | None = None
    shown: bool = False  # whether the network's distribution may be shown
    strip: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def unit(self) -> str:
        return UNIT_LABELS[self.indicator.unit]

    def text(self, value) -> str:
        return _text(self.indicator, value)

    @property
    def value_text(self) -> str:
        return self.text(self.value)

    @property
    def q1_text(self) -> str:
        return self.text(self.dist.q1) if self.dist else "—"

    @property
    def median_text(self) -> str:
        return self.text(self.dist.median) if self.dist else "—"

    @property
    def q3_text(self) -> str:
        return self.text(self.dist.q3) if self.dist else "—"

    @property
    def quarter(self) -> int | None:
        if self.value is None or self.dist is None or not self.shown:
            return None
        return self.dist.position(self.value)

    @property
    def reading(self) -> str:
        quarter = self.quarter
        if quarter is None:
            return ""
        return {
            1: _("among the lowest quarter of the network"),
            2: _("below the network's median"),
            3: _("above the network's median"),
            4: _("among the highest quarter of the network"),
        }[quarter]


def network_values(*, period: Period) -> tuple[list[Coop], dict[str, dict[int, Value]]]:
    """Every active coop and every indicator for ``period``.

    The live values scan the whole register and ledger (200,000 members: about a second
    on SQLite, a few hundred milliseconds on PostgreSQL), so they are kept in the cache for
    ``REPORTS_BAROMETER_CACHE_SECONDS`` (10 minutes by default; 0 turns it off): a barometer
    is a monthly reading, not a live counter. A coop created meanwhile shows no value yet.
    """
    coops = list(Coop.objects.active().order_by("name"))
    seconds = getattr(settings, "REPORTS_BAROMETER_CACHE_SECONDS", 600)
    if not seconds:
        return coops, compute_all(coops, period)
    keys = ",".join(i.key for i in all_indicators())
    cache_key = f"reports:barometer:{period.kind}:{period.start}:{period.end}:{keys}"
    values = cache.get(cache_key)
    if values is None:
        values = compute_all(coops, period)
        cache.set(cache_key, values, seconds)
    return coops, values


def coop_barometer(*, coop: Coop, period: Period) -> list[Row]:
    coops, values = network_values(period=period)
    rows = []
    for indicator in all_indicators():
        by_coop = values[indicator.key]
        dist = distribution(by_coop.get(c.pk) for c in coops)
        row = Row(
            indicator=indicator,
            value=by_coop.get(coop.pk),
            dist=dist,
            shown=dist is not None and dist.count >= min_coops(),
        )
        row.strip = position_strip(
            chart_id=f"strip-{indicator.key.replace('.', '-')}",
            title=str(indicator.label),
            description=_(
                "Your coop: %(value)s. Network: first quartile %(q1)s, median %(median)s, third quartile %(q3)s."
            )
            % {
                "value": row.value_text,
                "q1": row.q1_text,
                "median": row.median_text,
                "q3": row.q3_text,
            },
            value=row.value,
            q1=dist.q1 if row.shown else None,
            median=dist.median if row.shown else None,
            q3=dist.q3 if row.shown else None,
            value_label=_("your coop"),
        )
        rows.append(row)
    return rows


@dataclass
class DistributionRow:
    indicator: Indicator
    count: int
    minimum: str
    q1: str
    median: str
    q3: str
    maximum: str


@dataclass
class NetworkTable:
    indicators: list[Indicator]
    distributions: list[DistributionRow]
    coops: list[tuple[Coop, list[tuple[str, str]]]]


def _text(indicator: Indicator, value) -> str:
    if value is None:
        return "—"
    return f"{fmt(value, indicator.decimals)} {UNIT_LABELS[indicator.unit]}".strip()


def network_barometer(*, period: Period, region: str = "", legal_form: str = "") -> NetworkTable:
    """For the federation: every coop's values, and the network's distribution per indicator."""
    coops, values = network_values(period=period)
    indicators = all_indicators()
    distributions = []
    for indicator in indicators:
        dist = distribution(values[indicator.key].get(c.pk) for c in coops)
        distributions.append(
            DistributionRow(
                indicator=indicator,
                count=dist.count if dist else 0,
                minimum=_text(indicator, dist.minimum if dist else None),
                q1=_text(indicator, dist.q1 if dist else None),
                median=_text(indicator, dist.median if dist else None),
                q3=_text(indicator, dist.q3 if dist else None),
                maximum=_text(indicator, dist.maximum if dist else None),
            )
        )
    shown = [
        c
        for c in coops
        if (not region or c.region == region) and (not legal_form or c.legal_form == legal_form)
    ]
    table = [
        (coop, [(str(i.label), _text(i, values[i.key].get(coop.pk))) for i in indicators])
        for coop in shown
    ]
    return NetworkTable(indicators=indicators, distributions=distributions, coops=table)


@dataclass
class Trend:
    indicator: Indicator
    labels: list[str]
    values: list[Decimal | None]
    medians: list[Decimal | None]
    q1s: list[Decimal | None]
    q3s: list[Decimal | None]
    chart: SafeString


def _period_label(kind: str, end: date) -> str:
    return str(end.year) if kind == "year" else f"{end.year} T{(end.month - 1) // 3 + 1}"


def trends(*, coop: Coop | None, kind: str = "year", anonymised: bool = True) -> list[Trend]:
    """The last periods' snapshots: the coop's value beside the network's median and quartile
    band (hidden where fewer coops than the threshold had a value). 2 queries."""
    ends = list(
        DistributionSnapshot.objects.filter(period_kind=kind)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .distinct()[:TREND_PERIODS]
    )
    ends.reverse()
    if not ends:
        return []
    dists: dict[tuple[str, date], DistributionSnapshot] = {
        (d.key, d.period_end): d
        for d in DistributionSnapshot.objects.filter(period_kind=kind, period_end__in=ends)
    }
    own: dict[tuple[str, date], Decimal | None] = {}
    if coop is not None:
        own = {
            (s.key, s.period_end): s.value
            for s in IndicatorSnapshot.objects.filter(
                coop=coop, period_kind=kind, period_end__in=ends
            ).only("key", "period_end", "value")
        }
    labels = [_period_label(kind, end) for end in ends]
    result = []
    for indicator in all_indicators():
        medians, q1s, q3s = [], [], []
        for end in ends:
            d = dists.get((indicator.key, end))
            ok = (
                d is not None
                and d.median is not None
                and (not anonymised or d.count >= min_coops())
            )
            medians.append(d.median if ok else None)
            q1s.append(d.q1 if ok else None)
            q3s.append(d.q3 if ok else None)
        values = [own.get((indicator.key, end)) for end in ends]
        series = [Series(_("network median"), medians, css="chart-line-median", marker="square")]
        if coop is not None:
            series.append(Series(coop.name, values, css="chart-line", marker="circle"))
        chart = line_chart(
            chart_id=f"trend-{indicator.key.replace('.', '-')}",
            title=str(indicator.label),
            description=_(
                "%(indicator)s per period, %(first)s to %(last)s: your coop and the network's median, with the middle half of the coops shaded."
            )
            % {"indicator": indicator.label, "first": labels[0], "last": labels[-1]},
            labels=labels,
            series=series,
            band=(q1s, q3s),
            decimals=indicator.decimals,
        )
        result.append(Trend(indicator, labels, values, medians, q1s, q3s, chart))
    return result


def export_network(*, period: Period) -> tuple[list[str], list[list]]:
    coops, values = network_values(period=period)
    indicators = all_indicators()
    header = ["coop", "region", "legal_form", *[str(i.label) for i in indicators]]
    rows = [
        [c.name, c.get_region_display(), c.get_legal_form_display()]
        + [to_decimal(values[i.key].get(c.pk), max(i.decimals, 2)) for i in indicators]
        for c in coops
    ]
    return header, rows
