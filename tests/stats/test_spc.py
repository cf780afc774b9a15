"""XmR charts: the NHSRplotthedots and nhspy-plotthedots reference cases, then constructed cases.

The reference files are read by path from ``../shared/reference/spc`` (see its README and .md
files) when the tests are collected, through ``tests/stats/reference_cases.py``, so each case is
its own test; the ``reference_dir`` fixture skips them when the folder is absent.

Reference cases judged not applicable, and why (also in the stats report):
- nhspy ``seven_point_one_side_mean`` [0]*7 and ``special_cause_flag`` with relative_to_mean all 0:
  nhspy dropped the "≠ 0" condition of the run rule; NHSRplotthedots, our reference, flags nothing.
  They are tested as divergences (we give the NHSRplotthedots answer).
- Rule-helper vectors of unequal lengths (NHSRplotthedots ``ptd_two_in_three`` edge case, three
  nhspy ``two_in_three`` cases): an invalid call that R and pandas answer by recycling or padding;
  trustplan rejects it with a ValueError, which is tested instead.
- nhspy ``test_null_input`` / ``test_nan`` (NaN limits): trustplan marks missing values with None
  and has no limits for fewer than two values; tested in that form.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.stats.reference_cases import available, params, placeholder, read_csv, read_json
from trustplan.stats.spc import (
    AssuranceIcon,
    ImprovementDirection,
    PointSignals,
    PointType,
    Rebase,
    SpcLimits,
    SpcResult,
    SpecialCause,
    VariationIcon,
    assurance_icon,
    classify_special_causes,
    moving_ranges,
    part_of_seven,
    rule_signals,
    seven_point_trend,
    seven_points_one_side,
    two_in_three,
    two_in_three_windows,
    xmr_chart,
    xmr_limits,
)
from trustplan.vocabulary import Polarity

INCREASE = ImprovementDirection.INCREASE
DECREASE = ImprovementDirection.DECREASE
NEUTRAL = ImprovementDirection.NEUTRAL

# NHSRplotthedots' special-cause labels (ptd_special_cause_type) in trustplan's vocabulary.
NHSR_LABELS = {
    "Above UCL": SpecialCause.ABOVE_UPPER_LIMIT,
    "Below LCL": SpecialCause.BELOW_LOWER_LIMIT,
    "7 Point Trend (Increasing)": SpecialCause.TREND_INCREASING,
    "7 Point Trend (Decreasing)": SpecialCause.TREND_DECREASING,
    "2 in 3 Above CL": SpecialCause.TWO_IN_THREE_ABOVE,
    "2 in 3 Below CL": SpecialCause.TWO_IN_THREE_BELOW,
    "7 Points Above CL": SpecialCause.RUN_ABOVE_MEAN,
    "7 Points Below CL": SpecialCause.RUN_BELOW_MEAN,
    "Common Cause": SpecialCause.COMMON_CAUSE,
}
# NHSRplotthedots' assurance icon files (icons/assurance/*.svg).
NHSR_ASSURANCE_FILES = {
    "assurance/pass.svg": AssuranceIcon.CONSISTENT_PASS,
    "assurance/fail.svg": AssuranceIcon.CONSISTENT_FAIL,
    "assurance/inconsistent.svg": AssuranceIcon.INCONSISTENT,
}


# --- reading the reference files -------------------------------------------------------------

NHSR_FILE = "spc/nhsrplotthedots_cases.json"
NHSPY_FILE = "spc/nhspy_plotthedots_cases.json"

Case = dict[str, Any]


def _cases(path: str, build: Callable[[Any], Iterable[tuple[str, object]]]) -> list[Any]:
    """One param per (id, case) that ``build`` finds in a reference file, or the placeholder."""
    if not available(path):
        return placeholder()
    return params(build(read_json(path)))


def _nhsr_case(data: Any, case_id: str) -> Case:
    case: Case = next(c for c in data["cases"] if c["id"] == case_id)
    return case


def _nhsr_y(data: Any, case: Case) -> list[float]:
    """A case's y, following ``same_as`` to the case whose input it shares."""
    source = case["input"]
    if "same_as" in source:
        source = _nhsr_case(data, source["same_as"])["input"]
    return [float(y) for y in source.get("y", source.get("data", []))]


def _nhsr_helper(prefix: str) -> Callable[[Any], Iterator[tuple[str, Case]]]:
    """The unit-test vectors of the NHSRplotthedots rule helper whose name starts ``prefix``."""

    def build(data: Any) -> Iterator[tuple[str, Case]]:
        functions = data["rule_helper_unit_tests"]["functions"]
        cases = next(f["cases"] for f in functions if f["function"].startswith(prefix))
        return ((f"{prefix}-{i}", case) for i, case in enumerate(cases))

    return build


