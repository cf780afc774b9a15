"""Funnel plots: control limits around the all-area average, and each area's significance.

As PHEindicatormethods ``calculate_funnel_limits``, ``assign_funnel_significance`` and
``calculate_funnel_points``, following the PHE/Fingertips "Technical Guide – Funnel Plots":

- proportions: limits from the Wilson score method around the overall proportion;
- ratios (observed / expected counts) and rates (crude or directly standardised): limits from
  exact Poisson bounds found by bisection;
- significance: whether an area lies beyond the 95% ("0.025") or 99.8% ("0.001") limits.

Each limits table has 100 points spread along the x-axis (population for proportions, observed
events for ratios, events for rates), closer together where the funnel bends most.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from trustplan.stats._checks import (
    require_non_negative,
    require_positive,
    require_proportion,
    require_same_length,
)
from trustplan.stats.intervals import (
    CONFIDENCE_95,
    CONFIDENCE_99_8,
    Interval,
    poisson_count_interval,
    poisson_lower_mean,
    poisson_upper_mean,
    wilson_interval,
    z_value,
)

FUNNEL_POINTS: Final = 100
DSR_MINIMUM_EVENTS: Final = 10
"""Directly standardised rates from fewer events are not tested or charted."""

_TAIL_95: Final = (1 - CONFIDENCE_95) / 2
_TAIL_99_8: Final = (1 - CONFIDENCE_99_8) / 2


class FunnelSignificance(StrEnum):
    """Where an area lies against the funnel limits; ``label`` is PHEindicatormethods' wording."""

    HIGH_99_8 = "high_99_8"
    HIGH_95 = "high_95"
    LOW_99_8 = "low_99_8"
    LOW_95 = "low_95"
    NOT_SIGNIFICANT = "not_significant"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """The label ``assign_funnel_significance`` gives, e.g. "High (0.001)"."""
        return _LABELS[self]


_LABELS: Final = {
    FunnelSignificance.HIGH_99_8: "High (0.001)",
    FunnelSignificance.HIGH_95: "High (0.025)",
    FunnelSignificance.LOW_99_8: "Low (0.001)",
    FunnelSignificance.LOW_95: "Low (0.025)",
    FunnelSignificance.NOT_SIGNIFICANT: "Not significant",
    FunnelSignificance.NOT_APPLICABLE: "Not applicable for events less than 10 for dsrs",
}


class RatioType(StrEnum):
    """How ratio funnel limits are expressed: O/E − 1 ("count") or O/E × 100 ("isr")."""

    COUNT = "count"
    ISR = "isr"


class RateType(StrEnum):
    """The kind of rate in a rate funnel: directly standardised or crude."""

    DSR = "dsr"
    CRUDE = "crude"


@dataclass(frozen=True)
class FunnelPoint:
    """The 95% and 99.8% funnel limits at one point on the x-axis, and the baseline average."""

    x: float
    lower_95: float
    upper_95: float
    lower_99_8: float
    upper_99_8: float
    baseline: float


@dataclass(frozen=True)
class PoissonFunnelPoint(FunnelPoint):
    """A ratio or rate funnel point, with the denominator at which ``x`` events lie on each limit.

    For ratios the denominators are expected events; for rates they are the population per year.
    """

    lower_95_denominator: float
    upper_95_denominator: float
    lower_99_8_denominator: float
    upper_99_8_denominator: float


@dataclass(frozen=True)
class RateChartPoint:
    """An area's rate to chart on a rate funnel and its population per year (x = events).

    Both are None for a directly standardised rate from fewer than 10 events.
    """

    rate: float | None
    population_per_year: float | None


