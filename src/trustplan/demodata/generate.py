"""Synthetic indicator data for the demonstration: every KPI, every benchmark, real signals.

``generate`` gives each indicator of the plan a series for Portsmouth, England, the South East,
ten statistical neighbours and the neighbours' own average, 2015 to 2023 by default, plus
targets for Portsmouth. Everything is derived from the seed, so the same seed gives the same data.

How a series is made (one parameterised model for every indicator, from ``indicators.yaml``):

1. The indicator's level is placed on a scale where areas differ additively and cannot leave
   their range: logit for a proportion, log for a rate or count, the value itself for an average
   (a mean, or a score such as Progress 8).
2. England starts at its level around 2019/20 and moves by ``annual_change`` a year. Portsmouth
   sits at its own level; the region close to England; each neighbour between Portsmouth and
   England with some scatter. Each local area drifts a little on its own.
3. Each period adds variation beyond sampling (``volatility``), smaller for bigger areas, since
   England's is the average of many local variations.
4. The value is then *sampled* as the real thing would be: a binomial numerator of a Poisson
   denominator for a proportion, Poisson events in a population for a rate, a Poisson count, or
   a sample mean and standard deviation of that many individuals for an average. So numerators and
   denominators are whole numbers that agree with the value, and confidence intervals computed
   from them behave as they would for real data.
5. The neighbours' average is the pooled value of the ten (total numerator over total
   denominator; for an average, that of all their individuals; for a count, the average count).

Signals (``SIGNALS``) are planted in Portsmouth's series: a shift, a trend, an outlier, a
missing period and provisional latest data. Sampling noise could hide a planted shift, trend or
outlier, so each is checked with the Making Data Count rules the product itself applies
(``trustplan.stats.spc``) and, if hidden, Portsmouth's series is drawn again from the next
random stream; the data stay a pure function of the seed.

Targets follow a plan's trajectory from Portsmouth's 2019/20 baseline to a final target at the
end of the plan, with one more target a year after the data end, which only a forecast can
judge. The final targets are set so that some are met, some are missed by less than their
tolerance and some are missed outright; each records which (``Target.outcome``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import math
import operator
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Final

import numpy as np
from scipy.stats import t as students_t

from trustplan.demodata.areas import (
    AREAS,
    AREAS_BY_CODE,
    ENGLAND,
    GROUP,
    NEIGHBOURS,
    PORTSMOUTH,
    SOUTH_EAST,
    ComparatorGroup,
    DemoArea,
    size,
)
from trustplan.demodata.catalogue import DemoIndicator, load_catalogue
from trustplan.periods import (
    TERMS,
    Period,
    PeriodKind,
    academic_term,
    academic_year,
    calendar_quarter,
    financial_quarter,
    financial_year,
    month,
)
from trustplan.plancode.schema import PlanDocument
from trustplan.stats.intervals import CONFIDENCE_95, CONFIDENCE_99_8
from trustplan.stats.spc import ImprovementDirection, seven_point_trend, xmr_chart
from trustplan.vocabulary import AreaKind, Polarity, ToleranceKind, ValueType

SYNTHETIC_SOURCE: Final = "SYNTHETIC demonstration data"
"""The ``source`` of every observation and target: synthetic data are labelled in the data."""

DEFAULT_SEED: Final = 20200923
"""The seed the demonstration uses unless told otherwise (the date the 2020-23 plan went to the
Health and Wellbeing Board)."""

PLAN_YEARS: Final = (2021, 2022, 2023)
"""Targets are for 31 March of these years: the end of each year of the 2020-23 plan."""

REFERENCE_DATE: Final = dt.date(2019, 10, 1)
"""The levels in ``indicators.yaml`` are those of the middle of 2019/20."""

MAX_DRAWS: Final = 200
"""Attempts at a Portsmouth series whose planted signal must show before giving up."""


class Status(StrEnum):
    FINAL = "final"
    PROVISIONAL = "provisional"


@dataclass(frozen=True)
class Observation:
    """One value of one indicator for one area and period, as the import template holds it.

    ``value`` is None for a period with no data (``note`` says why). ``numerator`` and
    ``denominator`` are given for proportions and rates; ``ci_95`` and ``ci_99_8`` (lower, upper)
    for averages, whose intervals need the standard deviation the import cannot carry.
    """

    indicator: str
    area_code: str
    period: Period
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    ci_95: tuple[float, float] | None = None
    ci_99_8: tuple[float, float] | None = None
    status: Status = Status.FINAL
    note: str = ""


@dataclass(frozen=True)
class Tolerance:
    """The amber band around a target: ``amount`` in the indicator's units, or a fraction of the
    target (0.05 for "5%")."""

    kind: ToleranceKind
    amount: float

    def band(self, target: float) -> float:
        """How far from ``target`` a value may fall short and still be within tolerance."""
        return self.amount * abs(target) if self.kind is ToleranceKind.RELATIVE else self.amount

    def text(self, decimals: int) -> str:
        """As the import template writes it: "5%" or "2"."""
        if self.kind is ToleranceKind.RELATIVE:
            return f"{self.amount * 100:g}%"
        return f"{self.amount:.{decimals}f}"


class TargetOutcome(StrEnum):
    MET = "met"
    WITHIN_TOLERANCE = "within_tolerance"
    MISSED = "missed"


@dataclass(frozen=True)
class Target:
    """A target for Portsmouth. ``outcome`` is how the value of the due period compares, for the
    final target of the plan; None for the others (the product judges them)."""

    indicator: str
    area_code: str
    due: dt.date
    value: float
    tolerance: Tolerance | None
    label: str
    outcome: TargetOutcome | None = None


class SignalKind(StrEnum):
    SHIFT = "shift"
    TREND = "trend"
    OUTLIER = "outlier"
    MISSING = "missing"
    PROVISIONAL = "provisional"


@dataclass(frozen=True)
class SignalSpec:
    """A signal to plant in an indicator's data.

    ``start``: the signal begins in the first period starting on or after it (None: the latest
    period). ``change`` is in the indicator's units: a shift's size, a trend's step per period
    (for ``steps`` periods, then holding) or an outlier's excess. A missing period affects every
    area (a collection that did not happen); the others affect Portsmouth. ``note`` is written on
    the observations affected; ``story`` says why, for the reader of the demonstration.
    """

    kind: SignalKind
    indicator: str
    start: dt.date | None
    story: str
    change: float = 0.0
    steps: int = 1
    note: str = ""

    def first_index(self, periods: Sequence[Period]) -> int:
        """The index of the first period the signal affects.

        Raises:
            ValueError: no period starts on or after ``start``.
        """
        if self.start is None:
            return len(periods) - 1
        for index, period in enumerate(periods):
            if period.start >= self.start:
                return index
        raise ValueError(f"{self.kind} signal in {self.indicator}: no period from {self.start}")

    def effects(self, count: int, first: int) -> list[float]:
        """The change to the expected level of each of ``count`` periods, in the unit."""
        match self.kind:
            case SignalKind.SHIFT:
                return [self.change if i >= first else 0.0 for i in range(count)]
            case SignalKind.TREND:
                return [self.change * min(max(i - first + 1, 0), self.steps) for i in range(count)]
            case SignalKind.OUTLIER:
                return [self.change if i == first else 0.0 for i in range(count)]
        return [0.0] * count


SIGNALS: Final = (
    SignalSpec(
        SignalKind.SHIFT,
        "strategy-meetings-working-together-compliant",
        dt.date(2021, 4, 1),
        "A new multi-agency strategy meeting process from April 2021 lifts compliance by about "
        "18 points: a sustained shift up (special cause improvement).",
        change=18.0,
    ),
    SignalSpec(
        SignalKind.SHIFT,
        "ehc-needs-assessment-timeliness",
        dt.date(2022, 4, 1),
        "A surge in requests from April 2022 drops EHC plans issued within 20 weeks by about "
        "28 points: a sustained shift down (special cause concern); the March 2023 target is "
        "missed.",
        change=-28.0,
    ),
    SignalSpec(
        SignalKind.TREND,
        "school-attendance-and-exclusions",
        dt.date(2020, 9, 1),
        "Persistent absence rises by about 1.4 points every term for 9 terms from autumn 2020: "
        "a trend (special cause concern).",
        change=1.4,
        steps=9,
    ),
    SignalSpec(
        SignalKind.OUTLIER,
        "self-harm-attendances-and-admissions",
        dt.date(2021, 5, 1),
        "May 2021 has about twice the usual self-harm attendances: one point above the upper "
        "process limit (special cause concern).",
        change=100.0,
    ),
    SignalSpec(
        SignalKind.MISSING,
        "school-attendance",
        dt.date(2020, 4, 1),
        "Summer term 2019/20 has no attendance data for any area, as schools were closed to most "
        "pupils: a gap that must show as missing, not zero.",
        note="No data: attendance was not collected while schools were closed to most pupils.",
    ),
    SignalSpec(
        SignalKind.PROVISIONAL,
        "children-open-to-childrens-social-care",
        None,
        "The latest month is a provisional snapshot, to be revised.",
        note="Provisional month-end snapshot, before data cleansing.",
    ),
)
"""The signals the demonstration plants, one of each kind the judgements must find or show."""


@dataclass(frozen=True)
class PlantedSignal:
    """A signal as planted: its spec, and the areas and periods it affects."""

    spec: SignalSpec
    area_codes: tuple[str, ...]
    periods: tuple[Period, ...]


@dataclass(frozen=True)
class DemoData:
    """Everything the demonstration imports, and a record of what was planted in it."""

    seed: int
    start_year: int
    end_year: int
    indicators: tuple[DemoIndicator, ...]
    areas: tuple[DemoArea, ...]
    group: ComparatorGroup
    observations: tuple[Observation, ...]
    targets: tuple[Target, ...]
    signals: tuple[PlantedSignal, ...]
    source: str = SYNTHETIC_SOURCE

    @cached_property
    def _by_series(self) -> Mapping[tuple[str, str], tuple[Observation, ...]]:
        series: dict[tuple[str, str], list[Observation]] = {}
        for observation in self.observations:
            series.setdefault((observation.indicator, observation.area_code), []).append(
                observation
            )
        return {key: tuple(values) for key, values in series.items()}

    def series(self, indicator: str, area_code: str) -> tuple[Observation, ...]:
        """One area's observations of one indicator, in period order (empty if none)."""
        return self._by_series.get((indicator, area_code), ())