def _nhspy_helper(
    name: str, keep: Callable[[Case], bool] = lambda case: True
) -> Callable[[Any], Iterator[tuple[str, Case]]]:
    """The nhspy unit-test vectors of helper ``name`` that ``keep`` selects."""

    def build(data: Any) -> Iterator[tuple[str, Case]]:
        return ((f"{name}-{i}", case) for i, case in enumerate(data["helpers"][name]) if keep(case))

    return build


def _agrees(case: Case) -> bool:
    """Whether nhspy agrees with NHSRplotthedots (the file flags the cases where it does not)."""
    return bool(case.get("consistent_with_NHSRplotthedots", True))


def _equal_lengths(case: Case) -> bool:
    """Whether a two-vector helper call passes vectors of the same length (a valid call)."""
    first, second = case["in"]
    return len(first) == len(second)


def _sig(x: float, digits: int) -> float:
    """``x`` rounded to ``digits`` significant figures, as R prints it."""
    return float(f"{x:.{digits}g}")


def _close(actual: float, expected: float) -> bool:
    """nhspy compares exact floats; allow for a different order of operations."""
    return math.isclose(actual, expected, rel_tol=1e-12, abs_tol=1e-12)


def _limits(result: SpcResult) -> SpcLimits:
    assert result.limits is not None
    return result.limits


def _signals(result: SpcResult) -> list[PointSignals]:
    signals = [p.signals for p in result.points]
    assert all(s is not None for s in signals)
    return [s for s in signals if s is not None]


# --- NHSRplotthedots: limits, flags and summaries --------------------------------------------

RNORM20 = (
    "ptd_spc_standard_rnorm20_screened",
    "ptd_spc_standard_rnorm20_outlier_screened",
    "ptd_spc_standard_rnorm20_outlier_unscreened",
)


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    _cases(
        NHSR_FILE,
        lambda data: (
            (i, (_nhsr_case(data, i), _nhsr_y(data, _nhsr_case(data, i)))) for i in RNORM20
        ),
    ),
)
def test_nhsr_limits_and_point_flags(reference_dir: Path, case: tuple[Case, list[float]]) -> None:
    source, ys = case
    expected = source["expected"]
    result = xmr_chart(
        ys,
        improvement_direction=ImprovementDirection(
            source["options"].get("improvement_direction", "increase")
        ),
        screen_outliers=source["options"]["screen_outliers"],
    )
    limits = _limits(result)
    for name, actual in (("mean_col", limits.mean), ("lpl", limits.lpl), ("upl", limits.upl)):
        assert _sig(actual, 7) == float(expected[name]), name
    signals = _signals(result)
    for key, values in expected.items():
        if key.startswith("relative_to_mean_first_"):
            assert [s.relative_to_mean for s in signals[: len(values)]] == values
        if key.startswith("outside_limits_first_"):
            assert [s.outside_limits for s in signals[: len(values)]] == values
        if key.startswith("close_to_limits_first_"):
            assert [s.close_to_limits for s in signals[: len(values)]] == values
    summary = expected.get("summary")
    if summary is not None:
        types = [p.point_type for p in result.points]
        assert len(types) == summary["n"]
        assert types.count(PointType.COMMON_CAUSE) == summary["common_cause"]
        assert (
            types.count(PointType.SPECIAL_CAUSE_IMPROVEMENT) == summary["special_cause_improvement"]
        )
        assert _sig(limits.mean, 3) == float(summary["mean_col_3sf"])
        assert _sig(limits.lpl, 3) == float(summary["lpl_3sf"])
        assert _sig(limits.upl, 3) == float(summary["upl_3sf"])


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    _cases(
        NHSR_FILE,
        lambda data: [
            (
                "rnorm20-clean-screened-unscreened",
                [(_nhsr_case(data, i), _nhsr_y(data, _nhsr_case(data, i))) for i in RNORM20],
            )
        ],
    ),
)
def test_nhsr_outlier_screening_narrows_the_limits(
    reference_dir: Path, case: list[tuple[Case, list[float]]]
) -> None:
    """The additional assertions of ptd_spc_standard_rnorm20_outlier_screened (r2 vs r1, r3)."""
    clean, screened, unscreened = (
        _limits(
            xmr_chart(
                ys,
                improvement_direction=INCREASE,
                screen_outliers=source["options"]["screen_outliers"],
            )
        )
        for source, ys in case
    )
    assert (screened.lpl, screened.upl) != (unscreened.lpl, unscreened.upl)
    assert (screened.lpl, screened.upl) != (clean.lpl, clean.upl)
    assert unscreened.upl - unscreened.lpl > screened.upl - screened.lpl
    assert screened.n_screened > 0
    assert unscreened.n_screened == 0


