"""Making Data Count XmR charts: limits, special-cause rules, variation and assurance icons.

Method: NHS England's "Making Data Count" statistical process control (SPC) for an individuals
(XmR) chart, exactly as the NHSRplotthedots R package (nhs-r-community, v0.2.2) implements it; that
package is the reference this module reproduces (``../shared/reference/spc``).

- Limits (Wheeler, *Understanding Variation*, 1993; Wheeler & Chambers, 1992): the mean of the
  values, and the average moving range (AMR) of successive values. The process limits are
  mean ∓ 2.66·AMR (2.66 = 3/d₂ with d₂ = 1.128 for ranges of two points), and the near-limit lines
  mean ∓ (2/3)·2.66·AMR, i.e. two sigma.
- Moving-range screening (NHSRplotthedots ``screen_outliers``, on by default): moving ranges of at
  least 3.267·AMR (Wheeler's upper range limit D₄ = 3.267 for ranges of two) are dropped and the
  AMR is recalculated, so that one wild point does not widen the limits. The Making Data Count Excel
  tool does not screen; pass ``screen_outliers=False`` to match it.
- Special-cause rules: a point outside the process limits; a run of 7 or more points on one side of
  the mean (a point exactly on the mean breaks the run); a trend of 7 or more points each strictly
  higher (or lower) than the one before; 2 of 3 consecutive points beyond the same near-limit line,
  all three on the same side of the mean. A point matching several rules takes one label, in the
  order outside limits > trend > 2 of 3 > run.
- The improvement direction turns each special-cause point into improvement or concern, and the
  latest point gives the variation icon. The assurance icon compares the target with the current
  (latest) limits: a target beyond a limit is consistently passed or failed; a target between the
  limits will be hit and missed at random.

trustplan's own additions, none of which change a reference result:

- Missing values are ``None``. A moving range is only taken between two adjacent observed values
  (as NHSRplotthedots does with ``NA``), and the rules run over the observed points in order.
- ``fix_after_n_points`` counts observed values, not periods.
- A constant baseline (every moving range 0) gives limits equal to the mean rather than the
  undefined limits NHSRplotthedots returns when screening removes every moving range.
- Limits are marked *trial* until they rest on ``min_points_for_limits`` values (default 15).
- A rebase must carry the analyst's reason, kept with the segment it starts so charts can show it.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from trustplan.stats._checks import require_same_length
from trustplan.vocabulary import Polarity

LIMIT_FACTOR: Final = 2.66
"""Process limits sit this many average moving ranges from the mean (3/d₂, d₂ = 1.128)."""

NEAR_LIMIT_FACTOR: Final = 2 * (LIMIT_FACTOR / 3)
"""Near-limit (two-sigma) lines sit this many average moving ranges from the mean."""

MOVING_RANGE_SCREEN_FACTOR: Final = 3.267
"""Moving ranges at least this many times the AMR are screened out (Wheeler's D₄ for n = 2)."""

SIGNAL_LENGTH: Final = 7
"""Points needed for a run on one side of the mean, or for a trend (Making Data Count)."""

DEFAULT_MIN_POINTS_FOR_LIMITS: Final = 15
"""Limits resting on fewer values than this are *trial* limits.

NHS England's Making Data Count guidance asks for at least 15 and ideally 20 data points before
limits are relied on; NHSRplotthedots warns below 12. trustplan takes the guidance's lower figure,
so that a quarterly indicator gets established limits after under four years of data.
"""


class ImprovementDirection(StrEnum):
    """Which way a change is an improvement, in NHSRplotthedots' terms."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"

    @classmethod
    def from_polarity(cls, polarity: Polarity) -> ImprovementDirection:
        """The direction for an indicator polarity: high is good → increase, and so on."""
        return _DIRECTION_BY_POLARITY[polarity]

    @property
    def sign(self) -> int:
        """+1 when higher is better, −1 when lower is better, 0 when neither is."""
        return _DIRECTION_SIGN[self]

    @property
    def description(self) -> str:
        """One line saying what the direction means."""
        return _DIRECTION_DESCRIPTION[self]


_DIRECTION_BY_POLARITY: Final = {
    Polarity.HIGH_IS_GOOD: ImprovementDirection.INCREASE,
    Polarity.LOW_IS_GOOD: ImprovementDirection.DECREASE,
    Polarity.NO_JUDGEMENT: ImprovementDirection.NEUTRAL,
}
_DIRECTION_SIGN: Final = {
    ImprovementDirection.INCREASE: 1,
    ImprovementDirection.DECREASE: -1,
    ImprovementDirection.NEUTRAL: 0,
}
_DIRECTION_DESCRIPTION: Final = {
    ImprovementDirection.INCREASE: "higher values are better",
    ImprovementDirection.DECREASE: "lower values are better",
    ImprovementDirection.NEUTRAL: "neither higher nor lower values are better",
}


class SpecialCause(StrEnum):
    """The rule that labels a point, after the precedence outside limits > trend > 2 of 3 > run."""

    ABOVE_UPPER_LIMIT = "above_upper_limit"
    BELOW_LOWER_LIMIT = "below_lower_limit"
    TREND_INCREASING = "trend_increasing"
    TREND_DECREASING = "trend_decreasing"
    TWO_IN_THREE_ABOVE = "two_in_three_above"
    TWO_IN_THREE_BELOW = "two_in_three_below"
    RUN_ABOVE_MEAN = "run_above_mean"
    RUN_BELOW_MEAN = "run_below_mean"
    COMMON_CAUSE = "common_cause"

    @property
    def side(self) -> int:
        """+1 for a high signal (above, increasing), −1 for a low one, 0 for common cause."""
        return _CAUSE_SIDE[self]

    @property
    def description(self) -> str:
        """One line saying which rule the point meets."""
        return _CAUSE_DESCRIPTION[self]


_CAUSE_SIDE: Final = {
    SpecialCause.ABOVE_UPPER_LIMIT: 1,
    SpecialCause.BELOW_LOWER_LIMIT: -1,
    SpecialCause.TREND_INCREASING: 1,
    SpecialCause.TREND_DECREASING: -1,
    SpecialCause.TWO_IN_THREE_ABOVE: 1,
    SpecialCause.TWO_IN_THREE_BELOW: -1,
    SpecialCause.RUN_ABOVE_MEAN: 1,
    SpecialCause.RUN_BELOW_MEAN: -1,
    SpecialCause.COMMON_CAUSE: 0,
}
_CAUSE_DESCRIPTION: Final = {
    SpecialCause.ABOVE_UPPER_LIMIT: "above the upper process limit",
    SpecialCause.BELOW_LOWER_LIMIT: "below the lower process limit",
    SpecialCause.TREND_INCREASING: "part of 7 or more points in a row, each higher than the last",
    SpecialCause.TREND_DECREASING: "part of 7 or more points in a row, each lower than the last",
    SpecialCause.TWO_IN_THREE_ABOVE: "2 of 3 points in a row close to the upper process limit",
    SpecialCause.TWO_IN_THREE_BELOW: "2 of 3 points in a row close to the lower process limit",
    SpecialCause.RUN_ABOVE_MEAN: "part of 7 or more points in a row above the mean",
    SpecialCause.RUN_BELOW_MEAN: "part of 7 or more points in a row below the mean",
    SpecialCause.COMMON_CAUSE: "common-cause variation: no rule is met",
}


class PointType(StrEnum):
    """A point's judgement given the improvement direction (NHSRplotthedots ``point_type``)."""

    COMMON_CAUSE = "common_cause"
    SPECIAL_CAUSE_IMPROVEMENT = "special_cause_improvement"
    SPECIAL_CAUSE_CONCERN = "special_cause_concern"
    SPECIAL_CAUSE_NEUTRAL_HIGH = "special_cause_neutral_high"
    SPECIAL_CAUSE_NEUTRAL_LOW = "special_cause_neutral_low"

    @property
    def description(self) -> str:
        """One line saying what the point shows."""
        return _POINT_TYPE_DESCRIPTION[self]


_POINT_TYPE_DESCRIPTION: Final = {
    PointType.COMMON_CAUSE: "common-cause variation",
    PointType.SPECIAL_CAUSE_IMPROVEMENT: "special cause improvement",
    PointType.SPECIAL_CAUSE_CONCERN: "special cause concern",
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "special cause variation, higher, neither good nor bad",
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "special cause variation, lower, neither good nor bad",
}


class VariationIcon(StrEnum):
    """The Making Data Count variation icon; the values are NHSRplotthedots' icon file names."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"

    @property
    def description(self) -> str:
        """One line saying what the latest point shows."""
        return _VARIATION_DESCRIPTION[self]


_VARIATION_DESCRIPTION: Final = {
    VariationIcon.COMMON_CAUSE: "common-cause variation: no significant change",
    VariationIcon.IMPROVEMENT_HIGH: (
        "special cause improvement: the latest point signals improvement, with higher values"
    ),
    VariationIcon.IMPROVEMENT_LOW: (
        "special cause improvement: the latest point signals improvement, with lower values"
    ),
    VariationIcon.CONCERN_HIGH: (
        "special cause concern: the latest point signals deterioration, with higher values"
    ),
    VariationIcon.CONCERN_LOW: (
        "special cause concern: the latest point signals deterioration, with lower values"
    ),
    VariationIcon.NEUTRAL_HIGH: (
        "special cause variation: the latest point signals a change to higher values"
    ),
    VariationIcon.NEUTRAL_LOW: (
        "special cause variation: the latest point signals a change to lower values"
    ),
}


class AssuranceIcon(StrEnum):
    """The Making Data Count assurance icon (NHSRplotthedots ``assurance_type``)."""

    CONSISTENT_PASS = "consistent_pass"  # noqa: S105 (an icon name, not a password)
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"

    @property
    def description(self) -> str:
        """One line saying what the target's place against the process limits means."""
        return _ASSURANCE_DESCRIPTION[self]


_ASSURANCE_DESCRIPTION: Final = {
    AssuranceIcon.CONSISTENT_PASS: (
        "consistently passing: the process limits are on the good side of the target, "
        "so it will be met unless the process changes"
    ),
    AssuranceIcon.CONSISTENT_FAIL: (
        "consistently failing: the process limits are on the wrong side of the target, "
        "so it will not be met unless the process changes"
    ),
    AssuranceIcon.INCONSISTENT: (
        "inconsistent: the target lies inside the process limits, "
        "so it will be hit and missed at random"
    ),
}


@dataclass(frozen=True)
class Rebase:
    """A recalculation of the limits from the period at ``index`` (0-based) onwards.

    ``reason`` is the analyst's record of why the process changed (a change of definition, a new
    service); it is required, and is shown with every chart of the series.
    """

    index: int
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError(
                f"Rebase reason must say why the limits are recalculated at index {self.index}; "
                f"got {self.reason!r}"
            )


@dataclass(frozen=True)
class SpcLimits:
    """The centre line and limits of an XmR chart, and the values they were calculated from.

    ``n_values`` values gave the mean; ``n_moving_ranges`` moving ranges gave the average moving
    range after ``n_screened`` were screened out.
    """

    mean: float
    average_moving_range: float
    lpl: float
    upl: float
    near_lpl: float
    near_upl: float
    n_values: int
    n_moving_ranges: int
    n_screened: int


@dataclass(frozen=True)
class PointSignals:
    """Where an observed point lies against its limits and which special-cause rules it meets.

    ``relative_to_mean`` is +1 above the mean, −1 below, 0 on it. ``close_to_limits`` means beyond a
    near-limit line but inside the process limits. The ``part_of_*`` flags say which rules the point
    takes part in; ``special_cause`` is the single label they give after precedence.
    """

    relative_to_mean: int
    outside_limits: bool
    close_to_limits: bool
    part_of_trend: bool
    part_of_two_in_three: bool
    part_of_run: bool
    special_cause: SpecialCause


@dataclass(frozen=True)
class SpcPoint:
    """One period of the chart.

    ``limits`` are those of the point's segment (None when the segment has too few values);
    ``signals`` and ``point_type`` are None when the value is missing or there are no limits.
    """

    index: int
    value: float | None
    segment: int
    limits: SpcLimits | None
    signals: PointSignals | None
    point_type: PointType | None


@dataclass(frozen=True)
class SpcSegment:
    """Periods ``start`` to ``stop`` (exclusive) sharing one set of limits.

    ``rebase`` is the recalculation that starts the segment (None for the first). ``limits`` is
    None when the segment's baseline has no two adjacent values. ``trial`` is True while the limits
    rest on fewer values than the chart's minimum, or cannot be calculated yet.
    """

    start: int
    stop: int
    rebase: Rebase | None
    limits: SpcLimits | None
    trial: bool


@dataclass(frozen=True)
class SpcResult:
    """An XmR chart: every period, its segments, and the summary icons.

    ``variation_icon`` comes from the latest observed point; ``assurance_icon`` from the target
    against the latest segment's limits. Either is None when it cannot be judged: no limits, no
    target, or a neutral improvement direction (assurance).
    """

    points: tuple[SpcPoint, ...]
    segments: tuple[SpcSegment, ...]
    improvement_direction: ImprovementDirection
    target: float | None
    variation_icon: VariationIcon | None
    assurance_icon: AssuranceIcon | None

    @property
    def limits(self) -> SpcLimits | None:
        """The current limits: those of the latest segment."""
        return self.segments[-1].limits

    @property
    def trial_limits(self) -> bool:
        """Whether the current limits are still trial limits."""
        return self.segments[-1].trial

    @property
    def rebases(self) -> tuple[Rebase, ...]:
        """The recalculations, in order, each with its reason."""
        return tuple(s.rebase for s in self.segments if s.rebase is not None)


def xmr_chart(
    values: Sequence[float | None],
    *,
    improvement_direction: ImprovementDirection,
    target: float | None = None,
    screen_outliers: bool = True,
    fix_after_n_points: int | None = None,
    rebases: Sequence[Rebase] = (),
    min_points_for_limits: int = DEFAULT_MIN_POINTS_FOR_LIMITS,
) -> SpcResult:
    """An XmR chart of ``values`` (in time order, ``None`` for missing) with the MDC judgements.

    Method: NHS England "Making Data Count" as implemented by NHSRplotthedots ``ptd_spc`` (see the
    module docstring): limits per segment from :func:`xmr_limits`, the special-cause rules of
    :func:`rule_signals` over the observed points of each segment, :func:`point_type` for the
    improvement direction, :func:`variation_icon` of the latest observed point, and
    :func:`assurance_icon` of ``target`` against the latest segment's limits.

    Args:
        values: the series in time order; ``None`` marks a missing period.
        improvement_direction: which way is better; see :meth:`ImprovementDirection.from_polarity`.
        target: the target the assurance icon is judged against, if any.
        screen_outliers: drop moving ranges ≥ 3.267·AMR before the limits (NHSRplotthedots'
            default); False matches the Making Data Count Excel tool.
        fix_after_n_points: base each segment's limits on its first n observed values only.
        rebases: recalculations of the limits, each from a period index (1 to len(values) − 1)
            with the reason for it.
        min_points_for_limits: limits resting on fewer values are flagged as trial.

    Raises:
        ValueError: for a non-finite value or target, a fix_after_n_points or
            min_points_for_limits below 2, or a rebase index that is out of range or repeated.
    """
    _require_values(values)
    if target is not None and not math.isfinite(target):
        raise ValueError(f"target must be a finite number or None; got {target!r}")
    _require_at_least_two("fix_after_n_points", fix_after_n_points)
    _require_at_least_two("min_points_for_limits", min_points_for_limits)
    ordered_rebases = _ordered_rebases(rebases, len(values))
    segments = _segments(
        values, ordered_rebases, screen_outliers, fix_after_n_points, min_points_for_limits
    )
    points = tuple(
        point
        for number, segment in enumerate(segments)
        for point in _segment_points(values, number, segment, improvement_direction)
    )
    latest_limits = segments[-1].limits
    return SpcResult(
        points=points,
        segments=segments,
        improvement_direction=improvement_direction,
        target=target,
        variation_icon=_latest_variation_icon(points, improvement_direction),
        assurance_icon=(
            None
            if latest_limits is None
            else assurance_icon(
                lpl=latest_limits.lpl,
                upl=latest_limits.upl,
                target=target,
                improvement_direction=improvement_direction,
            )
        ),
    )


def moving_ranges(values: Sequence[float | None]) -> tuple[float, ...]:
    """The moving ranges |xᵢ − xᵢ₋₁| of adjacent values, skipping any pair with a missing value.

    Method: Wheeler's moving range of two successive values; a pair with a gap gives no range, as
    in NHSRplotthedots (``abs(diff(y))`` with ``NA`` removed).
    """
    return tuple(
        abs(current - previous)
        for previous, current in itertools.pairwise(values)
        if previous is not None and current is not None
    )


def xmr_limits(values: Sequence[float | None], *, screen_outliers: bool = True) -> SpcLimits | None:
    """The mean, average moving range and process limits of ``values``, or None with no range.

    Method: NHSRplotthedots ``ptd_spc_standard``: mean of the observed values; AMR the mean of the
    :func:`moving_ranges`; if ``screen_outliers``, ranges ≥ 3.267·AMR are dropped and the AMR is
    recalculated (a zero AMR has nothing to screen); limits mean ∓ 2.66·AMR and near-limit lines
    mean ∓ (2/3)·2.66·AMR (Wheeler, 1993). None when no two adjacent values are observed.

    Raises:
        ValueError: for a value that is not a finite number or None.
    """
    _require_values(values)
    ranges = moving_ranges(values)
    if not ranges:
        return None
    observed = [v for v in values if v is not None]
    mean = statistics.fmean(observed)
    kept = _screened(ranges) if screen_outliers else ranges
    amr = statistics.fmean(kept)
    return SpcLimits(
        mean=mean,
        average_moving_range=amr,
        lpl=mean - LIMIT_FACTOR * amr,
        upl=mean + LIMIT_FACTOR * amr,
        near_lpl=mean - NEAR_LIMIT_FACTOR * amr,
        near_upl=mean + NEAR_LIMIT_FACTOR * amr,
        n_values=len(observed),
        n_moving_ranges=len(kept),
        n_screened=len(ranges) - len(kept),
    )


def seven_points_one_side(relative_to_mean: Sequence[int]) -> tuple[bool, ...]:
    """True at the 7th and each later point of a run on one side of the mean.

    Method: Making Data Count "shift" rule, NHSRplotthedots ``ptd_seven_point_one_side_mean``:
    a point is flagged when it and the 6 before it all have the same non-zero ``relative_to_mean``
    (+1 above, −1 below); a point exactly on the mean (0) breaks the run.
    """
    return tuple(
        side != 0
        and i >= SIGNAL_LENGTH - 1
        and all(r == side for r in relative_to_mean[i - SIGNAL_LENGTH + 1 : i])
        for i, side in enumerate(relative_to_mean)
    )


def seven_point_trend(values: Sequence[float]) -> tuple[int, ...]:
    """+1 (−1) at a point ending 7 points in a row each strictly higher (lower) than the last.

    Method: Making Data Count "trend" rule, NHSRplotthedots ``ptd_seven_point_trend``: the point and
    the 6 before it must have 6 increasing (or 6 decreasing) differences; an equal pair breaks the
    trend. The first 6 points are 0.
    """
    steps = _steps(values)
    flags = [0] * len(values)
    for end in range(SIGNAL_LENGTH - 1, len(values)):
        window = steps[end - SIGNAL_LENGTH + 1 : end]
        if all(step == window[0] for step in window) and window[0] != 0:
            flags[end] = window[0]
    return tuple(flags)


def part_of_seven(flags: Sequence[int]) -> tuple[bool, ...]:
    """True for every point of a 7-point signal whose ends are marked by non-zero ``flags``.

    Method: NHSRplotthedots ``ptd_part_of_seven_trend``: a point is part of a signal if it, or any
    of the 6 points after it, ends one (|flag| = 1), so all 7 points of a run or trend are flagged.
    """
    return tuple(
        any(abs(flag) == 1 for flag in flags[i : i + SIGNAL_LENGTH]) for i in range(len(flags))
    )


def two_in_three_windows(
    close_to_limits: Sequence[bool], relative_to_mean: Sequence[int]
) -> tuple[bool, ...]:
    """True for every point inside a window of 3 consecutive points that signals 2 of 3.

    Method: NHSRplotthedots ``ptd_two_in_three``: a window signals when at least 2 of its 3 points
    are close to the limits and all 3 lie on the same side of the mean (|Σ relative_to_mean| = 3).

    Raises:
        ValueError: if the two sequences differ in length.
    """
    n = require_same_length(close_to_limits=close_to_limits, relative_to_mean=relative_to_mean)
    signalling = [
        sum(close_to_limits[start : start + 3]) >= 2
        and abs(sum(relative_to_mean[start : start + 3])) == 3
        for start in range(n - 2)
    ]
    return tuple(
        any(signalling[start] for start in range(max(0, i - 2), min(i + 1, n - 2)))
        for i in range(n)
    )


def two_in_three(
    close_to_limits: Sequence[bool], relative_to_mean: Sequence[int]
) -> tuple[bool, ...]:
    """True for the close-to-limit points of a 2-of-3 signal (the points the rule highlights).

    Method: Making Data Count "two out of three points close to a process limit", NHSRplotthedots
    ``ptd_part_of_two_in_three(ptd_two_in_three(...))``: a point inside a signalling window
    (:func:`two_in_three_windows`) that is itself close to the limits.

    Raises:
        ValueError: if the two sequences differ in length.
    """
    windows = two_in_three_windows(close_to_limits, relative_to_mean)
    return tuple(w and c for w, c in zip(windows, close_to_limits, strict=True))


def classify_special_causes(
    values: Sequence[float],
    relative_to_mean: Sequence[int],
    outside_limits: Sequence[bool],
    part_of_trend: Sequence[bool],
    part_of_two_in_three: Sequence[bool],
    part_of_run: Sequence[bool],
) -> tuple[SpecialCause, ...]:
    """One label per point from the rules it meets, by Making Data Count precedence.

    Method: NHSRplotthedots ``ptd_special_cause_type``: outside the limits (side from
    ``relative_to_mean``) > 7-point trend > 2 of 3 > 7 points on one side (side from
    ``relative_to_mean``) > common cause. A trend point's direction is that of the step to the next
    point when that point is also in a trend, otherwise of the step from the previous point.

    Raises:
        ValueError: if the sequences differ in length.
    """
    require_same_length(
        values=values,
        relative_to_mean=relative_to_mean,
        outside_limits=outside_limits,
        part_of_trend=part_of_trend,
        part_of_two_in_three=part_of_two_in_three,
        part_of_run=part_of_run,
    )
    directions = _trend_directions(values, part_of_trend)
    return tuple(
        _special_cause(*flags)
        for flags in zip(
            relative_to_mean,
            outside_limits,
            part_of_trend,
            directions,
            part_of_two_in_three,
            part_of_run,
            strict=True,
        )
    )


def rule_signals(
    values: Sequence[float],
    relative_to_mean: Sequence[int],
    close_to_limits: Sequence[bool],
    outside_limits: Sequence[bool],
) -> tuple[PointSignals, ...]:
    """Apply the four special-cause rules to consecutive observed points and label each point.

    Method: NHSRplotthedots ``ptd_calculate_point_type``: :func:`seven_point_trend`,
    :func:`seven_points_one_side` (each widened to all 7 points by :func:`part_of_seven`),
    :func:`two_in_three` and ``outside_limits``, labelled by :func:`classify_special_causes`.

    Raises:
        ValueError: if the sequences differ in length.
    """
    require_same_length(
        values=values,
        relative_to_mean=relative_to_mean,
        close_to_limits=close_to_limits,
        outside_limits=outside_limits,
    )
    trend = part_of_seven(seven_point_trend(values))
    run = part_of_seven(seven_points_one_side(relative_to_mean))
    two_of_three = two_in_three(close_to_limits, relative_to_mean)
    causes = classify_special_causes(
        values, relative_to_mean, outside_limits, trend, two_of_three, run
    )
    return tuple(
        PointSignals(
            relative_to_mean=side,
            outside_limits=outside,
            close_to_limits=close,
            part_of_trend=in_trend,
            part_of_two_in_three=in_two,
            part_of_run=in_run,
            special_cause=cause,
        )
        for side, outside, close, in_trend, in_two, in_run, cause in zip(
            relative_to_mean,
            outside_limits,
            close_to_limits,
            trend,
            two_of_three,
            run,
            causes,
            strict=True,
        )
    )


def point_type(cause: SpecialCause, improvement_direction: ImprovementDirection) -> PointType:
    """Judge a labelled point as improvement, concern or neutral given the improvement direction.

    Method: NHSRplotthedots ``ptd_point_type``: a high signal (above, increasing) is improvement
    when higher is better and concern when lower is better; under a neutral direction it is
    ``special_cause_neutral_high`` (``_low`` for a low signal).
    """
    if cause.side == 0:
        return PointType.COMMON_CAUSE
    if improvement_direction is ImprovementDirection.NEUTRAL:
        return (
            PointType.SPECIAL_CAUSE_NEUTRAL_HIGH
            if cause.side > 0
            else PointType.SPECIAL_CAUSE_NEUTRAL_LOW
        )
    if cause.side == improvement_direction.sign:
        return PointType.SPECIAL_CAUSE_IMPROVEMENT
    return PointType.SPECIAL_CAUSE_CONCERN


def variation_icon(latest: PointType, improvement_direction: ImprovementDirection) -> VariationIcon:
    """The variation icon for the latest point's type.

    Method: NHSRplotthedots ``ptd_get_icons``: improvement is ``improvement_high`` when higher is
    better and ``improvement_low`` otherwise; concern is ``concern_low`` when higher is better and
    ``concern_high`` otherwise; neutral and common-cause points keep their own icons.
    """
    higher_is_better = improvement_direction is ImprovementDirection.INCREASE
    match latest:
        case PointType.COMMON_CAUSE:
            return VariationIcon.COMMON_CAUSE
        case PointType.SPECIAL_CAUSE_NEUTRAL_HIGH:
            return VariationIcon.NEUTRAL_HIGH
        case PointType.SPECIAL_CAUSE_NEUTRAL_LOW:
            return VariationIcon.NEUTRAL_LOW
        case PointType.SPECIAL_CAUSE_IMPROVEMENT:
            return (
                VariationIcon.IMPROVEMENT_HIGH
                if higher_is_better
                else VariationIcon.IMPROVEMENT_LOW
            )
        case PointType.SPECIAL_CAUSE_CONCERN:
            return VariationIcon.CONCERN_LOW if higher_is_better else VariationIcon.CONCERN_HIGH


def assurance_icon(
    *,
    lpl: float,
    upl: float,
    target: float | None,
    improvement_direction: ImprovementDirection,
) -> AssuranceIcon | None:
    """Whether the process will consistently pass, consistently fail or randomly meet the target.

    Method: NHSRplotthedots ``ptd_calculate_assurance_type`` (Making Data Count assurance icon):
    a target above the upper limit is consistently failed when higher is better (passed when lower
    is better); a target below the lower limit is consistently passed when higher is better (failed
    when lower is better); otherwise, including a target on a limit, inconsistent. None without a
    target or under a neutral direction.
    """
    if target is None or improvement_direction is ImprovementDirection.NEUTRAL:
        return None
    higher_is_better = improvement_direction is ImprovementDirection.INCREASE
    if target > upl:
        return AssuranceIcon.CONSISTENT_FAIL if higher_is_better else AssuranceIcon.CONSISTENT_PASS
    if target < lpl:
        return AssuranceIcon.CONSISTENT_PASS if higher_is_better else AssuranceIcon.CONSISTENT_FAIL
    return AssuranceIcon.INCONSISTENT


def _require_values(values: Sequence[float | None]) -> None:
    for index, value in enumerate(values):
        if value is not None and not math.isfinite(value):
            raise ValueError(
                f"values must be finite numbers or None for missing; values[{index}] is {value!r}"
            )


def _require_at_least_two(name: str, number: int | None) -> None:
    if number is not None and number < 2:
        raise ValueError(f"{name} must be at least 2; got {number!r}")


def _ordered_rebases(rebases: Sequence[Rebase], n_values: int) -> tuple[Rebase, ...]:
    ordered = tuple(sorted(rebases, key=lambda r: r.index))
    for rebase in ordered:
        if not 1 <= rebase.index < n_values:
            raise ValueError(
                f"rebase index must be between 1 and {n_values - 1} (a period after the first); "
                f"got {rebase.index!r}"
            )
    indexes = [r.index for r in ordered]
    if len(set(indexes)) != len(indexes):
        raise ValueError(f"rebase indexes must differ; got {indexes!r}")
    return ordered


def _segments(
    values: Sequence[float | None],
    rebases: tuple[Rebase, ...],
    screen_outliers: bool,
    fix_after_n_points: int | None,
    min_points_for_limits: int,
) -> tuple[SpcSegment, ...]:
    starts: list[tuple[int, Rebase | None]] = [(0, None), *((r.index, r) for r in rebases)]
    stops = [start for start, _ in starts[1:]] + [len(values)]
    segments = []
    for (start, rebase), stop in zip(starts, stops, strict=True):
        baseline = _baseline(values[start:stop], fix_after_n_points)
        limits = xmr_limits(baseline, screen_outliers=screen_outliers)
        trial = limits is None or limits.n_values < min_points_for_limits
        segments.append(SpcSegment(start, stop, rebase, limits, trial))
    return tuple(segments)


def _baseline(
    values: Sequence[float | None], fix_after_n_points: int | None
) -> Sequence[float | None]:
    """The leading periods holding the first ``fix_after_n_points`` observed values (or all)."""
    if fix_after_n_points is None:
        return values
    observed = 0
    for position, value in enumerate(values):
        observed += value is not None
        if observed == fix_after_n_points:
            return values[: position + 1]
    return values


def _segment_points(
    values: Sequence[float | None],
    number: int,
    segment: SpcSegment,
    improvement_direction: ImprovementDirection,
) -> tuple[SpcPoint, ...]:
    indexes = range(segment.start, segment.stop)
    limits = segment.limits
    signals: dict[int, PointSignals] = {}
    if limits is not None:
        observed = {i: value for i in indexes if (value := values[i]) is not None}
        signals = dict(
            zip(observed, _observed_signals(list(observed.values()), limits), strict=True)
        )
    return tuple(
        SpcPoint(
            index=i,
            value=values[i],
            segment=number,
            limits=limits,
            signals=signals.get(i),
            point_type=(
                point_type(signals[i].special_cause, improvement_direction)
                if i in signals
                else None
            ),
        )
        for i in indexes
    )


def _observed_signals(ys: Sequence[float], limits: SpcLimits) -> tuple[PointSignals, ...]:
    """Place consecutive observed values against their limits, then apply the rules."""
    outside = [y > limits.upl or y < limits.lpl for y in ys]
    close = [
        not out and (y < limits.near_lpl or y > limits.near_upl)
        for y, out in zip(ys, outside, strict=True)
    ]
    return rule_signals(ys, [_sign(y - limits.mean) for y in ys], close, outside)


def _latest_variation_icon(
    points: tuple[SpcPoint, ...], improvement_direction: ImprovementDirection
) -> VariationIcon | None:
    latest = next((p for p in reversed(points) if p.value is not None), None)
    if latest is None or latest.point_type is None:
        return None
    return variation_icon(latest.point_type, improvement_direction)


def _screened(ranges: tuple[float, ...]) -> tuple[float, ...]:
    amr = statistics.fmean(ranges)
    if amr == 0:
        return ranges
    return tuple(r for r in ranges if r < MOVING_RANGE_SCREEN_FACTOR * amr)


def _trend_directions(values: Sequence[float], part_of_trend: Sequence[bool]) -> tuple[int, ...]:
    """The direction of each point's trend: the step to the next point if that is in the trend too,
    else the step from the previous point (0 for the first point)."""
    steps = _steps(values)
    directions = []
    for i in range(len(values)):
        trend_continues = i + 1 < len(values) and part_of_trend[i] and part_of_trend[i + 1]
        if trend_continues:
            directions.append(steps[i])
        else:
            directions.append(steps[i - 1] if i > 0 else 0)
    return tuple(directions)


def _steps(values: Sequence[float]) -> list[int]:
    """The sign of each step between consecutive values."""
    return [_sign(current - previous) for previous, current in itertools.pairwise(values)]


def _special_cause(
    side: int,
    outside: bool,
    in_trend: bool,
    trend_direction: int,
    in_two_of_three: bool,
    in_run: bool,
) -> SpecialCause:
    above = side > 0
    if outside:
        return SpecialCause.ABOVE_UPPER_LIMIT if side == 1 else SpecialCause.BELOW_LOWER_LIMIT
    if in_trend:
        return (
            SpecialCause.TREND_INCREASING if trend_direction == 1 else SpecialCause.TREND_DECREASING
        )
    if in_two_of_three:
        return SpecialCause.TWO_IN_THREE_ABOVE if above else SpecialCause.TWO_IN_THREE_BELOW
    if in_run:
        return SpecialCause.RUN_ABOVE_MEAN if above else SpecialCause.RUN_BELOW_MEAN
    return SpecialCause.COMMON_CAUSE


def _sign(x: float) -> int:
    if x > 0:
        return 1
    return -1 if x < 0 else 0
