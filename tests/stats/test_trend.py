"""The Fingertips recent-trend test, on constructed data with known answers.

The reference folder has no trend cases. The two significant examples below are the inputs and
published statistics of Fingertips' own unit tests (github ukhsa-collaboration/fingertips-open,
``PholioVisualisationWS/AnalysisTest/TrendMarkerCalculatorTest.cs`` at commit 6780897): a
weighted-regression chi-squared of 46.77 and a chi-squared for trend of 47.9, both significant.
The other checks derive the statistics independently (individual-level correlation, matrix
weighted least squares) or from the test's known behaviour under a true null and a true trend.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import chi2

from trustplan.stats.trend import (
    DEFAULT_CONFIDENCE,
    RecentTrend,
    TrendMethod,
    TrendOutcome,
    recent_trend,
    recent_trend_for_proportion,
)
from trustplan.vocabulary import Polarity

HIGH = Polarity.HIGH_IS_GOOD
LOW = Polarity.LOW_IS_GOOD
NONE = Polarity.NO_JUDGEMENT

# Fingertips' TrendMarkerCalculatorTest data sets 1 and 2 (2014 to 2018, oldest first).
SET1_COUNTS = [994, 1023, 1199, 1332, 1367]
SET1_DENOMINATORS = [40299, 41527, 42811, 44064, 44701]
SET1_VALUES = [24.67, 24.6, 28.0, 30.2, 30.6]
SET1_LOWER = [23.16, 23.15, 26.44, 28.63, 28.98]
SET1_UPPER = [26.25, 26.19, 29.64, 31.9, 32.25]
SET2_VALUES = [20.5506, 19.5952, 19.0349, 21.3966, 18.4372]
SET2_LOWER = [18.1803, 17.3444, 16.8421, 19.0918, 16.2925]
SET2_UPPER = [23.1427, 22.0602, 21.4394, 23.8975, 20.7941]


def test_critical_value_is_chi_squared_at_99_8_percent() -> None:
    result = recent_trend(SET1_VALUES, SET1_LOWER, SET1_UPPER, HIGH)
    assert result.critical_value == pytest.approx(9.54953570608324, rel=1e-12)


def test_fingertips_weighted_regression_example_is_significant() -> None:
    result = recent_trend(SET1_VALUES, SET1_LOWER, SET1_UPPER, HIGH)
    assert result.method is TrendMethod.WEIGHTED_REGRESSION
    assert result.chi_square is not None
    assert round(result.chi_square, 2) == 46.77
    assert result.slopes_agree
    assert result.outcome is TrendOutcome.INCREASING_AND_GETTING_BETTER


def test_fingertips_chi_squared_for_trend_example_is_significant() -> None:
    result = recent_trend_for_proportion(SET1_COUNTS, SET1_DENOMINATORS, LOW)
    assert result.method is TrendMethod.CHI_SQUARED_FOR_TREND
    assert result.chi_square is not None
    assert round(result.chi_square, 2) == 47.9
    assert result.outcome is TrendOutcome.INCREASING_AND_GETTING_WORSE


def test_fingertips_example_without_a_trend() -> None:
    result = recent_trend(SET2_VALUES, SET2_LOWER, SET2_UPPER, HIGH)
    assert result.outcome is TrendOutcome.NO_SIGNIFICANT_CHANGE
    assert result.chi_square is not None
    assert result.chi_square < result.critical_value


def test_fingertips_example_of_a_hundred_percent_cannot_be_calculated() -> None:
    result = recent_trend_for_proportion([5, 3, 1, 1, 2], [5, 5, 5, 4, 4], HIGH)
    assert result.outcome is TrendOutcome.CANNOT_BE_CALCULATED
    assert result.chi_square is None
    assert result.missing_reason is not None


def test_chi_squared_for_trend_equals_n_r_squared_of_the_individual_data() -> None:
    """Armitage's statistic is N·r², r the correlation of period and outcome over individuals."""
    counts = [30, 41, 38, 52, 60]
    totals = [400, 410, 390, 420, 405]
    periods = np.repeat(np.arange(1, 6), totals)
    outcomes = np.concatenate(
        [[1] * r + [0] * (n - r) for r, n in zip(counts, totals, strict=True)]
    )
    r = np.corrcoef(periods, outcomes)[0, 1]
    result = recent_trend_for_proportion(counts, totals, HIGH)
    assert result.chi_square == pytest.approx(len(outcomes) * r**2, rel=1e-9)