def _facets(data: Any) -> Iterator[tuple[str, object]]:
    case = _nhsr_case(data, "summary_two_facets_rnorm20")
    pairs = list(zip(case["input"]["y"], case["input"]["facet"], strict=True))
    for facet in case["expected"]["per_facet"]:
        yield f"facet-{facet['f']}", ([y for y, f in pairs if f == facet["f"]], facet)


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _facets))
def test_nhsr_facets_are_separate_charts(
    reference_dir: Path, case: tuple[list[float], Case]
) -> None:
    ys, expected = case
    result = xmr_chart(ys, improvement_direction=INCREASE)
    limits = _limits(result)
    assert _sig(limits.mean, 3) == float(expected["mean_col"])
    assert _sig(limits.lpl, 3) == float(expected["lpl"])
    assert _sig(limits.upl, 3) == float(expected["upl"])
    types = [p.point_type for p in result.points]
    assert len(types) == expected["n"]
    assert types.count(PointType.COMMON_CAUSE) == expected["common_cause"]
    assert types.count(PointType.SPECIAL_CAUSE_IMPROVEMENT) == expected["special_cause_improvement"]
    # The source warns that these limits rest on too few points; so do we.
    assert result.trial_limits


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    _cases(
        NHSR_FILE,
        lambda data: [
            (i, _nhsr_case(data, i)) for i in ["two_in_three_opposite_sides_not_special"]
        ],
    ),
)
def test_nhsr_two_close_points_on_opposite_sides_are_not_special(
    reference_dir: Path, case: Case
) -> None:
    result = xmr_chart(
        case["input"]["data"],
        improvement_direction=ImprovementDirection(case["options"]["improvement_direction"]),
        screen_outliers=case["options"]["screen_outliers"],
    )
    expected = [PointType(t) for t in case["expected"]["point_type_last_2"]]
    assert [p.point_type for p in result.points[-len(expected) :]] == expected


def _deviations(data: Any) -> Iterator[tuple[str, object]]:
    case = _nhsr_case(data, "deviations_vignette_outlier_screening")
    for run in case["options_and_expected"]:
        yield f"screen_outliers={run['options']['screen_outliers']}", (case["input"]["data"], run)


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _deviations))
def test_nhsr_deviations_vignette(reference_dir: Path, case: tuple[list[float], Case]) -> None:
    """Limits to 2 dp from the vignette's captions; the captions' point types in words: the single
    outlying point (the maximum) is special cause improvement and every other point common cause."""
    data, run = case
    result = xmr_chart(
        data,
        improvement_direction=ImprovementDirection(run["options"]["improvement_direction"]),
        screen_outliers=run["options"]["screen_outliers"],
    )
    limits = _limits(result)
    assert round(limits.upl, 2) == float(run["expected"]["upl_2dp"])
    assert round(limits.mean, 2) == float(run["expected"]["mean_2dp"])
    assert round(limits.lpl, 2) == float(run["expected"]["lpl_2dp"])
    outlier = data.index(max(data))
    special = [p.index for p in result.points if p.point_type is not PointType.COMMON_CAUSE]
    assert special == [outlier]
    assert result.points[outlier].point_type is PointType.SPECIAL_CAUSE_IMPROVEMENT


class IconCall(NamedTuple):
    """One ptd_spc call of the icons case: its series, options and facets."""

    ys: list[float]
    facets: list[object]
    target: float | None
    direction: ImprovementDirection
    expected: list[Case]


