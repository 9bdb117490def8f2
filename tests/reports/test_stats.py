"""Quantiles of the barometer: hand-computed cases, and the reference implementation."""

import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viecoop.reports.stats import distribution, quantile, to_decimal


def test_hand_computed_quartiles_of_an_even_count():
    # 1, 2, 3, 4: h = 3p. Q1: h = 0.75 → 1 + 0.75 × 1 = 1.75; median 2.5; Q3: h = 2.25 → 3.25.
    dist = distribution([4, 1, 3, 2])
    assert (dist.q1, dist.median, dist.q3) == (Fraction(7, 4), Fraction(5, 2), Fraction(13, 4))
    assert (dist.minimum, dist.maximum, dist.count) == (1, 4, 4)


def test_hand_computed_quartiles_of_an_odd_count():
    # 10, 20, 30, 40, 50: h = 4p → Q1 = x[1] = 20, median = x[2] = 30, Q3 = x[3] = 40.
    dist = distribution([50, 10, 40, 20, 30])
    assert (dist.q1, dist.median, dist.q3) == (20, 30, 40)


def test_decimals_stay_exact():
    # 0.1, 0.2, 0.4: median 0.2; Q1 at h = 0.5 → 0.15 exactly, no float noise.
    dist = distribution([Decimal("0.1"), Decimal("0.2"), Decimal("0.4")])
    assert dist.q1 == Fraction(3, 20)
    assert to_decimal(dist.q3) == Decimal("0.3000")


def test_one_value_and_none_values():
    dist = distribution([None, 7, None])
    assert (dist.count, dist.q1, dist.median, dist.q3) == (1, 7, 7, 7)
    assert distribution([None, None]) is None


def test_position_in_the_network():
    dist = distribution([10, 20, 30, 40, 50])
    assert [dist.position(v) for v in (5, 20, 25, 30, 40, 41)] == [1, 2, 2, 3, 3, 4]


def test_floats_are_refused_and_p_is_checked():
    with pytest.raises(TypeError):
        quantile([1.5, 2.0], Fraction(1, 2))
    with pytest.raises(ValueError):
        quantile([1, 2], Fraction(3, 2))
    with pytest.raises(ValueError):
        quantile([], Fraction(1, 2))


def test_rounding_for_display_is_bankers():
    assert to_decimal(Fraction(1, 8), 2) == Decimal("0.12")
    assert to_decimal(Fraction(3, 8), 2) == Decimal("0.38")
    assert to_decimal(None) is None


@given(st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=2, max_size=60))
def test_same_as_pythons_inclusive_method(values):
    # statistics.quantiles(method="inclusive") is Hyndman & Fan type 7 too; with Fractions
    # it computes exactly, so both must agree to the last digit.
    reference = statistics.quantiles([Fraction(v) for v in values], n=4, method="inclusive")
    dist = distribution(values)
    assert [dist.q1, dist.median, dist.q3] == reference


@given(st.lists(st.decimals(min_value=-1000, max_value=1000, places=2), min_size=1, max_size=40))
def test_quartiles_are_ordered_and_within_bounds(values):
    dist = distribution(values)
    assert dist.minimum <= dist.q1 <= dist.median <= dist.q3 <= dist.maximum
