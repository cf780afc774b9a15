"""Funnel plot limits, significance and chart points (PHEindicatormethods funnel functions)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.stats.reference_cases import PHE, Row, available, number, params, read_csv, required
from trustplan.stats.funnels import (
    FunnelPoint,
    FunnelSignificance,
    RateType,
    RatioType,
    derived_denominators,
    funnel_axis,
    proportion_funnel,
    proportion_funnel_significance,
    rate_funnel,
    rate_funnel_points,
    rate_funnel_significance,
    ratio_funnel,
    ratio_funnel_significance,
)

# The funnel .md files: "Numbers are as in the source; they are rounded to about 7-10 significant
# figures." The bisection for Poisson limits also ends within about 2.4e-7 of the limit (its last
# step), so 1e-6 relative is the honest tolerance for the limit tables.
FUNNEL_TOLERANCE = 1e-6

LIMIT_ATTRIBUTES = ("lower_95", "upper_95", "lower_99_8", "upper_99_8")
DENOMINATOR_ATTRIBUTES = tuple(f"{name}_denominator" for name in LIMIT_ATTRIBUTES)
PROPORTION_COLUMNS = dict(
    zip(
        (*LIMIT_ATTRIBUTES, "baseline"),
        (
            "Lower2s0025limit",
            "Upper2s0025limit",
            "Lower3s0001limit",
            "Upper3s0001limit",
            "Baseline",
        ),
        strict=True,
    )
)
RATE_COLUMNS = {
    **dict(
        zip(
            (*LIMIT_ATTRIBUTES, "baseline"),
            ("lower_2s_limit", "upper_2s_limit", "lower_3s_limit", "upper_3s_limit", "baseline"),
            strict=True,
        )
    ),
    **dict(
        zip(
            DENOMINATOR_ATTRIBUTES,
            (
                "lower_2s_population_1_year",
                "upper_2s_population_1_year",
                "lower_3s_population_1_year",
                "upper_3s_population_1_year",
            ),
            strict=True,
        )
    ),
}


def _ratio_columns(ratio_type: RatioType) -> dict[str, str]:
    limits = ("lower_2s", "upper_2s", "lower_3s", "upper_3s")
    return {
        **{
            attribute: f"{prefix}_{ratio_type}"
            for attribute, prefix in zip(LIMIT_ATTRIBUTES, limits, strict=True)
        },
        **{
            attribute: f"{prefix}_exp_events"
            for attribute, prefix in zip(DENOMINATOR_ATTRIBUTES, limits, strict=True)
        },
    }


# --- Inputs, prepared as the source tests prepare them (see the .md files) -------------------


def _proportion_inputs(*, below: float | None = None) -> tuple[list[float], list[float]]:
    rows = read_csv(f"{PHE}/funnel_prop_inputs.csv")
    kept = [row for row in rows if below is None or required(row["denominator"]) < below]
    return [required(row["numerator"]) for row in kept], [
        required(row["denominator"]) for row in kept
    ]


def _ratio_inputs() -> tuple[list[float], list[float]]:
    rows = read_csv(f"{PHE}/funnel_ratio_inputs.csv")
    return [required(row["obs"]) for row in rows], [required(row["expected"]) for row in rows]


class RateInputs(NamedTuple):
    events: list[float]
    rates: list[float | None]
    populations: list[float | None]


def _rate_inputs() -> RateInputs:
    rows = read_csv(f"{PHE}/funnel_rate_input_funnels.csv")
    return RateInputs(
        [required(row["ev"]) for row in rows],
        [number(row["rate"]) for row in rows],
        [number(row["pop"]) for row in rows],
    )


def _with_largest_events_replaced(inputs: RateInputs, events: float) -> RateInputs:
    largest = max(inputs.events)
    return inputs._replace(events=[events if ev == largest else ev for ev in inputs.events])


def _rate_inputs_with_zero_and_denominators() -> RateInputs:
    """funnel_rate_outputs_3.md: pop := 1e5·ev/rate; largest ev row's ev and rate 0; big pops."""
    rows = read_csv(f"{PHE}/funnel_rate_input_funnels.csv")
    largest = max(required(row["ev"]) for row in rows)
    areas = [
        (
            required(row["ev"]),
            required(row["rate"]),
            1e5 * required(row["ev"]) / required(row["rate"]),
        )
        for row in rows
    ]
    areas = [
        (0.0, 0.0, population) if events == largest else (events, rate, population)
        for events, rate, population in areas
    ]
    biggest = max(population for _, _, population in areas)
    kept = [area for area in areas if area[2] > biggest / 2]
    return RateInputs(
        [events for events, _, _ in kept],
        [rate for _, rate, _ in kept],
        [population for _, _, population in kept],
    )


