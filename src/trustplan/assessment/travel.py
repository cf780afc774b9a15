"""Direction of travel: the latest value against the period before and the same period a year
earlier.

The change is plain arithmetic on the printed values (rounded as
:mod:`trustplan.assessment.formatting` rounds), so "down 1.1 points from 15.3%" adds up on the page;
it is not a test of significance, which the SPC chart and the recent trend give. A change is better
or worse by the indicator's polarity, or just higher or lower when neither direction is better. The
year-earlier comparison is made when the series has a period starting twelve months before the
latest one that is not simply the previous period (as it is for annual data). An earlier period
with no value is reported as such, never as a change from 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from trustplan.assessment import explain
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec
from trustplan.assessment.series import MONTHS_IN_YEAR, Series, shift_months
from trustplan.periods import Period
from trustplan.stats.spc import ImprovementDirection


class ChangeDirection(StrEnum):
    """Which way the value moved, judged with the polarity."""

    BETTER = "better"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    NO_CHANGE = "no_change"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Change:
    """The latest value against the value for ``since``.

    ``difference`` is the printed latest value minus the printed earlier one; it and ``earlier``
    are None when the earlier period has no value.
    """

    since: Period
    earlier: float | None
    difference: Decimal | None
    direction: ChangeDirection
    explanation: str


@dataclass(frozen=True)
class DirectionOfTravel:
    """The changes since the previous period and since a year earlier, where those exist."""

    previous: Change | None
    year_earlier: Change | None
    explanation: str


def assess_travel(
    series: Series, *, indicator: IndicatorSpec, fmt: NumberFormat
) -> DirectionOfTravel:
    """The direction of travel of the latest value (see the module docstring)."""
    latest = series.latest_index
    if latest is None:
        return DirectionOfTravel(None, None, explain.no_direction_of_travel(has_value=False))
    previous = latest - 1 if latest > 0 else None
    year_earlier = series.index_of(shift_months(series.periods[latest], -MONTHS_IN_YEAR))
    if year_earlier == previous:
        year_earlier = None
    changes = [
        None if index is None else _change(series, latest, index, indicator, fmt, year=year)
        for index, year in ((previous, False), (year_earlier, True))
    ]
    present = [change.explanation for change in changes if change is not None]
    explanation = " ".join(present) or explain.no_direction_of_travel(has_value=True)
    return DirectionOfTravel(changes[0], changes[1], explanation)


def _change(
    series: Series,
    latest: int,
    earlier: int,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
    *,
    year: bool,
) -> Change:
    since = series.periods[earlier]
    now, then = series.values[latest], series.values[earlier]
    if now is None or then is None:
        explanation = explain.change(
            since, None, None, ChangeDirection.NO_DATA, fmt, year_earlier=year
        )
        return Change(since, None, None, ChangeDirection.NO_DATA, explanation)
    difference = fmt.rounded(now) - fmt.rounded(then)
    direction = _direction(difference, indicator)
    explanation = explain.change(since, then, difference, direction, fmt, year_earlier=year)
    return Change(since, then, difference, direction, explanation)


def _direction(difference: Decimal, indicator: IndicatorSpec) -> ChangeDirection:
    if difference == 0:
        return ChangeDirection.NO_CHANGE
    better_sign = ImprovementDirection.from_polarity(indicator.judged_polarity).sign
    if better_sign == 0:
        return ChangeDirection.HIGHER if difference > 0 else ChangeDirection.LOWER
    return ChangeDirection.BETTER if difference * better_sign > 0 else ChangeDirection.WORSE
