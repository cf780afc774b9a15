"""The Fingertips recent-trend test: is an indicator significantly rising or falling lately?

Method: Public Health England / OHID Fingertips "trend markers" (Public Health Technical Guidance,
*Fingertips trend markers*, fingertips.phe.org.uk/static-reports/public-health-technical-guidance/
Presentation/Trend_markers.html), as implemented in Fingertips' ``TrendMarkerCalculator``
(github ukhsa-collaboration/fingertips-open, ``PholioVisualisationWS/Analysis/TrendMarkers``):

- The test uses the latest five values, which must be unbroken (no missing period among them).
  Fingertips applies it to annual, non-overlapping periods only; choosing the series is the
  caller's job.
- Proportions: the chi-squared test for trend in proportions (Armitage, 1955; Altman, *Practical
  Statistics for Medical Research*, 1991) with period scores 1 to 5. The direction is the
  least-squares slope of the log-odds of the proportion on the period.
- Other values with 95% confidence intervals (rates, ratios, means): weighted least squares of the
  value on the period, each weighted by 1/SE² with SE = (upper − lower)/3.92; the statistic is
  (slope/SE(slope))².
- The trend is significant when the statistic exceeds the chi-squared (1 df) quantile at 99.8%
  (9.5495) and the slope keeps its sign when each of the five points is left out in turn (six
  slopes in all), so that no single point makes the trend.
- A significant trend is reported with the indicator's polarity: "increasing and getting better",
  "decreasing and getting worse", or just "increasing"/"decreasing" when there is no better
  direction.

Fingertips counts a leave-one-out slope of exactly 0 as positive; here a zero slope agrees with
neither direction, so it stops a trend being called.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from scipy.stats import chi2

from trustplan.stats._checks import require_confidence, require_same_length
from trustplan.vocabulary import Polarity

POINTS_USED: Final = 5
"""The recent trend uses this many latest values (Fingertips)."""

DEFAULT_CONFIDENCE: Final = 0.998
"""Fingertips calls a trend at 99.8% confidence (chi-squared 1 df critical value 9.5495)."""

CI95_WIDTH_IN_STANDARD_ERRORS: Final = 3.92
"""A 95% confidence interval spans 2 × 1.96 standard errors."""


class TrendOutcome(StrEnum):
    """The recent-trend marker, judged with the indicator's polarity."""

    INCREASING_AND_GETTING_BETTER = "increasing_and_getting_better"
    INCREASING_AND_GETTING_WORSE = "increasing_and_getting_worse"
    DECREASING_AND_GETTING_BETTER = "decreasing_and_getting_better"
    DECREASING_AND_GETTING_WORSE = "decreasing_and_getting_worse"
    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    CANNOT_BE_CALCULATED = "cannot_be_calculated"

    @property
    def description(self) -> str:
        """The marker's wording, as Fingertips shows it."""
        return _OUTCOME_DESCRIPTION[self]


_OUTCOME_DESCRIPTION: Final = {
    TrendOutcome.INCREASING_AND_GETTING_BETTER: "increasing and getting better",
    TrendOutcome.INCREASING_AND_GETTING_WORSE: "increasing and getting worse",
    TrendOutcome.DECREASING_AND_GETTING_BETTER: "decreasing and getting better",
    TrendOutcome.DECREASING_AND_GETTING_WORSE: "decreasing and getting worse",
    TrendOutcome.INCREASING: "increasing",
    TrendOutcome.DECREASING: "decreasing",
    TrendOutcome.NO_SIGNIFICANT_CHANGE: "no significant change",
    TrendOutcome.CANNOT_BE_CALCULATED: "cannot be calculated",
}


class TrendMethod(StrEnum):
    """Which Fingertips test was applied."""

    CHI_SQUARED_FOR_TREND = "chi_squared_for_trend"
    WEIGHTED_REGRESSION = "weighted_regression"

    @property
    def description(self) -> str:
        """One line naming the test."""
        return _METHOD_DESCRIPTION[self]


_METHOD_DESCRIPTION: Final = {
    TrendMethod.CHI_SQUARED_FOR_TREND: "chi-squared test for trend in proportions",
    TrendMethod.WEIGHTED_REGRESSION: "weighted least-squares regression on the confidence limits",
}


@dataclass(frozen=True)
class RecentTrend:
    """The result of the recent-trend test.

    ``slope`` is the change per period: in log-odds for proportions, in the value's units
    otherwise. ``chi_square`` is the test statistic and ``critical_value`` the threshold it had to
    exceed; ``slopes_agree`` says whether the leave-one-out slopes all kept the slope's sign. The
    numbers are None, and ``missing_reason`` says why, when the test cannot be calculated.
    """

    outcome: TrendOutcome
    method: TrendMethod
    slope: float | None
    chi_square: float | None
    critical_value: float
    slopes_agree: bool | None
    missing_reason: str | None = None