def _rate_funnel(
    inputs: RateInputs, rate_type: RateType, *, with_denominators: bool = False
) -> Sequence[FunnelPoint]:
    """The reference rate funnel calls: years_of_data = 3, multiplier = 1e5."""
    return rate_funnel(
        inputs.events,
        inputs.rates,
        rate_type=rate_type,
        years_of_data=3,
        multiplier=1e5,
        denominators=inputs.populations if with_denominators else None,
    )


# --- Limit tables ------------------------------------------------------------------------------


class Table(NamedTuple):
    """A limits table to reproduce: its file, x column, column per attribute, how to build it."""

    file: str
    x_column: str
    columns: dict[str, str]
    build: Callable[[], Sequence[FunnelPoint]]
    ratio_type: RatioType | None = None


TABLES = {
    "proportion": Table(
        "funnel_prop_outputs.csv",
        "Population",
        PROPORTION_COLUMNS,
        lambda: proportion_funnel(*_proportion_inputs(), multiplier=100),
    ),
    "proportion-axis-variation": Table(
        "funnel_prop_outputs_with_axis_variation.csv",
        "Population",
        PROPORTION_COLUMNS,
        lambda: proportion_funnel(*_proportion_inputs(below=31_000), multiplier=100),
    ),
    "ratio-count": Table(
        "funnel_ratio_outputs.csv",
        "Observed_events",
        _ratio_columns(RatioType.COUNT),
        lambda: ratio_funnel(*_ratio_inputs(), ratio_type=RatioType.COUNT),
        RatioType.COUNT,
    ),
    "ratio-isr": Table(
        "funnel_ratio_outputs.csv",
        "Observed_events",
        _ratio_columns(RatioType.ISR),
        lambda: ratio_funnel(*_ratio_inputs(), ratio_type=RatioType.ISR),
        RatioType.ISR,
    ),
    "rate-dsr": Table(
        "funnel_rate_outputs.csv",
        "Events",
        RATE_COLUMNS,
        lambda: _rate_funnel(_rate_inputs(), RateType.DSR),
    ),
    "rate-crude": Table(
        "funnel_rate_outputs_2.csv",
        "Events",
        RATE_COLUMNS,
        lambda: _rate_funnel(_with_largest_events_replaced(_rate_inputs(), 5), RateType.CRUDE),
    ),
    "rate-crude-zero-events-with-denominators": Table(
        "funnel_rate_outputs_3.csv",
        "Events",
        RATE_COLUMNS,
        lambda: _rate_funnel(
            _rate_inputs_with_zero_and_denominators(), RateType.CRUDE, with_denominators=True
        ),
    ),
}


@cache
def _table(name: str) -> Sequence[FunnelPoint]:
    return TABLES[name].build()


def _table_cases() -> list[object]:
    return params(
        (f"{name}-point{index}-x{row[table.x_column]}", (name, index, row))
        for name, table in TABLES.items()
        if available(f"{PHE}/{table.file}")
        for index, row in enumerate(read_csv(f"{PHE}/{table.file}"), start=1)
    )


@pytest.mark.reference
@pytest.mark.parametrize("case", _table_cases())
def test_funnel_limits_match_calculate_funnel_limits(
    reference_dir: Path, case: tuple[str, int, Row]
) -> None:
    name, index, row = case
    table = TABLES[name]
    points = _table(name)
    assert len(points) == 100
    point = points[index - 1]
    assert point.x == required(row[table.x_column])
    for attribute, column in table.columns.items():
        actual, expected = getattr(point, attribute), required(row[column])
        if table.ratio_type is RatioType.COUNT and attribute in LIMIT_ATTRIBUTES:
            # O/E − 1 nears 0 where the ratio nears 1; compare the ratio itself.
            actual, expected = actual + 1, expected + 1
        assert actual == pytest.approx(expected, rel=FUNNEL_TOLERANCE), attribute


