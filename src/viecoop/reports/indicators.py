"""The barometer's indicators: a registry any app adds to, computed in bulk for all coops.

An indicator is a function ``compute(coops, period) -> {coop_id: value}`` that answers for
many coops at once with a **constant number of queries** (one grouped query is usual), so
the barometer of 200 coops stays fast. ``value`` is an ``int`` or ``Decimal`` (never a
float: quantiles are exact), or ``None`` when it has no meaning for the coop (a growth rate
with no member at the start). A coop missing from the result has no value either.

Stock indicators ("members") are read at ``period.end``; flow indicators ("events held")
count what happened between ``period.start`` and ``period.end``, both days included.

Other apps register theirs from ``AppConfig.ready()``; see docs/reports.md::

    from viecoop.reports.indicators import register_indicator
    register_indicator(key="assemblies.turnout_last", label=_("Turnout at the last AG"),
                       compute=turnout_last, unit="percent", decimals=1, order=40,
                       description=_("…"))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

Value = int | Decimal | None
Compute = Callable[[Sequence, "Period"], Mapping[int, Value]]
UNITS = ("count", "percent", "euros")


@dataclass(frozen=True)
class Period:
    """A period of the barometer: a calendar year or quarter, or the last twelve months."""

    start: date
    end: date
    kind: str  # "year", "quarter" or "rolling"

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError("quarter must be 1 to 4")
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
        return cls(start, end, "quarter")

    @classmethod
    def last_twelve_months(cls, today: date) -> Period:
        try:
            start = today.replace(year=today.year - 1) + timedelta(days=1)
        except ValueError:  # 29 February
            start = date(today.year - 1, 3, 1)
        return cls(start, today, "rolling")

    @classmethod
    def last_closed(cls, kind: str, today: date) -> Period:
        """The last complete year or quarter before ``today``."""
        if kind == "year":
            return cls.year(today.year - 1)
        quarter = (today.month - 1) // 3  # the current quarter is 1 + this
        if quarter == 0:
            return cls.quarter(today.year - 1, 4)
        return cls.quarter(today.year, quarter)

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return f"{self.start.year} T{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    compute: Compute
    unit: str = "count"
    description: str = ""
    decimals: int = 0
    order: int = 100
    # For the reading of a coop's position only ("in the lowest quarter" is not always bad).
    higher_is_better: bool = True


_registry: dict[str, Indicator] = {}


def register_indicator(
    *,
    key: str,
    label: str,
    compute: Compute,
    unit: str = "count",
    description: str = "",
    decimals: int = 0,
    order: int = 100,
    higher_is_better: bool = True,
) -> Indicator:
    """Add an indicator to the barometer (idempotent for the same key and function)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    existing = _registry.get(key)
    if existing is not None and existing.compute is not compute:
        raise ValueError(f"indicator {key!r} is already registered by another function")
    indicator = Indicator(
        key=key,
        label=label,
        compute=compute,
        unit=unit,
        description=description,
        decimals=decimals,
        order=order,
        higher_is_better=higher_is_better,
    )
    _registry[key] = indicator
    return indicator


def unregister_indicator(key: str) -> None:
    """Remove an indicator (tests; an app that is switched off)."""
    _registry.pop(key, None)


def all_indicators() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: (i.order, i.key))


def get_indicator(key: str) -> Indicator | None:
    return _registry.get(key)


_memo: ContextVar[dict | None] = ContextVar("indicator_memo", default=None)


def memo(key, compute: Callable[[], Any]) -> Any:
    """Share one query between indicators during one ``compute_all`` (e.g. one scan of the
    register for members, growth and accounts). Outside ``compute_all`` it just computes."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def compute_all(coops: Sequence, period: Period) -> dict[str, dict[int, Value]]:
    """Every indicator for every coop of ``coops``: ``{key: {coop_id: value}}``."""
    ids = {coop.pk for coop in coops}
    result: dict[str, dict[int, Value]] = {}
    token = _memo.set({})
    try:
        for indicator in all_indicators():
            values = indicator.compute(coops, period)
            result[indicator.key] = {pk: values.get(pk) for pk in ids}
    finally:
        _memo.reset(token)
    return result


# Reused by the indicators that are rates.
def percent(part: int, whole: int, places: int = 1) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places))


UNIT_LABELS = {"count": "", "percent": "%", "euros": "€"}
UNIT_NAMES = {"count": _("number"), "percent": _("percentage"), "euros": _("euros")}
