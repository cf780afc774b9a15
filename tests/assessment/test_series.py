"""Series on their cadence: gaps kept as places, the period due found from the publication lag."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.assessment.helpers import points, quarter
from trustplan.assessment.inputs import Point
from trustplan.assessment.series import (
    LAG_ANNUAL_DAYS,
    LAG_MONTHLY_DAYS,
    LAG_QUARTERLY_DAYS,
    Cadence,
    build_series,
    shift_months,
)
from trustplan.periods import (
    Period,
    academic_term,
    financial_year,
    month,
    parse_period,
    rolling_12_months,
)


def test_a_gap_holds_its_place_and_the_series_runs_to_the_period_due() -> None:
    stored = [*points([10.0, 11.0]), Point(period=quarter(3), value=12.0)]
    # 2016/17 Q1 ends 30 June 2016 and is due 91 days later, on 29 September 2016.
    series = build_series(stored, as_of=dt.date(2016, 9, 29), lag_days=None)
    assert series.periods == tuple(quarter(i) for i in range(5))
    assert series.values == (10.0, 11.0, None, 12.0, None)
    assert series.expected == quarter(4)
    assert series.due == dt.date(2016, 9, 29)
    assert series.latest_index == 3
    assert series.lag_days == LAG_QUARTERLY_DAYS


def test_nothing_is_due_before_the_first_period_has_had_its_lag() -> None:
    series = build_series(points([10.0]), as_of=dt.date(2015, 7, 1), lag_days=None)
    assert series.expected is None
    assert series.due is None
    assert series.values == (10.0,)


def test_an_indicator_can_set_its_own_lag() -> None:
    series = build_series(points([10.0]), as_of=dt.date(2015, 7, 10), lag_days=10)
    assert series.expected == quarter(0)
    assert series.due == dt.date(2015, 7, 10)


@pytest.mark.parametrize(
    ("first", "following", "lag"),
    [
        (month(2020, 12), month(2021, 1), LAG_MONTHLY_DAYS),
        (financial_year(2020), financial_year(2021), LAG_ANNUAL_DAYS),
        (academic_term("summer", 2019), academic_term("autumn", 2020), LAG_QUARTERLY_DAYS),
        (academic_term("autumn", 2019), academic_term("spring", 2019), LAG_QUARTERLY_DAYS),
    ],
)
def test_the_cadence_follows_the_period_kind(first: Period, following: Period, lag: int) -> None:
    cadence = Cadence.of([first])
    assert cadence.following(first) == following
    assert cadence.default_lag_days == lag


def test_a_rolling_12_months_steps_by_the_shortest_gap_stored() -> None:
    quarterly = [rolling_12_months(2020, 3), rolling_12_months(2020, 9)]
    cadence = Cadence.of(quarterly)
    assert cadence.months == 6
    assert cadence.following(quarterly[0]) == rolling_12_months(2020, 9)
    assert Cadence.of([rolling_12_months(2020, 3)]).months == 1


def test_counts_are_in_the_cadence_s_words() -> None:
    assert Cadence.of([quarter(0)]).count(12) == "12 quarters"
    assert Cadence.of([month(2020, 1)]).count(1) == "1 month"
    assert Cadence.of([rolling_12_months(2020, 3)]).count(5) == "5 periods"


def test_shift_months_moves_both_ends() -> None:
    assert shift_months(parse_period("Q3 2021/22"), -12) == parse_period("Q3 2020/21")
    assert shift_months(month(2020, 2), 12) == month(2021, 2)


def test_a_target_is_placed_on_the_first_period_ending_on_or_after_its_due_date() -> None:
    series = build_series(points([10.0, 11.0]), as_of=dt.date(2015, 9, 1), lag_days=None)
    assert series.position_of_due(dt.date(2016, 3, 31)) == (3, quarter(3))
    assert series.position_of_due(dt.date(2016, 3, 1)) == (3, quarter(3))
    assert series.position_of_due(dt.date(2015, 6, 30)) == (0, quarter(0))


def test_bad_series_are_rejected_with_the_reason() -> None:
    with pytest.raises(ValueError, match="one kind of period"):
        build_series(
            [Point(period=quarter(0), value=1.0), Point(period=month(2015, 4), value=1.0)],
            as_of=dt.date(2020, 1, 1),
            lag_days=None,
        )
    with pytest.raises(ValueError, match="holds 2015/16 Q1 twice"):
        build_series(points([1.0]) * 2, as_of=dt.date(2020, 1, 1), lag_days=None)
    off = [rolling_12_months(2020, 3), rolling_12_months(2020, 6), rolling_12_months(2020, 8)]
    with pytest.raises(ValueError, match="not on the series' cadence"):
        build_series(
            [Point(period=p, value=1.0) for p in off], as_of=dt.date(2020, 1, 1), lag_days=None
        )


def test_an_empty_series_has_no_periods() -> None:
    series = build_series([], as_of=dt.date(2020, 1, 1), lag_days=None)
    assert series.periods == ()
    assert series.latest_index is None
    assert series.count(2) == "2 periods"