def proportion_funnel(
    numerators: Sequence[float], denominators: Sequence[float], *, multiplier: float = 100
) -> tuple[FunnelPoint, ...]:
    """Funnel limits for proportions around the overall proportion Σnumerators/Σdenominators.

    Method: PHEindicatormethods ``calculate_funnel_limits(statistic = "proportion")``. At each
    population n the limit is the proportion whose Wilson score interval (Wilson, 1927) has its
    opposite bound exactly on the baseline p0, which is p0 ± z·√(p0(1 − p0)/n) with z for 95%
    or 99.8%; lower limits are floored at 0 and upper limits capped at 100% (the multiplier;
    PHEindicatormethods caps at 100 whatever the multiplier). The x-axis is as :func:`funnel_axis`.

    Raises:
        ValueError: if the sequences are empty or differ in length, a numerator is negative or
            exceeds its denominator, or a denominator or the multiplier is not positive.
    """
    require_positive("multiplier", multiplier)
    _require_proportions(numerators, denominators)
    baseline = math.fsum(numerators) / math.fsum(denominators)
    axis = funnel_axis(*_axis_bounds(min(denominators), max(denominators)), ratio=False)
    return tuple(_proportion_point(baseline, population, multiplier) for population in axis)


def ratio_funnel(
    observed: Sequence[float], expected: Sequence[float], *, ratio_type: RatioType
) -> tuple[PoissonFunnelPoint, ...]:
    """Funnel limits for ratios of observed to expected counts (e.g. indirectly standardised).

    Method: PHEindicatormethods ``calculate_funnel_limits(statistic = "ratio")``. For each
    observed count O on the x-axis, the expected count E at which O is at the 2.5% (0.1%) tail is
    found by bisection (:func:`trustplan.stats.intervals.poisson_lower_mean` and
    ``poisson_upper_mean``), and the limit is O/E, reported as O/E − 1 for
    :attr:`RatioType.COUNT` or O/E × 100 for :attr:`RatioType.ISR`. The x-axis spans the expected
    counts (:func:`funnel_axis` with ``ratio=True``); the baseline is the ratio 1 expressed the
    same way.

    Raises:
        ValueError: if the sequences are empty or differ in length, an observed count is negative
            or an expected count is not positive.
    """
    _require_ratios(observed, expected)
    axis = funnel_axis(*_axis_bounds(min(expected), max(expected)), ratio=True)
    return tuple(_ratio_point(events, ratio_type) for events in axis)


def rate_funnel(
    numerators: Sequence[float],
    rates: Sequence[float | None],
    *,
    rate_type: RateType,
    years_of_data: float,
    multiplier: float,
    denominators: Sequence[float | None] | None = None,
) -> tuple[PoissonFunnelPoint, ...]:
    """Funnel limits for crude or directly standardised rates.

    Method: PHEindicatormethods ``calculate_funnel_limits(statistic = "rate")``. Each area's
    denominator is derived as multiplier × events / rate (see :func:`derived_denominators`); the
    baseline rate is Σevents / Σderived denominators. For each events value on the x-axis, the
    population at which it lies on a limit is the Poisson bound of :func:`ratio_funnel` divided by
    the baseline rate; the limit is events / that population × multiplier, and the population is
    reported per year of data. The x-axis is computed on annual populations and converted to
    events at the baseline rate.

    Raises:
        ValueError: if the inputs are invalid (see :func:`derived_denominators`), no area has any
            events, or ``years_of_data`` or the multiplier is not positive.
    """
    require_positive("years_of_data", years_of_data)
    derived = [
        value
        for value in derived_denominators(
            numerators, rates, rate_type=rate_type, multiplier=multiplier, denominators=denominators
        )
        if value is not None
    ]
    baseline = _average_rate(numerators, derived)
    axis_minimum, axis_maximum = _axis_bounds(
        min(derived) / years_of_data, max(derived) / years_of_data
    )
    axis = funnel_axis(
        math.floor(axis_minimum * years_of_data * baseline),
        math.ceil(axis_maximum * years_of_data * baseline),
        ratio=False,
    )
    return tuple(
        _rate_point(events, baseline, years_of_data=years_of_data, multiplier=multiplier)
        for events in axis
    )


