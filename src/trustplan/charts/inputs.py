"""The plain inputs a chart is drawn from: frozen dataclasses, no Django, no statistics.

The web pages, the board packs and the API all draw the same chart, so the chart takes plain
values that any of them can build from stored data; :func:`spc_marks` and :func:`rebase_notes`
adapt a :class:`~trustplan.stats.spc.SpcResult` so that callers do not re-derive limits by hand.
The inputs check themselves on construction, so a chart is never drawn from a series that would
mislead (periods out of order, an SPC overlay that does not line up with the series).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from trustplan.stats.spc import PointType, SpcResult

__all__ = [
    "Benchmark",
    "IndicatorChartData",
    "Observation",
    "RebaseNote",
    "SpcMarks",
    "Target",
    "ValueFormat",
    "rebase_notes",
    "spc_marks",
]


def _require_finite(name: str, value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number or None; got {value!r}")


@dataclass(frozen=True)
class ValueFormat:
    """How a value is written in the chart's tooltips and its text alternative.

    One format serves the chart and the words about it, so the screen-reader summary never rounds
    differently from what sighted users see.
    """

    decimals: int = 1
    suffix: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.decimals <= 6:
            raise ValueError(f"decimals must be between 0 and 6; got {self.decimals}")

    def __call__(self, value: float) -> str:
        return f"{value:,.{self.decimals}f}{self.suffix}"


@dataclass(frozen=True)
class Observation:
    """One period of a series: its label ("2020 Q3"), its last day, and its value (None: missing).

    The chart places a period at its last day, the day its value is known for, so periods of
    different lengths and target due dates share one time axis.
    """

    label: str
    end: dt.date
    value: float | None

    def __post_init__(self) -> None:
        _require_finite(f"the value for {self.label}", self.value)


def period_span(observations: Sequence[Observation]) -> str:
    """'2015 Q1 to 2020 Q4' for a series in time order, or its one period's label."""
    first, last = observations[0].label, observations[-1].label
    return first if len(observations) == 1 else f"{first} to {last}"


def _require_in_order(what: str, observations: Sequence[Observation]) -> None:
    for before, after in itertools.pairwise(observations):
        if after.end <= before.end:
            raise ValueError(
                f"{what} must be in time order, one value per period; "
                f"{after.label} ({after.end}) does not come after {before.label} ({before.end})"
            )


@dataclass(frozen=True)
class SpcMarks:
    """The SPC overlay at one period: centre line, limits and the point's judgement.

    Limits are None where the segment has none yet; the near-limit (two-sigma) lines are optional
    because Making Data Count charts usually leave them out. ``point_type`` is None for a missing
    value or a point that cannot be judged.
    """

    mean: float | None = None
    lower_limit: float | None = None
    upper_limit: float | None = None
    lower_near_limit: float | None = None
    upper_near_limit: float | None = None
    point_type: PointType | None = None

    def __post_init__(self) -> None:
        for name in ("mean", "lower_limit", "upper_limit", "lower_near_limit", "upper_near_limit"):
            _require_finite(name, getattr(self, name))


@dataclass(frozen=True)
class Target:
    """A target to meet by ``due`` (March 2014, say), with the label printed beside its line."""

    due: dt.date
    value: float
    label: str

    def __post_init__(self) -> None:
        _require_finite(f"target {self.label!r}", self.value)
        if not self.label.strip():
            raise ValueError("a target needs a label to print beside its line")

    @property
    def name(self) -> str:
        """The label as a target's name: 'Target 2019/20' for '2019/20', unchanged when it
        already says it is a target, so that it reads alone on the chart and aloud."""
        label = self.label.strip()
        return label if "target" in label.lower() else f"Target {label}"


@dataclass(frozen=True)
class Benchmark:
    """A comparator series such as England or the statistical neighbours' average."""

    name: str
    observations: tuple[Observation, ...]

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a benchmark needs a name for the legend")
        _require_in_order(f"the {self.name} benchmark", self.observations)


@dataclass(frozen=True)
class RebaseNote:
    """Where the SPC limits were recalculated, and the analyst's reason, shown on every chart."""

    date: dt.date
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError(f"the rebase on {self.date} needs its reason")


@dataclass(frozen=True)
class IndicatorChartData:
    """Everything one indicator's chart for one area shows, and its text alternative reads.

    ``spc`` is empty for a plain line chart, or holds one :class:`SpcMarks` per observation.
    ``trial`` says the current limits rest on too few points to be relied on yet.
    """

    title: str
    area: str
    unit: str
    observations: tuple[Observation, ...]
    spc: tuple[SpcMarks, ...] = ()
    targets: tuple[Target, ...] = ()
    benchmark: Benchmark | None = None
    rebases: tuple[RebaseNote, ...] = ()
    trial: bool = False
    value_format: ValueFormat = field(default_factory=ValueFormat)

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("a chart needs a title")
        if not self.observations:
            raise ValueError(f"{self.title}: a chart needs at least one period")
        _require_in_order(f"{self.title} for {self.area}", self.observations)
        if self.spc and len(self.spc) != len(self.observations):
            raise ValueError(
                f"{self.title}: the SPC overlay has {len(self.spc)} points "
                f"but the series has {len(self.observations)} periods"
            )

    @property
    def period_span(self) -> str:
        """'2015 Q1 to 2020 Q4', or the one period's label."""
        return period_span(self.observations)


def spc_marks(result: SpcResult, *, near_limits: bool = False) -> tuple[SpcMarks, ...]:
    """The overlay for each period of an XmR chart from :func:`trustplan.stats.spc.xmr_chart`.

    The near-limit (two-sigma) lines are left off unless asked for: Making Data Count charts do
    not draw them, and readers take every line on a chart as something to act on.
    """
    return tuple(
        SpcMarks(point_type=point.point_type)
        if point.limits is None
        else SpcMarks(
            mean=point.limits.mean,
            lower_limit=point.limits.lpl,
            upper_limit=point.limits.upl,
            lower_near_limit=point.limits.near_lpl if near_limits else None,
            upper_near_limit=point.limits.near_upl if near_limits else None,
            point_type=point.point_type,
        )
        for point in result.points
    )


def rebase_notes(result: SpcResult, observations: Sequence[Observation]) -> tuple[RebaseNote, ...]:
    """A note for each recalculation of ``result``'s limits, placed between the two periods.

    The line falls halfway between the last period of the old limits and the first of the new,
    so it reads as a break between points rather than a mark on one of them.
    """
    if len(observations) != len(result.points):
        raise ValueError(
            f"the SPC result has {len(result.points)} points "
            f"but the series has {len(observations)} periods"
        )
    notes = []
    for segment in result.segments:
        if segment.rebase is None:
            continue
        before, after = observations[segment.start - 1].end, observations[segment.start].end
        notes.append(
            RebaseNote(
                date=before + dt.timedelta(days=(after - before).days // 2),
                reason=segment.rebase.reason,
            )
        )
    return tuple(notes)
