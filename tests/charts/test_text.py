"""The plain-English text alternative: what a screen-reader user hears instead of the chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.charts.conftest import quarterly_chart_data
from trustplan.charts import (
    Benchmark,
    IndicatorChartData,
    Observation,
    RebaseNote,
    SpcMarks,
    Target,
    ValueFormat,
    text_alternative,
)
from trustplan.periods import calendar_quarter
from trustplan.stats.spc import PointType

QUARTERS = [calendar_quarter(2020 + i // 4, i % 4 + 1) for i in range(6)]


def series(*values: float | None) -> tuple[Observation, ...]:
    return tuple(Observation(q.label, q.end, v) for q, v in zip(QUARTERS, values, strict=False))


def chart(*values: float | None, **extra: object) -> IndicatorChartData:
    return IndicatorChartData("Exclusions", "Portsmouth", "Number", series(*values), **extra)


def test_first_latest_highest_and_lowest_with_periods_and_gaps():
    assert text_alternative(chart(12, 15, None, 9, 15, 11)) == (
        "6 periods, 2020 Q1 to 2021 Q2, 1 without a value. "
        "The first value was 12.0 (2020 Q1) and the latest is 11.0 (2021 Q2). "
        "The highest was 15.0 (2020 Q2) and the lowest 9.0 (2020 Q4)."
    )


def test_values_are_written_as_on_the_chart():
    data = chart(12.345, 67.891, value_format=ValueFormat(decimals=2, suffix="%"))
    assert "The first value was 12.35% (2020 Q1) and the latest is 67.89% (2020 Q2)." in (
        text_alternative(data)
    )


def test_a_single_value_and_no_values_are_said_plainly():
    assert text_alternative(chart(None, 4)) == (
        "2 periods, 2020 Q1 to 2020 Q2, 1 without a value. The only value is 4.0 (2020 Q2)."
    )
    assert (
        text_alternative(chart(None, None)) == "2 periods, 2020 Q1 to 2020 Q2, with no values yet."
    )


def test_special_cause_points_are_counted_by_kind():
    kinds = [
        PointType.COMMON_CAUSE,
        PointType.SPECIAL_CAUSE_CONCERN,
        None,
        PointType.SPECIAL_CAUSE_IMPROVEMENT,
        PointType.SPECIAL_CAUSE_IMPROVEMENT,
        PointType.SPECIAL_CAUSE_NEUTRAL_LOW,
    ]
    data = chart(1, 2, None, 4, 5, 6, spc=tuple(SpcMarks(mean=3, point_type=k) for k in kinds))
    assert text_alternative(data).endswith(
        "4 of 5 points signal special cause variation (2 improvement, 1 concern, 1 neutral). "
        "The latest point shows special cause variation, lower, neither good nor bad."
    )


def test_common_cause_only_and_trial_limits():
    spc = tuple(SpcMarks(mean=3, point_type=PointType.COMMON_CAUSE) for _ in range(3))
    assert text_alternative(chart(1, 2, 3, spc=spc, trial=True)).endswith(
        "No point signals special cause variation. "
        "The process limits are trial limits, based on too few points to rely on."
    )


def test_one_signal_is_singular():
    spc = (SpcMarks(mean=3, point_type=PointType.SPECIAL_CAUSE_CONCERN), SpcMarks(mean=3))
    assert "1 of 1 points signals special cause variation (1 concern)." in text_alternative(
        chart(1, 2, spc=spc)
    )


def test_targets_benchmark_and_rebases_are_read_out():
    data = chart(
        10,
        11,
        12,
        targets=(
            Target(dt.date(2022, 3, 31), 8, "2021/22"),
            Target(dt.date(2021, 3, 31), 9, "Target for 2020/21"),
        ),
        benchmark=Benchmark("England", series(14, 13, None)),
        rebases=(RebaseNote(dt.date(2020, 8, 15), "New definition of exclusion"),),
    )
    assert text_alternative(data).endswith(
        "Target for 2020/21: 9.0 by 31 March 2021. "
        "Target 2021/22: 8.0 by 31 March 2022. "
        "England's latest value is 13.0 (2020 Q2). "
        "The limits were recalculated from 2020 Q3: New definition of exclusion."
    )


def test_the_quarterly_example_reads_well():
    assert text_alternative(quarterly_chart_data()) == (
        "24 periods, 2015/16 Q1 to 2020/21 Q4, 1 without a value. "
        "The first value was 43.6% (2015/16 Q1) and the latest is 51.0% (2020/21 Q4). "
        "The highest was 52.8% (2020/21 Q3) and the lowest 40.0% (2018/19 Q1). "
        "16 of 23 points signal special cause variation (8 improvement, 8 concern). "
        "The latest point shows special cause improvement. "
        "Target March 2021: 55.0% by 31 March 2021. "
        "England's latest value is 50.5% (2020/21 Q4). "
        "The limits were recalculated from 2017/18 Q1: New assessment form from April 2017."
    )


def test_a_reason_ending_in_a_full_stop_is_not_doubled():
    data = replace(quarterly_chart_data(), rebases=(RebaseNote(dt.date(2017, 5, 15), "New form."),))
    assert text_alternative(data).endswith("from 2017/18 Q1: New form.")
