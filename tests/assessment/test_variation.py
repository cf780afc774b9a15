"""The SPC chart explained: variation and assurance, trial limits and every rebase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tests.assessment.helpers import FLAT, PERCENT, SHIFT, points, quarter, spec
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec, RebaseSpec
from trustplan.assessment.series import build_series
from trustplan.assessment.variation import SpcJudgement, assess_spc
from trustplan.stats.spc import AssuranceIcon, SpecialCause, VariationIcon
from trustplan.vocabulary import Polarity


def chart(
    values: Sequence[float | None],
    *,
    target: float | None = None,
    indicator: IndicatorSpec = PERCENT,
    rebases: Sequence[RebaseSpec] = (),
) -> SpcJudgement:
    series = build_series(points(values), as_of=dt.date(2015, 7, 1), lag_days=None)
    return assess_spc(
        series, rebases, target=target, indicator=indicator, fmt=NumberFormat.of(indicator)
    )


def test_in_control_with_the_target_inside_the_limits() -> None:
    judgement = chart(FLAT, target=10.0)
    assert judgement.variation is VariationIcon.COMMON_CAUSE
    assert judgement.assurance is AssuranceIcon.INCONSISTENT
    assert not judgement.trial
    assert not judgement.concern
    assert judgement.explanation == (
        "Common-cause variation; the target lies inside the process limits, so it will be hit "
        "and missed at random."
    )


def test_a_shift_up_is_a_concern_when_lower_is_better() -> None:
    judgement = chart(SHIFT, target=10.0)
    assert judgement.variation is VariationIcon.CONCERN_HIGH
    assert judgement.concern
    assert judgement.signal is not None
    assert judgement.signal.cause is SpecialCause.RUN_ABOVE_MEAN
    assert judgement.signal.since == quarter(12)
    assert judgement.explanation == (
        "Special cause concern: 8 points in a row above the mean since 2018/19 Q1; the target "
        "lies inside the process limits, so it will be hit and missed at random."
    )


def test_the_same_shift_is_an_improvement_when_higher_is_better() -> None:
    judgement = chart(SHIFT, indicator=spec(polarity=Polarity.HIGH_IS_GOOD))
    assert judgement.variation is VariationIcon.IMPROVEMENT_HIGH
    assert not judgement.concern
    assert judgement.explanation == (
        "Special cause improvement: 8 points in a row above the mean since 2018/19 Q1."
    )


def test_no_judgement_is_neutral_and_gives_no_assurance() -> None:
    judgement = chart(SHIFT, target=10.0, indicator=spec(polarity=Polarity.NO_JUDGEMENT))
    assert judgement.variation is VariationIcon.NEUTRAL_HIGH
    assert judgement.assurance is None
    assert judgement.explanation == (
        "Special cause variation (neither higher nor lower is better): 8 points in a row above "
        "the mean since 2018/19 Q1; neither higher nor lower is better, so the target gives no "
        "assurance."
    )


def test_a_point_outside_the_limits_names_the_limit() -> None:
    judgement = chart([*FLAT, 20.0])
    assert judgement.explanation == (
        "Special cause concern: the latest point, 20.0% for 2019/20 Q1, is above the upper "
        "process limit of 11.3%."
    )


def test_a_trend_counts_its_points_from_where_it_began() -> None:
    judgement = chart([*FLAT, 9.7, 9.8, 9.9, 10.0, 10.1, 10.2, 10.3])
    assert judgement.explanation == (
        "Special cause concern: 7 points in a row each higher than the last since 2019/20 Q1."
    )


def test_two_of_three_close_to_a_limit() -> None:
    assert chart([*FLAT, 10.8, 10.2, 10.8]).explanation == (
        "Special cause concern: 2 of the latest 3 points are close to the upper process limit."
    )
    assert chart([*FLAT, 10.7, 10.75, 10.7]).explanation == (
        "Special cause concern: all 3 points are close to the upper process limit."
    )


def test_consistent_pass_and_fail() -> None:
    assert chart(FLAT, target=15.0).assurance is AssuranceIcon.CONSISTENT_PASS
    failing = chart(FLAT, target=5.0)
    assert failing.assurance is AssuranceIcon.CONSISTENT_FAIL
    assert failing.explanation == (
        "Common-cause variation; the process limits are on the wrong side of the target, so it "
        "will not be met unless the process changes."
    )


def test_trial_limits_say_how_many_points_they_rest_on() -> None:
    judgement = chart(FLAT[:9])
    assert judgement.trial
    assert judgement.explanation == (
        "Common-cause variation. Limits are trial: based on 9 points; they settle at 15."
    )


def test_a_rebase_is_annotated_with_its_reason() -> None:
    rebase = RebaseSpec(period_start=dt.date(2017, 4, 1), reason="definition changed")
    judgement = chart(FLAT, rebases=[rebase])
    assert [(note.period, note.reason) for note in judgement.rebases] == [
        (quarter(8), "definition changed")
    ]
    assert judgement.current_start == 8
    assert judgement.explanation == (
        "Common-cause variation. Limits are trial: based on 8 points; they settle at 15. "
        "Limits recalculated from 2017/18 Q1: definition changed."
    )


def test_rebases_on_one_period_merge_and_those_outside_the_series_are_reported() -> None:
    rebases = [
        RebaseSpec(period_start=dt.date(2017, 4, 1), reason="definition changed"),
        RebaseSpec(period_start=dt.date(2017, 2, 1), reason="new service"),
        RebaseSpec(period_start=dt.date(2010, 4, 1), reason="old system"),
        RebaseSpec(period_start=dt.date(2030, 4, 1), reason="planned"),
    ]
    judgement = chart(FLAT, rebases=rebases)
    assert [(note.period, note.reason) for note in judgement.rebases] == [
        (quarter(8), "new service; definition changed")
    ]
    assert [note.reason for note in judgement.rebases_not_applied] == ["old system", "planned"]
    assert judgement.explanation.endswith(
        "Limits recalculated from 2017/18 Q1: new service; definition changed. "
        "The rebase recorded from 1 April 2010 (old system) is not applied: a rebase must start "
        "after the first period of the series and no later than its latest. "
        "The rebase recorded from 1 April 2030 (planned) is not applied: a rebase must start "
        "after the first period of the series and no later than its latest."
    )


def test_one_value_has_no_limits() -> None:
    judgement = chart([10.0], target=10.0)
    assert judgement.variation is None
    assert judgement.explanation == (
        "No process limits yet: they need at least two values in a row."
    )
