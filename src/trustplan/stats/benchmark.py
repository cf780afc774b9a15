"""Fingertips benchmarking: is an area better, similar or worse than England, a region or a target?

Each function is one of Fingertips' comparator methods, as implemented in the open-sourced
Fingertips code (``ukhsa-collaboration/fingertips-open``, ``PholioVisualisationWS/Analysis``) and
its successor FingertipsNext (``BenchmarkComparisonEngine``):

- :func:`compare_with_value`: the area's 95% CI against the benchmark value (method 1), the usual
  "compared with England"; a CI that touches the benchmark counts as similar;
- :func:`compare_with_value_two_levels`: 95% and 99.8% CIs against the value (method 17);
- :func:`compare_intervals`: the area's and the benchmark's CIs overlap or not (method 12);
- :func:`compare_spc_proportion` and :func:`compare_spc_dsr`: the area's value against control
  limits around the benchmark at the area's own denominator (methods 5 and 6);
- :func:`quintile` and :func:`quartile`: the area's place in the distribution (methods 15, 16);
- :func:`compare_with_target`, :func:`compare_interval_with_target` and
  :func:`compare_with_target_range`: against a goal;
- :func:`compare_each_period` and :func:`compare_segments_with_reference`: a series year by year,
  and inequality benchmarking of segments (e.g. sexes) against the whole (FingertipsNext).

A significant difference is judged by polarity: higher is better when high is good, worse when low
is good, and just "higher" when there is no judgement. A missing input or polarity gives "not
compared". Source of the rules: ``../shared/reference/fingertips/benchmarking_rules.md``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Final, TypeVar

from trustplan.stats.indicators import Estimate
from trustplan.stats.intervals import (
    CONFIDENCE_95,
    Interval,
    poisson_lower_mean,
    poisson_upper_mean,
    wilson_interval,
)
from trustplan.vocabulary import Polarity

Period = TypeVar("Period", bound=Hashable)
Segment = TypeVar("Segment", bound=Hashable)

QUINTILES: Final = 5
QUARTILES: Final = 4
_MINIMUM_VALUES_FOR_BOUNDS: Final = 4


class Outcome(StrEnum):
    """The result of comparing an area with a benchmark or target."""

    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    NOT_COMPARED = "not_compared"


@dataclass(frozen=True)
class Comparison:
    """An outcome and, for the two-level method, the confidence level of a difference.

    ``confidence`` is 0.95 or 0.998 when :func:`compare_with_value_two_levels` finds a difference
    ("Better 95%", "Worse 99.8%"), and None otherwise.
    """

    outcome: Outcome
    confidence: float | None = None

    @property
    def label(self) -> str:
        """Fingertips' legend wording: "Similar", "Better 99.8%", "Lower", "Not compared"…"""
        words = self.outcome.value.replace("_", " ").capitalize()
        if self.confidence is None:
            return words
        return f"{words} {self.confidence * 100:g}%"


NOT_COMPARED: Final = Comparison(Outcome.NOT_COMPARED)


class _Direction(IntEnum):
    LOWER = -1
    SIMILAR = 0
    HIGHER = 1


def compare_with_value(
    interval: Interval | None, benchmark: float | None, polarity: Polarity | None
) -> Comparison:
    """The area's confidence interval against the benchmark's value.

    Method: Fingertips comparator 1, "single overlapping CIs for one CI level"
    (``SingleOverlappingCIsForOneCILevelComparer``; FingertipsNext ``BenchmarkComparisonEngine``):
    a benchmark inside the interval, limits included, is similar; otherwise the area is
    significantly higher or lower, judged by polarity. Pass the 95% interval for Fingertips'
    usual comparison. A missing interval, benchmark or polarity gives not compared.
    """
    if interval is None or benchmark is None:
        return NOT_COMPARED
    return _judged(_direction_of_interval(interval, benchmark), polarity)