# --- Significance ------------------------------------------------------------------------------

LABELS = {significance.label: significance for significance in FunnelSignificance}


@cache
def _proportion_significance() -> list[FunnelSignificance]:
    return proportion_funnel_significance(*_proportion_inputs())


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    params(
        (f"row{index}-{row['Area']}", (index, row))
        for index, row in enumerate(
            read_csv(f"{PHE}/funnel_prop_inputs.csv")
            if available(f"{PHE}/funnel_prop_inputs.csv")
            else []
        )
    ),
)
def test_proportion_significance_matches(reference_dir: Path, case: tuple[int, Row]) -> None:
    index, row = case
    assert _proportion_significance()[index] is LABELS[row["significance"]]


@cache
def _ratio_significance() -> list[FunnelSignificance]:
    return ratio_funnel_significance(*_ratio_inputs())


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    params(
        (f"row{index}-obs{row['obs']}-exp{row['expected']}", (index, row))
        for index, row in enumerate(
            read_csv(f"{PHE}/funnel_ratio_inputs.csv")
            if available(f"{PHE}/funnel_ratio_inputs.csv")
            else []
        )
    ),
)
def test_ratio_significance_matches(reference_dir: Path, case: tuple[int, Row]) -> None:
    index, row = case
    assert _ratio_significance()[index] is LABELS[row["significance"]]


RATE_SIGNIFICANCE_COLUMNS = {
    # column: (rate type, rate column, multiplier)
    "dsr_per_100000_with_0": (RateType.DSR, "rate_dsr", 1e5),
    "dsr_per_100_with_0": (RateType.DSR, "rate_dsr", 100),
    "dsr_per_100000_without_0": (RateType.DSR, "rate_dsr", 1e5),
    "dsr_per_100_without_0": (RateType.DSR, "rate_dsr", 100),
    "crude_per_100000_with_0": (RateType.CRUDE, "rate_crude_per_100000", 1e5),
    "crude_per_100_with_0": (RateType.CRUDE, "rate_crude_per_100", 100),
    "crude_per_100000_without_0": (RateType.CRUDE, "rate_crude_per_100000", 1e5),
    "crude_per_100_without_0": (RateType.CRUDE, "rate_crude_per_100", 100),
}


def _rate_significance_rows(column: str) -> list[Row]:
    rows = read_csv(f"{PHE}/funnel_rate_dsr_inputs.csv")
    if column.endswith("without_0"):
        return [row for row in rows if required(row["count"]) != 0]
    return rows


@cache
def _rate_significance(column: str) -> list[FunnelSignificance]:
    rate_type, rate_column, multiplier = RATE_SIGNIFICANCE_COLUMNS[column]
    rows = _rate_significance_rows(column)
    return rate_funnel_significance(
        [required(row["count"]) for row in rows],
        [number(row[rate_column]) for row in rows],
        rate_type=rate_type,
        multiplier=multiplier,
        denominators=[number(row["pop"]) for row in rows],
    )


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    params(
        (f"{column}-row{index}-count{row['count']}", (column, index, row))
        for column in RATE_SIGNIFICANCE_COLUMNS
        if available(f"{PHE}/funnel_rate_dsr_inputs.csv")
        for index, row in enumerate(_rate_significance_rows(column))
    ),
)
def test_rate_significance_matches(reference_dir: Path, case: tuple[str, int, Row]) -> None:
    column, index, row = case
    assert _rate_significance(column)[index] is LABELS[row[column]]


# --- Chart points ------------------------------------------------------------------------------


class PointsCall(NamedTuple):
    rate_type: RateType
    years_of_data: float
    replace_largest_events_with: float | None
    with_denominators: bool
    rate_column: str
    denominator_column: str


POINTS_CALLS = {
    "dsr": PointsCall(RateType.DSR, 3, 5, False, "rate_chart", "denominator_derived"),
    "crude": PointsCall(
        RateType.CRUDE, 3, None, False, "rate_chart_crude", "denominator_derived_crude"
    ),
    "crude-with-denominators": PointsCall(
        RateType.CRUDE,
        5,
        0,
        True,
        "rate_chart_crude_with_denom",
        "denominator_derived_crude_with_denom",
    ),
}


