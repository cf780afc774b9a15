"""RAG against the current target on printed values, and the chance of meeting future targets."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.assessment.helpers import PERCENT, points, quarter, spec
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec, TargetSpec
from trustplan.assessment.series import build_series
from trustplan.assessment.targets import current_target, judge_current, judge_future
from trustplan.stats.rag import Rag, Tolerance, ToleranceKind, rag_against_target
from trustplan.vocabulary import Polarity

FORMAT = NumberFormat.of(PERCENT)
MARCH_2022 = TargetSpec(due=dt.date(2022, 3, 31), value=12.0, tolerance=Tolerance(0.5))
LATEST = quarter(24)  # 2021/22 Q1


def judged(value: float | None, target: TargetSpec | None, indicator: IndicatorSpec = PERCENT):
    return judge_current(
        target,
        value,
        reference=LATEST,
        any_targets=target is not None,
        indicator=indicator,
        fmt=NumberFormat.of(indicator),
    )


def test_the_current_target_is_the_first_due_at_or_after_the_latest_period_s_end() -> None:
    past = TargetSpec(due=dt.date(2021, 3, 31), value=13.0)
    later = TargetSpec(due=dt.date(2023, 3, 31), value=11.0)
    end_of_quarter = TargetSpec(due=dt.date(2021, 6, 30), value=12.5)
    assert current_target([later, MARCH_2022, past], LATEST.end) is MARCH_2022
    assert current_target([later, end_of_quarter, past], LATEST.end) is end_of_quarter
    assert current_target([past], LATEST.end) is None


def test_red_outside_the_tolerance() -> None:
    judgement = judged(14.2, MARCH_2022)
    assert judgement.rag is Rag.RED
    assert str(judgement.difference) == "2.2"
    assert judgement.explanation == (
        "Red: 14.2% against the March 2022 target of 12.0% (lower is better); "
        "2.2 points worse than target, outside the 0.5-point tolerance."
    )


def test_amber_on_the_edge_of_the_tolerance_as_printed() -> None:
    target = TargetSpec(due=dt.date(2022, 3, 31), value=12.0, tolerance=Tolerance(0.3))
    # On raw floats 12.3 − 12.0 is 0.3000000000000007, just outside a 0.3 band.
    assert rag_against_target(12.3, 12.0, Polarity.LOW_IS_GOOD, Tolerance(0.3)) is Rag.RED
    judgement = judged(12.3, target)
    assert judgement.rag is Rag.AMBER
    assert judgement.explanation.endswith(
        "0.3 points worse than target, within the 0.3-point tolerance."
    )


def test_a_value_printed_as_the_target_meets_it() -> None:
    judgement = judged(12.04, MARCH_2022)
    assert judgement.rag is Rag.GREEN
    assert judgement.explanation == (
        "Green: 12.0% against the March 2022 target of 12.0% (lower is better); "
        "the target is met exactly."
    )


def test_green_when_higher_is_better() -> None:
    high = spec(polarity=Polarity.HIGH_IS_GOOD)
    target = TargetSpec(due=dt.date(2022, 3, 31), value=70.0, label="Plan target")
    judgement = judged(75.3, target, high)
    assert judgement.rag is Rag.GREEN
    assert judgement.explanation == (
        "Green: 75.3% against the Plan target of 70.0% (higher is better); "
        "5.3 points better than target."
    )


def test_a_relative_tolerance_is_a_share_of_the_target() -> None:
    target = TargetSpec(
        due=dt.date(2022, 3, 31), value=12.0, tolerance=Tolerance(0.05, ToleranceKind.RELATIVE)
    )
    judgement = judged(12.5, target)
    assert judgement.rag is Rag.AMBER
    assert judgement.explanation.endswith(
        "0.5 points worse than target, within the tolerance of 5% of the target (0.6 points)."
    )


def test_a_relative_tolerance_prints_its_share_exactly() -> None:
    # 0.07 × 100 is 7.000000000000001 in binary; the share prints as set.
    target = TargetSpec(
        due=dt.date(2022, 3, 31), value=10.0, tolerance=Tolerance(0.07, ToleranceKind.RELATIVE)
    )
    judgement = judged(11.0, target)
    assert judgement.rag is Rag.RED
    assert judgement.explanation.endswith(
        "1.0 points worse than target, outside the tolerance of 7% of the target (0.7 points)."
    )


def test_red_without_a_tolerance_says_only_the_gap() -> None:
    target = TargetSpec(due=dt.date(2022, 3, 31), value=12.0)
    assert judged(12.1, target).explanation.endswith("; 0.1 points worse than target.")


def test_no_target_is_said_plainly() -> None:
    judgement = judged(14.2, None)
    assert judgement.rag is Rag.NOT_RATED
    assert judgement.target is None
    assert judgement.explanation == "Not rated: there is no target for this indicator."
    only_past = judge_current(
        None, 14.2, reference=LATEST, any_targets=True, indicator=PERCENT, fmt=FORMAT
    )
    assert only_past.explanation == "Not rated: no target is due at the end of 2021/22 Q1 or later."


def test_no_value_is_not_rated() -> None:
    judgement = judged(None, MARCH_2022)
    assert judgement.rag is Rag.NOT_RATED
    assert judgement.explanation == (
        "Not rated: there is no value to judge against the March 2022 target of 12.0%."
    )


def test_no_judgement_polarity_is_higher_or_lower_never_a_colour() -> None:
    judgement = judged(14.2, MARCH_2022, spec(polarity=Polarity.NO_JUDGEMENT))
    assert judgement.rag is Rag.NOT_RATED
    assert judgement.explanation == (
        "Not rated: 14.2% is 2.2 points higher than the March 2022 target of 12.0%; "
        "neither higher nor lower is better for this indicator."
    )
    unrecorded = judged(11.0, MARCH_2022, spec(polarity=None))
    assert unrecorded.rag is Rag.NOT_RATED
    assert unrecorded.explanation == (
        "Not rated: 11.0% is 1.0 points lower than the March 2022 target of 12.0%; "
        "no better direction is recorded for this indicator."
    )


# A falling series, 0.2 points a quarter with ±0.15 of alternating noise, 2015/16 Q1 to 2017/18 Q4.
FALLING = [round(16.0 - 0.2 * i + (0.15 if i % 2 == 0 else -0.15), 2) for i in range(12)]


def future(
    values: list[float | None], targets: list[TargetSpec], indicator: IndicatorSpec = PERCENT
):
    series = build_series(points(values), as_of=dt.date(2018, 5, 1), lag_days=None)
    return judge_future(
        targets,
        reference=quarter(11).end,
        series=series,
        since=0,
        indicator=indicator,
        fmt=NumberFormat.of(indicator),
    )


def test_a_trend_towards_a_target_is_likely_to_meet_it() -> None:
    (judgement,) = future(FALLING, [TargetSpec(due=dt.date(2019, 3, 31), value=13.2)])
    assert judgement.period == quarter(15)
    assert judgement.confidence is Rag.GREEN
    assert judgement.forecast.probability_of_meeting_target == pytest.approx(0.8748, abs=1e-4)
    assert judgement.explanation == (
        "Likely to meet the March 2019 target (probability 0.87): the trend over 12 quarters "
        "projects 12.9% (95% prediction interval 12.5% to 13.4%) against 13.2%."
    )


def test_future_targets_come_in_due_order_and_past_ones_are_left_out() -> None:
    targets = [
        TargetSpec(due=dt.date(2020, 3, 31), value=11.0),
        TargetSpec(due=dt.date(2019, 3, 31), value=12.9),
        TargetSpec(due=dt.date(2018, 3, 31), value=14.0),
    ]
    judgements = future(FALLING, targets)
    assert [j.target.due.year for j in judgements] == [2019, 2020]
    assert [j.confidence for j in judgements] == [Rag.AMBER, Rag.RED]
    assert judgements[0].explanation.startswith("About as likely as not to meet")
    assert judgements[1].explanation.startswith(
        "Unlikely to meet the March 2020 target (probability below 0.01): the trend over "
        "12 quarters projects 12.1%"
    )


def test_gaps_are_counted_in_the_span() -> None:
    values: list[float | None] = list(FALLING)
    values[4] = None
    (judgement,) = future(values, [TargetSpec(due=dt.date(2019, 3, 31), value=13.2)])
    assert "the trend over 12 quarters (11 with data) projects" in judgement.explanation


def test_too_few_values_give_no_confidence_rating() -> None:
    (judgement,) = future([15.0, 14.0], [TargetSpec(due=dt.date(2019, 3, 31), value=13.2)])
    assert judgement.confidence is Rag.NOT_RATED
    assert judgement.explanation == (
        "No confidence rating for the March 2019 target: needs at least 3 values to fit a "
        "trend; got 2."
    )


def test_no_judgement_gives_the_projection_but_no_rating() -> None:
    (judgement,) = future(
        FALLING,
        [TargetSpec(due=dt.date(2019, 3, 31), value=13.2)],
        spec(polarity=Polarity.NO_JUDGEMENT),
    )
    assert judgement.confidence is Rag.NOT_RATED
    assert judgement.explanation == (
        "No confidence rating for the March 2019 target: the indicator has no better direction, "
        "so a target cannot be met; the trend over 12 quarters projects 12.9% "
        "(95% prediction interval 12.5% to 13.4%) against 13.2%."
    )
