"""Fingertips benchmarking: every case in fingertips/benchmarking_cases.json, and edge cases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.stats.reference_cases import FINGERTIPS, available, params, read_json
from trustplan.stats.benchmark import (
    NOT_COMPARED,
    Comparison,
    Outcome,
    category_bounds,
    compare_each_period,
    compare_interval_with_target,
    compare_intervals,
    compare_segments_with_reference,
    compare_spc_dsr,
    compare_spc_proportion,
    compare_with_target,
    compare_with_target_range,
    compare_with_value,
    compare_with_value_two_levels,
    percentile_inc,
    quartile,
    quintile,
)
from trustplan.stats.indicators import Estimate
from trustplan.stats.intervals import CONFIDENCE_95, CONFIDENCE_99_8, Interval
from trustplan.vocabulary import Polarity

CASES_FILE = f"{FINGERTIPS}/benchmarking_cases.json"

POLARITY = {
    "RagLowIsGood(0)": Polarity.LOW_IS_GOOD,
    "RagHighIsGood(1)": Polarity.HIGH_IS_GOOD,
    "HighIsGood": Polarity.HIGH_IS_GOOD,
    "LowIsGood": Polarity.LOW_IS_GOOD,
    "NoJudgement": Polarity.NO_JUDGEMENT,
}
LEVEL = {"95": CONFIDENCE_95, "99.8": CONFIDENCE_99_8}


def _groups() -> dict[str, Any]:
    return read_json(CASES_FILE)["groups"] if available(CASES_FILE) else {}


def _number(value: object) -> float | None:
    """A JSON number; the cases write missing data as null or as words ("missing")."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _interval(data: dict[str, Any], suffix: str, confidence: float) -> Interval | None:
    lower, upper = _number(data.get(f"lower{suffix}")), _number(data.get(f"upper{suffix}"))
    if lower is None or upper is None:
        return None
    return Interval(lower, upper, confidence)


def _ci95(data: dict[str, Any]) -> Interval | None:
    return _interval(data, "95", CONFIDENCE_95)


def _expected(label: str, polarity: Polarity | None, *, two_levels: bool = False) -> Comparison:
    """A fingertips-open Significance name (already polarity-adjusted) as a Comparison.

    Better/Best mean "better or higher", Worse/Worst "worse or lower"; Best and Worst are the
    99.8% level of the two-level method, Better and Worse its 95% level.
    """
    if label == "None":
        return NOT_COMPARED
    if label == "Same":
        return Comparison(Outcome.SIMILAR)
    favourable = label in {"Better", "Best"}
    if polarity is Polarity.NO_JUDGEMENT:
        outcome = Outcome.HIGHER if favourable else Outcome.LOWER
    else:
        outcome = Outcome.BETTER if favourable else Outcome.WORSE
    if not two_levels:
        return Comparison(outcome)
    return Comparison(outcome, CONFIDENCE_99_8 if label in {"Best", "Worst"} else CONFIDENCE_95)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "_", text).strip("_")


# --- A: one CI level against a value ---------------------------------------------------------


def _group_a() -> Iterator[tuple[str, object]]:
    for case in _groups().get("A_single_ci_one_level", {}).get("cases", []):
        areas = case.get("area_variants") or [case["area"]]
        for variant, area in enumerate(areas):
            for polarity, label in case["expected"].items():
                suffix = f"-variant{variant}" if len(areas) > 1 else ""
                case_id = f"A-{case['name']}-{polarity}{suffix}"
                yield case_id, (area, case["benchmark_value"], POLARITY[polarity], label)


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_a()))
def test_a_one_ci_level_against_the_benchmark_value(reference_dir: Path, case: Any) -> None:
    area, benchmark, polarity, label = case
    comparison = compare_with_value(_ci95(area), _number(benchmark), polarity)
    assert comparison == _expected(label, polarity)


# --- B: two CI levels against a value --------------------------------------------------------


def _group_b() -> Iterator[tuple[str, object]]:
    group = _groups().get("B_single_ci_two_levels", {})
    for case in group.get("cases", []):
        for polarity, label in case["expected"].items():
            case_id = f"B-{_slug(case['name'])}-{polarity}"
            yield case_id, (group["area"], case["benchmark_value"], POLARITY[polarity], label)


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_b()))
def test_b_two_ci_levels_against_the_benchmark_value(reference_dir: Path, case: Any) -> None:
    area, benchmark, polarity, label = case
    comparison = compare_with_value_two_levels(
        _ci95(area), _interval(area, "99_8", CONFIDENCE_99_8), _number(benchmark), polarity
    )
    assert comparison == _expected(label, polarity, two_levels=True)


