"""The latest value and whether the data due are in: missing and late data are said, never zero."""

from __future__ import annotations

import datetime as dt

from tests.assessment.helpers import PERCENT, counted, points, quarter, spec
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import Point
from trustplan.assessment.latest import DataStatus, assess_latest
from trustplan.assessment.series import build_series
from trustplan.stats.intervals import Method
from trustplan.vocabulary import ValueType

FORMAT = NumberFormat.of(PERCENT)
# 26 quarters: 2015/16 Q1 to 2021/22 Q2. 2021/22 Q1 ends 30 June 2021 and is due by 29 September
# 2021; 2021/22 Q2 ends 30 September 2021 and is due by 30 December 2021.
Q1_2021 = quarter(24)
Q2_2021 = quarter(25)
IN_Q2 = dt.date(2021, 11, 1)
AFTER_Q2_DUE = dt.date(2022, 1, 10)


def test_an_up_to_date_value_with_a_wilson_interval_from_its_counts() -> None:
    values = counted([14.0] * 24 + [14.2])
    latest = assess_latest(build_series(values, as_of=IN_Q2, lag_days=None), PERCENT, FORMAT)
    assert latest.status is DataStatus.UP_TO_DATE
    assert latest.formatted == "14.2%"
    assert latest.point is not None
    assert latest.point.period == Q1_2021
    assert latest.intervals.calculated_by is Method.WILSON
    assert latest.explanation == (
        "14.2% for 2021/22 Q1 (142 of 1,000; 95% confidence interval 12.2% to 16.5%, "
        "calculated by the Wilson score method)."
    )


def test_a_period_recorded_without_a_value_is_missing() -> None:
    values = [*counted([14.0] * 24 + [14.2]), Point(period=Q2_2021, value=None)]
    latest = assess_latest(build_series(values, as_of=AFTER_Q2_DUE, lag_days=None), PERCENT, FORMAT)
    assert latest.status is DataStatus.MISSING
    assert latest.expected == Q2_2021
    assert latest.value == 14.2
    assert latest.explanation.startswith(
        "No data for 2021/22 Q2: the value is recorded as missing. "
        "The latest value is 14.2% for 2021/22 Q1 (142 of 1,000;"
    )


def test_a_period_past_its_due_date_with_nothing_stored_is_late() -> None:
    values = points([14.0] * 24 + [14.2], lower_95=13.0, upper_95=15.0)
    latest = assess_latest(build_series(values, as_of=AFTER_Q2_DUE, lag_days=None), PERCENT, FORMAT)
    assert latest.status is DataStatus.LATE
    assert latest.due == dt.date(2021, 12, 30)
    assert latest.explanation == (
        "No data for 2021/22 Q2, due by 30 December 2021. The latest value is 14.2% for "
        "2021/22 Q1 (95% confidence interval 13.0% to 15.0%)."
    )


def test_a_provisional_score_says_so_and_claims_no_interval() -> None:
    score = spec(value_type=ValueType.SCORE, unit="", decimals=0)
    values = [Point(period=quarter(0), value=104.4, provisional=True)]
    latest = assess_latest(
        build_series(values, as_of=dt.date(2015, 7, 1), lag_days=None),
        score,
        NumberFormat.of(score),
    )
    assert latest.explanation == "104 for 2015/16 Q1 (provisional)."


def test_a_proportion_without_an_interval_says_it_has_none() -> None:
    values = [Point(period=quarter(0), value=14.2)]
    latest = assess_latest(
        build_series(values, as_of=dt.date(2015, 7, 1), lag_days=None), PERCENT, FORMAT
    )
    assert latest.explanation == "14.2% for 2015/16 Q1 (no 95% confidence interval)."


def test_no_value_at_all_is_no_data_never_zero() -> None:
    values = [Point(period=quarter(0), value=None)]
    latest = assess_latest(
        build_series(values, as_of=dt.date(2016, 1, 1), lag_days=None), PERCENT, FORMAT
    )
    assert latest.status is DataStatus.NO_DATA
    assert latest.value is None
    assert latest.formatted is None
    assert latest.explanation == (
        "No data: no value has been recorded for this indicator. "
        "Data for 2015/16 Q2 were due by 30 December 2015."
    )
    empty = assess_latest(build_series([], as_of=IN_Q2, lag_days=None), PERCENT, FORMAT)
    assert empty.explanation == "No data: no value has been recorded for this indicator."
