"""Exact quantiles for the barometer (pure functions, no I/O).

Method: the "linear interpolation between closest ranks" of Hyndman & Fan (1996), their
**type 7** — the default of R, NumPy and spreadsheets (Excel ``QUARTILE.INC``, LibreOffice
``QUARTILE``), and Python's ``statistics.quantiles(method="inclusive")``. For ``n`` sorted
values ``x[0] ≤ … ≤ x[n-1]`` and a probability ``p``:

    h = (n - 1) × p,   k = ⌊h⌋,   Q(p) = x[k] + (h - k) × (x[k+1] - x[k])

so the median of an even count is the mean of the two middle values, Q(0) is the minimum and
Q(1) the maximum. Everything is computed with ``fractions.Fraction`` from the exact values
(integers or decimals), never with floats; the result is rounded once, for display.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

Number = int | Decimal | Fraction


def _exact(value: Number) -> Fraction:
    if isinstance(value, float):
        raise TypeError("floats are not exact: pass int, Decimal or Fraction")
    return Fraction(value)


def quantile(values: Iterable[Number], p: Fraction | int | str) -> Fraction:
    """The type-7 quantile of ``values`` at probability ``p`` (0 ≤ p ≤ 1), exactly."""
    data = sorted(_exact(v) for v in values)
    if not data:
        raise ValueError("no values")
    p = Fraction(p)
    if not 0 <= p <= 1:
        raise ValueError("p must be between 0 and 1")
    h = (len(data) - 1) * p
    k = h.numerator // h.denominator
    if k + 1 >= len(data):
        return data[-1]
    return data[k] + (h - k) * (data[k + 1] - data[k])


@dataclass(frozen=True)
class Distribution:
    count: int
    minimum: Fraction
    q1: Fraction
    median: Fraction
    q3: Fraction
    maximum: Fraction

    def position(self, value: Number) -> int:
        """In which quarter of the network ``value`` falls: 1 (lowest) to 4 (highest)."""
        v = _exact(value)
        if v < self.q1:
            return 1
        if v < self.median:
            return 2
        if v <= self.q3:
            return 3
        return 4


def distribution(values: Iterable[Number | None]) -> Distribution | None:
    """Quartiles of the known values (``None`` = no value, left out); None if there is none."""
    data = sorted(_exact(v) for v in values if v is not None)
    if not data:
        return None
    return Distribution(
        count=len(data),
        minimum=data[0],
        q1=quantile(data, Fraction(1, 4)),
        median=quantile(data, Fraction(1, 2)),
        q3=quantile(data, Fraction(3, 4)),
        maximum=data[-1],
    )


def to_decimal(value: Fraction | Number | None, places: int = 4) -> Decimal | None:
    """Round an exact value to ``places`` decimals (banker's rounding) for storage or display."""
    if value is None:
        return None
    fraction = Fraction(value)
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(
        quantum, rounding=ROUND_HALF_EVEN
    )