def recent_trend_for_proportion(
    numerators: Sequence[float | None],
    denominators: Sequence[float | None],
    polarity: Polarity,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> RecentTrend:
    """The Fingertips recent trend of a proportion over its latest five periods.

    Method: chi-squared test for trend (Armitage, 1955; Altman, 1991): with period scores
    t = 1…5, counts rᵢ of nᵢ, R = Σr and N = Σn,
    χ² = N(NΣrᵢtᵢ − RΣnᵢtᵢ)² / (R(N − R)(NΣnᵢtᵢ² − (Σnᵢtᵢ)²)), as in Fingertips'
    ``IsSignificantForProportions``. The direction, and the leave-one-out sign check, use the
    least-squares slope of logit(rᵢ/nᵢ) on tᵢ. Significant when χ² exceeds the chi-squared (1 df)
    quantile at ``confidence`` and all six slopes share its sign; judged with ``polarity``.
    Cannot be calculated without five unbroken latest periods, or when one of them is 0% or 100%
    (no log-odds; Fingertips refuses 100% for the same reason).

    Raises:
        ValueError: if the sequences differ in length, a number is not finite, a count is
            negative, a denominator is not positive, or a numerator exceeds its denominator.
    """
    require_same_length(numerators=numerators, denominators=denominators)
    critical = _critical_value(confidence)
    method = TrendMethod.CHI_SQUARED_FOR_TREND
    counts = _latest_five("numerators", numerators)
    totals = _latest_five("denominators", denominators)
    if counts is None or totals is None:
        incomplete = "numerators" if counts is None else "denominators"
        return _cannot(method, critical, _missing_reason(len(numerators), incomplete))
    for count, total in zip(counts, totals, strict=True):
        _require_proportion(count, total)
    if any(r in (0, n) for r, n in zip(counts, totals, strict=True)):
        return _cannot(method, critical, "a proportion of 0% or 100% has no log-odds")
    periods = [float(t) for t in range(1, POINTS_USED + 1)]
    logits = [math.log(r / (n - r)) for r, n in zip(counts, totals, strict=True)]
    return _judged(
        method,
        critical,
        polarity,
        chi_square=_chi_squared_for_trend(periods, counts, totals),
        slopes=_leave_one_out(periods, logits, weights=[1.0] * POINTS_USED),
    )


def recent_trend(
    values: Sequence[float | None],
    lower_95: Sequence[float | None],
    upper_95: Sequence[float | None],
    polarity: Polarity,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> RecentTrend:
    """The Fingertips recent trend of a value with 95% confidence limits, over five periods.

    Method: Fingertips' ``IsSignificant``: weighted least squares of the value on periods
    t = 1…5 with weights wᵢ = 1/SEᵢ², SEᵢ = (upperᵢ − lowerᵢ)/3.92; slope
    b = (ΣwΣwty − ΣwtΣwy)/(ΣwΣwt² − (Σwt)²), SE(b) = √(Σw/(ΣwΣwt² − (Σwt)²)) and χ² = (b/SE(b))².
    Significant when χ² exceeds the chi-squared (1 df) quantile at ``confidence`` and the weighted
    slopes with each point left out share b's sign; judged with ``polarity``. Cannot be calculated
    without five unbroken latest periods or when a confidence interval has no width.

    Raises:
        ValueError: if the sequences differ in length, a number is not finite, or a lower limit
            exceeds its upper limit.
    """
    require_same_length(values=values, lower_95=lower_95, upper_95=upper_95)
    critical = _critical_value(confidence)
    method = TrendMethod.WEIGHTED_REGRESSION
    ys = _latest_five("values", values)
    lowers = _latest_five("lower_95", lower_95)
    uppers = _latest_five("upper_95", upper_95)
    if ys is None or lowers is None or uppers is None:
        incomplete = next(
            name
            for name, column in (("values", ys), ("lower_95", lowers), ("upper_95", uppers))
            if column is None
        )
        return _cannot(method, critical, _missing_reason(len(values), incomplete))
    for lower, upper in zip(lowers, uppers, strict=True):
        if lower > upper:
            raise ValueError(f"lower_95 ({lower!r}) must not exceed upper_95 ({upper!r})")
    if any(lower == upper for lower, upper in zip(lowers, uppers, strict=True)):
        return _cannot(method, critical, "a confidence interval of zero width gives no weight")
    periods = [float(t) for t in range(1, POINTS_USED + 1)]
    weights = [
        (CI95_WIDTH_IN_STANDARD_ERRORS / (upper - lower)) ** 2
        for lower, upper in zip(lowers, uppers, strict=True)
    ]
    slope, slope_se = _weighted_slope(periods, ys, weights)
    return _judged(
        method,
        critical,
        polarity,
        chi_square=(slope / slope_se) ** 2,
        slopes=_leave_one_out(periods, ys, weights),
    )


def _critical_value(confidence: float) -> float:
    return float(chi2.ppf(require_confidence(confidence), df=1))


def _latest_five(name: str, column: Sequence[float | None]) -> list[float] | None:
    """The latest five values of the argument ``name``, or None if there are fewer or one is
    missing."""
    latest = column[-POINTS_USED:]
    values = [v for v in latest if v is not None]
    for value in values:
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite numbers or None for missing; got {value!r}")
    return values if len(values) == POINTS_USED else None


_MISSING_ITEM: Final = {
    "values": "a value",
    "lower_95": "a 95% confidence limit",
    "upper_95": "a 95% confidence limit",
    "numerators": "a numerator",
    "denominators": "a denominator",
}


def _missing_reason(n_periods: int, incomplete: str) -> str:
    """Why :func:`_latest_five` found no five unbroken latest values in ``incomplete``."""
    if n_periods < POINTS_USED:
        return f"needs {POINTS_USED} periods of data; got {n_periods}"
    return f"{_MISSING_ITEM[incomplete]} is missing in the latest {POINTS_USED} periods"


def _cannot(method: TrendMethod, critical: float, reason: str) -> RecentTrend:
    return RecentTrend(
        outcome=TrendOutcome.CANNOT_BE_CALCULATED,
        method=method,
        slope=None,
        chi_square=None,
        critical_value=critical,
        slopes_agree=None,
        missing_reason=reason,
    )


def _judged(
    method: TrendMethod,
    critical: float,
    polarity: Polarity,
    *,
    chi_square: float,
    slopes: tuple[float, ...],
) -> RecentTrend:
    """Decide the outcome from the statistic and the full and leave-one-out slopes."""
    slope = slopes[0]
    direction = _sign(slope)
    agree = direction != 0 and all(_sign(s) == direction for s in slopes)
    significant = agree and chi_square > critical
    return RecentTrend(
        outcome=_outcome(direction, polarity)
        if significant
        else TrendOutcome.NO_SIGNIFICANT_CHANGE,
        method=method,
        slope=slope,
        chi_square=chi_square,
        critical_value=critical,
        slopes_agree=agree,
    )


def _outcome(direction: int, polarity: Polarity) -> TrendOutcome:
    increasing = direction > 0
    if polarity is Polarity.NO_JUDGEMENT:
        return TrendOutcome.INCREASING if increasing else TrendOutcome.DECREASING
    better = increasing == (polarity is Polarity.HIGH_IS_GOOD)
    if increasing:
        return (
            TrendOutcome.INCREASING_AND_GETTING_BETTER
            if better
            else TrendOutcome.INCREASING_AND_GETTING_WORSE
        )
    return (
        TrendOutcome.DECREASING_AND_GETTING_BETTER
        if better
        else TrendOutcome.DECREASING_AND_GETTING_WORSE
    )


def _chi_squared_for_trend(
    periods: Sequence[float], counts: Sequence[float], totals: Sequence[float]
) -> float:
    """Armitage's chi-squared statistic for a linear trend in the proportions counts/totals."""
    n_all = sum(totals)
    r_all = sum(counts)
    sum_rt = sum(r * t for r, t in zip(counts, periods, strict=True))
    sum_nt = sum(n * t for n, t in zip(totals, periods, strict=True))
    sum_nt2 = sum(n * t * t for n, t in zip(totals, periods, strict=True))
    numerator = n_all * (n_all * sum_rt - r_all * sum_nt) ** 2
    return numerator / (r_all * (n_all - r_all) * (n_all * sum_nt2 - sum_nt**2))


def _weighted_slope(
    periods: Sequence[float], ys: Sequence[float], weights: Sequence[float]
) -> tuple[float, float]:
    """Weighted least-squares slope of ys on periods, and its standard error for known weights."""
    sw = sum(weights)
    swt = sum(w * t for w, t in zip(weights, periods, strict=True))
    swy = sum(w * y for w, y in zip(weights, ys, strict=True))
    swt2 = sum(w * t * t for w, t in zip(weights, periods, strict=True))
    swty = sum(w * t * y for w, t, y in zip(weights, periods, ys, strict=True))
    determinant = sw * swt2 - swt**2
    return (sw * swty - swt * swy) / determinant, math.sqrt(sw / determinant)


def _leave_one_out(
    periods: Sequence[float], ys: Sequence[float], weights: Sequence[float]
) -> tuple[float, ...]:
    """The slope with all points, then with each point left out in turn."""
    everything = list(range(len(ys)))
    subsets = [everything] + [[i for i in everything if i != out] for out in everything]
    return tuple(
        _weighted_slope(
            [periods[i] for i in kept], [ys[i] for i in kept], [weights[i] for i in kept]
        )[0]
        for kept in subsets
    )


def _require_proportion(numerator: float, denominator: float) -> None:
    if numerator < 0 or denominator <= 0 or numerator > denominator:
        raise ValueError(
            f"numerators must be between 0 and their positive denominators; "
            f"got {numerator!r} of {denominator!r}"
        )


def _sign(x: float) -> int:
    if x > 0:
        return 1
    return -1 if x < 0 else 0