def generate(
    seed: int = DEFAULT_SEED,
    plan_indicator_keys: Iterable[str] | None = None,
    *,
    start_year: int = 2015,
    end_year: int = 2023,
    plan_years: Sequence[int] = PLAN_YEARS,
    signals: Sequence[SignalSpec] = SIGNALS,
) -> DemoData:
    """Synthetic data for ``plan_indicator_keys`` (default: every indicator in the catalogue).

    Periods lie wholly within ``start_year`` to ``end_year``. Targets are due at the end of the
    period holding 31 March of each of ``plan_years``, and of the year after ``end_year``.
    Signals for indicators not asked for are left out.

    Raises:
        ValueError: a negative seed, a key with no definition in ``indicators.yaml``, plan
            years outside the data, or a signal outside them.
    """
    if seed < 0:
        raise ValueError(f"the seed must be 0 or more; got {seed}")
    _check_years(start_year, end_year, plan_years)
    indicators = _indicators(plan_indicator_keys)
    wanted = {indicator.key for indicator in indicators}
    specs = [spec for spec in signals if spec.indicator in wanted]
    observations: list[Observation] = []
    planted: list[PlantedSignal] = []
    plan_values: dict[str, _PlanValues | None] = {}
    for indicator in indicators:
        periods = reporting_periods(indicator.reporting_kind, start_year, end_year)
        mine = [spec for spec in specs if spec.indicator == indicator.key]
        series = _indicator_series(seed, indicator, periods, mine)
        observations.extend(itertools.chain.from_iterable(series.values()))
        planted.extend(_planted(spec, periods, series) for spec in mine)
        plan_values[indicator.key] = _plan_values(indicator, series[PORTSMOUTH], plan_years)
    return DemoData(
        seed=seed,
        start_year=start_year,
        end_year=end_year,
        indicators=tuple(indicators),
        areas=AREAS,
        group=GROUP,
        observations=tuple(observations),
        targets=_targets(seed, indicators, plan_values, plan_years, end_year),
        signals=tuple(planted),
    )


