"""Age-standardised statistics: directly standardised rates, indirectly standardised ratios, rates.

All take age-banded (or otherwise stratified) data as parallel sequences, one entry per band.

- Directly standardised rates (DSRs) weight each band's crude rate by a standard population such as
  the European Standard Population 2013, with Dobson confidence intervals; the variant for
  non-independent events (people with repeated events) widens the intervals using how many people
  had 1, 2, 3… events. As PHEindicatormethods ``calculate_dsr``, a DSR from fewer than 10 events
  is not calculated.
- Indirectly standardised ratios (ISRatio, e.g. the SMR) and rates (ISRate) compare observed events
  with those expected from reference rates, as PHEindicatormethods ``calculate_ISRatio`` and
  ``calculate_ISRate``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from trustplan.stats._checks import (
    require_non_negative,
    require_positive,
    require_same_length,
)
from trustplan.stats.indicators import DEFAULT_CONFIDENCES, Estimate
from trustplan.stats.intervals import (
    Method,
    dobson_interval,
    poisson_count_interval,
    poisson_count_method,
)

DSR_MINIMUM_COUNT: Final = 10
"""A DSR from fewer events than this is suppressed (PHEindicatormethods, Fingertips)."""


@dataclass(frozen=True, kw_only=True)
class StandardisedRate(Estimate):
    """A directly standardised rate with the totals it was calculated from."""

    total_count: float
    total_population: float


@dataclass(frozen=True, kw_only=True)
class IndirectlyStandardised(Estimate):
    """An indirectly standardised ratio or rate with its observed and expected events."""

    observed: float
    expected: float


def directly_standardised_rate(
    counts: Sequence[float | None],
    populations: Sequence[float],
    standard_populations: Sequence[float],
    *,
    multiplier: float = 100_000,
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
) -> StandardisedRate:
    """Directly standardised rate with Dobson confidence intervals.

    Method: PHEindicatormethods ``calculate_dsr`` (Fingertips technical guidance, DSR chapter);
    Dobson et al. (1991). With w the standard population, x the count and n the population of each
    band: DSR = Σ(x·w/n)/Σw × multiplier, Var = Σ(x·(w/n)²)/(Σw)², and the limits are those of
    :func:`trustplan.stats.intervals.dobson_interval`. A missing count is taken as 0, as
    PHEindicatormethods does. With fewer than 10 events in total the value is missing.

    Raises:
        ValueError: if the sequences differ in length, a count or standard population is negative,
            a population is not positive, or the standard populations sum to 0.
    """
    require_same_length(
        counts=counts, populations=populations, standard_populations=standard_populations
    )
    _require_populations(populations)
    events = [_count_or_zero("counts", count) for count in counts]
    variance = _dobson_variance(events, populations, standard_populations)
    return _standardised_rate(
        events,
        populations,
        standard_populations,
        variance=variance,
        method=Method.DOBSON,
        multiplier=multiplier,
        confidences=confidences,
    )


def directly_standardised_rate_non_independent(
    persons_by_frequency: Mapping[int, Sequence[float | None]],
    populations: Sequence[float],
    standard_populations: Sequence[float],
    *,
    multiplier: float = 100_000,
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
) -> StandardisedRate:
    """Directly standardised rate of events that can recur, with intervals adjusted for that.

    ``persons_by_frequency[f][band]`` is the number of people with exactly f events in that band
    (a missing number counts as 0).

    Method: PHEindicatormethods ``calculate_dsr(independent_events = FALSE)``, following the
    Fingertips technical guidance (DSR chapter): each band's events are Σ_f f·persons_f and the
    DSR is the ordinary one on those events; the variance is Σ_f f²·Var_f, where Var_f is the
    Dobson variance computed from the persons with frequency f; the limits are then Dobson's
    (Dobson et al., 1991) with that variance and O the total events. With fewer than 10 events in
    total the value is missing.

    Raises:
        ValueError: if the sequences differ in length, a frequency is below 1, a number of persons
            or a standard population is negative, or a population is not positive.
    """
    bands = require_same_length(populations=populations, standard_populations=standard_populations)
    _require_populations(populations)
    events = [0.0] * bands
    variance = 0.0
    for frequency, persons in persons_by_frequency.items():
        if frequency < 1:
            raise ValueError(f"event frequencies must be at least 1; got {frequency!r}")
        require_same_length(persons=persons, populations=populations)
        people = [_count_or_zero("persons", count) for count in persons]
        events = [total + frequency * count for total, count in zip(events, people, strict=True)]
        variance += frequency**2 * _dobson_variance(people, populations, standard_populations)
    return _standardised_rate(
        events,
        populations,
        standard_populations,
        variance=variance,
        method=Method.DOBSON_NON_INDEPENDENT,
        multiplier=multiplier,
        confidences=confidences,
    )


def expected_events(
    populations: Sequence[float | None],
    reference_counts: Sequence[float | None],
    reference_populations: Sequence[float],
) -> float:
    """Events expected in the populations at the reference population's band-specific rates.

    Method: indirect standardisation, E = Σ population × reference count / reference population,
    as PHEindicatormethods ``calculate_ISRatio``; a missing population or reference count is taken
    as 0. A band with no population contributes no expected events.

    Raises:
        ValueError: if the sequences differ in length, a population or reference count is
            negative, or a reference population is not positive.
    """
    require_same_length(
        populations=populations,
        reference_counts=reference_counts,
        reference_populations=reference_populations,
    )
    return math.fsum(
        _count_or_zero("populations", population)
        * _count_or_zero("reference_counts", reference_count)
        / require_positive("reference_populations", reference_population)
        for population, reference_count, reference_population in zip(
            populations, reference_counts, reference_populations, strict=True
        )
    )


def reference_rate(
    reference_counts: Sequence[float | None], reference_populations: Sequence[float]
) -> float:
    """The reference population's overall crude rate, Σ reference counts / Σ reference populations.

    Method: PHEindicatormethods ``calculate_ISRate`` (its ``ref_rate`` before the multiplier); a
    missing reference count is taken as 0.

    Raises:
        ValueError: if the sequences differ in length, a count is negative or a population is not
            positive.
    """
    require_same_length(
        reference_counts=reference_counts, reference_populations=reference_populations
    )
    events = math.fsum(_count_or_zero("reference_counts", count) for count in reference_counts)
    people = math.fsum(
        require_positive("reference_populations", population)
        for population in reference_populations
    )
    return events / people


def indirectly_standardised_ratio(
    observed: float,
    populations: Sequence[float | None],
    reference_counts: Sequence[float | None],
    reference_populations: Sequence[float],
    *,
    reference_value: float = 1,
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
) -> IndirectlyStandardised:
    """Indirectly standardised ratio (observed / expected × reference value), e.g. an SMR.

    ``observed`` is the area's total of observed events: the sum of its banded counts (leaving out
    missing ones, as PHEindicatormethods does) or a known total.

    Method: PHEindicatormethods ``calculate_ISRatio`` (formerly ``phe_smr``); expected events as
    :func:`expected_events`; limits are the Poisson limits of the observed count (exact below 10,
    Byar's from 10; Breslow & Day, 1987) divided by the expected events, times the reference
    value (1, or 100 for a ratio expressed per 100).

    Raises:
        ValueError: if ``observed`` is negative, the reference value is not positive, the expected
            events are 0, or the banded inputs are invalid (see :func:`expected_events`).
    """
    require_positive("reference_value", reference_value)
    expected = expected_events(populations, reference_counts, reference_populations)
    return _indirectly_standardised(observed, expected, reference_value, confidences)


def indirectly_standardised_rate(
    observed: float,
    populations: Sequence[float | None],
    reference_counts: Sequence[float | None],
    reference_populations: Sequence[float],
    *,
    multiplier: float = 100_000,
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
) -> IndirectlyStandardised:
    """Indirectly standardised rate: the standardised ratio times the reference rate.

    ``observed`` is the area's total of observed events, as for
    :func:`indirectly_standardised_ratio`.

    Method: PHEindicatormethods ``calculate_ISRate`` (formerly ``phe_isr``): value = O/E × the
    reference rate (:func:`reference_rate` × multiplier), with the limits of the ratio scaled the
    same way.

    Raises:
        ValueError: if ``observed`` is negative, the multiplier is not positive, the expected
            events are 0, or the banded inputs are invalid (see :func:`expected_events`).
    """
    require_positive("multiplier", multiplier)
    expected = expected_events(populations, reference_counts, reference_populations)
    scale = reference_rate(reference_counts, reference_populations) * multiplier
    return _indirectly_standardised(observed, expected, scale, confidences)


def _standardised_rate(
    events: Sequence[float],
    populations: Sequence[float],
    standard_populations: Sequence[float],
    *,
    variance: float,
    method: Method,
    multiplier: float,
    confidences: Sequence[float],
) -> StandardisedRate:
    require_positive("multiplier", multiplier)
    total_count = math.fsum(events)
    total_population = math.fsum(populations)
    if total_count < DSR_MINIMUM_COUNT:
        return StandardisedRate(
            value=None,
            intervals=(),
            method=method,
            missing_reason=f"not calculated for fewer than {DSR_MINIMUM_COUNT} events",
            total_count=total_count,
            total_population=total_population,
        )
    dsr = _dsr(events, populations, standard_populations)
    return StandardisedRate(
        value=dsr * multiplier,
        intervals=tuple(
            dobson_interval(dsr, variance, total_count, level).scaled(multiplier)
            for level in confidences
        ),
        method=method,
        total_count=total_count,
        total_population=total_population,
    )


def _dsr(
    counts: Sequence[float], populations: Sequence[float], standard_populations: Sequence[float]
) -> float:
    """Σ(x·w/n)/Σw: the standardised rate before the multiplier."""
    weighted = math.fsum(
        count * weight / population
        for count, population, weight in zip(counts, populations, standard_populations, strict=True)
    )
    return weighted / _total_weight(standard_populations)


def _dobson_variance(
    counts: Sequence[float], populations: Sequence[float], standard_populations: Sequence[float]
) -> float:
    """Σ(x·(w/n)²)/(Σw)²: the variance of the standardised rate before the multiplier."""
    weighted = math.fsum(
        count * (weight / population) ** 2
        for count, population, weight in zip(counts, populations, standard_populations, strict=True)
    )
    return weighted / _total_weight(standard_populations) ** 2


def _total_weight(standard_populations: Sequence[float]) -> float:
    total = math.fsum(
        require_non_negative("standard_populations", weight) for weight in standard_populations
    )
    return require_positive("the sum of standard_populations", total)


def _indirectly_standardised(
    observed: float, expected: float, scale: float, confidences: Sequence[float]
) -> IndirectlyStandardised:
    require_non_negative("observed", observed)
    if expected <= 0:
        raise ValueError(
            f"the expected events must be greater than 0 to standardise; got {expected!r}"
        )
    factor = scale / expected
    return IndirectlyStandardised(
        value=observed * factor,
        intervals=tuple(
            poisson_count_interval(observed, level).scaled(factor) for level in confidences
        ),
        method=poisson_count_method(observed),
        observed=observed,
        expected=expected,
    )


def _require_populations(populations: Sequence[float]) -> None:
    for population in populations:
        require_positive("populations", population)


def _count_or_zero(name: str, count: float | None) -> float:
    return 0.0 if count is None else require_non_negative(name, count)
