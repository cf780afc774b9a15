"""The probability of meeting a future target, on constructed series with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import kstest, norm

from trustplan.stats.forecast import forecast_target, linear_forecast
from trustplan.stats.rag import Rag, confidence_rag
from trustplan.vocabulary import Polarity

HIGH = Polarity.HIGH_IS_GOOD
LOW = Polarity.LOW_IS_GOOD


def test_three_points_against_the_closed_form() -> None:
    """x = 0, 1, 2 and y = 1, 2, 4: b = 1.5, a = 5/6, s² = 1/6 on 1 df; at x₀ = 3 the forecast is
    16/3 with se = √(1/6 · 10/3), and t on 1 df is the Cauchy distribution, F(x) = ½ + atan(x)/π."""
    result = forecast_target([1.0, 2.0, 4.0], target=5.0, target_period=3.0, polarity=HIGH)
    forecast = result.forecast
    assert forecast is not None
    assert forecast.slope == pytest.approx(1.5)
    assert forecast.intercept == pytest.approx(5 / 6)
    assert forecast.predicted == pytest.approx(16 / 3)
    assert forecast.standard_error == pytest.approx(math.sqrt(10 / 18))
    assert forecast.degrees_of_freedom == 1
    score = (5.0 - 16 / 3) / math.sqrt(10 / 18)
    assert result.probability_of_meeting_target == pytest.approx(0.5 - math.atan(score) / math.pi)


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [(25.0, HIGH, 1.0), (26.0, HIGH, 1.0), (27.0, HIGH, 0.0), (26.0, LOW, 1.0), (25.0, LOW, 0.0)],
)
def test_a_perfect_line_meets_or_misses_for_certain(
    target: float, polarity: Polarity, expected: float
) -> None:
    line = [2.0 + 3.0 * x for x in range(6)]  # 26 at period 8
    result = forecast_target(line, target=target, target_period=8, polarity=polarity)
    assert result.forecast is not None
    assert result.forecast.standard_error == 0
    assert result.probability_of_meeting_target == expected


AHEAD = 3
"""The simulated future value is this many periods after the last of the history."""


def _simulated_series(rng: np.random.Generator, n: int) -> tuple[list[float], float, float]:
    """y = 10 + 0.5x + N(0, 2²) for x = 0…n−1, and the period and value AHEAD periods later."""
    future_period = n - 1 + AHEAD
    noise = rng.normal(0.0, 2.0, future_period + 1)
    ys = [10.0 + 0.5 * x + noise[x] for x in range(future_period + 1)]
    return ys[:n], float(future_period), ys[future_period]


def test_prediction_intervals_cover_the_future_value_as_often_as_they_claim() -> None:
    rng = np.random.default_rng(11)
    runs = 4000
    covered = 0
    for _ in range(runs):
        history, period, future = _simulated_series(rng, 8)
        if linear_forecast(history, period).interval(0.90).contains(future):
            covered += 1
    assert covered / runs == pytest.approx(0.90, abs=0.015)


def test_the_probability_is_calibrated() -> None:
    """The probability of meeting a target set at the value that then happens is uniform on 0-1:
    (y₀ − ŷ₀)/se is exactly t on n − 2 df under the model (probability integral transform)."""
    rng = np.random.default_rng(12)
    probabilities = []
    for _ in range(2000):
        history, period, future = _simulated_series(rng, 6)
        result = forecast_target(history, target=future, target_period=period, polarity=HIGH)
        assert result.probability_of_meeting_target is not None
        probabilities.append(result.probability_of_meeting_target)
    assert kstest(probabilities, "uniform").pvalue > 0.01


def test_with_a_long_series_the_probability_approaches_the_true_one() -> None:
    """With 400 points the fit is near exact: P ≈ P(N(10 + 0.5·402, 2²) ≥ target)."""
    rng = np.random.default_rng(13)
    history, period, _ = _simulated_series(rng, 400)
    target = 212.5
    result = forecast_target(history, target=target, target_period=period, polarity=HIGH)
    true_probability = float(norm.sf(target, loc=10.0 + 0.5 * period, scale=2.0))
    assert result.probability_of_meeting_target == pytest.approx(true_probability, abs=0.05)


def test_a_flat_series_with_the_target_at_its_level_is_a_coin_toss() -> None:
    values = [50.0, 52.0, 48.0, 51.0, 49.0, 50.0, 52.0, 48.0]
    result = forecast_target(values, target=50.0, target_period=3.5, polarity=HIGH)
    assert result.probability_of_meeting_target == pytest.approx(0.5, abs=0.02)
    assert confidence_rag(result.probability_of_meeting_target) is Rag.AMBER


def test_low_is_good_takes_the_other_tail() -> None:
    values = [30.0, 28.0, 27.5, 25.0, 24.0, 23.0]
    high = forecast_target(values, target=18.0, target_period=9, polarity=HIGH)
    low = forecast_target(values, target=18.0, target_period=9, polarity=LOW)
    assert high.probability_of_meeting_target is not None
    assert low.probability_of_meeting_target is not None
    assert high.probability_of_meeting_target + low.probability_of_meeting_target == pytest.approx(
        1
    )
    assert confidence_rag(low.probability_of_meeting_target) is Rag.GREEN


def test_missing_values_keep_their_periods() -> None:
    gappy = forecast_target([1.0, None, 3.0, 4.0], target=4.0, target_period=5, polarity=HIGH)
    assert gappy.forecast is not None
    # Periods 0, 2 and 3 hold 1, 3 and 4: the line y = 1 + x, so 6 at period 5.
    assert gappy.forecast.n_points == 3
    assert gappy.forecast.slope == pytest.approx(1.0)
    assert gappy.forecast.intercept == pytest.approx(1.0)
    assert gappy.forecast.predicted == pytest.approx(6.0)


@pytest.mark.parametrize("values", [[], [1.0, 2.0], [1.0, None, None, 2.0]])
def test_too_few_values_cannot_be_forecast(values: list[float | None]) -> None:
    result = forecast_target(values, target=3.0, target_period=6, polarity=HIGH)
    assert result.forecast is None
    assert result.probability_of_meeting_target is None
    assert result.missing_reason is not None
    assert "at least 3 values" in result.missing_reason
    assert confidence_rag(result.probability_of_meeting_target) is Rag.NOT_RATED
    with pytest.raises(ValueError, match="at least 3 observed"):
        linear_forecast(values, 6)


def test_no_judgement_gives_a_forecast_but_no_probability() -> None:
    result = forecast_target(
        [1.0, 2.0, 3.5, 4.0], target=5.0, target_period=6, polarity=Polarity.NO_JUDGEMENT
    )
    assert result.forecast is not None
    assert result.probability_of_meeting_target is None
    assert result.missing_reason is not None


@pytest.mark.parametrize(
    ("values", "target", "period", "message"),
    [
        ([1.0, math.nan, 3.0], 2.0, 5.0, r"values\[1\]"),
        ([1.0, 2.0, 3.0], math.inf, 5.0, "target"),
        ([1.0, 2.0, 3.0], 2.0, math.nan, "target_period"),
    ],
)
def test_non_finite_input_is_rejected(
    values: list[float | None], target: float, period: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        forecast_target(values, target=target, target_period=period, polarity=HIGH)