def plan_indicator_keys(document: PlanDocument) -> tuple[str, ...]:
    """The distinct indicator keys of a plan's KPIs, in the order the plan lists them."""
    keys = (kpi.indicator for priority in document.priorities for kpi in priority.indicators)
    return tuple(dict.fromkeys(keys))


def reporting_periods(kind: PeriodKind, first_year: int, last_year: int) -> tuple[Period, ...]:
    """Every period of ``kind`` lying wholly within 1 January ``first_year`` to 31 December
    ``last_year``, in order.

    Raises:
        ValueError: ``kind`` is not one an indicator is reported in (pooled or rolling periods).
    """
    first_day, last_day = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    candidates = itertools.chain.from_iterable(
        _periods_numbered(kind, year) for year in range(first_year - 1, last_year + 1)
    )
    return tuple(sorted(p for p in candidates if p.start >= first_day and p.end <= last_day))


def period_containing(kind: PeriodKind, day: dt.date) -> Period:
    """The period of ``kind`` that ``day`` falls in.

    Raises:
        ValueError: as :func:`reporting_periods`, or no period of the kind holds the day (August,
            between summer and autumn terms).
    """
    for period in reporting_periods(kind, day.year - 1, day.year + 1):
        if period.start <= day <= period.end:
            return period
    raise ValueError(f"no {kind.label.lower()} holds {day}")


