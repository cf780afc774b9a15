"""Confidence intervals for indicator values, as PHEindicatormethods and Fingertips compute them.

- proportions: the Wilson score interval;
- counts and rates: Byar's approximation, or the exact Poisson interval for counts below 10;
- means: Student's t;
- directly standardised rates: Dobson's method.

Confidence is a level between 0 and 1; Fingertips reports 95% (:data:`CONFIDENCE_95`) and 99.8%
(:data:`CONFIDENCE_99_8`) limits, but any level can be asked for. Also here: the Poisson means found
by bisection that PHE's funnel plots and Fingertips' SPC-for-DSR comparisons use as control limits.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from scipy import special
from scipy.stats import chi2, norm, t

from trustplan.stats._checks import (
    require_confidence,
    require_non_negative,
    require_positive,
    require_proportion,
)

CONFIDENCE_95: Final = 0.95
CONFIDENCE_99_8: Final = 0.998

EXACT_POISSON_BELOW: Final = 10
"""Counts below this use the exact Poisson interval rather than Byar's (PHEindicatormethods)."""

BISECTION_TOLERANCE: Final = 1e-7
"""Stopping step of the Poisson-mean bisection, as in PHE's and Fingertips' Excel-derived code."""


class Method(StrEnum):
    """How an interval was calculated."""

    WILSON = "wilson"
    BYARS = "byars"
    EXACT_POISSON = "exact_poisson"
    STUDENTS_T = "students_t"
    DOBSON = "dobson"
    DOBSON_NON_INDEPENDENT = "dobson_non_independent"


@dataclass(frozen=True)
class Interval:
    """A confidence interval: its limits and the confidence level they were calculated at."""

    lower: float
    upper: float
    confidence: float

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the interval; a value on a limit counts as inside."""
        return self.lower <= value <= self.upper

    def scaled(self, factor: float) -> Interval:
        """The same interval with both limits multiplied by ``factor``."""
        return Interval(self.lower * factor, self.upper * factor, self.confidence)


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence``: 1.96 for 0.95, 3.09 for 0.998.

    ``scipy.stats.norm.ppf((1 + confidence) / 2)``, i.e. R's ``qnorm(0.975)`` and ``qnorm(0.999)``.
    """
    return float(norm.ppf((1 + require_confidence(confidence)) / 2))


def wilson_interval(numerator: float, denominator: float, confidence: float) -> Interval:
    """Wilson score interval for the proportion ``numerator / denominator``, on the 0-1 scale.

    Method: Wilson (1927), without continuity correction, as recommended by Newcombe (1998) and
    implemented by PHEindicatormethods ``phe_proportion``: with p = x/n,
    (2x + z² ∓ z·√(z² + 4x(1 − p))) / (2(n + z²)). A confidence of 1 gives the whole range [0, 1],
    as PHEindicatormethods' ``wilson_lower``/``wilson_upper`` do.

    Raises:
        ValueError: if the numerator is negative or exceeds the denominator, or the denominator is
            not positive.
    """
    require_proportion(numerator, denominator)
    if confidence == 1:
        return Interval(0.0, 1.0, 1.0)
    z = z_value(confidence)
    proportion = numerator / denominator
    centre = 2 * numerator + z**2
    spread = z * math.sqrt(z**2 + 4 * numerator * (1 - proportion))
    scale = 2 * (denominator + z**2)
    return Interval((centre - spread) / scale, (centre + spread) / scale, confidence)


def byars_interval(count: float, confidence: float) -> Interval:
    """Byar's approximation to the Poisson confidence interval for an observed ``count``.

    Method: Byar's method, Breslow & Day (1987), as PHEindicatormethods' ``byars_lower`` and
    ``byars_upper``: lower = O·(1 − 1/(9O) − z/(3√O))³, upper = (O+1)·(1 − 1/(9(O+1)) +
    z/(3√(O+1)))³. The lower limit of a zero count is 0; a negative cube, which only occurs for
    counts close to 1 at high confidence, is reported as 0.
    """
    require_non_negative("count", count)
    z = z_value(confidence)
    lower = 0.0
    if count > 0:
        lower = max(0.0, count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3)
    shifted = count + 1
    upper = shifted * (1 - 1 / (9 * shifted) + z / (3 * math.sqrt(shifted))) ** 3
    return Interval(lower, upper, confidence)


def exact_poisson_interval(count: float, confidence: float) -> Interval:
    """Exact Poisson confidence interval for an observed ``count``, from the chi-square quantiles.

    Method: the exact (Garwood) interval, as PHEindicatormethods uses for counts below 10:
    lower = χ²((1 − c)/2; 2O)/2, upper = χ²(c + (1 − c)/2; 2O + 2)/2, with the lower limit of a zero
    count 0 (Breslow & Day, 1987).
    """
    require_non_negative("count", count)
    require_confidence(confidence)
    tail = (1 - confidence) / 2
    lower = 0.0 if count == 0 else float(chi2.ppf(tail, 2 * count)) / 2
    upper = float(chi2.ppf(1 - tail, 2 * count + 2)) / 2
    return Interval(lower, upper, confidence)