def test_weighted_regression_matches_matrix_least_squares() -> None:
    values = np.array([12.0, 12.9, 13.1, 14.6, 15.2])
    half_widths = np.array([0.8, 1.1, 0.6, 0.9, 1.4])
    design = np.column_stack([np.ones(5), np.arange(1.0, 6.0)])
    weights = np.diag((1.96 / half_widths) ** 2)
    covariance = np.linalg.inv(design.T @ weights @ design)
    slope = (covariance @ design.T @ weights @ values)[1]
    result = recent_trend(
        list(values), list(values - half_widths), list(values + half_widths), NONE
    )
    assert result.slope == pytest.approx(slope, rel=1e-9)
    assert result.chi_square == pytest.approx(slope**2 / covariance[1, 1], rel=1e-9)
    assert result.outcome is TrendOutcome.INCREASING


def _steady(direction: int) -> tuple[list[float], list[float], list[float]]:
    values = [50.0 + direction * 2.0 * t for t in range(5)]
    return values, [v - 1.0 for v in values], [v + 1.0 for v in values]


@pytest.mark.parametrize(
    ("direction", "polarity", "expected"),
    [
        (1, HIGH, TrendOutcome.INCREASING_AND_GETTING_BETTER),
        (1, LOW, TrendOutcome.INCREASING_AND_GETTING_WORSE),
        (1, NONE, TrendOutcome.INCREASING),
        (-1, HIGH, TrendOutcome.DECREASING_AND_GETTING_WORSE),
        (-1, LOW, TrendOutcome.DECREASING_AND_GETTING_BETTER),
        (-1, NONE, TrendOutcome.DECREASING),
    ],
)
def test_a_significant_trend_is_judged_with_the_polarity(
    direction: int, polarity: Polarity, expected: TrendOutcome
) -> None:
    assert recent_trend(*_steady(direction), polarity).outcome is expected


def test_a_flat_series_shows_no_significant_change() -> None:
    flat = [40.0, 40.3, 39.8, 40.1, 39.9]
    result = recent_trend(flat, [v - 2 for v in flat], [v + 2 for v in flat], HIGH)
    assert result.outcome is TrendOutcome.NO_SIGNIFICANT_CHANGE
    proportions = recent_trend_for_proportion([200, 201, 199, 200, 200], [1000] * 5, HIGH)
    assert proportions.outcome is TrendOutcome.NO_SIGNIFICANT_CHANGE


def test_one_point_cannot_make_a_trend() -> None:
    """The full slope is steep and significant, but without the last point it is negative."""
    values = [10.2, 10.0, 9.8, 9.9, 30.0]
    result = recent_trend(values, [v - 0.2 for v in values], [v + 0.2 for v in values], HIGH)
    assert result.chi_square is not None
    assert result.chi_square > result.critical_value
    assert result.slopes_agree is False
    assert result.outcome is TrendOutcome.NO_SIGNIFICANT_CHANGE


def test_only_the_latest_five_periods_count() -> None:
    values, lower, upper = _steady(1)
    earlier = recent_trend([500.0, None, *values], [0.0, None, *lower], [900.0, None, *upper], HIGH)
    assert earlier == recent_trend(values, lower, upper, HIGH)