def _icon_calls(data: Any) -> Iterator[tuple[str, object]]:
    """The icons case's calls; y follows the case's notation (concatenation, see y_notation)."""
    case = _nhsr_case(data, "icons_variation_and_assurance_rnorm24")
    source = case["input"]
    first_12 = source["y_initial"][:12]
    series = {
        "y_initial": source["y_initial"],
        "y_initial[1:12] + y_f1_replaced_step5": first_12 + source["y_f1_replaced_step5"],
        "y_initial[1:12] + y_f1_replaced_step7": first_12 + source["y_f1_replaced_step7"],
    }
    for call in case["calls_and_expected"]:
        ys = series[call["y"]]
        target = re.search(r"target = (-?[\d.]+)", call["call"])
        direction = re.search(r"improvement_direction = '(\w+)'", call["call"])
        faceted = "facet = 'f'" in call["call"]
        yield (
            call["call"].split(":")[0],
            IconCall(
                ys=ys,
                facets=source["f"] if faceted else ["no facet"] * len(ys),
                target=float(target.group(1)) if target else None,
                direction=ImprovementDirection(direction.group(1)) if direction else INCREASE,
                expected=call["expected"],
            ),
        )


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _icon_calls))
def test_nhsr_variation_and_assurance_icons(reference_dir: Path, case: IconCall) -> None:
    icons = []
    for facet in dict.fromkeys(case.facets):
        result = xmr_chart(
            [y for y, f in zip(case.ys, case.facets, strict=True) if f == facet],
            improvement_direction=case.direction,
            target=case.target,
        )
        icons.append((facet, "variation", f"variation/{result.variation_icon}.svg"))
        if result.assurance_icon is not None:
            icons.append((facet, "assurance", result.assurance_icon))
    expected = [
        (
            e["f"],
            e["type"],
            NHSR_ASSURANCE_FILES[e["icon"]] if e["type"] == "assurance" else e["icon"],
        )
        for e in case.expected
    ]
    assert sorted(icons, key=str) == sorted(expected, key=str)


def _assurance_calls(data: Any) -> Iterator[tuple[str, object]]:
    case = _nhsr_case(data, "assurance_type_direct")
    for call in case["calls_and_expected"]:
        call_id = f"{call['improvement_direction']}-target={call.get('target', 'row')}"
        yield call_id, (case["input"]["rows"], call)


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _assurance_calls))
def test_nhsr_assurance_type(reference_dir: Path, case: tuple[list[Case], Case]) -> None:
    rows, call = case
    actual = [
        assurance_icon(
            lpl=row["lpl"],
            upl=row["upl"],
            target=call.get("target", row["target"]),
            improvement_direction=ImprovementDirection(call["improvement_direction"]),
        )
        for row in rows[: len(call["expected_assurance_type"])]
    ]
    expected = [None if e is None else AssuranceIcon(e) for e in call["expected_assurance_type"]]
    assert actual == expected


def _assurance_orders(data: Any) -> Iterator[tuple[str, object]]:
    case = _nhsr_case(data, "assurance_type_direct")
    named = dict(zip(("r1", "r2", "r3"), case["input"]["rows"], strict=True))
    direction = re.search(r"improvement_direction '(\w+)'", case["rebase_cases"]["note"])
    assert direction is not None
    for order in case["rebase_cases"]["cases"]:
        last = named[order["row_order"][-1]]
        yield "-".join(order["row_order"]), (last, direction.group(1), order["expected"])


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _assurance_orders))
def test_nhsr_assurance_uses_the_last_row(reference_dir: Path, case: tuple[Case, str, str]) -> None:
    """The rows are mocked limits (r3 is asymmetric, so no XmR series produces it): the assurance
    of the last row in each order is the facet's assurance."""
    last, direction, expected = case
    actual = assurance_icon(
        lpl=last["lpl"],
        upl=last["upl"],
        target=last["target"],
        improvement_direction=ImprovementDirection(direction),
    )
    assert actual == AssuranceIcon(expected)


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    _cases(
        NHSR_FILE, lambda data: [(i, _nhsr_case(data, i)) for i in ["readme_ae_attendances_RQM"]]
    ),
)
def test_nhsr_readme_ae_attendances_rqm(reference_dir: Path, case: Case) -> None:
    """The real A&E example: RQM type 1 breaches, Apr 2016 to Mar 2018, decrease, target 1200."""
    source = case["input"]
    rows = sorted(read_csv(f"spc/{source['csv']}"), key=lambda row: row[source["date_field"]])
    result = xmr_chart(
        [float(row[source["value_field"]]) for row in rows],
        improvement_direction=ImprovementDirection(case["options"]["improvement_direction"]),
        target=case["options"]["target"],
        screen_outliers=case["options"]["screen_outliers"],
    )
    assert result.points[-1].point_type == PointType(case["expected"]["variation_type"])
    assert result.variation_icon is VariationIcon.COMMON_CAUSE
    assert result.assurance_icon == AssuranceIcon(case["expected"]["assurance_type"])
    assert not result.trial_limits


# --- NHSRplotthedots: rule helpers -----------------------------------------------------------


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _nhsr_helper("ptd_seven_point_one_side_mean")))
def test_nhsr_seven_points_one_side(reference_dir: Path, case: Case) -> None:
    assert [int(f) for f in seven_points_one_side(case["in"])] == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _nhsr_helper("ptd_part_of_seven_trend")))
