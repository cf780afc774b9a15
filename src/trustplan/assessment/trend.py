"""The Fingertips recent trend of the series, explained.

The test is ``stats.trend`` over the latest five periods up to the latest value (so that late data
do not hide a trend already in the numbers), counting only periods since the latest recorded
rebase, as values either side of one are not comparable. A proportion with numerators and
denominators for all five periods uses the chi-squared test for trend in proportions; anything else
uses the weighted regression on the 95% limits (stored, or calculated from counts as
:mod:`trustplan.assessment.intervals` does). Fingertips applies the test to annual data only;
trustplan applies it to the series' own cadence and says which periods it covers. When the five
values are all there but some lack a 95% interval, the explanation says how many do.
"""

from __future__ import annotations

from dataclasses import dataclass

from trustplan.assessment import explain
from trustplan.assessment.inputs import IndicatorSpec, Point
from trustplan.assessment.intervals import point_intervals
from trustplan.assessment.series import Series
from trustplan.periods import Period
from trustplan.stats.trend import (
    POINTS_USED,
    RecentTrend,
    recent_trend,
    recent_trend_for_proportion,
)
from trustplan.vocabulary import ValueType


@dataclass(frozen=True)
class TrendJudgement:
    """The recent-trend marker and the periods it was tested over (the latest five at most)."""

    result: RecentTrend
    periods: tuple[Period, ...]
    explanation: str


def assess_trend(series: Series, *, since: int, indicator: IndicatorSpec) -> TrendJudgement:
    """The recent trend of the series from position ``since`` (see the module docstring)."""
    latest = series.latest_index
    stop = 0 if latest is None else latest + 1
    points = series.points[since:stop]
    periods = series.periods[since:stop][-POINTS_USED:]
    polarity = indicator.judged_polarity
    span = series.count(len(periods))
    if indicator.value_type is ValueType.PROPORTION and _counted(points[-POINTS_USED:]):
        result = recent_trend_for_proportion(
            [_numerator(point) for point in points],
            [_denominator(point) for point in points],
            polarity,
        )
        return TrendJudgement(result, periods, explain.recent_trend(result, span, periods))
    values = [None if point is None else point.value for point in points]
    intervals = [
        None if point is None else point_intervals(point, indicator).ci_95 for point in points
    ]
    result = recent_trend(
        values,
        [None if interval is None else interval.lower for interval in intervals],
        [None if interval is None else interval.upper for interval in intervals],
        polarity,
    )
    latest_values = values[-POINTS_USED:]
    complete = len(latest_values) == POINTS_USED and None not in latest_values
    without_limits = (
        sum(interval is None for interval in intervals[-POINTS_USED:]) if complete else 0
    )
    return TrendJudgement(
        result,
        periods,
        explain.recent_trend(result, span, periods, without_limits=without_limits),
    )


def _counted(points: tuple[Point | None, ...]) -> bool:
    """Whether these points are five, each with a value, a numerator and a denominator."""
    return len(points) == POINTS_USED and all(
        point is not None
        and point.value is not None
        and point.numerator is not None
        and point.denominator is not None
        for point in points
    )


def _numerator(point: Point | None) -> float | None:
    return None if point is None else point.numerator


def _denominator(point: Point | None) -> float | None:
    return None if point is None else point.denominator
