"""The synthetic data: complete, in range, deterministic, and carrying the signals it claims.

The planted signals are checked with the product's own statistics (``trustplan.stats.spc``), so
these tests fail if a change to the generator or its levels lets sampling noise hide them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest

from trustplan.demodata import (
    DEFAULT_SEED,
    SIGNALS,
    DemoData,
    Observation,
    SignalKind,
    Status,
    TargetOutcome,
    Tolerance,
    ToleranceKind,
    generate,
    judge,
    load_catalogue,
    reporting_periods,
)
from trustplan.demodata.areas import ENGLAND, GROUP, NEIGHBOURS, PORTSMOUTH, SOUTH_EAST
from trustplan.demodata.catalogue import DemoIndicator
from trustplan.demodata.generate import DATA_AREAS
from trustplan.periods import Period, PeriodKind, parse_period
from trustplan.stats.spc import (
    ImprovementDirection,
    PointType,
    SpcResult,
    SpecialCause,
    seven_point_trend,
    xmr_chart,
)
from trustplan.vocabulary import Polarity, ValueType

ALL_AREAS = (ENGLAND, SOUTH_EAST, PORTSMOUTH, *(a.code for a in NEIGHBOURS), GROUP.code)


def _chart(data: DemoData, key: str) -> tuple[SpcResult, list[Period]]:
    indicator = load_catalogue()[key]
    series = data.series(key, PORTSMOUTH)
    chart = xmr_chart(
        [o.value for o in series],
        improvement_direction=ImprovementDirection.from_polarity(indicator.polarity),
    )
    return chart, [o.period for o in series]


def _signal(data: DemoData, kind: SignalKind, key: str) -> Sequence[Period]:
    return next(s.periods for s in data.signals if s.spec.kind is kind and s.spec.indicator == key)


# Completeness.


def test_every_plan_indicator_has_data_for_every_area(
    data: DemoData, plan_keys: tuple[str, ...]
) -> None:
    assert [i.key for i in data.indicators] == list(plan_keys)
    assert DATA_AREAS == ALL_AREAS
    for key in plan_keys:
        indicator = load_catalogue()[key]
        periods = reporting_periods(indicator.reporting_kind, 2015, 2023)
        assert len(periods) >= 8, key
        for area in ALL_AREAS:
            series = data.series(key, area)
            assert [o.period for o in series] == list(periods), (key, area)
            assert sum(o.value is not None for o in series) >= len(periods) - 1, (key, area)


def test_periods_run_from_2015_to_2023_in_the_indicators_kind(data: DemoData) -> None:
    kinds: Counter[PeriodKind] = Counter()
    for observation in data.observations:
        indicator = load_catalogue()[observation.indicator]
        assert observation.period.kind is indicator.reporting_kind
        assert dt.date(2015, 1, 1) <= observation.period.start
        assert observation.period.end <= dt.date(2023, 12, 31)
        kinds[observation.period.kind] += 1
    assert set(kinds) == {
        PeriodKind.MONTH,
        PeriodKind.FINANCIAL_QUARTER,
        PeriodKind.CALENDAR_QUARTER,
        PeriodKind.ACADEMIC_TERM,
        PeriodKind.FINANCIAL_YEAR,
        PeriodKind.CALENDAR_YEAR,
        PeriodKind.ACADEMIC_YEAR,
    }


def test_every_period_label_parses_back(data: DemoData) -> None:
    for period in {o.period for o in data.observations}:
        assert parse_period(period.label) == period
        if period.kind is PeriodKind.ACADEMIC_YEAR:
            assert parse_period(period.label, prefer=PeriodKind.ACADEMIC_YEAR) == period


@pytest.mark.parametrize(
    ("kind", "first", "last", "count"),
    [
        (PeriodKind.MONTH, "Jan 2015", "Dec 2023", 108),
        (PeriodKind.FINANCIAL_QUARTER, "2014/15 Q4", "2023/24 Q3", 36),
        (PeriodKind.CALENDAR_QUARTER, "2015 Q1", "2023 Q4", 36),
        (PeriodKind.ACADEMIC_TERM, "Spring term 2014/15", "Autumn term 2023/24", 27),
        (PeriodKind.FINANCIAL_YEAR, "2015/16", "2022/23", 8),
        (PeriodKind.CALENDAR_YEAR, "2015", "2023", 9),
        (PeriodKind.ACADEMIC_YEAR, "AY 2015/16", "AY 2022/23", 8),
    ],
)
def test_reporting_periods(kind: PeriodKind, first: str, last: str, count: int) -> None:
    periods = reporting_periods(kind, 2015, 2023)
    assert (periods[0].label, periods[-1].label, len(periods)) == (first, last, count)
    assert list(periods) == sorted(set(periods))


def test_rolling_and_pooled_periods_are_not_reporting_periods() -> None:
    with pytest.raises(ValueError, match="not reported in rolling 12 months periods"):
        reporting_periods(PeriodKind.ROLLING_12_MONTHS, 2015, 2023)


# Values.


def _check_value(observation: Observation, indicator: DemoIndicator) -> None:
    value = observation.value
    assert value is not None
    assert math.isfinite(value)
    assert value == round(value, indicator.decimals)
    match indicator.value_type:
        case ValueType.PROPORTION | ValueType.RATE:
            numerator, denominator = observation.numerator, observation.denominator
            assert numerator is not None
            assert denominator is not None
            assert numerator >= 0
            assert denominator > 0
            if indicator.value_type is ValueType.PROPORTION:
                assert numerator <= denominator
                assert 0 <= value <= indicator.multiplier
            assert value == round(
                numerator / denominator * indicator.multiplier, indicator.decimals
            )
        case ValueType.COUNT:
            assert value >= 0
            assert value.is_integer()
            assert (observation.numerator, observation.denominator) == (None, None)
        case ValueType.MEAN | ValueType.SCORE:
            assert observation.ci_95 is not None
            assert observation.ci_99_8 is not None
            lower_99_8, upper_99_8 = observation.ci_99_8
            lower_95, upper_95 = observation.ci_95
            assert lower_99_8 <= lower_95 <= value <= upper_95 <= upper_99_8
            assert lower_99_8 < upper_99_8
            # Only a score may be negative; a mean's t interval may still dip below 0 for a
            # handful of pupils, as PHEindicatormethods' phe_mean does.
            if indicator.value_type is ValueType.MEAN:
                assert value >= 0


def test_every_value_is_in_range_for_its_type(data: DemoData) -> None:
    catalogue = load_catalogue()
    for observation in data.observations:
        if observation.value is None:
            assert observation.note, observation
            assert (observation.numerator, observation.denominator) == (None, None)
        else:
            _check_value(observation, catalogue[observation.indicator])


def test_the_group_average_pools_its_members(data: DemoData) -> None:
    for indicator in data.indicators:
        if indicator.value_type not in (ValueType.PROPORTION, ValueType.RATE):
            continue
        members = [data.series(indicator.key, member) for member in GROUP.members]
        for index, group in enumerate(data.series(indicator.key, GROUP.code)):
            if group.value is None:
                continue
            assert group.numerator == sum(m[index].numerator or 0 for m in members)
            assert group.denominator == sum(m[index].denominator or 0 for m in members)


def test_areas_are_plausibly_placed(data: DemoData) -> None:
    """England's denominators dwarf Portsmouth's; the neighbours' average lies among them."""
    for indicator in data.indicators:
        england = data.series(indicator.key, ENGLAND)
        portsmouth = data.series(indicator.key, PORTSMOUTH)
        if indicator.value_type in (ValueType.PROPORTION, ValueType.RATE):
            assert (england[0].denominator or 0) > 100 * (portsmouth[0].denominator or 0)
        for index, group in enumerate(data.series(indicator.key, GROUP.code)):
            values = [data.series(indicator.key, m)[index].value for m in GROUP.members]
            observed = [v for v in values if v is not None]
            if group.value is not None:
                assert min(observed) <= group.value <= max(observed), indicator.key


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(
    data: DemoData, plan_keys: tuple[str, ...]
) -> None:
    assert generate(DEFAULT_SEED, plan_keys) == data
    other = generate(DEFAULT_SEED + 1, plan_keys)
    assert other.observations != data.observations
    assert [o.period for o in other.observations] == [o.period for o in data.observations]


