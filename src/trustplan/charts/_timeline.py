"""The time axis charts share: dates as UTC days, gaps as breaks, padded domains, period labels.

Every date is written as a UTC day and every time scale is a UTC scale, so a chart renders the
same on any machine and in any browser time zone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
import math
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from trustplan.charts.inputs import Observation

_DEFAULT_PAD_DAYS: Final = 15
_LABEL_CHAR_PX: Final = 7
"""A generous average width of a 12px Arial character, for spacing the period labels."""
_LABEL_GAP_PX: Final = 16
_TICK_STEPS: Final = (1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120, 240)
"""Label every nth period, n from this list: steps that divide years into whole quarters and
months, so a quarterly axis labels one quarter a year and a monthly one whole years."""


def iso(day: dt.date) -> str:
    """The day as Vega reads a UTC date: 'YYYY-MM-DD'."""
    return day.isoformat()


def epoch_ms(day: dt.date) -> int:
    """Milliseconds since 1970 at the start of the UTC day: Vega's timestamp for the date."""
    return calendar.timegm(day.timetuple()) * 1000


@dataclass(frozen=True)
class ObservedPoint:
    """An observation with a value, and the unbroken run of values it belongs to.

    A line is drawn per run, so a missing period leaves a gap instead of a line through it, and
    no missing value ever becomes a zero.
    """

    observation: Observation
    value: float
    run: int


def observed_points(observations: Sequence[Observation]) -> Iterator[ObservedPoint]:
    """The observations that have a value, numbered by run: each gap starts a new run."""
    run = 0
    previous_missing = False
    for observation in observations:
        if observation.value is None:
            previous_missing = True
            continue
        if previous_missing:
            run += 1
            previous_missing = False
        yield ObservedPoint(observation, observation.value, run)


@dataclass(frozen=True)
class TimeDomain:
    """The span of a time axis in Vega timestamps (milliseconds, UTC)."""

    start: int
    stop: int

    def fraction(self, day: dt.date) -> float:
        """How far along the axis ``day`` falls, from 0 at the start to 1 at the end."""
        return (epoch_ms(day) - self.start) / (self.stop - self.start)

    def scale(self) -> dict[str, Any]:
        """The Vega-Lite scale: UTC, so that no viewer's time zone moves a point."""
        return {"type": "utc", "domain": [_datetime(self.start), _datetime(self.stop)]}


def _datetime(ms: int) -> dict[str, Any]:
    """A Vega-Lite DateTime object for a UTC timestamp, which every layer reads alike."""
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return {
        "utc": True,
        "year": moment.year,
        "month": moment.month,
        "date": moment.day,
        "hours": moment.hour,
        "minutes": moment.minute,
    }


def time_domain(series: Sequence[dt.date], others: Sequence[dt.date] = ()) -> TimeDomain:
    """A domain covering ``series`` and ``others``, padded by half a period each side.

    The padding keeps the first and last points off the chart's edges; it follows the series'
    own spacing (median gap), so months and years both look right.
    """
    gaps = [(after - before).days for before, after in itertools.pairwise(series)]
    pad_days = statistics.median(gaps) / 2 if gaps else _DEFAULT_PAD_DAYS
    pad_ms = round(pad_days * 86_400_000)
    days = [*series, *others]
    return TimeDomain(epoch_ms(min(days)) - pad_ms, epoch_ms(max(days)) + pad_ms)


def period_axis(observations: Sequence[Observation], width: int) -> dict[str, Any]:
    """An x axis labelled with the periods' own names ("2019/20 Q1"), not calendar dates.

    Financial quarters and academic years do not read as dates, so each tick sits on a period's
    last day and shows its label. Ticks are thinned to fit ``width`` at a regular step, counted
    back from the latest period, which is the one a reader looks for first.
    """
    longest = max(len(o.label) for o in observations)
    fits = max(2, width // (longest * _LABEL_CHAR_PX + _LABEL_GAP_PX))
    needed = math.ceil(len(observations) / fits)
    step = next((s for s in _TICK_STEPS if s >= needed), needed)
    ticks = observations[::-1][::step][::-1]
    labels = {str(epoch_ms(o.end)): o.label for o in ticks}
    return {
        "title": None,
        "values": [epoch_ms(o.end) for o in ticks],
        "labelExpr": f"{json.dumps(labels, sort_keys=True)}[toString(time(datum.value))]",
        "labelOverlap": False,
    }