# --- C: overlapping CIs ----------------------------------------------------------------------


def _group_c() -> Iterator[tuple[str, object]]:
    for case in _groups().get("C_double_overlapping_cis", {}).get("cases", []):
        yield f"C-{_slug(case['name'])}", case


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_c()))
def test_c_area_ci_against_benchmark_ci(reference_dir: Path, case: Any) -> None:
    polarity = POLARITY[case["polarity"]]
    comparison = compare_intervals(_ci95(case["area"]), _ci95(case["benchmark"]), polarity)
    assert comparison == _expected(case["expected"], polarity)


# --- D and E: SPC control limits -------------------------------------------------------------


def _spc_cases(group_name: str, denominator_key: str) -> Iterator[tuple[str, object]]:
    group = _groups().get(group_name, {})
    for case in group.get("cases", []):
        area = case["area"]
        denominators = area.get(f"{denominator_key}_variants") or [area[denominator_key]]
        for denominator in denominators:
            for level, label in case["expected"].items():
                case_id = f"{_slug(case['name'])}-n={denominator:g}-{level}%"
                yield case_id, (case, denominator, level, label, group["parameters"])


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_spc_cases("D_spc_for_proportions", "denominator")))
def test_d_spc_for_proportions(reference_dir: Path, case: Any) -> None:
    data, denominator, level, label, parameters = case
    polarity = POLARITY[parameters["polarity"]]
    comparison = compare_spc_proportion(
        _number(data["area"]["value"]),
        denominator,
        _number(data["benchmark_value"]),
        polarity,
        confidence=LEVEL[level],
        unit=parameters["unit"],
    )
    assert comparison == _expected(label, polarity)


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_spc_cases("E_spc_for_dsr", "denominator2")))
def test_e_spc_for_dsrs(reference_dir: Path, case: Any) -> None:
    data, population, level, label, parameters = case
    polarity = POLARITY[parameters["polarity"]]
    comparison = compare_spc_dsr(
        _number(data["area"]["value"]),
        population,
        _number(data["benchmark_value"]),
        polarity,
        confidence=LEVEL[level],
        unit=parameters["unit"],
    )
    assert comparison == _expected(label, polarity)


# --- F: quintiles and quartiles --------------------------------------------------------------


def _values(described: object) -> list[float]:
    """The cases' value lists: a list, null (no values) or words such as "integers 1..50"."""
    if described is None:
        return []
    if isinstance(described, str):
        match = re.fullmatch(r"integers (\d+)\.\.(\d+)", described)
        assert match, described
        return [float(value) for value in range(int(match[1]), int(match[2]) + 1)]
    assert isinstance(described, list)
    return [float(value) for value in described]


def _group_f_bounds() -> Iterator[tuple[str, object]]:
    for case in _groups().get("F_quintiles_quartiles", {}).get("bounds_cases", []):
        yield f"F-{_slug(case['name'])}", case


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_f_bounds()))
def test_f_category_bounds(reference_dir: Path, case: Any) -> None:
    categories = 4 if "Quartiles" in case["name"] else 5
    bounds = category_bounds(_values(case["values"]), categories)
    assert bounds == pytest.approx(tuple(case["expected_bounds"]))


def _group_f_categories() -> Iterator[tuple[str, object]]:
    for case in _groups().get("F_quintiles_quartiles", {}).get("category_cases", []):
        expected = case["expected"]
        # "category 0" for an empty list: the source test places the value 1 (its Data()).
        pairs = expected.items() if isinstance(expected, dict) else [("1", 0)]
        for value, category in pairs:
            yield f"F-{_slug(case['name'])}-value{value}", (case, float(value), category)


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_f_categories()))
def test_f_quintile_and_quartile_categories(reference_dir: Path, case: Any) -> None:
    data, value, category = case
    values = _values(data["values"])
    if "Quartiles" in data["name"]:
        actual = quartile(value, values)
    else:
        actual = quintile(value, values, POLARITY.get(data.get("polarity", "")))
    assert actual == (None if category == 0 else category)


# --- G: targets ------------------------------------------------------------------------------


