"""Indicator values with their confidence intervals: proportions, crude rates and means.

These mirror PHEindicatormethods' ``phe_proportion``, ``phe_rate`` and ``phe_mean``: a value, its
limits at each requested confidence level (95% and 99.8% by default, as Fingertips shows), and the
method used. A missing numerator or denominator gives a missing value with the reason, never an
error and never a zero. :func:`sum_by_group` adds up rows per area the way those functions treat
grouped data: a group with any missing input has a missing total.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

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
    Method,
    poisson_count_interval,
    poisson_count_method,
    students_t_interval,
    wilson_interval,
)

DEFAULT_CONFIDENCES: tuple[float, ...] = (CONFIDENCE_95, CONFIDENCE_99_8)

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True, kw_only=True)
class Estimate:
    """A statistic with its confidence intervals.

    ``value`` is None when it cannot be calculated; ``missing_reason`` then says why, in words fit
    to show a reader. ``intervals`` holds one interval per requested confidence level, in the order
    asked for. ``method`` is the interval method, None when the inputs did not determine one.
    """

    value: float | None
    intervals: tuple[Interval, ...]
    method: Method | None
    missing_reason: str | None = None

    def interval(self, confidence: float) -> Interval | None:
        """The interval at ``confidence``, or None if it was not calculated."""
        return next((i for i in self.intervals if math.isclose(i.confidence, confidence)), None)


@dataclass(frozen=True, kw_only=True)
class MeanEstimate(Estimate):
    """A mean with its Student's t intervals and the summary it was calculated from."""

    total: float
    count: int
    standard_deviation: float


class Totals(NamedTuple):
    """A group's summed numerator and denominator; None when any row of the group lacked one."""

    numerator: float | None
    denominator: float | None


def proportion(
    numerator: float | None,
    denominator: float | None,
    *,
    multiplier: float = 1,
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
) -> Estimate:
    """A proportion ``numerator / denominator × multiplier`` with Wilson score intervals.

    Method: PHEindicatormethods ``phe_proportion``; Wilson (1927), Newcombe (1998). Use
    multiplier 100 for a percentage. A missing input gives a missing value with its reason.

    Raises:
        ValueError: if the numerator is negative or exceeds the denominator, the denominator is not
            positive, or the multiplier is not positive.
    """
    require_positive("multiplier", multiplier)
    _require_present_inputs(numerator, denominator)
    if numerator is None or denominator is None:
        return Estimate(
            value=None,
            intervals=(),
            method=Method.WILSON,
            missing_reason=_missing_reason(numerator, denominator),
        )
    require_proportion(numerator, denominator)
    intervals = tuple(
        wilson_interval(numerator, denominator, level).scaled(multiplier) for level in confidences
    )
    return Estimate(
        value=numerator / denominator * multiplier, intervals=intervals, method=Method.WILSON
    )


def rate(
    numerator: float | None,
    denominator: float | None,
    *,
    multiplier: float = 100_000,
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
) -> Estimate:
    """A crude rate ``numerator / denominator × multiplier`` with Poisson intervals.

    Method: PHEindicatormethods ``phe_rate``: the exact Poisson interval for counts below 10 and
    Byar's method (Breslow & Day, 1987) from 10, divided by the denominator and multiplied by the
    multiplier. A numerator above the denominator is allowed. A missing input gives a missing value
    with its reason; the method is still named when the numerator is known, as ``phe_rate`` does.

    Raises:
        ValueError: if the numerator is negative, or the denominator or multiplier is not positive.
    """
    require_positive("multiplier", multiplier)
    _require_present_inputs(numerator, denominator)
    method = None if numerator is None else poisson_count_method(numerator)
    if numerator is None or denominator is None:
        return Estimate(
            value=None,
            intervals=(),
            method=method,
            missing_reason=_missing_reason(numerator, denominator),
        )
    scale = multiplier / denominator
    intervals = tuple(
        poisson_count_interval(numerator, level).scaled(scale) for level in confidences
    )
    return Estimate(value=numerator * scale, intervals=intervals, method=method)


def mean(
    values: Sequence[float], *, confidences: Sequence[float] = DEFAULT_CONFIDENCES
) -> MeanEstimate:
    """The mean of ``values`` with Student's t intervals.

    Method: PHEindicatormethods ``phe_mean``; Student (1908). See
    :func:`trustplan.stats.intervals.students_t_interval`.

    Raises:
        ValueError: if there are fewer than two values.
    """
    if len(values) < 2:
        raise ValueError(
            f"values must hold at least 2 numbers for a mean with CIs; got {len(values)}"
        )
    return MeanEstimate(
        value=statistics.fmean(values),
        intervals=tuple(students_t_interval(values, level) for level in confidences),
        method=Method.STUDENTS_T,
        total=math.fsum(values),
        count=len(values),
        standard_deviation=statistics.stdev(values),
    )


def sum_by_group(
    keys: Sequence[Key],
    numerators: Sequence[float | None],
    denominators: Sequence[float | None],
) -> dict[Key, Totals]:
    """Add up numerators and denominators per group key, in first-seen key order.

    As PHEindicatormethods does for grouped data (R's ``sum`` without ``na.rm``), a group in which
    any row lacks a numerator has a missing numerator total, and likewise for denominators: a
    partial total is never passed off as the whole.
    """
    require_same_length(keys=keys, numerators=numerators, denominators=denominators)
    numerator_totals: dict[Key, float | None] = {}
    denominator_totals: dict[Key, float | None] = {}
    for key, numerator, denominator in zip(keys, numerators, denominators, strict=True):
        numerator_totals[key] = _add(numerator_totals.get(key, 0.0), numerator)
        denominator_totals[key] = _add(denominator_totals.get(key, 0.0), denominator)
    return {key: Totals(numerator_totals[key], denominator_totals[key]) for key in numerator_totals}


def _add(total: float | None, value: float | None) -> float | None:
    return None if total is None or value is None else total + value


def _require_present_inputs(numerator: float | None, denominator: float | None) -> None:
    """Bad inputs are errors even when the other input is missing."""
    if numerator is not None:
        require_non_negative("numerator", numerator)
    if denominator is not None:
        require_positive("denominator", denominator)


def _missing_reason(numerator: float | None, denominator: float | None) -> str:
    missing = [
        name
        for name, value in (("numerator", numerator), ("denominator", denominator))
        if value is None
    ]
    return " and ".join(missing) + (" are missing" if len(missing) > 1 else " is missing")