def test_one_indicators_data_do_not_depend_on_which_others_are_asked_for(data: DemoData) -> None:
    key = "school-attendance-and-exclusions"
    alone = generate(DEFAULT_SEED, [key])
    assert alone.observations == tuple(o for o in data.observations if o.indicator == key)


# Signals.


def test_every_kind_of_signal_is_planted(data: DemoData) -> None:
    assert {s.spec.kind for s in data.signals} == set(SignalKind)
    assert {s.spec for s in data.signals} == set(SIGNALS)


@pytest.mark.parametrize(
    ("key", "point_type"),
    [
        ("strategy-meetings-working-together-compliant", PointType.SPECIAL_CAUSE_IMPROVEMENT),
        ("ehc-needs-assessment-timeliness", PointType.SPECIAL_CAUSE_CONCERN),
    ],
)
def test_a_shift_is_special_cause_for_at_least_8_points_after_the_change(
    data: DemoData, key: str, point_type: PointType
) -> None:
    chart, periods = _chart(data, key)
    changed = periods.index(_signal(data, SignalKind.SHIFT, key)[0])
    assert len(periods) - changed >= 8
    after = chart.points[changed:]
    assert sum(p.point_type is point_type for p in after) >= 8
    assert any(p.signals is not None and p.signals.part_of_run for p in after)
    assert chart.variation_icon is not None
    assert chart.variation_icon.value.startswith(
        "improvement" if point_type is PointType.SPECIAL_CAUSE_IMPROVEMENT else "concern"
    )


