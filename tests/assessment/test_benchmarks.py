"""Comparisons with England, the region and neighbours, by method and polarity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from tests.assessment.helpers import AREA, PERCENT, quarter, spec
from trustplan.assessment.benchmarks import BenchmarkJudgement, assess_benchmarks
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import AreaValues, Comparator, IndicatorSpec, Point
from trustplan.assessment.latest import assess_latest
from trustplan.assessment.series import build_series
from trustplan.stats.benchmark import Outcome
from trustplan.vocabulary import ComparisonMethod, Polarity

LATEST = quarter(24)  # 2021/22 Q1
STORED = Point(
    period=LATEST,
    value=14.2,
    lower_95=12.9,
    upper_95=15.6,
    lower_99_8=12.1,
    upper_99_8=16.5,
)
HIGH = spec(polarity=Polarity.HIGH_IS_GOOD)
OTHERS = {"A": 8.0, "B": 9.0, "C": 10.0, "D": 11.0, "E": 12.0, "F": 13.0, "G": 15.0, "H": 16.0}


def england(value: float | None) -> Comparator:
    return Comparator(name="England", points=(Point(period=LATEST, value=value),))


def judge(
    comparators: Sequence[Comparator],
    indicator: IndicatorSpec = PERCENT,
    point: Point = STORED,
) -> tuple[BenchmarkJudgement, ...]:
    series = build_series([point], as_of=dt.date(2021, 8, 1), lag_days=None)
    fmt = NumberFormat.of(indicator)
    return assess_benchmarks(
        comparators,
        latest=assess_latest(series, indicator, fmt),
        area_code=AREA,
        indicator=indicator,
        fmt=fmt,
    )


@pytest.mark.parametrize(
    ("indicator", "england_value", "outcome", "explanation"),
    [
        (PERCENT, 11.1, Outcome.WORSE, "Worse than England (95% confidence)"),
        (HIGH, 11.1, Outcome.BETTER, "Better than England (95% confidence)"),
        (PERCENT, 16.0, Outcome.BETTER, "Better than England (95% confidence)"),
        (HIGH, 16.0, Outcome.WORSE, "Worse than England (95% confidence)"),
        (PERCENT, 13.5, Outcome.SIMILAR, "Similar to England"),
        (HIGH, 13.5, Outcome.SIMILAR, "Similar to England"),
        (PERCENT, 12.9, Outcome.SIMILAR, "Similar to England"),  # a touching limit is similar
        (spec(polarity=Polarity.NO_JUDGEMENT), 11.1, Outcome.HIGHER, "Higher than England (95%"),
        (spec(polarity=None), 16.0, Outcome.LOWER, "Lower than England (95% confidence)"),
    ],
)
def test_the_95_percent_interval_against_england_respects_polarity(
    indicator: IndicatorSpec, england_value: float, outcome: Outcome, explanation: str
) -> None:
    (judgement,) = judge([england(england_value)], indicator)
    assert judgement.comparison.outcome is outcome
    assert judgement.period == LATEST
    assert judgement.comparator_value == england_value
    assert judgement.explanation.startswith(explanation)


def test_the_full_sentence() -> None:
    (judgement,) = judge([england(11.1)])
    assert judgement.explanation == (
        "Worse than England (95% confidence): 14.2% (12.9% to 15.6%) against 11.1%."
    )
    (similar,) = judge([england(13.5)])
    assert similar.explanation == "Similar to England: 14.2% (12.9% to 15.6%) against 13.5%."


def test_two_levels_say_which_confidence_the_difference_reaches() -> None:
    two_level = spec(comparison=ComparisonMethod.CI_TWO_LEVEL)
    (far,) = judge([england(11.1)], two_level)
    (near,) = judge([england(12.5)], two_level)
    assert far.comparison.confidence == 0.998
    assert far.explanation.startswith("Worse than England (99.8% confidence): 14.2%")
    assert near.comparison.confidence == 0.95
    assert near.explanation.startswith("Worse than England (95% confidence): 14.2%")


def test_a_comparator_with_no_value_for_the_period_is_said_so() -> None:
    south_east = Comparator(name="South East", points=(Point(period=quarter(23), value=10.0),))
    (judgement,) = judge([south_east])
    assert judgement.comparison.outcome is Outcome.NOT_COMPARED
    assert judgement.explanation == (
        "Not compared with South East: South East has no value for 2021/22 Q1."
    )


def test_no_interval_no_comparison() -> None:
    (judgement,) = judge([england(11.1)], point=Point(period=LATEST, value=14.2))
    assert judgement.explanation == (
        "Not compared with England: 14.2% for 2021/22 Q1 has no 95% confidence interval."
    )
    only_95 = Point(period=LATEST, value=14.2, lower_95=12.9, upper_95=15.6)
    (two_level,) = judge([england(11.1)], spec(comparison=ComparisonMethod.CI_TWO_LEVEL), only_95)
    assert two_level.explanation.endswith("has no 99.8% confidence interval.")


def test_an_indicator_not_benchmarked_or_with_no_value() -> None:
    (none,) = judge([england(11.1)], spec(comparison=ComparisonMethod.NONE))
    assert none.explanation == "Not compared with England: this indicator is not benchmarked."
    (empty,) = judge([england(11.1)], point=Point(period=LATEST, value=None))
    assert empty.explanation == "Not compared with England: there is no value to compare."


QUINTILES = spec(comparison=ComparisonMethod.QUINTILES)


def neighbours(values: dict[str, float | None], period: int = 24) -> Comparator:
    return Comparator(
        name="Statistical neighbours", areas=AreaValues(period=quarter(period), values=values)
    )


@pytest.mark.parametrize(
    ("polarity", "place", "first"),
    [
        (Polarity.LOW_IS_GOOD, 4, "the best"),
        (Polarity.HIGH_IS_GOOD, 2, "the best"),
        (Polarity.NO_JUDGEMENT, 4, "the lowest values"),
    ],
)
def test_quintiles_among_the_neighbours(polarity: Polarity, place: int, first: str) -> None:
    # With 14.2 among the others plus 17.0, the 80th percentile is 15.2, so 14.2 is in band 4.
    group = neighbours({**OTHERS, "I": 17.0, AREA: 99.0})  # the area's stale value is replaced
    (judgement,) = judge([group], spec(comparison=ComparisonMethod.QUINTILES, polarity=polarity))
    assert judgement.quintile == place
    assert judgement.areas == 10
    assert judgement.explanation == (
        f"Quintile {place} of 5 among Statistical neighbours (10 areas with a value; quintile 1 "
        f"holds {first}): 14.2%."
    )


def test_quintiles_need_the_group_for_the_same_period_and_enough_areas() -> None:
    (stale,) = judge([neighbours(OTHERS, period=23)], QUINTILES)
    assert stale.explanation == (
        "Not compared with Statistical neighbours: its member areas' values are for "
        "2020/21 Q4, not 2021/22 Q1."
    )
    (few,) = judge([neighbours({"A": 1.0, "B": 2.0, "C": None, "D": 3.0})], QUINTILES)
    assert few.explanation == (
        "Not compared with Statistical neighbours: quintiles need at least 5 areas with a "
        "value; 4 have one."
    )
    (no_group,) = judge([england(11.1)], QUINTILES)
    assert no_group.explanation == (
        "Not compared with England: quintiles need the values of its member areas, and none "
        "were given."
    )
