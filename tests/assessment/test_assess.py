"""The whole assessment: each judgement present, the headline and the exception flag."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.assessment.helpers import AREA, FLAT, PERCENT, SHIFT, counted, points, quarter, spec
from trustplan.assessment import (
    Comparator,
    IndicatorSpec,
    Point,
    RebaseSpec,
    TargetSpec,
    assess,
)
from trustplan.assessment.latest import DataStatus
from trustplan.periods import month
from trustplan.stats.benchmark import Outcome
from trustplan.stats.rag import Rag
from trustplan.stats.spc import AssuranceIcon, VariationIcon
from trustplan.stats.trend import TrendOutcome
from trustplan.vocabulary import Polarity

MARCH_2019 = TargetSpec(due=dt.date(2019, 3, 31), value=10.3)
MARCH_2020 = TargetSpec(due=dt.date(2020, 3, 31), value=10.0)
# 2015/16 Q1 to 2021/22 Q1, steady about 14%.
STEADY = [14.0, 14.3, 13.8, 14.1] * 6 + [14.2]


def test_in_control_and_green_is_no_exception() -> None:
    result = assess(
        PERCENT, points(FLAT), as_of=dt.date(2019, 5, 1), area_code=AREA, targets=[MARCH_2019]
    )
    assert result.latest.status is DataStatus.UP_TO_DATE
    assert result.target.rag is Rag.GREEN
    assert result.spc.variation is VariationIcon.COMMON_CAUSE
    assert result.spc.assurance is AssuranceIcon.INCONSISTENT
    assert result.spc.explanation == (
        "Common-cause variation; the target lies inside the process limits, so it will be hit "
        "and missed at random."
    )
    assert not result.exception
    assert result.exception_reasons == ()
    assert result.headline == (
        "10.2% for 2018/19 Q4 is green against the March 2019 target of 10.3%; "
        "common-cause variation."
    )


def test_red_and_a_special_cause_concern_lead_the_headline() -> None:
    result = assess(
        PERCENT, points(SHIFT), as_of=dt.date(2020, 5, 1), area_code=AREA, targets=[MARCH_2020]
    )
    assert result.target.rag is Rag.RED
    assert result.spc.concern
    assert result.exception
    assert result.exception_reasons == (
        "red against the March 2020 target",
        "special cause concern: 8 points in a row above the mean since 2018/19 Q1",
    )
    assert result.headline == (
        "10.5% for 2019/20 Q4 is red against the March 2020 target of 10.0%; special cause "
        "concern: 8 points in a row above the mean since 2018/19 Q1."
    )


def test_a_concern_comes_before_a_green_rating() -> None:
    lenient = TargetSpec(due=dt.date(2020, 3, 31), value=11.0)
    result = assess(
        PERCENT, points(SHIFT), as_of=dt.date(2020, 5, 1), area_code=AREA, targets=[lenient]
    )
    assert result.exception
    assert result.headline == (
        "Special cause concern: 8 points in a row above the mean since 2018/19 Q1; 10.5% for "
        "2019/20 Q4 is green against the March 2020 target of 11.0%."
    )


def test_a_missing_latest_period_is_an_exception_never_a_zero() -> None:
    stored = [*counted(STEADY), Point(period=quarter(25), value=None)]
    result = assess(PERCENT, stored, as_of=dt.date(2022, 1, 10), area_code=AREA)
    assert result.latest.status is DataStatus.MISSING
    assert result.latest.value == 14.2
    assert result.exception
    assert result.exception_reasons == ("no data for 2021/22 Q2 (recorded as missing)",)
    assert result.headline.startswith(
        "No data for 2021/22 Q2 (recorded as missing); 14.2% for 2021/22 Q1, with no current target"
    )
    late = assess(PERCENT, counted(STEADY), as_of=dt.date(2022, 1, 10), area_code=AREA)
    assert late.latest.status is DataStatus.LATE
    assert late.exception_reasons == ("no data for 2021/22 Q2, due by 30 December 2021",)
    assert late.latest.explanation.startswith("No data for 2021/22 Q2, due by 30 December 2021.")


def test_no_target_is_said_plainly() -> None:
    result = assess(PERCENT, points(FLAT), as_of=dt.date(2019, 5, 1), area_code=AREA)
    assert result.target.rag is Rag.NOT_RATED
    assert result.target.explanation == "Not rated: there is no target for this indicator."
    assert result.future_targets == ()
    assert result.spc.assurance is None
    assert result.spc.explanation == "Common-cause variation."
    assert result.headline == (
        "10.2% for 2018/19 Q4, with no current target; common-cause variation."
    )


def test_no_data_at_all() -> None:
    result = assess(PERCENT, [], as_of=dt.date(2019, 5, 1), area_code=AREA, targets=[MARCH_2020])
    assert result.latest.status is DataStatus.NO_DATA
    assert result.exception
    assert result.exception_reasons == ("no data has been recorded",)
    assert result.headline == "No data has been recorded."
    assert result.target.explanation == (
        "Not rated: there is no value to judge against the March 2020 target of 10.0%."
    )
    (forecast,) = result.future_targets
    assert forecast.confidence is Rag.NOT_RATED
    assert forecast.period is None


def test_no_judgement_gives_no_colours_only_higher_and_lower() -> None:
    neutral = spec(polarity=Polarity.NO_JUDGEMENT)
    england = Comparator(name="England", points=(Point(period=quarter(19), value=9.0),))
    stored = [
        Point(period=p.period, value=p.value, lower_95=p.value - 0.3, upper_95=p.value + 0.3)
        for p in points(SHIFT)
        if p.value is not None
    ]
    result = assess(
        neutral,
        stored,
        as_of=dt.date(2020, 5, 1),
        area_code=AREA,
        targets=[MARCH_2020, TargetSpec(due=dt.date(2021, 3, 31), value=10.0)],
        comparators=[england],
    )
    assert result.target.rag is Rag.NOT_RATED
    assert result.target.explanation == (
        "Not rated: 10.5% is 0.5 points higher than the March 2020 target of 10.0%; neither "
        "higher nor lower is better for this indicator."
    )
    assert [f.confidence for f in result.future_targets] == [Rag.NOT_RATED]
    (benchmark,) = result.benchmarks
    assert benchmark.comparison.outcome is Outcome.HIGHER
    assert result.spc.variation is VariationIcon.NEUTRAL_HIGH
    assert not result.exception
    assert result.headline == (
        "10.5% for 2019/20 Q4 against the March 2020 target of 10.0% (not rated); special cause "
        "variation (neither higher nor lower is better): 8 points in a row above the mean since "
        "2018/19 Q1."
    )
    assert result.direction_of_travel.explanation.startswith("Higher than 2019/20 Q3")


def test_every_judgement_of_a_full_assessment_is_explained() -> None:
    rising = [10.0 + 0.5 * i for i in range(20)]
    england = Comparator(
        name="England", points=tuple(Point(period=quarter(i), value=11.1) for i in range(20))
    )
    result = assess(
        PERCENT,
        counted(rising, denominator=10_000),
        as_of=dt.date(2020, 5, 1),
        area_code=AREA,
        targets=[MARCH_2020, TargetSpec(due=dt.date(2021, 3, 31), value=10.0)],
        rebases=[RebaseSpec(period_start=dt.date(2016, 4, 1), reason="new service")],
        comparators=[england],
    )
    assert result.latest.formatted == "19.5%"
    assert result.target.rag is Rag.RED
    assert result.trend.result.outcome is TrendOutcome.INCREASING_AND_GETTING_WORSE
    assert result.benchmarks[0].comparison.outcome is Outcome.WORSE
    assert result.future_targets[0].confidence is Rag.RED
    assert "Limits recalculated from 2016/17 Q1: new service." in result.spc.explanation
    assert result.direction_of_travel.explanation.startswith("Worse than 2019/20 Q3: up 0.5 points")
    assert result.data_quality.findings == ()
    for text in (
        result.latest.explanation,
        result.target.explanation,
        result.spc.explanation,
        result.trend.explanation,
        result.benchmarks[0].explanation,
        result.future_targets[0].explanation,
        result.direction_of_travel.explanation,
        result.data_quality.explanation,
        result.headline,
    ):
        assert text.endswith(".")
        assert text[0].isupper() or text[0].isdigit()


def test_a_series_mixing_period_kinds_is_refused() -> None:
    with pytest.raises(ValueError, match="one kind of period"):
        assess(
            PERCENT,
            [Point(period=quarter(0), value=1.0), Point(period=month(2015, 7), value=1.0)],
            as_of=dt.date(2016, 1, 1),
            area_code=AREA,
        )


def test_an_indicator_with_a_score_and_no_interval_is_not_benchmarked() -> None:
    score: IndicatorSpec = spec(unit="", decimals=0)
    england = Comparator(name="England", points=(Point(period=quarter(0), value=100.0),))
    result = assess(
        score, points([104.0]), as_of=dt.date(2015, 7, 1), area_code=AREA, comparators=[england]
    )
    assert result.benchmarks[0].explanation == (
        "Not compared with England: 104 for 2015/16 Q1 has no 95% confidence interval."
    )