def test_nhsr_part_of_seven(reference_dir: Path, case: Case) -> None:
    assert [int(f) for f in part_of_seven(case["in"])] == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _nhsr_helper("ptd_seven_point_trend")))
def test_nhsr_seven_point_trend(reference_dir: Path, case: Case) -> None:
    assert list(seven_point_trend(case["in"])) == case["out"]


def _nhsr_two_in_three(equal: bool) -> Callable[[Any], Iterator[tuple[str, Case]]]:
    """The ptd_two_in_three vectors whose two arguments do (or do not) have equal lengths."""

    def build(data: Any) -> Iterator[tuple[str, Case]]:
        every = _nhsr_helper("ptd_two_in_three")(data)
        return ((i, case) for i, case in every if _equal_lengths(case) == equal)

    return build


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _nhsr_two_in_three(equal=True)))
def test_nhsr_two_in_three_windows(reference_dir: Path, case: Case) -> None:
    close, relative_to_mean = case["in"]
    assert [int(f) for f in two_in_three_windows(close, relative_to_mean)] == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _nhsr_two_in_three(equal=False)))
def test_nhsr_two_in_three_rejects_unequal_lengths(reference_dir: Path, case: Case) -> None:
    """R answers this invalid call by padding; trustplan refuses it."""
    with pytest.raises(ValueError, match="same length"):
        two_in_three_windows(*case["in"])


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSR_FILE, _nhsr_helper("ptd_part_of_two_in_three")))
def test_nhsr_part_of_two_in_three(reference_dir: Path, case: Case) -> None:
    close, relative_to_mean = case["in"] if "in" in case else (case["in_close"], case["in_rtm"])
    assert [int(f) for f in two_in_three(close, relative_to_mean)] == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize(
    "case", _cases(NHSR_FILE, _nhsr_helper("ptd_special_cause_type label precedence"))
)
def test_nhsr_label_precedence(reference_dir: Path, case: Case) -> None:
    labels = classify_special_causes(
        case["y"],
        case["relative_to_mean"],
        [v != 0 for v in case["outside_limits"]],
        [v != 0 for v in case["part_of_seven_point_trend"]],
        [v != 0 for v in case["part_of_two_in_three"]],
        [v != 0 for v in case["part_of_seven_point_one_side_mean"]],
    )
    assert list(labels) == [NHSR_LABELS[label] for label in case["out"]]


# --- nhspy-plotthedots -----------------------------------------------------------------------


def _nhspy_named(key: str, keep: Callable[[Case], bool]) -> list[Any]:
    return _cases(
        NHSPY_FILE,
        lambda data: ((c["name"], c) for c in data[key] if keep(c)),
    )


@pytest.mark.reference
@pytest.mark.parametrize("case", _nhspy_named("limits_calculations", lambda c: c["values"] != []))
def test_nhspy_limits(reference_dir: Path, case: Case) -> None:
    limits = xmr_limits(case["values"])
    assert limits is not None
    expected = case["expected"]
    assert _close(limits.mean, expected["mean"])
    assert _close(limits.lpl, expected["lpl"])
    assert _close(limits.upl, expected["upl"])
    assert _close(limits.near_lpl, expected["nlpl"])
    assert _close(limits.near_upl, expected["nupl"])


@pytest.mark.reference
@pytest.mark.parametrize("case", _nhspy_named("limits_calculations", lambda c: c["values"] == []))
def test_nhspy_null_input_has_no_limits(reference_dir: Path, case: Case) -> None:
    """nhspy gives NaN limits for no values (not asserted there); trustplan gives none."""
    assert xmr_limits(case["values"]) is None
    result = xmr_chart(case["values"], improvement_direction=INCREASE)
    assert result.limits is None
    assert result.variation_icon is None


def _as_missing(values: Sequence[float | str]) -> list[float | None]:
    """nhspy's "NaN" is trustplan's None."""
    return [None if v == "NaN" else float(v) for v in values]


@pytest.mark.reference
@pytest.mark.parametrize("case", _nhspy_named("pandas_spc_x_calc", lambda c: True))
def test_nhspy_spc_x_calc(reference_dir: Path, case: Case) -> None:
    expected = case["expected"]
    result = xmr_chart(
        _as_missing(case["values"]),
        improvement_direction=INCREASE,
        fix_after_n_points=case["fix_after_n_points"],
    )
    if expected["mean"] == "NaN":
        assert result.limits is None
        assert all(p.signals is None and p.point_type is None for p in result.points)
        return
    limits = _limits(result)
    assert _close(limits.mean, expected["mean"])
    assert _close(limits.lpl, expected["lpl"])
    assert _close(limits.upl, expected["upl"])
    signals = _signals(result)
    assert [s.outside_limits for s in signals] == expected["outside_limits"]
    assert [s.relative_to_mean for s in signals] == [int(r) for r in expected["relative_to_mean"]]
    assert [s.close_to_limits for s in signals] == expected["close_to_limits"]
    flags = [p.point_type is not PointType.COMMON_CAUSE for p in result.points]
    assert flags == expected["special_cause_flag"]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSPY_FILE, _nhspy_helper("seven_point_trend")))
