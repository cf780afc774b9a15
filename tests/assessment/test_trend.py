"""The Fingertips recent trend over the latest five periods, with its wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tests.assessment.helpers import PERCENT, counted, points, spec
from trustplan.assessment.inputs import IndicatorSpec, Point
from trustplan.assessment.series import build_series
from trustplan.assessment.trend import TrendJudgement, assess_trend
from trustplan.stats.trend import TrendMethod, TrendOutcome
from trustplan.vocabulary import Polarity, ValueType

RISING = [10.0, 12.0, 14.0, 16.0, 18.0]


def trend(
    stored: Sequence[Point],
    indicator: IndicatorSpec = PERCENT,
    *,
    since: int = 0,
    as_of: dt.date = dt.date(2016, 7, 1),
) -> TrendJudgement:
    series = build_series(stored, as_of=as_of, lag_days=None)
    return assess_trend(series, since=since, indicator=indicator)


def test_a_rising_proportion_is_getting_worse_when_lower_is_better() -> None:
    judgement = trend(counted(RISING))
    assert judgement.result.method is TrendMethod.CHI_SQUARED_FOR_TREND
    assert judgement.result.outcome is TrendOutcome.INCREASING_AND_GETTING_WORSE
    assert judgement.explanation == (
        "Increasing and getting worse (99.8% significance) over the latest 5 quarters, "
        "2015/16 Q1 to 2016/17 Q1."
    )


def test_without_counts_the_weighted_method_uses_the_limits() -> None:
    high = spec(polarity=Polarity.HIGH_IS_GOOD)
    stored = [
        Point(period=p.period, value=p.value, lower_95=p.value - 0.5, upper_95=p.value + 0.5)
        for p in points(RISING)
        if p.value is not None
    ]
    judgement = trend(stored, high)
    assert judgement.result.method is TrendMethod.WEIGHTED_REGRESSION
    assert judgement.result.outcome is TrendOutcome.INCREASING_AND_GETTING_BETTER
    assert judgement.explanation.startswith("Increasing and getting better (99.8% significance)")


def test_no_judgement_says_only_which_way() -> None:
    judgement = trend(counted(RISING), spec(polarity=Polarity.NO_JUDGEMENT))
    assert judgement.result.outcome is TrendOutcome.INCREASING
    assert judgement.explanation.startswith("Increasing (99.8% significance) over the latest")


def test_a_flat_series_has_no_significant_change() -> None:
    judgement = trend(counted([14.0, 14.1, 13.9, 14.0, 14.1, 14.0]))
    assert judgement.result.outcome is TrendOutcome.NO_SIGNIFICANT_CHANGE
    assert judgement.explanation == (
        "No significant change over the latest 5 quarters, 2015/16 Q2 to 2016/17 Q2."
    )


def test_late_data_do_not_hide_the_trend_in_the_numbers() -> None:
    judgement = trend(counted(RISING), as_of=dt.date(2017, 6, 1))
    assert judgement.result.outcome is TrendOutcome.INCREASING_AND_GETTING_WORSE


def test_too_few_periods_or_too_few_since_a_rebase() -> None:
    assert trend(counted(RISING[:3])).explanation == (
        "The recent trend cannot be calculated: needs 5 periods of data; got 3."
    )
    assert trend(counted(RISING), since=2).explanation == (
        "The recent trend cannot be calculated: needs 5 periods of data; got 3."
    )


def test_values_without_intervals_are_named_as_the_reason() -> None:
    score = spec(value_type=ValueType.SCORE)
    assert trend(points(RISING), score).explanation == (
        "The recent trend cannot be calculated: 5 of the latest 5 values have no 95% "
        "confidence interval."
    )
    gap = trend(points([10.0, 12.0, None, 16.0, 18.0]), score)
    assert gap.explanation == (
        "The recent trend cannot be calculated: a value is missing in the latest 5 periods."
    )