def _group_g() -> Iterator[tuple[str, object]]:
    for case in _groups().get("G_targets", {}).get("cases", []):
        name = _slug(case["name"])
        polarity = POLARITY.get(case.get("polarity", ""))
        for value, label in case.get("values_expected", []):
            if "lower" in case:
                call = ("range", value, (case["lower"], case["upper"]))
            else:
                call = ("value", value, case["limit"])
            yield f"G-{name}-value{value}", (call, polarity, label)
        for (lower, upper), label in case.get("cis_expected", []):
            call = ("interval", Interval(lower, upper, CONFIDENCE_95), case["limit"])
            yield f"G-{name}-ci{lower}-{upper}", (call, polarity, label)
        if case.get("expected") == "None":
            yield f"G-{name}", (("interval", None, case["limit"]), polarity, "None")
        if "lower_percentile_value" in case:
            limits = (case["lower_percentile_value"], case["upper_percentile_value"])
            for key, polarity_id in (
                ("values_expected_polarity_1", "RagHighIsGood(1)"),
                ("values_expected_polarity_0", "RagLowIsGood(0)"),
            ):
                for value, label in case[key]:
                    call = ("range", value, limits)
                    yield (
                        f"G-{name}-{polarity_id}-value{value}",
                        (call, POLARITY[polarity_id], label),
                    )
            # PolarityId −1 (not applicable) is None here: no polarity.
            yield f"G-{name}-polarity-1", (("range", 12.0, limits), None, case["polarity_-1"])
        if case.get("cases"):
            # "No comparison": polarity not applicable, or a missing value, gives None.
            yield f"G-{name}-no-polarity", (("value", 9.0, 10.0), None, "None")
            yield f"G-{name}-missing-value", (("value", None, 10.0), Polarity.HIGH_IS_GOOD, "None")


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_g()))
def test_g_targets(reference_dir: Path, case: Any) -> None:
    (kind, subject, limit), polarity, label = case
    if kind == "value":
        comparison = compare_with_target(subject, limit, polarity)
    elif kind == "interval":
        comparison = compare_interval_with_target(subject, limit, polarity)
    else:
        lower, upper = limit
        comparison = compare_with_target_range(subject, lower, upper, polarity)
    assert comparison == _expected(label, polarity)


# --- H: FingertipsNext, year by year and by segment ------------------------------------------

YEARS = (2020, 2021, 2022, 2023)


def _series(values: list[float], spread: float) -> dict[int, Estimate]:
    """HealthDataForAreaBuilder: CI = value ± spread."""
    return {
        year: Estimate(
            value=value,
            intervals=(Interval(value - spread, value + spread, CONFIDENCE_95),),
            method=None,
        )
        for year, value in zip(YEARS, values, strict=True)
    }


def _group_h() -> Iterator[tuple[str, object]]:
    cases = _groups().get("H_fingertipsnext_engine", {}).get("cases", [])
    for case in cases:
        if "benchmark_values" in case:
            for polarity, outcomes in case["expected"].items():
                yield f"H-area-vs-England-{polarity}", ("series", case, polarity, outcomes)
        else:
            for segment, outcomes in case["expected"].items():
                yield f"H-inequality-{_slug(segment)}", ("segments", case, segment, outcomes)


@pytest.mark.reference
@pytest.mark.parametrize("case", params(_group_h()))
def test_h_fingertipsnext_benchmarking(reference_dir: Path, case: Any) -> None:
    kind, data, key, outcomes = case
    if kind == "series":
        area = _series(data["area_values"], data["spread"])
        england = dict(zip(YEARS, data["benchmark_values"], strict=True))
        comparisons = compare_each_period(area, england, POLARITY[key])
        assert [comparisons[year].outcome for year in YEARS] == [
            Outcome(outcome.lower()) for outcome in outcomes
        ]
        return
    # Segments named like "Female [2,3,4,5]", compared with Persons, no judgement.
    segments = {"Persons": _series(data["persons"], data["spread"])}
    for name in data["expected"]:
        match = re.fullmatch(r"(\w+) \[([\d,]+)\]", name)
        if match:
            values = [float(value) for value in match[2].split(",")]
            segments[match[1]] = _series(values, data["spread"])
    results = compare_segments_with_reference(segments, "Persons", Polarity.NO_JUDGEMENT)
    segment = key.split(" ")[0]
    if isinstance(outcomes, str):  # the reference segment: "no comparison (null)"
        assert set(results[segment].values()) == {NOT_COMPARED}
    else:
        assert [results[segment][year].outcome for year in YEARS] == [
            Outcome(outcome.lower()) for outcome in outcomes
        ]


# --- Hand-checked edge cases -------------------------------------------------------------------


def test_labels_follow_the_fingertips_legend() -> None:
    assert Comparison(Outcome.BETTER, CONFIDENCE_99_8).label == "Better 99.8%"
    assert Comparison(Outcome.WORSE, CONFIDENCE_95).label == "Worse 95%"
    assert Comparison(Outcome.SIMILAR).label == "Similar"
    assert NOT_COMPARED.label == "Not compared"
    assert Outcome.NOT_COMPARED.value == "not_compared"


