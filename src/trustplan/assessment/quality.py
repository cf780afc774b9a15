"""Data-quality warnings: values improbable against the rest of the series or other areas.

Both checks are ``stats.quality`` robust z-scores (Iglewicz & Hoaglin, |z| > 3.5), warnings for an
analyst to look at, never corrections. The series is checked a stretch at a time between recorded
rebases, since a rebase records that values either side of it are not comparable. The latest value
is checked against each comparator's member areas for the same period, the area's own latest value
standing for it (as for quintiles); only a warning about this area is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trustplan.assessment import explain
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import Comparator
from trustplan.assessment.series import Series
from trustplan.periods import Period
from trustplan.stats.quality import ROBUST_Z_THRESHOLD, check_against_areas, check_series
from trustplan.stats.spc import SpcSegment


@dataclass(frozen=True)
class QualityFinding:
    """A value the robust z-score flags, what it was compared with, and the warning."""

    period: Period
    value: float
    against: str
    median: float
    robust_z: float
    explanation: str


@dataclass(frozen=True)
class DataQuality:
    """The findings, the checks that could not be made (explained), and the explanation."""

    findings: tuple[QualityFinding, ...]
    not_checked: tuple[str, ...]
    explanation: str


def assess_quality(
    series: Series,
    *,
    segments: Sequence[SpcSegment],
    comparators: Sequence[Comparator],
    area_code: str,
    fmt: NumberFormat,
) -> DataQuality:
    """Check the series segment by segment and the latest value against other areas."""
    findings: list[QualityFinding] = []
    not_checked: list[str] = []
    checked: list[str] = []
    values = series.values
    for segment in segments:
        stretch = values[segment.start : segment.stop]
        against = "the rest of the series" if len(segments) == 1 else _stretch(series, segment)
        check = check_series(stretch)
        if check.missing_reason is not None:
            not_checked.append(explain.not_checked(against, check.missing_reason))
            continue
        checked.append(against)
        findings.extend(
            _finding(
                series.periods[segment.start + w.key], w.value, against, w.median, w.robust_z, fmt
            )
            for w in check.warnings
        )
    latest = series.latest_index
    if latest is not None:
        period, value = series.periods[latest], values[latest]
        for comparator in comparators:
            group = comparator.areas
            if group is None or value is None:
                continue
            if group.period != period:
                reason = f"its member areas' values are for {group.period}, not {period}"
                not_checked.append(explain.not_checked(comparator.name, reason))
                continue
            area_check = check_against_areas({**group.values, area_code: value})
            against = f"the {area_check.n_values} areas of {comparator.name}"
            if area_check.missing_reason is not None:
                not_checked.append(explain.not_checked(comparator.name, area_check.missing_reason))
                continue
            checked.append(against)
            findings.extend(
                _finding(period, w.value, against, w.median, w.robust_z, fmt)
                for w in area_check.warnings
                if w.key == area_code
            )
    sentences = [finding.explanation for finding in findings]
    if checked and not findings:
        sentences.append(explain.nothing_improbable(checked, ROBUST_Z_THRESHOLD))
    sentences.extend(not_checked)
    return DataQuality(
        findings=tuple(findings),
        not_checked=tuple(not_checked),
        explanation=" ".join(sentences),
    )


def _stretch(series: Series, segment: SpcSegment) -> str:
    """The part of the series between rebases, named by its first and last periods with data."""
    observed = [
        series.periods[i]
        for i in range(segment.start, segment.stop)
        if series.values[i] is not None
    ] or [series.periods[segment.start]]
    return f"the rest of the series from {observed[0]} to {observed[-1]}"


def _finding(
    period: Period, value: float, against: str, median: float, robust_z: float, fmt: NumberFormat
) -> QualityFinding:
    return QualityFinding(
        period=period,
        value=value,
        against=against,
        median=median,
        robust_z=robust_z,
        explanation=explain.improbable(period, value, against, median, robust_z, fmt),
    )
