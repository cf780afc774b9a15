"""The latest value, its confidence interval, and whether the data due by now have arrived.

The latest value is the latest period that has one. Whether that is current depends on the period
due by the assessment date (:mod:`trustplan.assessment.series`): when the latest value is for an
earlier period, the data are *missing* if the period due is stored without a value and *late* if
nothing is stored for it. Either way the board is told which period has no data; a missing value
is never read as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from trustplan.assessment import explain
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec, Point
from trustplan.assessment.intervals import NO_INTERVALS, PointIntervals, point_intervals
from trustplan.assessment.series import Series
from trustplan.periods import Period


class DataStatus(StrEnum):
    """Whether the data due by the assessment date are in."""

    UP_TO_DATE = "up_to_date"
    MISSING = "missing"
    LATE = "late"
    NO_DATA = "no_data"

    @property
    def description(self) -> str:
        """One line saying what the status means."""
        return _STATUS_DESCRIPTION[self]


_STATUS_DESCRIPTION = {
    DataStatus.UP_TO_DATE: "up to date: the latest value is for the period due",
    DataStatus.MISSING: "missing: the period due is recorded without a value",
    DataStatus.LATE: "late: nothing is recorded for the period due, and it is past its due date",
    DataStatus.NO_DATA: "no data: no value has been recorded",
}


@dataclass(frozen=True)
class LatestValue:
    """The latest point with a value, printed, with its intervals and the state of the data.

    ``expected`` is the period due by the assessment date and ``due`` when it was due (None when
    no period is due yet). ``exception_reason`` is the headline's clause when the data are not up
    to date ("no data for 2021/22 Q2, due by 30 December 2021"), else None.
    """

    point: Point | None
    formatted: str | None
    intervals: PointIntervals
    status: DataStatus
    expected: Period | None
    due: dt.date | None
    explanation: str
    exception_reason: str | None

    @property
    def value(self) -> float | None:
        """The latest value, None when there is none."""
        return None if self.point is None else self.point.value


def assess_latest(series: Series, indicator: IndicatorSpec, fmt: NumberFormat) -> LatestValue:
    """The latest value and the data status, explained (see the module docstring)."""
    index = series.latest_index
    point = None if index is None else series.points[index]
    value = None if point is None else point.value
    if point is None or value is None:
        return LatestValue(
            point=None,
            formatted=None,
            intervals=NO_INTERVALS,
            status=DataStatus.NO_DATA,
            expected=series.expected,
            due=series.due,
            explanation=explain.no_data(series.expected, series.due),
            exception_reason=explain.no_data_reason(),
        )
    intervals = point_intervals(point, indicator)
    particulars = explain.value_for_period(value, point, intervals, indicator, fmt)
    expected, due = series.expected, series.due
    reason: str | None
    if expected is None or due is None or point.period >= expected:
        status, reason = DataStatus.UP_TO_DATE, None
        explanation = explain.latest_up_to_date(particulars)
    elif series.points[series.periods.index(expected)] is not None:
        status, reason = DataStatus.MISSING, explain.missing_reason(expected)
        explanation = explain.latest_missing(expected, particulars)
    else:
        status, reason = DataStatus.LATE, explain.late_reason(expected, due)
        explanation = explain.latest_late(expected, due, particulars)
    return LatestValue(
        point=point,
        formatted=fmt.value(value),
        intervals=intervals,
        status=status,
        expected=expected,
        due=due,
        explanation=explanation,
        exception_reason=reason,
    )