def test_the_trend_series_triggers_the_trend_rule(data: DemoData) -> None:
    key = "school-attendance-and-exclusions"
    chart, periods = _chart(data, key)
    planted = _signal(data, SignalKind.TREND, key)
    window = range(periods.index(planted[0]) - 1, periods.index(planted[-1]) + 1)
    values = [chart.points[i].value for i in window]
    assert len(values) >= 7
    assert 1 in seven_point_trend([v for v in values if v is not None])
    in_trend = [chart.points[i] for i in window]
    assert sum(p.signals is not None and p.signals.part_of_trend for p in in_trend) >= 7
    labelled = [
        p
        for p in in_trend
        if p.signals is not None and p.signals.special_cause is SpecialCause.TREND_INCREASING
    ]
    assert labelled
    assert all(p.point_type is PointType.SPECIAL_CAUSE_CONCERN for p in labelled)


def test_the_outlier_is_an_astronomical_point(data: DemoData) -> None:
    key = "self-harm-attendances-and-admissions"
    chart, periods = _chart(data, key)
    (planted,) = _signal(data, SignalKind.OUTLIER, key)
    point = chart.points[periods.index(planted)]
    assert point.signals is not None
    assert point.signals.special_cause is SpecialCause.ABOVE_UPPER_LIMIT
    assert point.point_type is PointType.SPECIAL_CAUSE_CONCERN
    others = [p.value for p in chart.points if p.index != point.index and p.value is not None]
    assert point.value is not None
    assert point.value > max(others)


def test_the_missing_period_is_missing_for_every_area_and_not_zero(data: DemoData) -> None:
    key = "school-attendance"
    (planted,) = _signal(data, SignalKind.MISSING, key)
    for area in ALL_AREAS:
        missing = [o for o in data.series(key, area) if o.value is None]
        assert [o.period for o in missing] == [planted], area
        assert "not collected" in missing[0].note
    chart, periods = _chart(data, key)
    assert chart.points[periods.index(planted)].signals is None


