"""Direction of travel: since the previous period and a year earlier, on printed values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from tests.assessment.helpers import PERCENT, points, spec
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec, Point
from trustplan.assessment.series import build_series
from trustplan.assessment.travel import ChangeDirection, DirectionOfTravel, assess_travel
from trustplan.periods import financial_year
from trustplan.vocabulary import Polarity

# 2020/21 Q1 to 2021/22 Q1.
FIVE_QUARTERS = [13.8, 14.0, 14.6, 15.3, 14.2]


def travel(stored: Sequence[Point], indicator: IndicatorSpec = PERCENT) -> DirectionOfTravel:
    series = build_series(stored, as_of=dt.date(2021, 8, 1), lag_days=None)
    return assess_travel(series, indicator=indicator, fmt=NumberFormat.of(indicator))


def test_better_since_last_quarter_and_worse_than_a_year_ago() -> None:
    result = travel(points(FIVE_QUARTERS, first_year=2020))
    assert result.previous is not None
    assert result.previous.direction is ChangeDirection.BETTER
    assert result.previous.difference == Decimal("-1.1")
    assert result.year_earlier is not None
    assert result.year_earlier.direction is ChangeDirection.WORSE
    assert result.explanation == (
        "Better than 2020/21 Q4: down 1.1 points from 15.3%. "
        "Worse than 2020/21 Q1, a year earlier: up 0.4 points from 13.8%."
    )


def test_when_higher_is_better_the_same_moves_swap() -> None:
    result = travel(points(FIVE_QUARTERS, first_year=2020), spec(polarity=Polarity.HIGH_IS_GOOD))
    assert result.previous is not None
    assert result.previous.direction is ChangeDirection.WORSE
    assert result.year_earlier is not None
    assert result.year_earlier.direction is ChangeDirection.BETTER


def test_no_judgement_is_higher_or_lower() -> None:
    result = travel(points(FIVE_QUARTERS, first_year=2020), spec(polarity=Polarity.NO_JUDGEMENT))
    assert result.explanation == (
        "Lower than 2020/21 Q4: down 1.1 points from 15.3%. "
        "Higher than 2020/21 Q1, a year earlier: up 0.4 points from 13.8%."
    )


def test_values_that_print_the_same_are_unchanged() -> None:
    result = travel(points([14.16, 14.24], first_year=2021))
    assert result.previous is not None
    assert result.previous.direction is ChangeDirection.NO_CHANGE
    assert result.explanation == "Unchanged from 2021/22 Q1, at 14.2%."
    assert result.year_earlier is None


def test_a_missing_earlier_value_is_said_not_read_as_zero() -> None:
    result = travel(points([13.8, 14.0, 14.6, None, 14.2], first_year=2020))
    assert result.previous is not None
    assert result.previous.direction is ChangeDirection.NO_DATA
    assert result.previous.difference is None
    assert result.explanation.startswith("No value for 2020/21 Q4 to compare with. Worse than")


def test_annual_data_compare_once() -> None:
    stored = [
        Point(period=financial_year(2019), value=15.0),
        Point(period=financial_year(2020), value=14.0),
    ]
    result = travel(stored)
    assert result.year_earlier is None
    assert result.explanation == "Better than 2019/20: down 1.0 points from 15.0%."


def test_nothing_to_compare() -> None:
    assert travel(points([14.2])).explanation == "There is no earlier period to compare with."
    assert travel([]).explanation == "There is no value to compare with earlier periods."
