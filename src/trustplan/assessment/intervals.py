"""A point's 95% and 99.8% confidence intervals: as stored, or calculated from its counts.

Limits stored with the data are the source's own and are used as they are. For a level with no
stored limits, trustplan calculates them from the point's counts by the value type's method in
:mod:`trustplan.stats` (PHEindicatormethods):

- proportion: Wilson score (``stats.indicators.proportion``);
- rate: Byar's, or exact Poisson below 10 events (``stats.indicators.rate``);
- ratio (an indirectly standardised ratio, numerator observed and denominator expected events):
  the same Poisson limits of the observed count over the expected (PHEindicatormethods
  ``calculate_ISRatio``), which is ``stats.indicators.rate`` with the expected as denominator;
- count: the Poisson interval of the count itself, the numerator or else the value
  (``stats.intervals.poisson_count_interval``);
- mean, directly standardised rate and score: none, as their limits need data a point does not
  carry (the individual values, the age-band variance).
"""

from __future__ import annotations

from dataclasses import dataclass

from trustplan.assessment.inputs import IndicatorSpec, Point
from trustplan.stats.indicators import DEFAULT_CONFIDENCES, Estimate, proportion, rate
from trustplan.stats.intervals import (
    CONFIDENCE_95,
    CONFIDENCE_99_8,
    Interval,
    Method,
    poisson_count_interval,
    poisson_count_method,
)
from trustplan.vocabulary import ValueType


@dataclass(frozen=True)
class PointIntervals:
    """A point's intervals, and how trustplan calculated those that were not stored.

    ``calculated_by`` is None when every interval present was stored with the data (or none could
    be had); ``calculated_95`` says whether the 95% interval is trustplan's own.
    """

    ci_95: Interval | None
    ci_99_8: Interval | None
    calculated_by: Method | None
    calculated_95: bool


NO_INTERVALS = PointIntervals(None, None, None, calculated_95=False)


def point_intervals(point: Point, indicator: IndicatorSpec) -> PointIntervals:
    """The point's intervals: stored limits first, then those its counts give (module docstring)."""
    if point.value is None:
        return NO_INTERVALS
    stored_95 = _stored(point.lower_95, point.upper_95, CONFIDENCE_95)
    stored_99_8 = _stored(point.lower_99_8, point.upper_99_8, CONFIDENCE_99_8)
    if stored_95 is not None and stored_99_8 is not None:
        return PointIntervals(stored_95, stored_99_8, None, calculated_95=False)
    estimate = _calculated(point, point.value, indicator)
    if estimate is None:
        return PointIntervals(stored_95, stored_99_8, None, calculated_95=False)
    return PointIntervals(
        estimate.interval(CONFIDENCE_95) if stored_95 is None else stored_95,
        estimate.interval(CONFIDENCE_99_8) if stored_99_8 is None else stored_99_8,
        estimate.method,
        calculated_95=stored_95 is None,
    )


def _stored(lower: float | None, upper: float | None, confidence: float) -> Interval | None:
    if lower is None or upper is None:
        return None
    return Interval(lower, upper, confidence)


def _calculated(point: Point, value: float, indicator: IndicatorSpec) -> Estimate | None:
    """The estimate the point's counts give, or None when its value type or counts give none."""
    numerator, denominator = point.numerator, point.denominator
    match indicator.value_type:
        case ValueType.PROPORTION if numerator is not None and denominator is not None:
            return proportion(numerator, denominator, multiplier=indicator.multiplier)
        case ValueType.RATE | ValueType.RATIO if numerator is not None and denominator is not None:
            return rate(numerator, denominator, multiplier=indicator.multiplier)
        case ValueType.COUNT:
            count = value if numerator is None else numerator
            return Estimate(
                value=count,
                intervals=tuple(poisson_count_interval(count, c) for c in DEFAULT_CONFIDENCES),
                method=poisson_count_method(count),
            )
    return None