def test_only_the_latest_social_care_month_is_provisional(data: DemoData) -> None:
    provisional = [o for o in data.observations if o.status is Status.PROVISIONAL]
    assert len(provisional) == 1
    (latest,) = provisional
    series = data.series("children-open-to-childrens-social-care", PORTSMOUTH)
    assert latest == series[-1]
    assert latest.period.label == "Dec 2023"
    assert latest.value is not None
    assert latest.note


@pytest.mark.parametrize("seed", [0, 1, 99, 2**40])
def test_the_signals_show_whatever_the_seed(seed: int) -> None:
    keys = [spec.indicator for spec in SIGNALS]
    data = generate(seed, keys)
    shift, _ = _chart(data, "strategy-meetings-working-together-compliant")
    assert shift.variation_icon is not None
    assert any(p.point_type is PointType.SPECIAL_CAUSE_IMPROVEMENT for p in shift.points[-8:])
    outlier, periods = _chart(data, "self-harm-attendances-and-admissions")
    (planted,) = _signal(data, SignalKind.OUTLIER, "self-harm-attendances-and-admissions")
    signals = outlier.points[periods.index(planted)].signals
    assert signals is not None
    assert signals.outside_limits
    trend, _ = _chart(data, "school-attendance-and-exclusions")
    assert any(p.signals is not None and p.signals.part_of_trend for p in trend.points)


# Targets.


def test_most_kpis_have_targets_for_each_plan_year_and_one_beyond(data: DemoData) -> None:
    by_indicator: dict[str, list[dt.date]] = {}
    for target in data.targets:
        assert target.area_code == PORTSMOUTH
        by_indicator.setdefault(target.indicator, []).append(target.due)
    judged = [i.key for i in data.indicators if i.polarity is not Polarity.NO_JUDGEMENT]
    assert sorted(by_indicator) == sorted(judged)
    assert len(by_indicator) > 0.9 * len(data.indicators)
    for key, dues in by_indicator.items():
        assert [due.year for due in dues] == [2021, 2022, 2023, 2024], key
        indicator = load_catalogue()[key]
        last = data.series(key, PORTSMOUTH)[-1].period.end
        assert dues[-1] > last, key  # only a forecast can judge it
        for due, year in zip(dues, (2021, 2022, 2023, 2024), strict=True):
            period = next(
                p
                for p in reporting_periods(indicator.reporting_kind, year - 1, year + 1)
                if p.start <= dt.date(year, 3, 31) <= p.end
            )
            assert due == period.end


def test_march_targets_are_labelled_by_their_due_month(data: DemoData) -> None:
    for target in data.targets:
        assert target.label == f"{target.due:%B %Y} target"
    labels = Counter(t.label for t in data.targets)
    assert labels["March 2023 target"] > 20
    assert labels["August 2023 target"] > 5


def test_each_final_targets_outcome_is_true_and_there_is_a_mix(data: DemoData) -> None:
    catalogue = load_catalogue()
    outcomes: Counter[TargetOutcome] = Counter()
    for target in data.targets:
        if target.outcome is None:
            continue
        indicator = catalogue[target.indicator]
        due = next(
            o for o in data.series(target.indicator, PORTSMOUTH) if o.period.end == target.due
        )
        assert due.value is not None
        assert (
            judge(due.value, target.value, target.tolerance, indicator.polarity) is target.outcome
        )
        assert target.due.year == 2023
        outcomes[target.outcome] += 1
    assert sum(outcomes.values()) == len({t.indicator for t in data.targets})
    assert all(outcomes[outcome] >= 5 for outcome in TargetOutcome), outcomes


