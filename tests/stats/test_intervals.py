"""Confidence intervals: Wilson, Byar's, exact Poisson, Student's t, Dobson, Poisson bisection."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2

from tests.stats.reference_cases import PHE, PHE_TOLERANCE, Row, csv_cases, number, required
from trustplan.stats.intervals import (
    CONFIDENCE_95,
    CONFIDENCE_99_8,
    Interval,
    Method,
    byars_interval,
    dobson_interval,
    exact_poisson_interval,
    poisson_count_interval,
    poisson_count_method,
    poisson_lower_mean,
    poisson_upper_mean,
    students_t_interval,
    wilson_interval,
    z_value,
)

CONFIDENCE_BY_LABEL = {"95%": CONFIDENCE_95, "99.8%": CONFIDENCE_99_8}


def _byars_wilson_id(row: Row) -> str:
    return f"row{row['sheet_row']}-{row['method']}-x{row['x']}-{row['confidence']}"


@pytest.mark.reference
@pytest.mark.parametrize("row", csv_cases(f"{PHE}/byars_wilson.csv", _byars_wilson_id))
def test_byars_and_wilson_limits_match_phe(reference_dir: Path, row: Row) -> None:
    confidence = CONFIDENCE_BY_LABEL[row["confidence"]]
    if row["method"] == "Wilson":
        interval = wilson_interval(required(row["x"]), required(row["n"]), confidence)
    else:
        interval = byars_interval(required(row["x"]), confidence)
    assert interval.upper == pytest.approx(required(row["uppercl"]), rel=PHE_TOLERANCE)
    expected_lower = number(row["lowercl"])
    if expected_lower is None:
        # Sheet row 14 (x = 1 at 99.8%, used by no PHE test) has no lower limit: Byar's cube is
        # negative there, which byars_interval reports as 0.
        assert interval.lower == 0
    else:
        assert interval.lower == pytest.approx(expected_lower, rel=PHE_TOLERANCE)


@pytest.mark.reference
def test_wilson_at_full_confidence_is_the_whole_range(reference_dir: Path) -> None:
    # byars_wilson.md: wilson_lower/upper(..., confidence = 1) give 0 and 1.
    assert wilson_interval(65, 100, 1) == Interval(0.0, 1.0, 1.0)


def test_z_value_matches_qnorm() -> None:
    assert z_value(CONFIDENCE_95) == pytest.approx(1.959963984540054)
    assert z_value(CONFIDENCE_99_8) == pytest.approx(3.090232306167813)


@pytest.mark.parametrize("confidence", [0, 95, 99.8, -0.5, 1.5])
def test_confidence_must_be_a_level_between_0_and_1(confidence: float) -> None:
    with pytest.raises(ValueError, match=r"confidence must be a level between 0 and 1"):
        z_value(confidence)


def test_wilson_of_zero_events_starts_at_zero() -> None:
    interval = wilson_interval(0, 50, CONFIDENCE_95)
    assert interval.lower == 0
    assert 0 < interval.upper < 0.1


def test_wilson_of_all_events_ends_at_one() -> None:
    interval = wilson_interval(50, 50, CONFIDENCE_95)
    assert interval.upper == pytest.approx(1)
    assert 0.9 < interval.lower < 1


def test_wilson_rejects_a_numerator_above_the_denominator() -> None:
    with pytest.raises(ValueError, match=r"numerator \(101\) must not exceed denominator \(100\)"):
        wilson_interval(101, 100, CONFIDENCE_95)


@pytest.mark.parametrize("denominator", [0, -5])
def test_wilson_rejects_a_denominator_that_is_not_positive(denominator: float) -> None:
    with pytest.raises(ValueError, match=r"denominator must be a finite number greater than 0"):
        wilson_interval(0, denominator, CONFIDENCE_95)


def test_wilson_rejects_a_negative_numerator() -> None:
    with pytest.raises(ValueError, match=r"numerator must be a finite number of at least 0"):
        wilson_interval(-1, 10, CONFIDENCE_95)


def test_exact_poisson_interval_of_zero_events() -> None:
    interval = exact_poisson_interval(0, CONFIDENCE_95)
    assert interval.lower == 0
    assert interval.upper == pytest.approx(-math.log(0.025))  # P(X = 0 | λ) = 0.025


def test_counts_below_ten_use_the_exact_method() -> None:
    assert poisson_count_method(9) is Method.EXACT_POISSON
    assert poisson_count_method(10) is Method.BYARS
    assert poisson_count_interval(9, CONFIDENCE_95) == exact_poisson_interval(9, CONFIDENCE_95)
    assert poisson_count_interval(10, CONFIDENCE_95) == byars_interval(10, CONFIDENCE_95)


def test_byars_lower_limit_is_never_negative() -> None:
    assert byars_interval(1, CONFIDENCE_99_8).lower == 0
    assert byars_interval(0, CONFIDENCE_95).lower == 0


def test_students_t_needs_two_values() -> None:
    with pytest.raises(ValueError, match=r"at least 2 numbers"):
        students_t_interval([3.0], CONFIDENCE_95)


def test_students_t_hand_checked() -> None:
    # mean 2, sd 1, n 3: half-width = t(0.975; 2) / sqrt(3) = 4.302653 / 1.732051.
    interval = students_t_interval([1.0, 2.0, 3.0], CONFIDENCE_95)
    assert interval.lower == pytest.approx(2 - 2.484138, abs=1e-6)
    assert interval.upper == pytest.approx(2 + 2.484138, abs=1e-6)


def test_dobson_interval_needs_events() -> None:
    with pytest.raises(ValueError, match=r"total_count must be a finite number greater than 0"):
        dobson_interval(0.0, 0.0, 0, CONFIDENCE_95)


def test_dobson_with_the_crude_variance_is_byars_scaled() -> None:
    # One band, weight 1: the DSR is the crude rate O/n with variance O/n², so Dobson's limits
    # are Byar's limits divided by n.
    count, population = 50.0, 1000.0
    dobson = dobson_interval(count / population, count / population**2, count, CONFIDENCE_95)
    byars = byars_interval(count, CONFIDENCE_95)
    assert dobson.lower == pytest.approx(byars.lower / population)
    assert dobson.upper == pytest.approx(byars.upper / population)


def test_interval_contains_its_limits() -> None:
    interval = Interval(1.0, 2.0, CONFIDENCE_95)
    assert interval.contains(1.0)
    assert interval.contains(2.0)
    assert not interval.contains(2.0000001)


def test_poisson_means_reject_a_tail_outside_0_1() -> None:
    with pytest.raises(ValueError, match=r"tail_probability must lie between 0 and 1"):
        poisson_lower_mean(5, 0)


@given(
    numerator=st.integers(min_value=0, max_value=10_000),
    extra=st.integers(min_value=0, max_value=10_000),
    confidence=st.sampled_from([0.8, CONFIDENCE_95, CONFIDENCE_99_8]),
)
def test_wilson_limits_bracket_the_proportion_within_0_1(
    numerator: int, extra: int, confidence: float
) -> None:
    denominator = numerator + extra + 1
    interval = wilson_interval(numerator, denominator, confidence)
    proportion = numerator / denominator
    assert 0 <= interval.lower <= proportion + 1e-12
    assert proportion - 1e-12 <= interval.upper <= 1 + 1e-12


@given(
    count=st.integers(min_value=0, max_value=5_000),
    confidence=st.sampled_from([CONFIDENCE_95, CONFIDENCE_99_8]),
)
def test_poisson_count_limits_bracket_the_count(count: int, confidence: float) -> None:
    for interval in (exact_poisson_interval(count, confidence), byars_interval(count, confidence)):
        assert 0 <= interval.lower <= count <= interval.upper


@given(
    count=st.integers(min_value=1, max_value=2_000),
    tail=st.sampled_from([0.025, 0.001]),
)
def test_bisected_poisson_means_agree_with_the_chi_square_limits(count: int, tail: float) -> None:
    # The bisection stops at a step of 1e-7 in v, so agreement is to about 1e-6 relative, or to
    # about 1e-4 for the smallest means where v is close to 0.
    exact_lower = chi2.ppf(tail, 2 * count) / 2
    exact_upper = chi2.ppf(1 - tail, 2 * count + 2) / 2
    assert poisson_lower_mean(count, tail) == pytest.approx(exact_lower, rel=2e-4)
    assert poisson_upper_mean(count, tail) == pytest.approx(exact_upper, rel=1e-6)