def funnel_axis(axis_minimum: float, axis_maximum: float, *, ratio: bool) -> list[float]:
    """The 100 x-axis points of a funnel table, from ``axis_minimum`` (at least 1) towards the max.

    Method: PHEindicatormethods ``calculate_funnel_limits``: point 1 = max(1, minimum); point j =
    max(round((maximum/point_{j−1})^(1/(101 − k))·point_{j−1}), point_{j−1} + 1) with k = j, or
    k = j − 1 for ratios (so a ratio axis stops short of the maximum). Rounding is half to even,
    as R's ``round``.
    """
    points = [max(1.0, axis_minimum)]
    for j in range(2, FUNNEL_POINTS + 1):
        remaining = FUNNEL_POINTS + 1 - (j - 1 if ratio else j)
        previous = points[-1]
        points.append(
            max(float(round((axis_maximum / previous) ** (1 / remaining) * previous)), previous + 1)
        )
    return points


def proportion_funnel_significance(
    numerators: Sequence[float], denominators: Sequence[float]
) -> list[FunnelSignificance]:
    """Each area's position against the proportion funnel limits at its own denominator.

    Method: PHEindicatormethods ``assign_funnel_significance(statistic = "proportion")``: an area
    is High/Low (0.001) when its proportion lies beyond the 99.8% limit and High/Low (0.025) when
    beyond the 95% limit. Equivalently, its Wilson interval (Wilson, 1927) excludes the overall
    proportion, which is how it is computed here.

    Raises:
        ValueError: as :func:`proportion_funnel`.
    """
    _require_proportions(numerators, denominators)
    baseline = math.fsum(numerators) / math.fsum(denominators)
    return [
        _significance(
            baseline,
            wilson_interval(numerator, denominator, CONFIDENCE_95),
            wilson_interval(numerator, denominator, CONFIDENCE_99_8),
        )
        for numerator, denominator in zip(numerators, denominators, strict=True)
    ]


def ratio_funnel_significance(
    observed: Sequence[float], expected: Sequence[float]
) -> list[FunnelSignificance]:
    """Each area's significance against a ratio of 1.

    Method: PHEindicatormethods ``assign_funnel_significance(statistic = "ratio")``: the Poisson
    interval of the observed count (exact below 10, Byar's from 10; Breslow & Day, 1987) divided
    by the expected count is compared with 1, at 99.8% and then 95%.

    Raises:
        ValueError: as :func:`ratio_funnel`.
    """
    _require_ratios(observed, expected)
    return [
        _poisson_significance(events, expectation, baseline=1.0)
        for events, expectation in zip(observed, expected, strict=True)
    ]


def rate_funnel_significance(
    numerators: Sequence[float],
    rates: Sequence[float | None],
    *,
    rate_type: RateType,
    multiplier: float,
    denominators: Sequence[float | None] | None = None,
) -> list[FunnelSignificance]:
    """Each area's significance against the weighted average rate.

    Method: PHEindicatormethods ``assign_funnel_significance(statistic = "rate")``: with derived
    denominators (:func:`derived_denominators`) the average is Σevents / Σdenominators, and the
    Poisson interval of each area's events divided by its denominator (exact below 10, Byar's
    from 10) is compared with it. Directly standardised rates from fewer than 10 events are
    :attr:`FunnelSignificance.NOT_APPLICABLE`.

    Raises:
        ValueError: as :func:`derived_denominators`, or if no area has any events.
    """
    derived = derived_denominators(
        numerators, rates, rate_type=rate_type, multiplier=multiplier, denominators=denominators
    )
    average = _average_rate(numerators, [value for value in derived if value is not None])
    return [
        FunnelSignificance.NOT_APPLICABLE
        if rate_type is RateType.DSR and events < DSR_MINIMUM_EVENTS
        else _poisson_significance(events, denominator, baseline=average)
        for events, denominator in zip(numerators, derived, strict=True)
    ]