def judge(
    value: float, target: float, tolerance: Tolerance | None, polarity: Polarity
) -> TargetOutcome:
    """Whether ``value`` meets ``target``, falls short by no more than the tolerance, or misses.

    Raises:
        ValueError: an indicator with no judgement has no target to meet.
    """
    if polarity is Polarity.NO_JUDGEMENT:
        raise ValueError("an indicator with no judgement cannot meet or miss a target")
    shortfall = (target - value) * _sign(polarity)
    if shortfall <= 0:
        return TargetOutcome.MET
    band = tolerance.band(target) if tolerance is not None else 0.0
    return TargetOutcome.WITHIN_TOLERANCE if shortfall <= band else TargetOutcome.MISSED


# Periods.


def _periods_numbered(kind: PeriodKind, year: int) -> list[Period]:
    """The periods of ``kind`` that ``year`` numbers: its months, its quarters, the financial or
    academic year starting in it, or the terms of the academic year starting in it."""
    match kind:
        case PeriodKind.MONTH:
            return [month(year, number) for number in range(1, 13)]
        case PeriodKind.CALENDAR_QUARTER:
            return [calendar_quarter(year, quarter) for quarter in range(1, 5)]
        case PeriodKind.FINANCIAL_QUARTER:
            return [financial_quarter(year, quarter) for quarter in range(1, 5)]
        case PeriodKind.CALENDAR_YEAR:
            return [Period(kind, dt.date(year, 1, 1), dt.date(year, 12, 31))]
        case PeriodKind.FINANCIAL_YEAR:
            return [financial_year(year)]
        case PeriodKind.ACADEMIC_YEAR:
            return [academic_year(year)]
        case PeriodKind.ACADEMIC_TERM:
            return [academic_term(term, year) for term in TERMS]
    raise ValueError(f"indicators are not reported in {kind.label.lower()} periods")


def _check_years(start_year: int, end_year: int, plan_years: Sequence[int]) -> None:
    """The baseline (before the plan) and each plan year's value must lie within the data."""
    if not plan_years or list(plan_years) != sorted(set(plan_years)):
        raise ValueError(f"plan years must be distinct and in order; got {list(plan_years)}")
    if not start_year + 2 <= plan_years[0] <= plan_years[-1] <= end_year:
        raise ValueError(
            f"plan years {plan_years[0]}-{plan_years[-1]} must lie within the data "
            f"({start_year}-{end_year}), at least two years after it starts, for a baseline"
        )


def _indicators(keys: Iterable[str] | None) -> list[DemoIndicator]:
    catalogue = load_catalogue()
    wanted = list(dict.fromkeys(catalogue if keys is None else keys))
    missing = [key for key in wanted if key not in catalogue]
    if missing:
        raise ValueError(
            f"no demonstration definition for {', '.join(missing)}: add "
            "it to src/trustplan/demodata/indicators.yaml"
        )
    return [catalogue[key] for key in wanted]


# Series.

DATA_AREAS: Final = (
    ENGLAND,
    SOUTH_EAST,
    PORTSMOUTH,
    *(area.code for area in NEIGHBOURS),
    GROUP.code,
)
"""The areas that get data, in the order the files list them."""


@dataclass(frozen=True)
class _Sample:
    """What was drawn for one area and period, in a form that adds up across areas.

    For a proportion or rate: events and population. For a count: the count, of one area. For a
    mean or score: the sum and sum of squares of ``n`` individuals' values.
    """

    total: float
    n: int
    squares: float = 0.0

    def __add__(self, other: _Sample) -> _Sample:
        return _Sample(self.total + other.total, self.n + other.n, self.squares + other.squares)