@pytest.mark.parametrize(
    ("counts", "totals", "reason"),
    [
        ([10, 12, 14, 16], [100] * 4, "needs 5 periods"),
        ([10, 12, None, 16, 18], [100] * 5, "missing"),
        ([10, 12, 14, 16, 18], [100, 100, 100, None, 100], "missing"),
        ([0, 12, 14, 16, 18], [100] * 5, "0% or 100%"),
    ],
)
def test_proportion_trend_cannot_be_calculated(
    counts: list[float | None], totals: list[float | None], reason: str
) -> None:
    result = recent_trend_for_proportion(counts, totals, HIGH)
    assert result.outcome is TrendOutcome.CANNOT_BE_CALCULATED
    assert result.missing_reason is not None
    assert reason in result.missing_reason
    assert (result.slope, result.chi_square, result.slopes_agree) == (None, None, None)


def test_zero_width_interval_cannot_be_calculated() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    result = recent_trend(values, values, values, HIGH)
    assert result.outcome is TrendOutcome.CANNOT_BE_CALCULATED
    assert result.missing_reason == "a confidence interval of zero width gives no weight"


def test_bad_inputs_are_rejected() -> None:
    with pytest.raises(ValueError, match="between 0 and their positive denominators"):
        recent_trend_for_proportion([10, 12, 14, 16, 180], [100] * 5, HIGH)
    with pytest.raises(ValueError, match="lower_95"):
        recent_trend([1.0] * 5, [2.0] * 5, [1.5] * 5, HIGH)
    with pytest.raises(ValueError, match="same length"):
        recent_trend([1.0] * 5, [0.0] * 4, [2.0] * 5, HIGH)
    with pytest.raises(ValueError, match="upper_95"):
        recent_trend([1.0] * 5, [0.0] * 5, [2.0, 2.0, float("nan"), 2.0, 2.0], HIGH)
    with pytest.raises(ValueError, match="confidence"):
        recent_trend_for_proportion([1] * 5, [10] * 5, HIGH, confidence=99.8)


def _simulated(p_by_period: list[float], n: int, seed: int, runs: int) -> list[RecentTrend]:
    rng = np.random.default_rng(seed)
    return [
        recent_trend_for_proportion(
            [float(c) for c in rng.binomial(n, p_by_period)], [float(n)] * 5, HIGH
        )
        for _ in range(runs)
    ]


def test_under_no_trend_a_trend_is_rarely_called() -> None:
    """With a constant true proportion the chi-squared test alone errs 0.2% of the time."""
    results = _simulated([0.2] * 5, n=500, seed=20240601, runs=2000)
    called = sum(r.outcome is not TrendOutcome.NO_SIGNIFICANT_CHANGE for r in results)
    assert called / len(results) <= 2 * (1 - DEFAULT_CONFIDENCE)


def test_a_real_trend_is_usually_found() -> None:
    """A rise of 2 points a period in a 20% proportion of 2000 is found nearly always."""
    results = _simulated([0.20, 0.22, 0.24, 0.26, 0.28], n=2000, seed=7, runs=500)
    found = sum(r.outcome is TrendOutcome.INCREASING_AND_GETTING_BETTER for r in results)
    assert found / len(results) > 0.95


def test_chi_squared_quantile_matches_the_confidence() -> None:
    result = recent_trend_for_proportion(SET1_COUNTS, SET1_DENOMINATORS, HIGH, confidence=0.95)
    assert result.critical_value == pytest.approx(float(chi2.ppf(0.95, 1)))


@pytest.mark.parametrize("member", [*TrendOutcome, *TrendMethod], ids=lambda m: m.name)
def test_every_outcome_has_a_description(member: TrendOutcome | TrendMethod) -> None:
    assert member.description.strip()


def test_a_gap_in_the_confidence_limits_is_named_not_called_a_missing_value() -> None:
    result = recent_trend([1.0, 2, 3, 4, 5], [None] * 5, [None] * 5, Polarity.HIGH_IS_GOOD)
    assert result.outcome is TrendOutcome.CANNOT_BE_CALCULATED
    assert result.missing_reason == "a 95% confidence limit is missing in the latest 5 periods"


def test_a_gap_in_the_denominators_is_named() -> None:
    result = recent_trend_for_proportion(
        [10.0, 11, 12, 13, 14], [100.0, 100, None, 100, 100], Polarity.HIGH_IS_GOOD
    )
    assert result.missing_reason == "a denominator is missing in the latest 5 periods"
