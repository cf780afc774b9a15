"""Proportions, crude rates and means with their intervals (phe_proportion, phe_rate, phe_mean)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.stats.reference_cases import (
    PHE,
    PHE_TOLERANCE,
    Row,
    available,
    csv_cases,
    number,
    params,
    read_csv,
    required,
)
from trustplan.stats.indicators import (
    Estimate,
    Totals,
    mean,
    proportion,
    rate,
    sum_by_group,
)
from trustplan.stats.intervals import CONFIDENCE_95, CONFIDENCE_99_8, Method

METHOD_BY_LABEL = {"Wilson": Method.WILSON, "Byars": Method.BYARS, "Exact": Method.EXACT_POISSON}


def _area_id(row: Row) -> str:
    return f"row{row['sheet_row']}-{row['Area']}-x{row.get('multiplier') or 1}"


def _assert_matches(actual: float | None, expected: float | None) -> None:
    if expected is None:
        assert actual is None
    else:
        assert actual == pytest.approx(expected, rel=PHE_TOLERANCE)


def _assert_estimate(estimate: Estimate, row: Row, columns: dict[float, tuple[str, str]]) -> None:
    """Check the value and, per confidence level, the (lower, upper) columns of ``row``."""
    _assert_matches(estimate.value, number(row["value"]))
    for confidence, (lower_column, upper_column) in columns.items():
        interval = estimate.interval(confidence)
        if number(row[lower_column]) is None:
            assert interval is None
            continue
        assert interval is not None
        _assert_matches(interval.lower, number(row[lower_column]))
        _assert_matches(interval.upper, number(row[upper_column]))


TWO_LEVEL_COLUMNS = {
    CONFIDENCE_95: ("lower95_0cl", "upper95_0cl"),
    CONFIDENCE_99_8: ("lower99_8cl", "upper99_8cl"),
}
ONE_LEVEL_COLUMNS = {CONFIDENCE_95: ("lowercl", "uppercl")}


@pytest.mark.reference
@pytest.mark.parametrize("row", csv_cases(f"{PHE}/proportion.csv", _area_id))
def test_proportion_matches_phe_proportion(reference_dir: Path, row: Row) -> None:
    estimate = proportion(
        number(row["Numerator"]), number(row["Denominator"]), multiplier=required(row["multiplier"])
    )
    _assert_estimate(estimate, row, TWO_LEVEL_COLUMNS)
    assert estimate.method is METHOD_BY_LABEL[row["method"]]


def _group_totals(input_file: str) -> dict[str, Totals]:
    """Per-area sums of an input file, as phe_proportion/phe_rate take grouped data."""
    rows = read_csv(input_file)
    return sum_by_group(
        [row["Area"] for row in rows],
        [number(row["Numerator"]) for row in rows],
        [number(row["Denominator"]) for row in rows],
    )


@pytest.mark.reference
@pytest.mark.parametrize("row", csv_cases(f"{PHE}/proportion_grouped_results.csv", _area_id))
def test_grouped_proportion_matches_phe_proportion(reference_dir: Path, row: Row) -> None:
    totals = _group_totals(f"{PHE}/proportion.csv")[row["Area"]]
    assert totals == Totals(number(row["Numerator"]), number(row["Denominator"]))
    estimate = proportion(totals.numerator, totals.denominator, confidences=(CONFIDENCE_95,))
    _assert_estimate(estimate, row, ONE_LEVEL_COLUMNS)


def _no_ci_cases() -> list[object]:
    # testProportions.R "test no CIs": the first 8 rows of proportion.csv with confidence = NA;
    # the expected values come from proportion_grouped_results.csv rows 2-9.
    if not available(f"{PHE}/proportion.csv"):
        return params([])
    inputs = read_csv(f"{PHE}/proportion.csv")[:8]
    expected = read_csv(f"{PHE}/proportion_grouped_results.csv")[:8]
    return params(
        (f"{given_row['Area']}", (given_row, expected_row))
        for given_row, expected_row in zip(inputs, expected, strict=True)
    )


@pytest.mark.reference
@pytest.mark.parametrize("case", _no_ci_cases())
def test_proportion_without_intervals(reference_dir: Path, case: tuple[Row, Row]) -> None:
    given_row, expected_row = case
    estimate = proportion(
        required(given_row["Numerator"]), required(given_row["Denominator"]), confidences=()
    )
    assert estimate.intervals == ()
    _assert_matches(estimate.value, number(expected_row["value"]))


@pytest.mark.reference
@pytest.mark.parametrize("row", csv_cases(f"{PHE}/rate.csv", _area_id))
def test_rate_matches_phe_rate(reference_dir: Path, row: Row) -> None:
    estimate = rate(
        number(row["Numerator"]), number(row["Denominator"]), multiplier=required(row["multiplier"])
    )
    _assert_estimate(estimate, row, TWO_LEVEL_COLUMNS)
    expected_method = METHOD_BY_LABEL.get(row["method"])
    assert estimate.method is expected_method


@pytest.mark.reference
@pytest.mark.parametrize("row", csv_cases(f"{PHE}/rate_grouped_results.csv", _area_id))
def test_grouped_rate_matches_phe_rate(reference_dir: Path, row: Row) -> None:
    totals = _group_totals(f"{PHE}/rate.csv")[row["Area"]]
    assert totals == Totals(number(row["Numerator"]), number(row["Denominator"]))
    estimate = rate(totals.numerator, totals.denominator, confidences=(CONFIDENCE_95,))
    _assert_estimate(estimate, row, ONE_LEVEL_COLUMNS)
    assert estimate.method is METHOD_BY_LABEL.get(row["method"])


@pytest.mark.reference
@pytest.mark.parametrize(
    "row", csv_cases(f"{PHE}/mean_results.csv", lambda row: f"row{row['sheet_row']}-{row['area']}")
)
def test_mean_matches_phe_mean(reference_dir: Path, row: Row) -> None:
    values = [
        required(given["values"])
        for given in read_csv(f"{PHE}/mean_input.csv")
        if row["area"] in {"No grouping", given["area"]}
    ]
    estimate = mean(values)
    assert estimate.total == pytest.approx(required(row["value_sum"]), rel=PHE_TOLERANCE)
    assert estimate.count == required(row["value_count"])
    assert estimate.standard_deviation == pytest.approx(required(row["stdev"]), rel=PHE_TOLERANCE)
    _assert_estimate(estimate, row, TWO_LEVEL_COLUMNS)
    assert estimate.method is Method.STUDENTS_T


def test_proportion_of_zero_events() -> None:
    estimate = proportion(0, 200, multiplier=100)
    assert estimate.value == 0
    interval = estimate.interval(CONFIDENCE_95)
    assert interval is not None
    assert interval.lower == 0
    assert 0 < interval.upper < 2


def test_proportion_rejects_a_numerator_above_the_denominator() -> None:
    with pytest.raises(ValueError, match=r"numerator \(11\) must not exceed denominator \(10\)"):
        proportion(11, 10)


def test_proportion_checks_its_inputs_even_without_intervals() -> None:
    with pytest.raises(ValueError, match=r"numerator \(11\) must not exceed denominator \(10\)"):
        proportion(11, 10, confidences=())


def test_a_bad_input_is_an_error_even_when_the_other_is_missing() -> None:
    with pytest.raises(ValueError, match=r"numerator must be a finite number of at least 0"):
        proportion(-1, None)
    with pytest.raises(ValueError, match=r"denominator must be a finite number greater than 0"):
        rate(None, 0)


def test_proportion_rejects_a_zero_denominator() -> None:
    with pytest.raises(
        ValueError, match=r"denominator must be a finite number greater than 0; got 0"
    ):
        proportion(0, 0)


def test_rate_allows_a_numerator_above_the_denominator() -> None:
    assert rate(30, 20, multiplier=100).value == pytest.approx(150)


def test_rate_rejects_a_zero_denominator() -> None:
    with pytest.raises(ValueError, match=r"denominator must be a finite number greater than 0"):
        rate(3, 0)


def test_rate_of_zero_events_uses_the_exact_method_from_zero() -> None:
    estimate = rate(0, 1000)
    interval = estimate.interval(CONFIDENCE_95)
    assert estimate.method is Method.EXACT_POISSON
    assert interval is not None
    assert interval.lower == 0
    assert interval.upper > 0


@pytest.mark.parametrize(
    ("numerator", "denominator", "reason"),
    [
        (None, 100, "numerator is missing"),
        (5, None, "denominator is missing"),
        (None, None, "numerator and denominator are missing"),
    ],
)
def test_missing_inputs_give_a_missing_value_with_its_reason(
    numerator: float | None, denominator: float | None, reason: str
) -> None:
    for estimate in (proportion(numerator, denominator), rate(numerator, denominator)):
        assert estimate.value is None
        assert estimate.intervals == ()
        assert estimate.missing_reason == reason


def test_multiplier_must_be_positive() -> None:
    with pytest.raises(ValueError, match=r"multiplier must be a finite number greater than 0"):
        proportion(1, 2, multiplier=0)


def test_group_totals_keep_a_missing_value_missing() -> None:
    totals = sum_by_group(["a", "b", "a", "b"], [1, 2, 3, None], [10, 20, 30, 40])
    assert totals == {"a": Totals(4, 40), "b": Totals(None, 60)}


def test_group_totals_need_equal_lengths() -> None:
    with pytest.raises(ValueError, match=r"keys has 2, numerators has 1, denominators has 2"):
        sum_by_group(["a", "b"], [1], [2, 3])


def test_mean_needs_two_values() -> None:
    with pytest.raises(ValueError, match=r"at least 2 numbers"):
        mean([4.0])


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=2, max_size=50))
def test_mean_interval_brackets_the_mean(values: list[float]) -> None:
    estimate = mean(values)
    assert estimate.value is not None
    assert estimate.value == pytest.approx(statistics.fmean(values))
    slack = 1e-9 * max(1.0, *(abs(value) for value in values))
    for interval in estimate.intervals:
        assert interval.lower - slack <= estimate.value <= interval.upper + slack