def rate_funnel_points(
    numerators: Sequence[float],
    rates: Sequence[float | None],
    *,
    rate_type: RateType,
    years_of_data: float,
    multiplier: float,
    denominators: Sequence[float | None] | None = None,
) -> list[RateChartPoint]:
    """Each area's rate and population per year, ready to chart on a rate funnel.

    Method: PHEindicatormethods ``calculate_funnel_points``: the derived denominator
    (:func:`derived_denominators`) divided by ``years_of_data``; directly standardised rates from
    fewer than 10 events are left off the chart.

    Raises:
        ValueError: as :func:`derived_denominators`, or if ``years_of_data`` is not positive.
    """
    require_positive("years_of_data", years_of_data)
    derived = derived_denominators(
        numerators, rates, rate_type=rate_type, multiplier=multiplier, denominators=denominators
    )
    return [
        RateChartPoint(None, None)
        if rate_type is RateType.DSR and events < DSR_MINIMUM_EVENTS
        else RateChartPoint(rate, None if denominator is None else denominator / years_of_data)
        for events, rate, denominator in zip(numerators, rates, derived, strict=True)
    ]


def derived_denominators(
    numerators: Sequence[float],
    rates: Sequence[float | None],
    *,
    rate_type: RateType,
    multiplier: float,
    denominators: Sequence[float | None] | None = None,
) -> list[float | None]:
    """The denominator behind each rate: multiplier × events / rate.

    Method: PHEindicatormethods' rate funnels. For an area with no events the rate says nothing
    about the denominator: a directly standardised rate's denominator is then missing (None), and
    a crude rate's is taken from ``denominators``, which must then be given.

    Raises:
        ValueError: if the sequences are empty or differ in length, a numerator is negative, a
            rate with events is missing or not positive, a crude rate with no events has no
            denominator, or the multiplier is not positive.
    """
    require_positive("multiplier", multiplier)
    if require_same_length(numerators=numerators, rates=rates) == 0:
        raise ValueError("numerators must hold at least one area")
    if denominators is not None:
        require_same_length(numerators=numerators, denominators=denominators)
    derived: list[float | None] = []
    for row, (events, rate) in enumerate(zip(numerators, rates, strict=True)):
        require_non_negative(f"numerators[{row}]", events)
        if events > 0:
            if rate is None:
                raise ValueError(f"rates[{row}] is missing for an area with {events!r} events")
            derived.append(multiplier * events / require_positive(f"rates[{row}]", rate))
        elif rate_type is RateType.DSR:
            derived.append(None)
        else:
            given = None if denominators is None else denominators[row]
            if given is None:
                raise ValueError(
                    f"denominators[{row}] is needed: a crude rate from 0 events cannot give it"
                )
            derived.append(require_positive(f"denominators[{row}]", given))
    return derived


def _proportion_point(baseline: float, population: float, multiplier: float) -> FunnelPoint:
    lower_95, upper_95 = _proportion_limits(baseline, population, CONFIDENCE_95, multiplier)
    lower_99_8, upper_99_8 = _proportion_limits(baseline, population, CONFIDENCE_99_8, multiplier)
    return FunnelPoint(
        population, lower_95, upper_95, lower_99_8, upper_99_8, baseline * multiplier
    )


def _proportion_limits(
    baseline: float, population: float, confidence: float, multiplier: float
) -> tuple[float, float]:
    """p0 ± z·√(p0(1 − p0)/n), floored at 0 and capped at the multiplier (100%)."""
    spread = z_value(confidence) * math.sqrt(baseline * (1 - baseline) / population)
    lower = max(0.0, (baseline - spread) * multiplier)
    upper = min(multiplier, (baseline + spread) * multiplier)
    return lower, upper


def _ratio_point(events: float, ratio_type: RatioType) -> PoissonFunnelPoint:
    def expressed(ratio: float) -> float:
        return ratio - 1 if ratio_type is RatioType.COUNT else ratio * 100

    expected = _poisson_bounds(events)
    limits = [expressed(events / bound) for bound in expected]
    return _poisson_point(events, limits, expected, baseline=expressed(1.0))


def _rate_point(
    events: float, baseline: float, *, years_of_data: float, multiplier: float
) -> PoissonFunnelPoint:
    populations = [bound / baseline for bound in _poisson_bounds(events)]
    limits = [events / population * multiplier for population in populations]
    per_year = [population / years_of_data for population in populations]
    return _poisson_point(events, limits, per_year, baseline=baseline * multiplier)


