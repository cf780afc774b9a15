"""Statistical process control: the Making Data Count XmR chart of the series, explained.

The chart is ``stats.spc.xmr_chart`` over the series on its cadence (missing periods as gaps),
with the improvement direction from the indicator's polarity (an indicator with none recorded is
neutral), the current target for the assurance icon, and the analyst's recorded rebases.

A rebase is recorded as a date and a reason (``measures.models.Rebase``); the limits restart at the
first period starting on or after that date. A rebase that would restart them at the first period,
or after the latest, changes nothing and is reported as not applied; two rebases that land on the
same period become one, with both reasons. The explanation describes the latest point, as the
variation icon does, naming the rule it meets and since when, then notes trial limits and every
rebase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trustplan.assessment import explain
from trustplan.assessment.explain import RebaseNote, Signal
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec, RebaseSpec
from trustplan.assessment.series import Series
from trustplan.periods import Period
from trustplan.stats.spc import (
    DEFAULT_MIN_POINTS_FOR_LIMITS,
    AssuranceIcon,
    ImprovementDirection,
    Rebase,
    SpcPoint,
    SpcResult,
    SpecialCause,
    VariationIcon,
    xmr_chart,
)

_CONCERNS = frozenset({VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW})
_TRENDS = frozenset({SpecialCause.TREND_INCREASING, SpecialCause.TREND_DECREASING})
_TWO_IN_THREE = frozenset({SpecialCause.TWO_IN_THREE_ABOVE, SpecialCause.TWO_IN_THREE_BELOW})
_OUTSIDE = frozenset({SpecialCause.ABOVE_UPPER_LIMIT, SpecialCause.BELOW_LOWER_LIMIT})


@dataclass(frozen=True)
class SpcJudgement:
    """The XmR chart, its icons and the explanation.

    ``periods`` label the chart's points one for one. ``signal`` is the special-cause rule the
    latest point meets (None for common cause or no limits). ``trial`` is whether the current
    limits are trial limits. ``rebases`` are those applied, in order; ``rebases_not_applied`` those
    outside the series.
    """

    chart: SpcResult
    periods: tuple[Period, ...]
    variation: VariationIcon | None
    assurance: AssuranceIcon | None
    signal: Signal | None
    trial: bool
    rebases: tuple[RebaseNote, ...]
    rebases_not_applied: tuple[RebaseNote, ...]
    explanation: str

    @property
    def concern(self) -> bool:
        """Whether the latest point is a special cause concern."""
        return self.variation in _CONCERNS

    @property
    def current_start(self) -> int:
        """The position the current limits start from: 0, or the latest applied rebase."""
        return self.chart.segments[-1].start


def assess_spc(
    series: Series,
    rebases: Sequence[RebaseSpec],
    *,
    target: float | None,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> SpcJudgement:
    """The XmR chart of the series and its explanation (see the module docstring)."""
    applied, not_applied = _placed(series, rebases)
    chart = xmr_chart(
        series.values,
        improvement_direction=ImprovementDirection.from_polarity(indicator.judged_polarity),
        target=target,
        rebases=[Rebase(index, note.reason) for index, note in applied],
    )
    signal = _latest_signal(chart, series.periods)
    limits = chart.limits
    notes = []
    if limits is not None and chart.trial_limits:
        notes.append(explain.trial_limits(limits.n_values, DEFAULT_MIN_POINTS_FOR_LIMITS))
    notes.extend(explain.rebase_applied(note) for _, note in applied)
    notes.extend(explain.rebase_not_applied(note) for note in not_applied)
    explanation = explain.spc(
        explain.variation(chart.variation_icon, signal, fmt),
        explain.assurance(
            chart.assurance_icon, has_target=target is not None, has_limits=limits is not None
        ),
        notes,
    )
    return SpcJudgement(
        chart=chart,
        periods=series.periods,
        variation=chart.variation_icon,
        assurance=chart.assurance_icon,
        signal=signal,
        trial=chart.trial_limits,
        rebases=tuple(note for _, note in applied),
        rebases_not_applied=not_applied,
        explanation=explanation,
    )


def _placed(
    series: Series, rebases: Sequence[RebaseSpec]
) -> tuple[tuple[tuple[int, RebaseNote], ...], tuple[RebaseNote, ...]]:
    """Each rebase at its period's position, merged per position; and those outside the series."""
    by_index: dict[int, list[RebaseSpec]] = {}
    outside = []
    for rebase in sorted(rebases, key=lambda r: r.period_start):
        index = next(
            (i for i, p in enumerate(series.periods) if p.start >= rebase.period_start), None
        )
        if index is None or index == 0:
            outside.append(RebaseNote(None, rebase.period_start, rebase.reason))
        else:
            by_index.setdefault(index, []).append(rebase)
    applied = tuple(
        (
            index,
            RebaseNote(
                series.periods[index],
                specs[0].period_start,
                "; ".join(spec.reason for spec in specs),
            ),
        )
        for index, specs in by_index.items()
    )
    return applied, tuple(outside)


def _latest_signal(chart: SpcResult, periods: Sequence[Period]) -> Signal | None:
    """The rule the latest observed point meets, with how many points and since when."""
    observed = [(point, value) for point in chart.points if (value := point.value) is not None]
    if not observed:
        return None
    latest, value = observed[-1]
    if latest.signals is None or latest.limits is None:
        return None
    cause = latest.signals.special_cause
    if cause is SpecialCause.COMMON_CAUSE:
        return None
    segment = [(point, y) for point, y in observed if point.segment == latest.segment]
    if cause in _OUTSIDE:
        extent = [latest]
    elif cause in _TWO_IN_THREE:
        extent = [p for p, _ in segment[-3:] if p.signals is not None and p.signals.close_to_limits]
    elif cause in _TRENDS:
        extent = _trend(segment, cause.side)
    else:
        extent = _run([point for point, _ in segment], latest.signals.relative_to_mean)
    return Signal(
        cause=cause,
        points=len(extent),
        since=periods[extent[0].index],
        latest=periods[latest.index],
        value=value,
        limit=latest.limits.upl if cause.side > 0 else latest.limits.lpl,
    )


def _run(segment: Sequence[SpcPoint], side: int) -> list[SpcPoint]:
    """The latest points of the segment that all lie on ``side`` of the mean."""
    run: list[SpcPoint] = []
    for point in reversed(segment):
        if point.signals is None or point.signals.relative_to_mean != side:
            break
        run.insert(0, point)
    return run


def _trend(segment: Sequence[tuple[SpcPoint, float]], side: int) -> list[SpcPoint]:
    """The latest points of the segment, each higher (side +1) or lower (−1) than the one before."""
    trend = [segment[-1]]
    for earlier in reversed(segment[:-1]):
        if (trend[0][1] - earlier[1]) * side <= 0:
            break
        trend.insert(0, earlier)
    return [point for point, _ in trend]