@dataclass(frozen=True)
class _Scale:
    """The scale on which an indicator's areas and years differ additively and stay in range."""

    indicator: DemoIndicator

    def to_scale(self, level: float) -> float:
        match self.indicator.value_type:
            case ValueType.PROPORTION:
                p = level / self.indicator.multiplier
                return math.log(p / (1 - p))
            case ValueType.RATE | ValueType.COUNT:
                return math.log(level)
        return level

    def from_scale(self, z: float) -> float:
        match self.indicator.value_type:
            case ValueType.PROPORTION:
                return self.indicator.multiplier / (1 + math.exp(-z))
            case ValueType.RATE | ValueType.COUNT:
                return math.exp(z)
        return z

    def slope(self, level: float) -> float:
        """d(scale)/d(level) at ``level``: turns a change in the unit into one on the scale."""
        match self.indicator.value_type:
            case ValueType.PROPORTION:
                p = level / self.indicator.multiplier
                return 1 / (self.indicator.multiplier * p * (1 - p))
            case ValueType.RATE | ValueType.COUNT:
                return 1 / level
        return 1.0

    @property
    def typical_difference(self) -> float:
        """How much areas and years differ on this scale when Portsmouth is close to England."""
        return 0.05 * self.indicator.sd if self.indicator.sd is not None else 0.08

    @property
    def england(self) -> float:
        """England's level at Portsmouth's size: a count is scaled down by population."""
        england = self.indicator.england
        if self.indicator.value_type is ValueType.COUNT:
            england /= size(AREAS_BY_CODE[ENGLAND])
        return self.to_scale(england)

    @property
    def portsmouth(self) -> float:
        return self.to_scale(self.indicator.portsmouth)


def _indicator_series(
    seed: int, indicator: DemoIndicator, periods: Sequence[Period], specs: Sequence[SignalSpec]
) -> dict[str, list[Observation]]:
    """Every data area's observations of one indicator, with the signals planted."""
    samples = {
        area: _samples(seed, indicator, periods, area, attempt=0)
        for area in DATA_AREAS
        if area not in (PORTSMOUTH, GROUP.code)
    }
    samples[PORTSMOUTH] = _portsmouth_samples(seed, indicator, periods, specs)
    samples[GROUP.code] = [
        functools.reduce(operator.add, parts)
        for parts in zip(*(samples[m] for m in GROUP.members), strict=True)
    ]
    series = {
        area: [
            _observation(indicator, area, period, sample)
            for period, sample in zip(periods, samples[area], strict=True)
        ]
        for area in DATA_AREAS
    }
    for spec in specs:
        _annotate(spec, periods, series)
    return series


def _portsmouth_samples(
    seed: int, indicator: DemoIndicator, periods: Sequence[Period], specs: Sequence[SignalSpec]
) -> list[_Sample]:
    """Portsmouth's samples with the signals' effects, drawn again until every planted signal
    shows under the Making Data Count rules."""
    effects = [0.0] * len(periods)
    for spec in specs:
        for index, effect in enumerate(spec.effects(len(periods), spec.first_index(periods))):
            effects[index] += effect
    for attempt in range(MAX_DRAWS):
        samples = _samples(seed, indicator, periods, PORTSMOUTH, attempt=attempt, effects=effects)
        values = [_value(indicator, sample) for sample in samples]
        if all(_shows(spec, indicator, values, spec.first_index(periods)) for spec in specs):
            return samples
    raise RuntimeError(
        f"{indicator.key}: no draw in {MAX_DRAWS} shows its planted signals; make them larger"
    )


def _samples(
    seed: int,
    indicator: DemoIndicator,
    periods: Sequence[Period],
    area_code: str,
    *,
    attempt: int,
    effects: Sequence[float] | None = None,
) -> list[_Sample]:
    """One area's draws: expected levels on the indicator's scale, then sampling."""
    rng = np.random.default_rng([seed, _word(indicator.key), _word(area_code), attempt])
    scale = _Scale(indicator)
    area = AREAS_BY_CODE[area_code]
    area_size = size(area)
    offset, drift = _area_effect(scale, area, rng)
    trend = indicator.annual_change * scale.slope(indicator.england) + drift
    volatility = indicator.process_volatility / math.sqrt(max(area_size, 1.0))
    samples = []
    for index, period in enumerate(periods):
        years = (_midpoint(period) - REFERENCE_DATE).days / 365.25
        z = scale.england + offset + trend * years + rng.normal(0.0, volatility)
        level = scale.from_scale(z) + (effects[index] if effects is not None else 0.0)
        samples.append(_draw(indicator, level, area_size, rng))
    return samples