def test_targets_are_in_range_and_some_have_each_kind_of_tolerance(data: DemoData) -> None:
    catalogue = load_catalogue()
    tolerances: Counter[ToleranceKind | None] = Counter()
    for target in data.targets:
        indicator = catalogue[target.indicator]
        assert target.value == round(target.value, indicator.decimals)
        if indicator.value_type is ValueType.PROPORTION:
            assert 0 <= target.value <= indicator.multiplier
        elif indicator.value_type is not ValueType.SCORE:  # only a score may be negative
            assert target.value >= 0
        tolerances[target.tolerance.kind if target.tolerance else None] += 1
    assert set(tolerances) == {None, ToleranceKind.ABSOLUTE, ToleranceKind.RELATIVE}


def test_targets_move_from_the_baseline_the_better_way(data: DemoData) -> None:
    catalogue = load_catalogue()
    for key in {t.indicator for t in data.targets}:
        indicator = catalogue[key]
        values = [t.value for t in data.targets if t.indicator == key]
        sign = 1 if indicator.polarity is Polarity.HIGH_IS_GOOD else -1
        steps = [(later - earlier) * sign for earlier, later in itertools.pairwise(values)]
        assert all(step >= 0 for step in steps), (key, values)


MET, WITHIN, MISSED = TargetOutcome
HIGH, LOW = Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD
TWO_POINTS = Tolerance(ToleranceKind.ABSOLUTE, 2)
FIVE_PERCENT = Tolerance(ToleranceKind.RELATIVE, 0.05)


@pytest.mark.parametrize(
    ("value", "target", "tolerance", "polarity", "outcome"),
    [
        (80.0, 80.0, None, HIGH, MET),
        (79.9, 80.0, None, HIGH, MISSED),
        (78.0, 80.0, TWO_POINTS, HIGH, WITHIN),
        (77.9, 80.0, TWO_POINTS, HIGH, MISSED),
        (76.0, 80.0, FIVE_PERCENT, HIGH, WITHIN),
        (10.5, 10.0, FIVE_PERCENT, LOW, WITHIN),
        (10.6, 10.0, FIVE_PERCENT, LOW, MISSED),
        (9.0, 10.0, None, LOW, MET),
    ],
)
def test_judge(
    value: float,
    target: float,
    tolerance: Tolerance | None,
    polarity: Polarity,
    outcome: TargetOutcome,
) -> None:
    assert judge(value, target, tolerance, polarity) is outcome


def test_judge_refuses_an_indicator_with_no_judgement() -> None:
    with pytest.raises(ValueError, match="no judgement"):
        judge(1, 2, None, Polarity.NO_JUDGEMENT)


@pytest.mark.parametrize(
    ("tolerance", "decimals", "expected"),
    [
        (Tolerance(ToleranceKind.RELATIVE, 0.05), 1, "5%"),
        (Tolerance(ToleranceKind.RELATIVE, 0.025), 1, "2.5%"),
        (Tolerance(ToleranceKind.ABSOLUTE, 2), 1, "2.0"),
        (Tolerance(ToleranceKind.ABSOLUTE, 0.05), 2, "0.05"),
    ],
)
def test_tolerance_text(tolerance: Tolerance, decimals: int, expected: str) -> None:
    assert tolerance.text(decimals) == expected


# Refusals.


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"seed": -1}, "the seed must be 0 or more"),
        ({"plan_indicator_keys": ["no-such-indicator"]}, "no demonstration definition for no-such"),
        ({"start_year": 2020}, "plan years 2021-2023 must lie within the data"),
        ({"end_year": 2022}, "plan years 2021-2023 must lie within the data"),
        ({"plan_years": (2022, 2021)}, "plan years must be distinct and in order"),
        ({"plan_years": ()}, "plan years must be distinct and in order"),
    ],
)
def test_generate_refuses(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**arguments)


def test_a_signal_outside_the_data_is_refused() -> None:
    late = dataclasses.replace(SIGNALS[0], start=dt.date(2030, 1, 1))
    with pytest.raises(ValueError, match="no period from 2030-01-01"):
        generate(1, [late.indicator], signals=[late])