def poisson_count_method(count: float) -> Method:
    """The method PHEindicatormethods uses for a count: exact Poisson below 10, Byar's from 10."""
    return Method.EXACT_POISSON if count < EXACT_POISSON_BELOW else Method.BYARS


def poisson_count_interval(count: float, confidence: float) -> Interval:
    """Confidence interval for a Poisson ``count``: exact below 10 events, Byar's from 10.

    Method: PHEindicatormethods ``phe_rate`` and ``calculate_ISRatio``; see
    :func:`exact_poisson_interval` and :func:`byars_interval`.
    """
    if poisson_count_method(count) is Method.EXACT_POISSON:
        return exact_poisson_interval(count, confidence)
    return byars_interval(count, confidence)


def students_t_interval(values: Sequence[float], confidence: float) -> Interval:
    """Student's t confidence interval for the mean of ``values``.

    Method: mean ± t(1 − (1 − c)/2; n − 1)·s/√n with s the sample standard deviation (divisor
    n − 1), as PHEindicatormethods ``phe_mean``; Student (1908).

    Raises:
        ValueError: if there are fewer than two values.
    """
    if len(values) < 2:
        raise ValueError(f"values must hold at least 2 numbers for a t interval; got {len(values)}")
    require_confidence(confidence)
    mean = statistics.fmean(values)
    half_width = float(t.ppf((1 + confidence) / 2, len(values) - 1)) * (
        statistics.stdev(values) / math.sqrt(len(values))
    )
    return Interval(mean - half_width, mean + half_width, confidence)


def dobson_interval(
    rate: float, variance: float, total_count: float, confidence: float
) -> Interval:
    """Dobson confidence interval for a directly standardised rate.

    Method: Dobson, Kuulasmaa, Eberle & Scherer (1991), as PHEindicatormethods ``calculate_dsr``:
    limit = DSR + √(Var/O)·(B(O) − O), where O is the total count and B is Byar's lower or upper
    limit for O (:func:`byars_interval`). ``rate`` and ``variance`` must be on the same scale (the
    variance is that of the rate as given).

    Raises:
        ValueError: if the total count is not positive or the variance is negative.
    """
    require_positive("total_count", total_count)
    require_non_negative("variance", variance)
    byars = byars_interval(total_count, confidence)
    spread = math.sqrt(variance / total_count)
    return Interval(
        rate + spread * (byars.lower - total_count),
        rate + spread * (byars.upper - total_count),
        confidence,
    )


def poisson_lower_mean(observed: float, tail_probability: float) -> float:
    """The Poisson mean below which ``observed`` events would be improbably many.

    Returns the mean λ with P(X ≥ observed | λ) = ``tail_probability``, found by the bisection of
    PHE's funnel-plot Excel macro, carried into PHEindicatormethods ``poisson_funnel(side = "low")``
    and Fingertips ``StatisticalMethods.PoisLow``: the search runs over v in (0, 1) with
    λ = (1 + observed)·v/(1 − v), halving the step until it is no more than 1e-7. A fractional
    ``observed`` counts whole events at or above it, as those implementations do. The tail
    probabilities come from ``scipy.special.pdtrc``.
    """
    require_non_negative("observed", observed)
    _require_tail_probability(tail_probability)
    below = math.ceil(observed) - 1

    def upper_tail_too_likely(mean: float) -> bool:
        at_or_above = float(special.pdtrc(below, mean)) if below >= 0 else 1.0
        return at_or_above > tail_probability

    return _bisect_poisson_mean(observed, upper_tail_too_likely)


def poisson_upper_mean(observed: float, tail_probability: float) -> float:
    """The Poisson mean above which ``observed`` events would be improbably few.

    Returns the mean λ with P(X ≤ observed | λ) = ``tail_probability``, by the same bisection as
    :func:`poisson_lower_mean` (PHEindicatormethods ``poisson_funnel(side = "high")``, Fingertips
    ``StatisticalMethods.PoisHigh``). A fractional ``observed`` counts whole events at or below it.
    The tail probabilities come from ``scipy.special.pdtr``.
    """
    require_non_negative("observed", observed)
    _require_tail_probability(tail_probability)
    at_most = math.floor(observed)

    def lower_tail_too_unlikely(mean: float) -> bool:
        return float(special.pdtr(at_most, mean)) < tail_probability

    return _bisect_poisson_mean(observed, lower_tail_too_unlikely)


def _require_tail_probability(tail_probability: float) -> None:
    if not 0 < tail_probability < 1:
        raise ValueError(f"tail_probability must lie between 0 and 1; got {tail_probability!r}")


def _bisect_poisson_mean(observed: float, mean_too_high: Callable[[float], bool]) -> float:
    """Bisect over v in (0, 1) with mean = (1 + observed)·v/(1 − v), stepping down when too high."""
    position, step = 0.5, 0.5
    while step > BISECTION_TOLERANCE:
        step /= 2
        if mean_too_high((1 + observed) * position / (1 - position)):
            position -= step
        else:
            position += step
    return (1 + observed) * position / (1 - position)
