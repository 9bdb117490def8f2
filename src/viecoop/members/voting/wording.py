"""How numbers read in the French explanations (shown on screen and in the minutes)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction


def _percent(value: Fraction) -> str:
    """French percentage, one decimal, half up; no decimal when the value is a whole percent."""
    hundred = Fraction(value) * 100
    if hundred.denominator == 1:
        return f"{hundred.numerator} %"
    tenths = math.floor(hundred * 10 + Fraction(1, 2))
    return f"{tenths // 10},{tenths % 10} %"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _members(count: int) -> str:
    return f"{_number(count)} associé{'s' if count > 1 else ''}"


def _ids(ids: Iterable[int]) -> str:
    return ", ".join(str(i) for i in ids)