@cache
def _points(name: str) -> list[tuple[float | None, float | None]]:
    call = POINTS_CALLS[name]
    inputs = _rate_inputs()
    if call.replace_largest_events_with is not None:
        inputs = _with_largest_events_replaced(inputs, call.replace_largest_events_with)
    points = rate_funnel_points(
        inputs.events,
        inputs.rates,
        rate_type=call.rate_type,
        years_of_data=call.years_of_data,
        multiplier=1e5,
        denominators=inputs.populations if call.with_denominators else None,
    )
    return [(point.rate, point.population_per_year) for point in points]


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    params(
        (f"{name}-row{index}-ev{row['ev']}", (name, index, row))
        for name in POINTS_CALLS
        if available(f"{PHE}/funnel_rate_input_funnels.csv")
        for index, row in enumerate(read_csv(f"{PHE}/funnel_rate_input_funnels.csv"))
    ),
)
def test_rate_chart_points_match_calculate_funnel_points(
    reference_dir: Path, case: tuple[str, int, Row]
) -> None:
    name, index, row = case
    call = POINTS_CALLS[name]
    rate, population = _points(name)[index]
    expected_rate = number(row[call.rate_column])
    expected_population = number(row[call.denominator_column])
    assert rate == (None if expected_rate is None else pytest.approx(expected_rate))
    if expected_population is None:
        assert population is None
    else:
        assert population == pytest.approx(expected_population, rel=FUNNEL_TOLERANCE)


# --- Hand-checked edge cases -------------------------------------------------------------------


def test_axis_doubles_towards_the_maximum_and_ends_on_it() -> None:
    axis = funnel_axis(0, 1000, ratio=False)
    assert len(axis) == 100
    assert axis[0] == 1
    assert axis[-1] == 1000
    assert all(later > earlier for earlier, later in itertools.pairwise(axis))


def test_proportion_limits_are_bounded_by_0_and_100() -> None:
    points = proportion_funnel([1, 99], [100, 100])
    assert all(0 <= point.lower_99_8 <= point.upper_99_8 <= 100 for point in points)


def test_proportion_funnel_rejects_a_numerator_above_its_denominator() -> None:
    with pytest.raises(ValueError, match=r"area 0: numerator \(12\) must not exceed denominator"):
        proportion_funnel_significance([12, 1], [10, 10])


def test_funnel_rejects_a_zero_denominator() -> None:
    with pytest.raises(ValueError, match=r"area 1: denominator must be a finite number greater"):
        proportion_funnel([1, 2], [10, 0])


def test_funnel_needs_at_least_one_area() -> None:
    with pytest.raises(ValueError, match=r"at least one area"):
        ratio_funnel([], [], ratio_type=RatioType.ISR)


def test_crude_rate_with_no_events_needs_its_denominator() -> None:
    with pytest.raises(ValueError, match=r"denominators\[1\] is needed"):
        derived_denominators([10, 0], [5.0, 0.0], rate_type=RateType.CRUDE, multiplier=1e5)


def test_dsr_with_no_events_has_no_denominator() -> None:
    derived = derived_denominators([10, 0], [5.0, None], rate_type=RateType.DSR, multiplier=1e5)
    assert derived == [pytest.approx(200_000), None]


def test_rate_funnel_needs_some_events() -> None:
    with pytest.raises(ValueError, match=r"no area has events"):
        rate_funnel([0, 0], [None, None], rate_type=RateType.DSR, years_of_data=1, multiplier=1e5)


def test_rate_with_events_needs_its_rate() -> None:
    with pytest.raises(ValueError, match=r"rates\[0\] is missing for an area with 10"):
        derived_denominators([10], [None], rate_type=RateType.CRUDE, multiplier=1e5)


def test_significance_labels_use_phe_wording() -> None:
    assert FunnelSignificance.HIGH_99_8.label == "High (0.001)"
    assert FunnelSignificance.LOW_95.label == "Low (0.025)"
    assert FunnelSignificance.NOT_SIGNIFICANT.value == "not_significant"