def test_nhspy_seven_point_trend(reference_dir: Path, case: Case) -> None:
    assert list(seven_point_trend(case["in"])) == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSPY_FILE, _nhspy_helper("part_of_seven_trend")))
def test_nhspy_part_of_seven(reference_dir: Path, case: Case) -> None:
    assert list(part_of_seven(case["in"])) == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize(
    "case", _cases(NHSPY_FILE, _nhspy_helper("seven_point_one_side_mean", _agrees))
)
def test_nhspy_seven_points_one_side(reference_dir: Path, case: Case) -> None:
    assert [int(f) for f in seven_points_one_side(case["in"])] == [int(f) for f in case["out"]]


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    _cases(NHSPY_FILE, _nhspy_helper("seven_point_one_side_mean", lambda c: not _agrees(c))),
)
def test_nhspy_divergence_points_on_the_mean_are_not_a_run(reference_dir: Path, case: Case) -> None:
    """nhspy counts 7 points on the mean as a run; NHSRplotthedots (our reference) does not."""
    flags = seven_points_one_side(case["in"])
    assert not any(flags)
    assert list(flags) != case["out"]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSPY_FILE, _nhspy_helper("two_in_three", _equal_lengths)))
def test_nhspy_two_in_three(reference_dir: Path, case: Case) -> None:
    close, relative_to_mean = case["in"]
    assert list(two_in_three(close, relative_to_mean)) == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize(
    "case",
    _cases(NHSPY_FILE, _nhspy_helper("two_in_three", lambda c: not _equal_lengths(c))),
)
def test_nhspy_two_in_three_rejects_unequal_lengths(reference_dir: Path, case: Case) -> None:
    """nhspy answers these invalid calls; trustplan refuses them."""
    with pytest.raises(ValueError, match="same length"):
        two_in_three(*case["in"])


def _special_cause_flags(case: Case) -> list[bool]:
    signals = rule_signals(
        case["values"], case["relative_to_mean"], case["close_to_limits"], case["outside_limits"]
    )
    return [s.special_cause is not SpecialCause.COMMON_CAUSE for s in signals]


@pytest.mark.reference
@pytest.mark.parametrize("case", _cases(NHSPY_FILE, _nhspy_helper("special_cause_flag", _agrees)))
def test_nhspy_special_cause_flag(reference_dir: Path, case: Case) -> None:
    assert _special_cause_flags(case) == case["out"]


@pytest.mark.reference
@pytest.mark.parametrize(
    "case", _cases(NHSPY_FILE, _nhspy_helper("special_cause_flag", lambda c: not _agrees(c)))
)
def test_nhspy_divergence_equal_values_on_the_mean_are_common_cause(
    reference_dir: Path, case: Case
) -> None:
    """nhspy flags 7 equal values on the mean; NHSRplotthedots finds no trend and no run."""
    flags = _special_cause_flags(case)
    assert not any(flags)
    assert flags != case["out"]


# --- constructed cases -----------------------------------------------------------------------


def test_improvement_direction_follows_polarity() -> None:
    assert ImprovementDirection.from_polarity(Polarity.HIGH_IS_GOOD) is INCREASE
    assert ImprovementDirection.from_polarity(Polarity.LOW_IS_GOOD) is DECREASE
    assert ImprovementDirection.from_polarity(Polarity.NO_JUDGEMENT) is NEUTRAL


@pytest.mark.parametrize(
    "member",
    [
        *ImprovementDirection,
        *SpecialCause,
        *PointType,
        *VariationIcon,
        *AssuranceIcon,
    ],
    ids=lambda m: f"{type(m).__name__}.{m.name}",
)
def test_every_judgement_has_a_description(member: Any) -> None:
    assert member.description.strip()


def test_moving_ranges_skip_pairs_with_a_gap() -> None:
    assert moving_ranges([1.0, 3.0, None, 10.0, 4.0]) == (2.0, 6.0)