def _area_effect(scale: _Scale, area: DemoArea, rng: np.random.Generator) -> tuple[float, float]:
    """The area's difference from England on the scale, and its own drift a year.

    Portsmouth drifts, on average, the better way: the demonstration's partnership improves on
    most of its measures, slowly, so that its targets are a mix of met and missed.
    """
    gap = scale.portsmouth - scale.england
    spread = max(0.6 * abs(gap), scale.typical_difference)
    drift = scale.typical_difference / 3
    if area.code == ENGLAND:
        return 0.0, 0.0
    if area.code == PORTSMOUTH:
        better = {Polarity.HIGH_IS_GOOD: 1, Polarity.LOW_IS_GOOD: -1}.get(
            scale.indicator.polarity, 0
        )
        return gap, rng.normal(better * drift, drift)
    if area.kind is AreaKind.REGION:
        return rng.normal(0.0, spread / 3), rng.normal(0.0, drift / 3)
    return gap * rng.uniform(0.4, 1.1) + rng.normal(0.0, spread / 2), rng.normal(0.0, drift)


def _draw(
    indicator: DemoIndicator, level: float, area_size: float, rng: np.random.Generator
) -> _Sample:
    """Sample one period's value the way the real measure arises, at the expected ``level``."""
    if indicator.value_type is ValueType.COUNT:
        return _Sample(float(rng.poisson(max(level, 0.0) * area_size)), 1)
    assert indicator.denominator is not None  # noqa: S101 - the catalogue requires it
    n = max(int(rng.poisson(indicator.denominator * area_size)), 2)
    match indicator.value_type:
        case ValueType.PROPORTION:
            p = min(max(level / indicator.multiplier, 1e-4), 1 - 1e-4)
            return _Sample(float(rng.binomial(n, p)), n)
        case ValueType.RATE:
            return _Sample(float(rng.poisson(max(level, 0.0) / indicator.multiplier * n)), n)
    assert indicator.sd is not None  # noqa: S101 - the catalogue requires it for an average
    mean = rng.normal(level, indicator.sd / math.sqrt(n))
    variance = indicator.sd**2 * rng.chisquare(n - 1) / (n - 1)
    return _Sample(mean * n, n, (n - 1) * variance + n * mean**2)


def _value(indicator: DemoIndicator, sample: _Sample) -> float:
    """The published value of a sample, rounded to the indicator's decimal places.

    Calculated as an importer checks it, numerator ÷ denominator × multiplier rounded, so that the
    value always agrees with its counts.
    """
    if indicator.averaged:
        return round(sample.total / sample.n, indicator.decimals)
    return round(sample.total / sample.n * indicator.multiplier, indicator.decimals)


def _observation(
    indicator: DemoIndicator, area_code: str, period: Period, sample: _Sample
) -> Observation:
    value = _value(indicator, sample)
    match indicator.value_type:
        case ValueType.PROPORTION | ValueType.RATE:
            return Observation(indicator.key, area_code, period, value, int(sample.total), sample.n)
        case ValueType.MEAN | ValueType.SCORE:
            return Observation(
                indicator.key,
                area_code,
                period,
                value,
                ci_95=_t_interval(sample, CONFIDENCE_95, indicator.decimals),
                ci_99_8=_t_interval(sample, CONFIDENCE_99_8, indicator.decimals),
            )
    return Observation(indicator.key, area_code, period, value)


def _t_interval(sample: _Sample, confidence: float, decimals: int) -> tuple[float, float]:
    """Student's t interval for the mean of the sample's individuals (PHEindicatormethods
    ``phe_mean``), from its sums rather than the values, rounded outwards."""
    mean = sample.total / sample.n
    variance = (sample.squares - sample.n * mean**2) / (sample.n - 1)
    quantile = float(students_t.ppf((1 + confidence) / 2, sample.n - 1))
    half_width = quantile * math.sqrt(max(variance, 0.0) / sample.n)
    scale = 10**decimals
    return (
        math.floor((mean - half_width) * scale) / scale,
        math.ceil((mean + half_width) * scale) / scale,
    )


def _annotate(
    spec: SignalSpec, periods: Sequence[Period], series: dict[str, list[Observation]]
) -> None:
    """Blank a missing period for every area, or mark Portsmouth's latest as provisional."""
    index = spec.first_index(periods)
    if spec.kind is SignalKind.MISSING:
        for area, observations in series.items():
            observations[index] = Observation(
                spec.indicator, area, periods[index], None, note=spec.note
            )
    elif spec.kind is SignalKind.PROVISIONAL:
        latest = series[PORTSMOUTH][index]
        series[PORTSMOUTH][index] = replace(latest, status=Status.PROVISIONAL, note=spec.note)