def compare_with_value_two_levels(
    interval_95: Interval | None,
    interval_99_8: Interval | None,
    benchmark: float | None,
    polarity: Polarity | None,
) -> Comparison:
    """The area's 95% and 99.8% confidence intervals against the benchmark's value.

    Method: Fingertips comparator 17, "single overlapping CIs for two CI levels"
    (``SingleOverlappingCIsForTwoCILevelsComparer``): a benchmark inside the 95% interval is
    similar; outside it but inside the 99.8% interval the difference is significant at 95%
    ("Better 95%"); outside the 99.8% interval, at 99.8% ("Better 99.8%"). Limits count as inside.
    A missing interval, benchmark or polarity gives not compared.
    """
    if interval_95 is None or interval_99_8 is None or benchmark is None:
        return NOT_COMPARED
    direction = _direction_of_interval(interval_95, benchmark)
    judged = _judged(direction, polarity)
    if direction is _Direction.SIMILAR or judged is NOT_COMPARED:
        return judged
    within_99_8 = interval_99_8.contains(benchmark)
    return Comparison(
        judged.outcome, interval_95.confidence if within_99_8 else interval_99_8.confidence
    )


def compare_intervals(
    area: Interval | None, benchmark: Interval | None, polarity: Polarity | None
) -> Comparison:
    """The area's confidence interval against the benchmark's.

    Method: Fingertips comparator 12, "double overlapping CIs" (``DoubleOverlappingCIsComparer``):
    overlapping intervals, touching included, are similar; otherwise the area is higher or lower,
    judged by polarity. A missing interval or polarity gives not compared.
    """
    if area is None or benchmark is None:
        return NOT_COMPARED
    if area.lower > benchmark.upper:
        return _judged(_Direction.HIGHER, polarity)
    if area.upper < benchmark.lower:
        return _judged(_Direction.LOWER, polarity)
    return _judged(_Direction.SIMILAR, polarity)


def compare_spc_proportion(
    value: float | None,
    denominator: float | None,
    benchmark: float | None,
    polarity: Polarity | None,
    *,
    confidence: float = CONFIDENCE_95,
    unit: float = 100,
) -> Comparison:
    """An area's proportion against SPC control limits around the benchmark proportion.

    Method: Fingertips comparator 5, "SPC for proportions" (``SpcForProportionsComparer``): with
    P0 = benchmark/unit and N the area's denominator, the control limits are the Wilson score
    interval of the expected count N·P0 out of N (Wilson, 1927); an area proportion (value/unit)
    above the upper limit is higher, below the lower limit lower, judged by polarity. Fingertips
    rounds z to 1.96 and 3.0902; here z is exact for ``confidence``. A missing value, benchmark or
    polarity, or a missing or non-positive denominator, gives not compared.

    Raises:
        ValueError: if the benchmark lies outside 0 to ``unit``.
    """
    if value is None or benchmark is None or denominator is None or denominator <= 0:
        return NOT_COMPARED
    if not 0 <= benchmark <= unit:
        raise ValueError(
            f"benchmark ({benchmark!r}) must lie between 0 and the unit ({unit!r}) for a proportion"
        )
    limits = wilson_interval(denominator * benchmark / unit, denominator, confidence)
    return _judged(_direction_against_limits(value / unit, limits), polarity)


def compare_spc_dsr(
    value: float | None,
    population: float | None,
    benchmark: float | None,
    polarity: Polarity | None,
    *,
    confidence: float = CONFIDENCE_95,
    unit: float = 100_000,
) -> Comparison:
    """An area's directly standardised rate against Poisson control limits around the benchmark.

    Method: Fingertips comparator 6, "SPC for DSRs" (``SpcForDsrComparer``): with
    E = benchmark × population/unit, the control limits are the Poisson means at which E lies on the
    (1 − confidence)/2 tails (:func:`trustplan.stats.intervals.poisson_lower_mean` and
    ``poisson_upper_mean``, Fingertips' ``PoisLow``/``PoisHigh`` bisection) divided by the
    population and multiplied by the unit. A rate above the upper limit is higher, below the lower
    limit lower, judged by polarity. A missing value, benchmark or polarity, or a missing or
    non-positive population, gives not compared.
    """
    if value is None or benchmark is None or population is None or population <= 0:
        return NOT_COMPARED
    expected = benchmark * population / unit
    tail = (1 - confidence) / 2
    limits = Interval(
        poisson_lower_mean(expected, tail) / population * unit,
        poisson_upper_mean(expected, tail) / population * unit,
        confidence,
    )
    return _judged(_direction_against_limits(value, limits), polarity)