def test_constant_series_has_limits_at_the_mean_and_no_signal() -> None:
    result = xmr_chart([5.0] * 20, improvement_direction=INCREASE, target=4.0)
    limits = _limits(result)
    assert (limits.mean, limits.lpl, limits.upl, limits.average_moving_range) == (5, 5, 5, 0)
    assert {p.point_type for p in result.points} == {PointType.COMMON_CAUSE}
    assert result.variation_icon is VariationIcon.COMMON_CAUSE
    assert result.assurance_icon is AssuranceIcon.CONSISTENT_PASS


@pytest.mark.parametrize("values", [[], [3.0], [None, None], [1.0, None, 2.0]])
def test_too_few_adjacent_values_give_no_limits(values: list[float | None]) -> None:
    result = xmr_chart(values, improvement_direction=INCREASE, target=1.0)
    assert result.limits is None
    assert result.trial_limits
    assert result.variation_icon is None
    assert result.assurance_icon is None
    assert all(p.signals is None and p.point_type is None for p in result.points)


def test_missing_values_keep_their_place_and_are_skipped_by_the_rules() -> None:
    # Seven observed values above the mean, with a gap among them, still make a run.
    baseline: list[float | None] = [0.0, 1.0] * 5
    later: list[float | None] = [0.8, 0.9, 0.8, None, 0.9, 0.8, 0.9, 0.8]
    result = xmr_chart(baseline + later, improvement_direction=DECREASE, fix_after_n_points=10)
    gap = result.points[13]
    assert (gap.value, gap.signals, gap.point_type) == (None, None, None)
    assert gap.limits == result.limits
    run = [p.signals for p in result.points[10:] if p.signals is not None]
    assert len(run) == 7
    assert {s.special_cause for s in run} == {SpecialCause.RUN_ABOVE_MEAN}
    assert {p.point_type for p in result.points[10:] if p.value is not None} == {
        PointType.SPECIAL_CAUSE_CONCERN
    }
    assert result.variation_icon is VariationIcon.CONCERN_HIGH


def test_trailing_missing_value_leaves_the_icon_to_the_latest_observed_point() -> None:
    values: list[float | None] = [1.0, 2.0, 1.0, 2.0, 15.0, None]
    result = xmr_chart(values, improvement_direction=INCREASE, screen_outliers=False)
    assert result.points[4].point_type is PointType.SPECIAL_CAUSE_IMPROVEMENT
    assert result.variation_icon is VariationIcon.IMPROVEMENT_HIGH


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match=r"values\[1\]"):
        xmr_chart([1.0, bad], improvement_direction=INCREASE)
    with pytest.raises(ValueError, match=r"values\[1\]"):
        xmr_limits([1.0, bad])
    with pytest.raises(ValueError, match="target"):
        xmr_chart([1.0, 2.0], improvement_direction=INCREASE, target=bad)


def test_trend_of_seven_is_labelled_with_its_direction() -> None:
    values = [5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 4.9, 4.8, 4.6, 4.5, 4.3, 4.2, 4.1]
    result = xmr_chart(values, improvement_direction=DECREASE)
    trend = [p for p in result.points if p.signals is not None and p.signals.part_of_trend]
    assert [p.index for p in trend] == list(range(5, 13))
    assert {p.point_type for p in trend} == {PointType.SPECIAL_CAUSE_IMPROVEMENT}
    assert result.variation_icon in {VariationIcon.IMPROVEMENT_LOW}


def test_two_of_three_close_to_the_upper_limit_on_the_same_side() -> None:
    base = [0.0, 1.0] * 8  # mean 0.5, AMR 1: upper near-limit line 2.27, upper limit 3.16
    result = xmr_chart(
        [*base, 2.5, 0.6, 2.6],
        improvement_direction=INCREASE,
        fix_after_n_points=len(base),
    )
    flagged = [p.index for p in result.points if p.signals and p.signals.part_of_two_in_three]
    assert flagged == [16, 18]
    assert result.points[16].signals is not None
    assert result.points[16].signals.special_cause is SpecialCause.TWO_IN_THREE_ABOVE
    assert result.points[17].point_type is PointType.COMMON_CAUSE
    assert result.variation_icon is VariationIcon.IMPROVEMENT_HIGH


def test_neutral_direction_gives_neutral_icons_and_no_assurance() -> None:
    result = xmr_chart(
        [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 8.0], improvement_direction=NEUTRAL, target=0.5
    )
    assert result.points[-1].point_type is PointType.SPECIAL_CAUSE_NEUTRAL_HIGH
    assert result.variation_icon is VariationIcon.NEUTRAL_HIGH
    assert result.assurance_icon is None


