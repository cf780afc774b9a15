"""The latest value against each comparator, by the indicator's Fingertips comparison method.

- ``ci_95``: the area's 95% interval against the comparator's value for the same period
  (``stats.benchmark.compare_with_value``, Fingertips method 1);
- ``ci_two_level``: the 95% and 99.8% intervals against it (``compare_with_value_two_levels``,
  method 17);
- ``quintiles``: the area's place among the values of the comparator's member areas for the same
  period (``stats.benchmark.quintile``, method 15), the area's own latest value standing for it
  whatever the group's values say, so it is always counted once and up to date;
- ``none``: not compared.

Differences are judged with the indicator's polarity (better/worse, or higher/lower when neither
is better or none is recorded). Every comparison is for the latest period with a value; a
comparator with no value for that period is not compared, and the explanation says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trustplan.assessment import explain
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import Comparator, IndicatorSpec
from trustplan.assessment.latest import LatestValue
from trustplan.periods import Period
from trustplan.stats.benchmark import (
    NOT_COMPARED,
    Comparison,
    compare_with_value,
    compare_with_value_two_levels,
    quintile,
)
from trustplan.vocabulary import ComparisonMethod


@dataclass(frozen=True)
class BenchmarkJudgement:
    """One comparator's judgement for ``period`` (the latest period with a value).

    ``comparison`` is the CI methods' outcome (not compared otherwise); ``quintile`` and ``areas``
    (how many areas had a value) are the quintile method's.
    """

    comparator: str
    method: ComparisonMethod
    period: Period | None
    comparator_value: float | None
    comparison: Comparison
    quintile: int | None
    areas: int | None
    explanation: str


def assess_benchmarks(
    comparators: Sequence[Comparator],
    *,
    latest: LatestValue,
    area_code: str,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> tuple[BenchmarkJudgement, ...]:
    """Each comparator's judgement (see the module docstring)."""
    return tuple(
        _judge(comparator, latest, area_code, indicator, fmt) for comparator in comparators
    )


def _judge(
    comparator: Comparator,
    latest: LatestValue,
    area_code: str,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> BenchmarkJudgement:
    name, method = comparator.name, indicator.comparison
    point = latest.point
    value = latest.value
    if method is ComparisonMethod.NONE:
        return _not_compared(comparator, method, None, None, "this indicator is not benchmarked")
    if point is None or value is None:
        return _not_compared(comparator, method, None, None, "there is no value to compare")
    period = point.period
    if method is ComparisonMethod.QUINTILES:
        return _quintile(comparator, period, value, area_code, indicator, fmt)
    benchmark = comparator.value_for(period)
    ci_95, ci_99_8 = latest.intervals.ci_95, latest.intervals.ci_99_8
    if benchmark is None:
        return _not_compared(comparator, method, period, None, f"{name} has no value for {period}")
    if ci_95 is None or (method is ComparisonMethod.CI_TWO_LEVEL and ci_99_8 is None):
        level = "95%" if ci_95 is None else "99.8%"
        reason = f"{fmt.value(value)} for {period} has no {level} confidence interval"
        return _not_compared(comparator, method, period, benchmark, reason)
    polarity = indicator.judged_polarity
    comparison = (
        compare_with_value_two_levels(ci_95, ci_99_8, benchmark, polarity)
        if method is ComparisonMethod.CI_TWO_LEVEL
        else compare_with_value(ci_95, benchmark, polarity)
    )
    return BenchmarkJudgement(
        comparator=name,
        method=method,
        period=period,
        comparator_value=benchmark,
        comparison=comparison,
        quintile=None,
        areas=None,
        explanation=explain.benchmark(name, comparison, value, ci_95, benchmark, fmt),
    )


def _quintile(
    comparator: Comparator,
    period: Period,
    value: float,
    area_code: str,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> BenchmarkJudgement:
    method = ComparisonMethod.QUINTILES
    group = comparator.areas
    if group is None:
        reason = "quintiles need the values of its member areas, and none were given"
        return _not_compared(comparator, method, period, None, reason)
    if group.period != period:
        reason = f"its member areas' values are for {group.period}, not {period}"
        return _not_compared(comparator, method, period, None, reason)
    values = {**group.values, area_code: value}
    areas = sum(v is not None for v in values.values())
    place = quintile(value, list(values.values()), indicator.judged_polarity)
    if place is None:
        reason = f"quintiles need at least 5 areas with a value; {areas} have one"
        return _not_compared(comparator, method, period, None, reason)
    return BenchmarkJudgement(
        comparator=comparator.name,
        method=method,
        period=period,
        comparator_value=None,
        comparison=NOT_COMPARED,
        quintile=place,
        areas=areas,
        explanation=explain.quintile(
            comparator.name, place, areas, indicator.judged_polarity, value, fmt
        ),
    )


def _not_compared(
    comparator: Comparator,
    method: ComparisonMethod,
    period: Period | None,
    benchmark: float | None,
    reason: str,
) -> BenchmarkJudgement:
    return BenchmarkJudgement(
        comparator=comparator.name,
        method=method,
        period=period,
        comparator_value=benchmark,
        comparison=NOT_COMPARED,
        quintile=None,
        areas=None,
        explanation=explain.not_compared(comparator.name, reason),
    )
