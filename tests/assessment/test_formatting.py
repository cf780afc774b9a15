"""Numbers print with the indicator's decimals and unit, rounded half away from zero."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from trustplan.assessment.formatting import NumberFormat, long_date, probability, rounded
from trustplan.stats.intervals import Interval

PERCENT = NumberFormat(1, "%")
PER_10K = NumberFormat(1, "per 10,000")
BARE = NumberFormat(0, "")


@pytest.mark.parametrize(
    ("number", "decimals", "expected"),
    [
        (14.25, 1, Decimal("14.3")),  # half away from zero, as Excel's ROUND
        (2.675, 2, Decimal("2.68")),  # as written, although the binary value is just below
        (-14.25, 1, Decimal("-14.3")),
        (-0.04, 1, Decimal("0.0")),  # no negative zero
        (1234.5, 0, Decimal("1235")),
    ],
)
def test_rounding_is_half_away_from_zero_on_the_value_as_written(
    number: float, decimals: int, expected: Decimal
) -> None:
    assert rounded(number, decimals) == expected
    assert str(rounded(number, decimals)) == str(expected)


def test_values_carry_their_unit() -> None:
    assert PERCENT.value(14.2) == "14.2%"
    assert PER_10K.value(312.44) == "312.4 per 10,000"
    assert BARE.value(12345.6) == "12,346"
    assert NumberFormat(1, "% of pupils").value(61.04) == "61.0% of pupils"
    assert PERCENT.interval(Interval(12.94, 15.55, 0.95)) == "12.9% to 15.6%"


def test_differences_in_a_percentage_are_points() -> None:
    assert PERCENT.difference(-2.2) == "2.2 points"
    assert NumberFormat(0, "%").difference(1) == "1 point"
    assert PER_10K.difference(12) == "12.0 per 10,000"
    assert BARE.difference(-3) == "3"


def test_a_tolerance_keeps_the_places_it_was_set_with() -> None:
    assert PERCENT.tolerance(0.5) == "the 0.5-point tolerance"
    assert PERCENT.tolerance(0.25) == "the 0.25-point tolerance"
    assert PER_10K.tolerance(5) == "the tolerance of 5.0 per 10,000"


def test_dates_and_probabilities() -> None:
    assert long_date(dt.date(2021, 12, 30)) == "30 December 2021"
    assert probability(0.8149) == "0.81"
    assert probability(0.001) == "below 0.01"
    assert probability(0.999) == "above 0.99"