def _shows(
    spec: SignalSpec, indicator: DemoIndicator, values: Sequence[float | None], first: int
) -> bool:
    """Whether a planted shift, trend or outlier is found by the Making Data Count rules."""
    direction = 1 if spec.change > 0 else -1
    match spec.kind:
        case SignalKind.SHIFT | SignalKind.OUTLIER:
            chart = xmr_chart(
                values, improvement_direction=ImprovementDirection.from_polarity(indicator.polarity)
            )
            signals = [point.signals for point in chart.points]
            if spec.kind is SignalKind.OUTLIER:
                point = signals[first]
                return (
                    point is not None
                    and point.outside_limits
                    and point.relative_to_mean == direction
                )
            return any(
                s is not None and s.part_of_run and s.relative_to_mean == direction
                for s in signals[first:]
            )
        case SignalKind.TREND:
            window = values[max(first - 1, 0) : first + spec.steps]
            observed = [value for value in window if value is not None]
            return direction in seven_point_trend(observed)
    return True


def _planted(
    spec: SignalSpec, periods: Sequence[Period], series: Mapping[str, Sequence[Observation]]
) -> PlantedSignal:
    first = spec.first_index(periods)
    match spec.kind:
        case SignalKind.MISSING:
            return PlantedSignal(spec, tuple(series), (periods[first],))
        case SignalKind.SHIFT:
            return PlantedSignal(spec, (PORTSMOUTH,), tuple(periods[first:]))
        case SignalKind.TREND:
            return PlantedSignal(spec, (PORTSMOUTH,), tuple(periods[first : first + spec.steps]))
    return PlantedSignal(spec, (PORTSMOUTH,), (periods[first],))


# Targets.


OUTCOME_CYCLE: Final = (
    TargetOutcome.MET,
    TargetOutcome.WITHIN_TOLERANCE,
    TargetOutcome.MET,
    TargetOutcome.MISSED,
)
"""The final-target outcomes dealt in turn to the indicators that improved on their baseline."""

HEADROOM_USED: Final = 0.7
"""A target takes at most this share of the room left between the better of the baseline and
the outcome and the end of the range (100% for a proportion, 0 for anything low-is-good)."""


@dataclass(frozen=True)
class _PlanValues:
    """What Portsmouth's targets are set from: its baseline (the average of the year before the
    plan, as a plan states it), the routine variation of its values before the plan (their
    standard deviation), and its value in the due period of the final plan year."""

    baseline: float
    routine: float
    actual: float


def _plan_values(
    indicator: DemoIndicator, portsmouth: Sequence[Observation], plan_years: Sequence[int]
) -> _PlanValues | None:
    """None when there is nothing to set targets from or judge them by."""
    plan_start = dt.date(plan_years[0] - 1, 4, 1)
    year_before = plan_start.replace(year=plan_start.year - 1)
    before = [(o.period.end, o.value) for o in portsmouth if o.period.end < plan_start]
    last_year = [value for end, value in before if end >= year_before and value is not None]
    history = [value for _, value in before if value is not None]
    due = period_containing(indicator.reporting_kind, dt.date(plan_years[-1], 3, 31))
    actual = next((o.value for o in portsmouth if o.period == due), None)
    if indicator.polarity is Polarity.NO_JUDGEMENT or not last_year or actual is None:
        return None
    routine = statistics.stdev(history) if len(history) > 1 else 0.0
    return _PlanValues(round(statistics.fmean(last_year), indicator.decimals), routine, actual)


def _targets(
    seed: int,
    indicators: Sequence[DemoIndicator],
    values: Mapping[str, _PlanValues | None],
    plan_years: Sequence[int],
    end_year: int,
) -> tuple[Target, ...]:
    """Targets for every indicator with a polarity and values to set them from.

    The indicators that improved on their baseline are shuffled and dealt final targets by
    ``OUTCOME_CYCLE``; those that did not improve miss theirs.
    """
    judged = [(i, v) for i in indicators if (v := values[i.key]) is not None]
    improved = [i.key for i, v in judged if (v.actual - v.baseline) * _sign(i.polarity) > 0]
    order = np.random.default_rng([seed, _word("target outcomes")]).permutation(len(improved))
    intended = dict(zip((improved[int(i)] for i in order), itertools.cycle(OUTCOME_CYCLE)))
    years = [*plan_years, end_year + 1]
    return tuple(
        target
        for indicator, plan_values in judged
        for target in _indicator_targets(
            np.random.default_rng([seed, _word(indicator.key), _word("targets")]),
            indicator,
            plan_values,
            intended.get(indicator.key, TargetOutcome.MISSED),
            years,
        )
    )