def test_fix_after_n_points_bases_the_limits_on_the_first_values() -> None:
    values = [10.0, 12.0, 11.0, 13.0, 12.0, 30.0, 31.0, 29.0]
    result = xmr_chart(values, improvement_direction=INCREASE, fix_after_n_points=5)
    assert result.limits == xmr_limits(values[:5])
    assert _limits(result).n_values == 5
    assert [p.point_type for p in result.points[5:]] == [PointType.SPECIAL_CAUSE_IMPROVEMENT] * 3


def test_fix_after_n_points_counts_observed_values() -> None:
    values: list[float | None] = [10.0, None, 12.0, 11.0, 13.0, 40.0]
    result = xmr_chart(values, improvement_direction=INCREASE, fix_after_n_points=4)
    assert result.limits == xmr_limits(values[:5])


@pytest.mark.parametrize(("n_points", "trial"), [(14, True), (15, False)])
def test_limits_are_trial_until_fifteen_points(n_points: int, trial: bool) -> None:
    result = xmr_chart([float(i % 3) for i in range(n_points)], improvement_direction=INCREASE)
    assert result.trial_limits is trial


def test_trial_follows_the_baseline_and_the_chosen_minimum() -> None:
    values = [float(i % 3) for i in range(30)]
    assert xmr_chart(values, improvement_direction=INCREASE, fix_after_n_points=12).trial_limits
    assert not xmr_chart(
        values, improvement_direction=INCREASE, fix_after_n_points=12, min_points_for_limits=12
    ).trial_limits


def test_rebase_recalculates_from_its_index_and_keeps_its_reason() -> None:
    before = [10.0, 11.0, 10.0, 12.0, 11.0, 10.0, 11.0, 12.0]
    after = [20.0, 21.0, 19.0, 20.0, 22.0, 21.0]
    rebase = Rebase(index=len(before), reason="New 0-19 service from April")
    result = xmr_chart(before + after, improvement_direction=INCREASE, rebases=[rebase])
    first, second = result.segments
    assert (first.start, first.stop, first.rebase) == (0, 8, None)
    assert (second.start, second.stop, second.rebase) == (8, 14, rebase)
    assert first.limits == xmr_limits(before)
    assert second.limits == xmr_limits(after)
    assert result.rebases == (rebase,)
    assert {p.segment for p in result.points[8:]} == {1}
    # Without the rebase the step change is special cause; with it, the new level is common cause.
    assert {p.point_type for p in result.points} == {PointType.COMMON_CAUSE}
    plain = xmr_chart(before + after, improvement_direction=INCREASE)
    assert plain.variation_icon is VariationIcon.IMPROVEMENT_HIGH


def test_assurance_uses_the_latest_segment() -> None:
    low = [1.0, 2.0] * 5
    high = [10.0, 11.0] * 5
    result = xmr_chart(
        low + high,
        improvement_direction=INCREASE,
        target=5.0,
        rebases=[Rebase(10, "definition changed")],
    )
    assert result.assurance_icon is AssuranceIcon.CONSISTENT_PASS
    unrebased = xmr_chart(low + high, improvement_direction=INCREASE, target=5.0)
    assert unrebased.assurance_icon is AssuranceIcon.INCONSISTENT


def test_a_rebase_leaving_one_value_has_no_limits_for_it() -> None:
    result = xmr_chart(
        [1.0, 2.0, 1.0, 2.0, 50.0],
        improvement_direction=INCREASE,
        target=3.0,
        rebases=[Rebase(4, "new provider")],
    )
    assert result.limits is None
    assert result.trial_limits
    assert result.points[-1].point_type is None
    assert (result.variation_icon, result.assurance_icon) == (None, None)


@pytest.mark.parametrize(
    ("rebases", "message"),
    [
        ([Rebase(0, "x")], "between 1 and 4"),
        ([Rebase(5, "x")], "between 1 and 4"),
        ([Rebase(2, "x"), Rebase(2, "y")], "must differ"),
    ],
)
def test_bad_rebases_are_rejected(rebases: list[Rebase], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        xmr_chart([1.0, 2.0, 3.0, 4.0, 5.0], improvement_direction=INCREASE, rebases=rebases)


def test_a_rebase_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="reason"):
        Rebase(3, "  ")


@pytest.mark.parametrize("name", ["fix_after_n_points", "min_points_for_limits"])
def test_point_counts_below_two_are_rejected(name: str) -> None:
    options: dict[str, Any] = {name: 1}
    with pytest.raises(ValueError, match=name):
        xmr_chart([1.0, 2.0, 3.0], improvement_direction=INCREASE, **options)
