"""The probability of meeting a future target, from a straight-line forecast of the series.

Method: ordinary least squares of the value on the period, and the prediction interval for a new
observation (Montgomery, Peck & Vining, *Introduction to Linear Regression Analysis*, 5th ed.,
2012, chapter 2, "prediction of new observations"): at period x₀ the forecast is
ŷ₀ = a + b·x₀ and a new value y₀ has standard error s·√(1 + 1/n + (x₀ − x̄)²/Sₓₓ), with s² the
residual mean square on n − 2 degrees of freedom.
Under the model's assumptions (a straight line with independent normal errors of constant
variance) (y₀ − ŷ₀)/se follows Student's t on n − 2 degrees of freedom, so the probability that
the value at the target period is on the good side of the target is a t tail probability.

Periods are the positions in the series (0, 1, 2, …), so the series must be regularly spaced
(every month, quarter or year), with ``None`` for a missing period; the target period is on the
same scale (the last period plus the number of periods ahead). The probability is only as good as
the straight line: it says what happens if the recent trend carries on.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from scipy.stats import t as students_t

from trustplan.stats._checks import require_confidence
from trustplan.stats.intervals import Interval
from trustplan.vocabulary import Polarity

MIN_POINTS: Final = 3
"""A line and its residual variance need at least three values (one degree of freedom)."""


@dataclass(frozen=True)
class LinearForecast:
    """A least-squares line through the series and its forecast for one period.

    ``predicted`` is the line's value at ``period``; ``standard_error`` is that of a new
    observation there, on ``degrees_of_freedom`` (n − 2) degrees of freedom.
    """

    n_points: int
    slope: float
    intercept: float
    period: float
    predicted: float
    standard_error: float
    degrees_of_freedom: int

    def interval(self, confidence: float = 0.95) -> Interval:
        """The prediction interval ŷ₀ ± t(1 − (1 − c)/2; n − 2)·se for the value at the period."""
        require_confidence(confidence)
        half_width = float(students_t.ppf((1 + confidence) / 2, self.degrees_of_freedom))
        half_width *= self.standard_error
        return Interval(self.predicted - half_width, self.predicted + half_width, confidence)

    def probability_at_least(self, threshold: float) -> float:
        """P(y₀ ≥ threshold): the upper t tail at (threshold − ŷ₀)/se; 1 or 0 for a perfect fit."""
        if self.standard_error == 0:
            return float(self.predicted >= threshold)
        score = (threshold - self.predicted) / self.standard_error
        return float(students_t.sf(score, self.degrees_of_freedom))

    def probability_at_most(self, threshold: float) -> float:
        """P(y₀ ≤ threshold): the lower t tail at (threshold − ŷ₀)/se; 1 or 0 for a perfect fit."""
        if self.standard_error == 0:
            return float(self.predicted <= threshold)
        score = (threshold - self.predicted) / self.standard_error
        return float(students_t.cdf(score, self.degrees_of_freedom))


@dataclass(frozen=True)
class TargetForecast:
    """The chance that the value at ``target_period`` meets ``target``.

    ``forecast`` is None when no line could be fitted; ``probability_of_meeting_target`` is None
    then and when the polarity gives no better side. ``missing_reason`` says why.
    """

    target: float
    target_period: float
    polarity: Polarity
    forecast: LinearForecast | None
    probability_of_meeting_target: float | None
    missing_reason: str | None = None


def linear_forecast(values: Sequence[float | None], period: float) -> LinearForecast:
    """Fit a least-squares line to ``values`` by position and forecast the value at ``period``.

    Method: ordinary least squares, b = Sₓᵧ/Sₓₓ and a = ȳ − b·x̄ over the observed values at their
    positions; residual mean square s² = Σ(y − a − bx)²/(n − 2); the standard error of a new
    observation at x₀ is s·√(1 + 1/n + (x₀ − x̄)²/Sₓₓ) (Montgomery, Peck & Vining, 2012, ch. 2).

    Raises:
        ValueError: if fewer than three values are observed, a value is not finite, or the period
            is not finite.
    """
    _require_finite("period", period)
    points = _observed_points(values)
    if len(points) < MIN_POINTS:
        raise ValueError(
            f"values must hold at least {MIN_POINTS} observed numbers; got {len(points)}"
        )
    xs = [float(x) for x, _ in points]
    ys = [y for _, y in points]
    x_mean = statistics.fmean(xs)
    y_mean = statistics.fmean(ys)
    sxx = sum((x - x_mean) ** 2 for x in xs)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in points) / sxx
    intercept = y_mean - slope * x_mean
    degrees_of_freedom = len(points) - 2
    residual_variance = (
        sum((y - intercept - slope * x) ** 2 for x, y in points) / degrees_of_freedom
    )
    leverage = 1 + 1 / len(points) + (period - x_mean) ** 2 / sxx
    return LinearForecast(
        n_points=len(points),
        slope=slope,
        intercept=intercept,
        period=period,
        predicted=intercept + slope * period,
        standard_error=math.sqrt(residual_variance * leverage),
        degrees_of_freedom=degrees_of_freedom,
    )


def forecast_target(
    values: Sequence[float | None],
    *,
    target: float,
    target_period: float,
    polarity: Polarity,
) -> TargetForecast:
    """The probability that the value at ``target_period`` is on the good side of ``target``.

    Method: the straight-line forecast of :func:`linear_forecast` and the Student's t distribution
    of a new observation about it (Montgomery, Peck & Vining, 2012, ch. 2): P(y₀ ≥ target) when
    high is good, P(y₀ ≤ target) when low is good (meeting the target exactly counts as meeting
    it). Feed the probability to :func:`trustplan.stats.rag.confidence_rag` for a rating.

    The forecast is missing, with the reason, when fewer than three values are observed; the
    probability is missing when the polarity is ``no_judgement``.

    Raises:
        ValueError: if a value, the target or the target period is not a finite number.
    """
    _require_finite("target", target)
    _require_finite("target_period", target_period)
    observed = len(_observed_points(values))
    if observed < MIN_POINTS:
        return TargetForecast(
            target=target,
            target_period=target_period,
            polarity=polarity,
            forecast=None,
            probability_of_meeting_target=None,
            missing_reason=f"needs at least {MIN_POINTS} values to fit a trend; got {observed}",
        )
    forecast = linear_forecast(values, target_period)
    if polarity is Polarity.NO_JUDGEMENT:
        return TargetForecast(
            target=target,
            target_period=target_period,
            polarity=polarity,
            forecast=forecast,
            probability_of_meeting_target=None,
            missing_reason="the indicator has no better direction, so a target cannot be met",
        )
    probability = (
        forecast.probability_at_least(target)
        if polarity is Polarity.HIGH_IS_GOOD
        else forecast.probability_at_most(target)
    )
    return TargetForecast(
        target=target,
        target_period=target_period,
        polarity=polarity,
        forecast=forecast,
        probability_of_meeting_target=probability,
    )


def _observed_points(values: Sequence[float | None]) -> list[tuple[int, float]]:
    """(position, value) for each observed value; a non-finite value is an error."""
    points = []
    for position, value in enumerate(values):
        if value is None:
            continue
        if not math.isfinite(value):
            raise ValueError(
                f"values must be finite numbers or None for missing; "
                f"values[{position}] is {value!r}"
            )
        points.append((position, value))
    return points


def _require_finite(name: str, number: float) -> None:
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {number!r}")
