"""Data-quality warnings by robust z-score, on constructed values with known scores."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from trustplan.stats.quality import (
    Comparison,
    check_against_areas,
    check_series,
    robust_z_scores,
)


def test_modified_z_scores_by_hand() -> None:
    """Median 3, absolute deviations 2, 1, 0, 1, 97: MAD 1, so M = 0.6745·(x − 3)."""
    scores = robust_z_scores([1.0, 2.0, 3.0, 4.0, 100.0])
    assert scores == pytest.approx([-1.349, -0.6745, 0.0, 0.6745, 65.4265])


def test_the_improbable_value_in_a_series_is_flagged_by_its_period() -> None:
    values: list[float | None] = [52.0, 49.0, None, 51.0, 50.0, 48.0, 540.0, 53.0, 47.0]
    check = check_series(values)
    assert check.missing_reason is None
    assert check.n_values == 8
    assert [w.key for w in check.warnings] == [6]
    warning = check.warnings[0]
    assert (warning.value, warning.median, warning.comparison) == (540.0, 50.5, Comparison.SERIES)
    assert warning.robust_z > 3.5


def test_an_area_far_from_its_neighbours_is_flagged_by_its_code() -> None:
    values_by_area: dict[str, float | None] = {
        "E06000044": 31.0,
        "E06000045": 29.5,
        "E06000046": 33.0,
        "E06000043": 30.2,
        "E10000014": 28.8,
        "E06000036": 3.1,
        "E06000039": None,
    }
    check = check_against_areas(values_by_area)
    assert check.comparison is Comparison.AREAS
    assert check.n_values == 6
    assert [w.key for w in check.warnings] == ["E06000036"]
    assert check.warnings[0].robust_z < -3.5


def test_normal_noise_gives_no_warnings() -> None:
    """For normal data |M| > 3.5 has probability about 0.0005, so 200 values rarely give one."""
    values = np.random.default_rng(5).normal(100.0, 15.0, 200)
    assert check_series([float(v) for v in values]).warnings == ()


def test_when_most_values_are_equal_the_mean_absolute_deviation_scales() -> None:
    """MAD is 0; MeanAD is 45/7, so M = 45/(1.2533·45/7) = 7/√(π/2) for the 50."""
    check = check_series([5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 50.0])
    assert check.scale == pytest.approx(math.sqrt(math.pi / 2) * 45 / 7)
    assert [w.key for w in check.warnings] == [6]
    assert check.warnings[0].robust_z == pytest.approx(7 / math.sqrt(math.pi / 2))


def test_a_constant_series_has_nothing_improbable() -> None:
    check = check_series([4.0] * 10)
    assert (check.median, check.scale, check.warnings) == (4.0, 0.0, ())
    assert robust_z_scores([4.0] * 3) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("values", [[], [1.0, 2.0, 300.0], [1.0, None, 2.0, None, 900.0, 3.0]])
def test_too_few_values_are_not_checked(values: list[float | None]) -> None:
    check = check_series(values)
    assert check.warnings == ()
    assert (check.median, check.scale) == (None, None)
    assert check.missing_reason is not None
    assert "at least 5 values" in check.missing_reason


def test_threshold_and_minimum_can_be_chosen() -> None:
    values: list[float | None] = [10.0, 11.0, 12.0, 30.0]
    assert check_series(values).missing_reason is not None
    assert [w.key for w in check_series(values, min_values=4, threshold=3.0).warnings] == [3]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: check_series([1.0, math.nan, 2.0]), r"values\[1\]"),
        (lambda: check_against_areas({"E06000044": math.inf}), r"values_by_area\['E06000044'\]"),
        (lambda: check_series([1.0] * 5, threshold=0), "threshold"),
        (lambda: check_series([1.0] * 5, min_values=0), "min_values"),
        (lambda: robust_z_scores([]), "at least one"),
    ],
    ids=["nan-in-series", "infinite-area", "threshold", "min_values", "empty"],
)
def test_bad_input_is_rejected(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("member", list(Comparison), ids=lambda m: m.name)
def test_every_comparison_has_a_description(member: Comparison) -> None:
    assert member.description.strip()