def _indicator_targets(
    rng: np.random.Generator,
    indicator: DemoIndicator,
    values: _PlanValues,
    intended: TargetOutcome,
    years: Sequence[int],
) -> list[Target]:
    """A straight trajectory from the baseline through the final plan year's target (the
    second last of ``years``), continued one more year.

    The final target is placed against the actual value to give the ``intended`` outcome where
    it can: between baseline and outcome to be met, just beyond the outcome by less than the
    tolerance, or beyond it by more. The recorded outcome is the one the rounded target gives.
    """
    baseline, actual, sign = values.baseline, values.actual, _sign(indicator.polarity)
    tolerance = _tolerance(indicator, values.routine, intended, rng)
    band = tolerance.band(actual) if tolerance is not None else 0.0
    step = 10.0**-indicator.decimals
    match intended:
        case TargetOutcome.MET:
            final_target = baseline + (actual - baseline) * rng.uniform(0.3, 0.8)
        case TargetOutcome.WITHIN_TOLERANCE:
            final_target = actual + sign * max(band * rng.uniform(0.3, 0.7), step)
        case TargetOutcome.MISSED if (actual - baseline) * sign > 0:
            final_target = actual + sign * (band + max(abs(actual - baseline) * 0.2, step))
        case TargetOutcome.MISSED:
            final_target = baseline + sign * max(abs(baseline) * rng.uniform(0.02, 0.08), step)
    better = max(baseline, actual, key=lambda value: value * sign)
    final_number = len(years) - 1
    targets = []
    for number, year in enumerate(years, start=1):
        trajectory = baseline + (final_target - baseline) * number / final_number
        value = _target_value(indicator, trajectory, better)
        due = period_containing(indicator.reporting_kind, dt.date(year, 3, 31)).end
        outcome = judge(actual, value, tolerance, indicator.polarity)
        targets.append(
            Target(
                indicator.key,
                PORTSMOUTH,
                due,
                value,
                tolerance,
                f"{due:%B %Y} target",
                outcome if number == final_number else None,
            )
        )
    return targets


def _tolerance(
    indicator: DemoIndicator, routine: float, intended: TargetOutcome, rng: np.random.Generator
) -> Tolerance | None:
    """None; a round number near the routine variation, in the unit; or, for a rate or count,
    whose variation grows with its size, 5% of the target. A target meant to be missed within
    tolerance needs one."""
    kinds: list[ToleranceKind | None] = [ToleranceKind.ABSOLUTE]
    if indicator.value_type in (ValueType.RATE, ValueType.COUNT):
        kinds.append(ToleranceKind.RELATIVE)
    if intended is not TargetOutcome.WITHIN_TOLERANCE:
        kinds.append(None)
    kind = kinds[int(rng.integers(len(kinds)))]
    if kind is None:
        return None
    if kind is ToleranceKind.RELATIVE:
        return Tolerance(kind, 0.05)
    return Tolerance(kind, max(_round_number(routine), 10.0**-indicator.decimals))


def _target_value(indicator: DemoIndicator, value: float, better: float) -> float:
    """A target as a plan would write it: to the indicator's decimals, short of the end of the
    range by at least the share of the headroom ``HEADROOM_USED`` leaves."""
    if not indicator.averaged:
        if indicator.polarity is Polarity.LOW_IS_GOOD:
            value = max(value, better * (1 - HEADROOM_USED))
        elif indicator.value_type is ValueType.PROPORTION:
            value = min(value, better + (indicator.multiplier - better) * HEADROOM_USED)
    return round(value, indicator.decimals)


# Small helpers.


def _sign(polarity: Polarity) -> int:
    return 1 if polarity is Polarity.HIGH_IS_GOOD else -1


def _word(text: str) -> int:
    """A stable 64-bit number for a name, to key a random stream (``hash`` varies by run)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _midpoint(period: Period) -> dt.date:
    return period.start + (period.end - period.start) / 2


def _round_number(value: float) -> float:
    """The largest of 1, 2 or 5 times a power of ten not above ``value`` (0 for 0)."""
    if value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    return max(m * power for m in (1, 2, 5) if m * power <= value)
