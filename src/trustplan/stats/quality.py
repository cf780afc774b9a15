"""Data-quality warnings for improbable values, by robust z-score.

Method: the modified z-score of Iglewicz & Hoaglin (*How to Detect and Handle Outliers*, ASQC
Basic References in Quality Control vol. 16, 1993): Mᵢ = 0.6745·(xᵢ − median)/MAD, where MAD is
the median absolute deviation from the median and 0.6745 = Φ⁻¹(0.75) makes MAD/0.6745 estimate
the standard deviation of normal data. A value with |M| > 3.5 is a potential outlier (their
recommended cut-off). Median and MAD are barely moved by the outliers they are looking for, unlike
the mean and standard deviation.

When half or more of the values equal the median the MAD is 0; the scale then falls back to
√(π/2)·(mean absolute deviation from the median) ≈ 1.2533·MeanAD, which also estimates the
standard deviation of normal data (E|X − μ| = σ·√(2/π)); IBM Cognos Analytics documents the same
fallback for its modified z score. If that is 0 too, every value equals the median and no value
is improbable.

Two checks, both warnings for an analyst to look at, never corrections:

- :func:`check_series`: a value against the rest of its indicator's series for the same area;
- :func:`check_against_areas`: an area's value against other areas' values for the same period.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Generic, TypeVar

from trustplan.stats._checks import require_positive

ROBUST_Z_THRESHOLD: Final = 3.5
"""Iglewicz & Hoaglin's cut-off for a potential outlier: |modified z| > 3.5."""

MAD_SCALE: Final = 0.6745
"""Φ⁻¹(0.75): MAD/0.6745 estimates the standard deviation of normal data (Iglewicz & Hoaglin)."""

MEAN_ABSOLUTE_DEVIATION_SCALE: Final = math.sqrt(math.pi / 2)
"""√(π/2) ≈ 1.2533: 1.2533·MeanAD estimates the standard deviation of normal data."""

DEFAULT_MIN_VALUES: Final = 5
"""Fewer values than this are not checked: the median and MAD of so few values are too unsteady
to call any one of them improbable. trustplan's choice; Iglewicz & Hoaglin set no minimum."""

Key = TypeVar("Key", bound=Hashable)


class Comparison(StrEnum):
    """What a value was compared with."""

    SERIES = "series"
    AREAS = "areas"

    @property
    def description(self) -> str:
        """One line saying what the value was compared with."""
        return _COMPARISON_DESCRIPTION[self]


_COMPARISON_DESCRIPTION: Final = {
    Comparison.SERIES: "compared with the other values of its series for the same area",
    Comparison.AREAS: "compared with other areas' values for the same period",
}


@dataclass(frozen=True)
class QualityWarning(Generic[Key]):
    """A value that is improbable against the others: ``key`` is its period index or area code."""

    key: Key
    value: float
    median: float
    robust_z: float
    comparison: Comparison


@dataclass(frozen=True)
class QualityCheck(Generic[Key]):
    """The outcome of a check: the warnings, or why the values could not be checked.

    ``scale`` is the robust standard deviation the scores were divided by. ``median`` and
    ``scale`` are None, and ``missing_reason`` says why, when there were too few values.
    """

    comparison: Comparison
    threshold: float
    n_values: int
    median: float | None
    scale: float | None
    warnings: tuple[QualityWarning[Key], ...]
    missing_reason: str | None = None


def robust_z_scores(values: Sequence[float]) -> tuple[float, ...]:
    """The modified z-score of each value: (x − median)/robust scale.

    Method: Iglewicz & Hoaglin (1993), Mᵢ = 0.6745·(xᵢ − median)/MAD, with the scale falling back
    to 1.2533·MeanAD when the MAD is 0 (see the module docstring); all 0 when every value equals
    the median.

    Raises:
        ValueError: if there are no values or a value is not finite.
    """
    return _robust(values)[2]


def check_series(
    values: Sequence[float | None],
    *,
    threshold: float = ROBUST_Z_THRESHOLD,
    min_values: int = DEFAULT_MIN_VALUES,
) -> QualityCheck[int]:
    """Warn about values improbable against the rest of their series; keys are period indexes.

    Method: :func:`robust_z_scores` of the observed values (missing values are skipped); a value
    with |z| > ``threshold`` (3.5, Iglewicz & Hoaglin, 1993) is a warning. Not checked, with the
    reason, when fewer than ``min_values`` values are observed.

    Raises:
        ValueError: if a value is not finite, the threshold is not positive, or min_values is
            below 1.
    """
    observed = {i: v for i, v in enumerate(values) if v is not None}
    return _check(observed, "values", Comparison.SERIES, threshold, min_values)


def check_against_areas(
    values_by_area: Mapping[str, float | None],
    *,
    threshold: float = ROBUST_Z_THRESHOLD,
    min_values: int = DEFAULT_MIN_VALUES,
) -> QualityCheck[str]:
    """Warn about areas whose value for a period is improbable against the other areas'.

    Method: :func:`robust_z_scores` across the areas' observed values for one period (areas with no
    value are skipped); a value with |z| > ``threshold`` (3.5, Iglewicz & Hoaglin, 1993) is a
    warning keyed by area code. Not checked, with the reason, when fewer than ``min_values`` areas
    have a value.

    Raises:
        ValueError: if a value is not finite, the threshold is not positive, or min_values is
            below 1.
    """
    observed = {area: v for area, v in values_by_area.items() if v is not None}
    return _check(observed, "values_by_area", Comparison.AREAS, threshold, min_values)


def _check(
    observed: Mapping[Key, float],
    argument: str,
    comparison: Comparison,
    threshold: float,
    min_values: int,
) -> QualityCheck[Key]:
    """Score the observed values (named ``argument`` in error messages) and keep the warnings."""
    require_positive("threshold", threshold)
    if min_values < 1:
        raise ValueError(f"min_values must be at least 1; got {min_values!r}")
    for key, value in observed.items():
        if not math.isfinite(value):
            raise ValueError(
                f"{argument} must be finite numbers or None; {argument}[{key!r}] is {value!r}"
            )
    if len(observed) < min_values:
        return QualityCheck(
            comparison=comparison,
            threshold=threshold,
            n_values=len(observed),
            median=None,
            scale=None,
            warnings=(),
            missing_reason=f"needs at least {min_values} values to check; got {len(observed)}",
        )
    median, scale, scores = _robust(list(observed.values()))
    return QualityCheck(
        comparison=comparison,
        threshold=threshold,
        n_values=len(observed),
        median=median,
        scale=scale,
        warnings=tuple(
            QualityWarning(key, value, median, score, comparison)
            for (key, value), score in zip(observed.items(), scores, strict=True)
            if abs(score) > threshold
        ),
    )


def _robust(values: Sequence[float]) -> tuple[float, float, tuple[float, ...]]:
    """The median, the robust standard deviation (MAD/0.6745, else 1.2533·MeanAD) and the scores."""
    if not values:
        raise ValueError("values must hold at least one number")
    for index, value in enumerate(values):
        if not math.isfinite(value):
            raise ValueError(f"values must be finite numbers; values[{index}] is {value!r}")
    median = statistics.median(values)
    deviations = [abs(value - median) for value in values]
    mad = statistics.median(deviations)
    scale = (
        mad / MAD_SCALE if mad > 0 else MEAN_ABSOLUTE_DEVIATION_SCALE * statistics.fmean(deviations)
    )
    scores = tuple(0.0 if scale == 0 else (value - median) / scale for value in values)
    return median, scale, scores
