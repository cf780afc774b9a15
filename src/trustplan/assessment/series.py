"""An area's series laid out on its regular cadence, with the period whose data are due by now.

Charts, trends and forecasts treat a series as evenly spaced positions (the statistics modules
count periods 0, 1, 2, …), so a period with no stored row must still hold a place. The series is
therefore rebuilt as every period of its cadence from the first stored period on, with ``None``
where nothing was stored, and extended to the latest period whose data are already due.

Cadence (the step from one period to the next) follows the period kind: a month for months,
three months for quarters, a year for calendar, financial and academic years and for pooled
years, and the next term for academic terms (autumn, spring, summer). A rolling 12 months is
published monthly or quarterly, so its step is the shortest gap between stored periods (a month
when only one is stored). A stored period off the cadence is an error.

Lateness (trustplan's rule, as no national schedule covers every local indicator): a period's
data are due ``publication_lag_days`` after it ends. Unless the indicator sets its own lag, the
defaults are :data:`LAG_MONTHLY_DAYS` (six weeks) for a monthly cadence, :data:`LAG_QUARTERLY_DAYS`
(thirteen weeks: reported to the board in the following quarter) for quarters, terms and other
steps under a year, and :data:`LAG_ANNUAL_DAYS` (a year, as many national annual statistics are
published the year after) for annual and pooled data. The *expected* period is the latest period
of the cadence whose due date is on or before ``as_of``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from trustplan.assessment.inputs import Point
from trustplan.periods import TERMS, Period, PeriodKind, academic_term

LAG_MONTHLY_DAYS: Final = 42
"""Default publication lag of monthly data: six weeks after the month ends."""

LAG_QUARTERLY_DAYS: Final = 91
"""Default publication lag of quarterly and termly data: thirteen weeks after the period ends."""

LAG_ANNUAL_DAYS: Final = 365
"""Default publication lag of annual and pooled data: a year after the period ends."""

MONTHS_IN_YEAR: Final = 12

_FIXED_STEP_MONTHS: Final = {
    PeriodKind.MONTH: 1,
    PeriodKind.CALENDAR_QUARTER: 3,
    PeriodKind.FINANCIAL_QUARTER: 3,
    PeriodKind.CALENDAR_YEAR: 12,
    PeriodKind.FINANCIAL_YEAR: 12,
    PeriodKind.ACADEMIC_YEAR: 12,
    PeriodKind.POOLED_YEARS: 12,
    PeriodKind.POOLED_FINANCIAL_YEARS: 12,
}
_NOUNS: Final = {
    PeriodKind.MONTH: "month",
    PeriodKind.CALENDAR_QUARTER: "quarter",
    PeriodKind.FINANCIAL_QUARTER: "quarter",
    PeriodKind.CALENDAR_YEAR: "year",
    PeriodKind.FINANCIAL_YEAR: "year",
    PeriodKind.ACADEMIC_YEAR: "year",
    PeriodKind.ACADEMIC_TERM: "term",
}
_TERM_ORDER: Final = tuple(TERMS)


def shift_months(period: Period, months: int) -> Period:
    """The period of the same kind and length ``months`` later (earlier when negative).

    Periods run from the first of a month to the end of a month, as :mod:`trustplan.periods`
    builds them, so both ends move by whole months.
    """
    start = _add_months(period.start, months)
    last_month = _add_months(period.end, months)
    end = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    return Period(period.kind, start, end)


@dataclass(frozen=True)
class Cadence:
    """How one period of a series follows another: ``months`` apart, or term by term (None)."""

    kind: PeriodKind
    months: int | None

    @classmethod
    def of(cls, periods: Sequence[Period]) -> Cadence:
        """The cadence of ``periods`` (one kind, in order), by the rules in the module docstring."""
        kind = periods[0].kind
        if kind is PeriodKind.ACADEMIC_TERM:
            return cls(kind, None)
        if kind in _FIXED_STEP_MONTHS:
            return cls(kind, _FIXED_STEP_MONTHS[kind])
        gaps = [_months_between(a.end, b.end) for a, b in itertools.pairwise(periods)]
        return cls(kind, min(gaps, default=1))

    def following(self, period: Period) -> Period:
        """The next period of the cadence."""
        if self.months is None:
            return _following_term(period)
        return shift_months(period, self.months)

    @property
    def default_lag_days(self) -> int:
        """The publication lag used when the indicator sets none (see the module docstring)."""
        if self.months == 1:
            return LAG_MONTHLY_DAYS
        if self.months is None or self.months < MONTHS_IN_YEAR:
            return LAG_QUARTERLY_DAYS
        return LAG_ANNUAL_DAYS

    def count(self, number: int) -> str:
        """``number`` periods in words: "12 quarters", "1 month", "5 periods"."""
        return _counted(number, _NOUNS.get(self.kind, "period"))


@dataclass(frozen=True)
class Series:
    """Every period of the cadence from the first stored one, with the stored point or None.

    ``expected`` is the latest period whose data are due by the assessment date and ``due`` the
    date they were due; both are None when no period is due yet. ``lag_days`` is the lag used.
    """

    cadence: Cadence | None
    periods: tuple[Period, ...]
    points: tuple[Point | None, ...]
    expected: Period | None
    due: dt.date | None
    lag_days: int | None

    @cached_property
    def values(self) -> tuple[float | None, ...]:
        """The value of each period, None where there is no point or no value."""
        return tuple(None if point is None else point.value for point in self.points)

    @cached_property
    def latest_index(self) -> int | None:
        """The position of the latest period with a value, None when no period has one."""
        values = self.values
        return next((i for i in reversed(range(len(values))) if values[i] is not None), None)

    def count(self, number: int) -> str:
        """``number`` periods of the series in words: "12 quarters" (see :meth:`Cadence.count`)."""
        return _counted(number, "period") if self.cadence is None else self.cadence.count(number)

    def index_of(self, period: Period) -> int | None:
        """The position of ``period`` in the series, None when it is not one of its periods."""
        try:
            return self.periods.index(period)
        except ValueError:
            return None

    def position_of_due(self, due: dt.date) -> tuple[int, Period]:
        """The position, and the period, a target due on ``due`` is for.

        trustplan's rule: a target is for the first period of the cadence that ends on or after
        its due date (a March 2014 target is for 2013/14 Q4 in a financial-quarter series), which
        may lie beyond the data.

        Raises:
            ValueError: if the series is empty.
        """
        if self.cadence is None:
            raise ValueError("an empty series has no cadence to place a target on")
        position, period = 0, self.periods[0]
        while period.end < due:
            position += 1
            period = (
                self.periods[position]
                if position < len(self.periods)
                else self.cadence.following(period)
            )
        return position, period


def build_series(points: Sequence[Point], *, as_of: dt.date, lag_days: int | None) -> Series:
    """Lay ``points`` on their cadence and extend them to the period due by ``as_of``.

    ``lag_days`` None takes the cadence's default lag.

    Raises:
        ValueError: if the points mix period kinds, repeat a period, or a period is off the
            cadence.
    """
    if not points:
        return Series(None, (), (), None, None, lag_days)
    ordered = sorted(points, key=lambda point: point.period)
    kinds = {point.period.kind for point in ordered}
    if len(kinds) > 1:
        named = ", ".join(sorted(kind.value for kind in kinds))
        raise ValueError(f"a series must hold one kind of period; got {named}")
    for earlier, later in itertools.pairwise(ordered):
        if earlier.period == later.period:
            raise ValueError(f"the series holds {earlier.period} twice")
    cadence = Cadence.of([point.period for point in ordered])
    periods: list[Period] = []
    slots: list[Point | None] = []
    period = ordered[0].period
    for point in ordered:
        while period < point.period:
            periods.append(period)
            slots.append(None)
            period = cadence.following(period)
        if period != point.period:
            raise ValueError(
                f"{point.period} is not on the series' cadence (the period due there is {period})"
            )
        periods.append(period)
        slots.append(point)
        period = cadence.following(period)
    lag = cadence.default_lag_days if lag_days is None else lag_days
    while period.end + dt.timedelta(days=lag) <= as_of:
        periods.append(period)
        slots.append(None)
        period = cadence.following(period)
    due_periods = [p for p in periods if p.end + dt.timedelta(days=lag) <= as_of]
    expected = due_periods[-1] if due_periods else None
    due = None if expected is None else expected.end + dt.timedelta(days=lag)
    return Series(cadence, tuple(periods), tuple(slots), expected, due, lag)


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``day``."""
    years, month_index = divmod(day.month - 1 + months, MONTHS_IN_YEAR)
    return dt.date(day.year + years, month_index + 1, 1)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * MONTHS_IN_YEAR + later.month - earlier.month


def _following_term(period: Period) -> Period:
    term = next(name for name, (first, _) in TERMS.items() if first == period.start.month)
    autumn = period.start.month >= TERMS["autumn"][0]
    academic_year = period.start.year if autumn else period.start.year - 1
    position = _TERM_ORDER.index(term)
    if position == len(_TERM_ORDER) - 1:
        return academic_term(_TERM_ORDER[0], academic_year + 1)
    return academic_term(_TERM_ORDER[position + 1], academic_year)
