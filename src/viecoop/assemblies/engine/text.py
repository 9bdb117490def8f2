"""Numbers and percentages for explanations, in the active language (French by default).

Exact values stay in the results' ``Fraction`` fields; these helpers only render them. A
percentage compared with a threshold is never rounded onto the threshold: 19.96 % is shown
"19,96 %", not "20,0 %", next to "≥ 20 % required".
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import number_format

NBSP = "\u00a0"


def number(value: int) -> str:
    """An integer with the language's thousands separator ("1 004" in French)."""
    return number_format(value, force_grouping=True)


def _rounded_percent(value: Fraction, decimals: int) -> str:
    hundred = Fraction(value) * 100
    scale = 10**decimals
    scaled = math.floor(hundred * scale + Fraction(1, 2))  # half up
    return number_format(Decimal(scaled).scaleb(-decimals), decimals, force_grouping=True)


def percent(value: Fraction, decimals: int = 1) -> str:
    """A percentage: whole percents without decimals ("20 %"), else ``decimals`` half up."""
    hundred = Fraction(value) * 100
    if hundred.denominator == 1:
        return f"{number(hundred.numerator)}{NBSP}%"
    return f"{_rounded_percent(value, decimals)}{NBSP}%"


def percent_near(value: Fraction, threshold: Fraction) -> str:
    """``value`` as a percentage with enough decimals not to look equal to ``threshold``.

    When the value is not exactly the threshold, decimals are added (up to 6) until the rounded
    value differs from the rounded threshold, so that the explanation never shows "20,0 % < 20 %".
    """
    value, threshold = Fraction(value), Fraction(threshold)
    if value == threshold or (value * 100).denominator == 1:
        return percent(value)
    for decimals in range(1, 7):
        shown = _rounded_percent(value, decimals)
        if shown != _rounded_percent(threshold, decimals):
            return f"{shown}{NBSP}%"
    return f"{_rounded_percent(value, 6)}{NBSP}%"


def threshold(value: Fraction) -> str:
    """A rule's threshold: "50 %" when it is a whole percent, else the exact fraction ("2/3")."""
    value = Fraction(value)
    return percent(value) if (value * 100).denominator == 1 else fraction(value)


def fraction(value: Fraction) -> str:
    """A fraction as printed in the rules ("1/5"), or an integer."""
    value = Fraction(value)
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def join(lines: list[str]) -> tuple[str, ...]:
    return tuple(str(line) for line in lines)
