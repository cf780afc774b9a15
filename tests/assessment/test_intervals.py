"""Intervals: stored limits as they are, else calculated from counts by the value type's method."""

from __future__ import annotations

import pytest

from tests.assessment.helpers import quarter, spec
from trustplan.assessment.inputs import Point
from trustplan.assessment.intervals import NO_INTERVALS, point_intervals
from trustplan.stats.intervals import Interval, Method
from trustplan.vocabulary import ValueType


def test_a_proportion_s_interval_is_wilson_from_its_counts() -> None:
    point = Point(period=quarter(0), value=14.2, numerator=142, denominator=1000)
    intervals = point_intervals(point, spec())
    assert intervals.ci_95 is not None
    # Wilson (1927) by hand: (2x + z² ∓ z√(z² + 4x(1 − p))) / (2(n + z²)), ×100.
    assert intervals.ci_95.lower == pytest.approx(12.173404, abs=1e-6)
    assert intervals.ci_95.upper == pytest.approx(16.500592, abs=1e-6)
    assert intervals.ci_99_8 is not None
    assert intervals.ci_99_8.lower < intervals.ci_95.lower
    assert intervals.calculated_by is Method.WILSON
    assert intervals.calculated_95


def test_a_rate_s_interval_is_byars_from_its_counts() -> None:
    rate = spec(value_type=ValueType.RATE, multiplier=10_000, unit="per 10,000")
    point = Point(period=quarter(0), value=31.0, numerator=31, denominator=10_000)
    intervals = point_intervals(point, rate)
    assert intervals.calculated_by is Method.BYARS
    assert intervals.ci_95 is not None
    # Byar's by hand for 31 events: O(1 − 1/9O − z/3√O)³ and (O+1)(1 − 1/9(O+1) + z/3√(O+1))³.
    assert (intervals.ci_95.lower, intervals.ci_95.upper) == pytest.approx((21.059141, 44.003528))


def test_a_small_count_s_interval_is_exact_poisson() -> None:
    count = spec(value_type=ValueType.COUNT, multiplier=1, unit="")
    intervals = point_intervals(Point(period=quarter(0), value=4.0), count)
    assert intervals.calculated_by is Method.EXACT_POISSON
    assert intervals.ci_95 is not None
    assert (intervals.ci_95.lower, intervals.ci_95.upper) == pytest.approx((1.089865, 10.241589))


def test_stored_limits_are_used_as_they_are() -> None:
    point = Point(
        period=quarter(0),
        value=14.2,
        numerator=142,
        denominator=1000,
        lower_95=12.9,
        upper_95=15.6,
        lower_99_8=12.1,
        upper_99_8=16.5,
    )
    intervals = point_intervals(point, spec())
    assert intervals.ci_95 == Interval(12.9, 15.6, 0.95)
    assert intervals.ci_99_8 == Interval(12.1, 16.5, 0.998)
    assert intervals.calculated_by is None


def test_a_missing_level_is_calculated_beside_a_stored_one() -> None:
    point = Point(
        period=quarter(0), value=14.2, numerator=142, denominator=1000, lower_95=12.9, upper_95=15.6
    )
    intervals = point_intervals(point, spec())
    assert intervals.ci_95 == Interval(12.9, 15.6, 0.95)
    assert intervals.ci_99_8 is not None
    assert intervals.calculated_by is Method.WILSON
    assert not intervals.calculated_95


@pytest.mark.parametrize("value_type", [ValueType.SCORE, ValueType.MEAN, ValueType.DSR])
def test_no_interval_is_invented_where_the_counts_cannot_give_one(value_type: ValueType) -> None:
    point = Point(period=quarter(0), value=14.2, numerator=142, denominator=1000)
    assert point_intervals(point, spec(value_type=value_type)) == NO_INTERVALS


def test_a_proportion_without_counts_or_limits_has_no_interval() -> None:
    assert point_intervals(Point(period=quarter(0), value=14.2), spec()) == NO_INTERVALS