def percentile_inc(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` percentile of ``values`` by linear interpolation, rounded to 10 places.

    Method: Excel PERCENTILE.INC / R quantile type 7, as Fingertips ``ValueCategoriesCalculator``:
    position h = (N − 1)·fraction + 1 in the sorted values, interpolated between its neighbours and
    rounded to 10 decimal places (Fingertips' guard against floating-point artefacts such as
    30.8000000000000006).

    Raises:
        ValueError: if there are no values or the fraction is outside [0, 1].
    """
    if not values:
        raise ValueError("values must hold at least one number for a percentile")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must lie between 0 and 1; got {fraction!r}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction + 1
    if position == 1:
        return ordered[0]
    if position == len(ordered):
        return ordered[-1]
    whole = int(position)
    below = ordered[whole - 1]
    return round(below + (position - whole) * (ordered[whole] - below), 10)


def category_bounds(values: Sequence[float | None], categories: int) -> tuple[float, ...]:
    """The bounds of ``categories`` equal-frequency bands: min, the interior percentiles, max.

    Method: Fingertips ``ValueCategoriesCalculator.GetCategoryBounds``: the k/categories
    percentiles by :func:`percentile_inc`, after dropping missing values. Fewer than 4 values give
    no bounds (an empty tuple).

    Raises:
        ValueError: if ``categories`` is below 2.
    """
    if categories < 2:
        raise ValueError(f"categories must be at least 2; got {categories!r}")
    present = [value for value in values if value is not None]
    if len(present) < _MINIMUM_VALUES_FOR_BOUNDS:
        return ()
    step = 1.0 / categories
    interior = tuple(percentile_inc(present, step * k) for k in range(1, categories))
    return (min(present), *interior, max(present))


def quintile(
    value: float | None, values: Sequence[float | None], polarity: Polarity | None
) -> int | None:
    """The Fingertips quintile (1 to 5) of ``value`` among all areas' ``values``.

    Method: Fingertips comparator 15 (``QuintilesComparer``): the first band whose upper bound
    (:func:`category_bounds`) is at least the value; numbered from the lowest values, except that
    under high-is-good the numbering is reversed so 1 is best. No significance test is made. A
    missing value, or fewer than 5 values, gives None ("not applicable").

    Raises:
        ValueError: if the value lies above every one of ``values``.
    """
    category = _category(value, values, QUINTILES)
    if category is None or polarity is not Polarity.HIGH_IS_GOOD:
        return category
    return QUINTILES + 1 - category


def quartile(value: float | None, values: Sequence[float | None]) -> int | None:
    """The Fingertips quartile (1 to 4, 1 holding the lowest values) of ``value`` among ``values``.

    Method: Fingertips comparator 16 (``QuartilesComparer``), as :func:`quintile` with four bands
    and, as in Fingertips, no reversal for polarity. A missing value, or fewer than 4 values,
    gives None ("not applicable").

    Raises:
        ValueError: if the value lies above every one of ``values``.
    """
    return _category(value, values, QUARTILES)


def compare_with_target(
    value: float | None, target: float | None, polarity: Polarity | None
) -> Comparison:
    """An area's value against a single target value.

    Method: Fingertips ``SingleValueTargetComparer``: meeting the target exactly counts as meeting
    it, so a value at or above the target is better under high-is-good (at or below it under
    low-is-good), and otherwise worse. With no judgement the value is higher, lower or similar
    (equal). A missing value, target or polarity gives not compared.
    """
    if value is None or target is None:
        return NOT_COMPARED
    if polarity is Polarity.HIGH_IS_GOOD:
        return _judged(_Direction.HIGHER if value >= target else _Direction.LOWER, polarity)
    if polarity is Polarity.LOW_IS_GOOD:
        return _judged(_Direction.LOWER if value <= target else _Direction.HIGHER, polarity)
    return _judged(_Direction((value > target) - (value < target)), polarity)


def compare_interval_with_target(
    interval: Interval | None, target: float | None, polarity: Polarity | None
) -> Comparison:
    """An area's confidence interval against a single target value.

    Method: Fingertips ``SingleValueTargetComparer`` with "assess limit against area CIs": a lower
    limit at or above the target is higher, an upper limit below it lower, and otherwise similar;
    judged by polarity. A missing interval, target or polarity gives not compared.
    """
    if interval is None or target is None:
        return NOT_COMPARED
    if interval.lower >= target:
        return _judged(_Direction.HIGHER, polarity)
    if interval.upper < target:
        return _judged(_Direction.LOWER, polarity)
    return _judged(_Direction.SIMILAR, polarity)


def compare_with_target_range(
    value: float | None, lower: float, upper: float, polarity: Polarity | None
) -> Comparison:
    """An area's value against a target range [lower, upper).

    Method: Fingertips ``RangeTargetComparer``, and ``BespokeTargetPercentileRangeComparer`` when
    the limits are percentiles of all areas' values (see :func:`percentile_inc`): below ``lower``
    is lower, at or above ``upper`` higher, otherwise similar; judged by polarity. A missing value
    or polarity gives not compared.

    Raises:
        ValueError: if ``lower`` is greater than ``upper``.
    """
    if lower > upper:
        raise ValueError(f"lower ({lower!r}) must not be greater than upper ({upper!r})")
    if value is None:
        return NOT_COMPARED
    if value < lower:
        return _judged(_Direction.LOWER, polarity)
    if value >= upper:
        return _judged(_Direction.HIGHER, polarity)
    return _judged(_Direction.SIMILAR, polarity)


def compare_each_period(
    area: Mapping[Period, Estimate],
    benchmark: Mapping[Period, float | None],
    polarity: Polarity | None,
    *,
    confidence: float = CONFIDENCE_95,
) -> dict[Period, Comparison]:
    """Each period of an area's series against the benchmark's value for the same period.

    Method: FingertipsNext ``BenchmarkComparisonEngine`` (CI overlapping the reference value):
    :func:`compare_with_value` per period, using the area's interval at ``confidence``; a period
    with no benchmark value, or no interval, is not compared.
    """
    return {
        period: compare_with_value(estimate.interval(confidence), benchmark.get(period), polarity)
        for period, estimate in area.items()
    }


def compare_segments_with_reference(
    segments: Mapping[Segment, Mapping[Period, Estimate]],
    reference: Segment,
    polarity: Polarity | None,
    *,
    confidence: float = CONFIDENCE_95,
) -> dict[Segment, dict[Period, Comparison]]:
    """Inequality benchmarking: each segment's series against the reference segment's values.

    Method: FingertipsNext ``BenchmarkComparisonEngine`` inequality benchmarking, e.g. females
    and males against persons in the same area: :func:`compare_each_period` against the
    reference segment's values; the reference segment itself is not compared.

    Raises:
        ValueError: if ``reference`` is not one of the segments.
    """
    if reference not in segments:
        raise ValueError(f"reference {reference!r} is not one of the segments {list(segments)!r}")
    reference_values = {period: estimate.value for period, estimate in segments[reference].items()}
    return {
        name: (
            dict.fromkeys(series, NOT_COMPARED)
            if name == reference
            else compare_each_period(series, reference_values, polarity, confidence=confidence)
        )
        for name, series in segments.items()
    }


def _direction_of_interval(interval: Interval, benchmark: float) -> _Direction:
    """Where the area's interval lies relative to the benchmark value; touching is similar."""
    if interval.lower > benchmark:
        return _Direction.HIGHER
    if interval.upper < benchmark:
        return _Direction.LOWER
    return _Direction.SIMILAR


def _direction_against_limits(value: float, limits: Interval) -> _Direction:
    """Where the area's value lies relative to control limits; on a limit is similar."""
    if value > limits.upper:
        return _Direction.HIGHER
    if value < limits.lower:
        return _Direction.LOWER
    return _Direction.SIMILAR


def _judged(direction: _Direction, polarity: Polarity | None) -> Comparison:
    """Turn a direction into an outcome by polarity (Fingertips ``AdjustForPolarity``)."""
    if polarity is None:
        return NOT_COMPARED
    if direction is _Direction.SIMILAR:
        return Comparison(Outcome.SIMILAR)
    higher = direction is _Direction.HIGHER
    if polarity is Polarity.HIGH_IS_GOOD:
        return Comparison(Outcome.BETTER if higher else Outcome.WORSE)
    if polarity is Polarity.LOW_IS_GOOD:
        return Comparison(Outcome.WORSE if higher else Outcome.BETTER)
    return Comparison(Outcome.HIGHER if higher else Outcome.LOWER)


def _category(value: float | None, values: Sequence[float | None], categories: int) -> int | None:
    present = [number for number in values if number is not None]
    if value is None or len(present) < categories:
        return None
    bounds = category_bounds(present, categories)
    for category in range(1, categories + 1):
        if value <= bounds[category]:
            return category
    raise ValueError(f"value {value!r} lies above all of the values it is placed among")