def test_no_judgement_reports_higher_and_lower() -> None:
    above = Interval(5.0, 6.0, CONFIDENCE_95)
    assert compare_with_value(above, 4.0, Polarity.NO_JUDGEMENT).outcome is Outcome.HIGHER
    assert compare_with_value(above, 7.0, Polarity.NO_JUDGEMENT).outcome is Outcome.LOWER


def test_a_ci_touching_the_benchmark_is_similar() -> None:
    interval = Interval(2.0, 3.0, CONFIDENCE_95)
    assert compare_with_value(interval, 3.0, Polarity.HIGH_IS_GOOD).outcome is Outcome.SIMILAR
    assert compare_with_value(interval, 2.0, Polarity.HIGH_IS_GOOD).outcome is Outcome.SIMILAR


def test_two_levels_without_polarity_is_not_compared() -> None:
    ci95, ci998 = Interval(2.5, 2.7, CONFIDENCE_95), Interval(2.3, 2.9, CONFIDENCE_99_8)
    assert compare_with_value_two_levels(ci95, ci998, 3.0, None) is NOT_COMPARED


def test_two_levels_with_no_judgement() -> None:
    ci95, ci998 = Interval(2.5, 2.7, CONFIDENCE_95), Interval(2.3, 2.9, CONFIDENCE_99_8)
    comparison = compare_with_value_two_levels(ci95, ci998, 2.4, Polarity.NO_JUDGEMENT)
    assert comparison == Comparison(Outcome.HIGHER, CONFIDENCE_95)
    assert comparison.label == "Higher 95%"


def test_spc_without_a_denominator_is_not_compared() -> None:
    assert compare_spc_proportion(10.0, None, 9.0, Polarity.HIGH_IS_GOOD) is NOT_COMPARED
    assert compare_spc_dsr(10.0, 0, 9.0, Polarity.HIGH_IS_GOOD) is NOT_COMPARED


def test_spc_proportion_benchmark_must_be_a_proportion_of_the_unit() -> None:
    with pytest.raises(ValueError, match=r"benchmark \(120.0\) must lie between 0 and the unit"):
        compare_spc_proportion(10.0, 500, 120.0, Polarity.HIGH_IS_GOOD)


def test_target_range_must_be_ordered() -> None:
    with pytest.raises(ValueError, match=r"lower \(3\) must not be greater than upper \(2\)"):
        compare_with_target_range(2.5, 3, 2, Polarity.HIGH_IS_GOOD)


def test_single_target_with_no_judgement() -> None:
    assert compare_with_target(10.0, 10.0, Polarity.NO_JUDGEMENT).outcome is Outcome.SIMILAR
    assert compare_with_target(11.0, 10.0, Polarity.NO_JUDGEMENT).outcome is Outcome.HIGHER


def test_quintile_of_a_value_outside_the_distribution_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"value 11.0 lies above all of the values"):
        quintile(11.0, [1.0, 2.0, 3.0, 4.0, 5.0], Polarity.LOW_IS_GOOD)


def test_missing_values_are_left_out_of_the_bands() -> None:
    assert quartile(None, [1.0, 2.0, 3.0, 4.0]) is None
    assert quartile(4.0, [1.0, None, 2.0, 3.0, 4.0]) == 4
    assert quartile(3.0, [1.0, None, 2.0, 3.0]) is None


def test_a_period_without_an_interval_or_a_benchmark_is_not_compared() -> None:
    area = {
        2020: Estimate(value=3.0, intervals=(), method=None),
        2021: Estimate(value=3.0, intervals=(Interval(2.5, 3.5, CONFIDENCE_95),), method=None),
    }
    assert compare_each_period(area, {2020: 1.0}, Polarity.HIGH_IS_GOOD) == {
        2020: NOT_COMPARED,
        2021: NOT_COMPARED,
    }


def test_unknown_reference_segment() -> None:
    with pytest.raises(ValueError, match=r"reference 'Persons' is not one of the segments"):
        compare_segments_with_reference({"Female": {}}, "Persons", Polarity.NO_JUDGEMENT)


@given(
    st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=40),
    st.floats(min_value=0, max_value=1),
)
def test_percentile_inc_lies_within_the_values(values: list[float], fraction: float) -> None:
    result = percentile_inc(values, fraction)
    assert min(values) - 1e-9 <= result <= max(values) + 1e-9