def _poisson_point(
    events: float, limits: Sequence[float], denominators: Sequence[float], *, baseline: float
) -> PoissonFunnelPoint:
    """Assemble a point from values ordered lower 95%, upper 95%, lower 99.8%, upper 99.8%."""
    return PoissonFunnelPoint(
        x=events,
        lower_95=limits[0],
        upper_95=limits[1],
        lower_99_8=limits[2],
        upper_99_8=limits[3],
        baseline=baseline,
        lower_95_denominator=denominators[0],
        upper_95_denominator=denominators[1],
        lower_99_8_denominator=denominators[2],
        upper_99_8_denominator=denominators[3],
    )


def _poisson_bounds(events: float) -> list[float]:
    """Expected counts putting ``events`` on the lower 95%, upper 95%, lower 99.8%, upper 99.8%."""
    return [
        poisson_upper_mean(events, _TAIL_95),
        poisson_lower_mean(events, _TAIL_95),
        poisson_upper_mean(events, _TAIL_99_8),
        poisson_lower_mean(events, _TAIL_99_8),
    ]


def _average_rate(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """Σ events / Σ denominators, the baseline of a rate funnel."""
    if not denominators:
        raise ValueError(
            "no area has events to derive a denominator from; a rate funnel needs at least one"
        )
    return math.fsum(numerators) / math.fsum(denominators)


def _poisson_significance(
    events: float, denominator: float | None, *, baseline: float
) -> FunnelSignificance:
    if denominator is None:
        return FunnelSignificance.NOT_SIGNIFICANT
    scale = 1 / denominator
    return _significance(
        baseline,
        poisson_count_interval(events, CONFIDENCE_95).scaled(scale),
        poisson_count_interval(events, CONFIDENCE_99_8).scaled(scale),
    )


def _significance(
    baseline: float, interval_95: Interval, interval_99_8: Interval
) -> FunnelSignificance:
    """High when the area's interval lies above the baseline, Low when below; 99.8% first."""
    if baseline < interval_99_8.lower:
        return FunnelSignificance.HIGH_99_8
    if baseline < interval_95.lower:
        return FunnelSignificance.HIGH_95
    if baseline > interval_99_8.upper:
        return FunnelSignificance.LOW_99_8
    if baseline > interval_95.upper:
        return FunnelSignificance.LOW_95
    return FunnelSignificance.NOT_SIGNIFICANT


def _axis_bounds(minimum: float, maximum: float) -> tuple[float, float]:
    """The x-axis range: from 0 if the denominators span more than 2-fold, else a rounded minimum.

    Method: PHEindicatormethods: the minimum × 0.95 rounded down to one significant digit, the
    maximum × 1.05 rounded up to two.
    """
    lower = 0.0 if maximum > 2 * minimum else _round_down(minimum * 0.95, significant=1)
    return lower, _round_up(maximum * 1.05, significant=2)


def _round_down(value: float, *, significant: int) -> float:
    scale = 10.0 ** (_digits(math.floor(value)) - significant)
    return math.floor(value / scale) * scale


def _round_up(value: float, *, significant: int) -> float:
    scale = 10.0 ** (_digits(math.ceil(value)) - significant)
    return math.ceil(value / scale) * scale


def _digits(whole: int) -> int:
    return len(str(abs(whole)))


def _require_proportions(numerators: Sequence[float], denominators: Sequence[float]) -> None:
    if require_same_length(numerators=numerators, denominators=denominators) == 0:
        raise ValueError("numerators must hold at least one area")
    for row, (numerator, denominator) in enumerate(zip(numerators, denominators, strict=True)):
        try:
            require_proportion(numerator, denominator)
        except ValueError as error:
            raise ValueError(f"area {row}: {error}") from error


def _require_ratios(observed: Sequence[float], expected: Sequence[float]) -> None:
    if require_same_length(observed=observed, expected=expected) == 0:
        raise ValueError("observed must hold at least one area")
    for row, (events, expectation) in enumerate(zip(observed, expected, strict=True)):
        require_non_negative(f"observed[{row}]", events)
        require_positive(f"expected[{row}]", expectation)
