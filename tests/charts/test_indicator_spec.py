"""The indicator chart's Vega-Lite spec: the layers, styles and data a reader depends on."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import pytest

from tests.charts.conftest import (
    REBASE_REASON,
    layer_rows,
    layers_with_mark,
    quarterly_chart_data,
)
from trustplan.charts import (
    IndicatorChartData,
    Observation,
    SpcMarks,
    Target,
    indicator_chart,
    text_alternative,
    to_vega_lite_json,
)
from trustplan.charts.indicator import TRIAL_NOTE
from trustplan.charts.style import BLACK, BLUE, GREEN, GREY, ORANGE, TEXT_SIZE
from trustplan.periods import month
from trustplan.stats.spc import PointType


def spec_of(data: IndicatorChartData) -> dict[str, Any]:
    return to_vega_lite_json(indicator_chart(data))


def reference_layer(spec: dict[str, Any]) -> dict[str, Any]:
    """The one line layer keyed on the line's name: mean, limits, targets, benchmark."""
    (layer,) = [
        layer
        for layer in layers_with_mark(spec, "line")
        if layer["encoding"].get("stroke", {}).get("field") == "line"
    ]
    return layer


def value_line_layer(spec: dict[str, Any]) -> dict[str, Any]:
    (layer,) = [
        layer
        for layer in layers_with_mark(spec, "line")
        if layer["encoding"].get("detail", {}).get("field") == "run"
    ]
    return layer


def text_layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return layers_with_mark(spec, "text")


def legend_styles(layer: dict[str, Any], channel: str) -> dict[str, Any]:
    scale = layer["encoding"][channel]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def test_the_values_are_a_grey_line_broken_into_runs_at_missing_periods(quarterly):
    spec = spec_of(quarterly)
    layer = value_line_layer(spec)
    assert layer["mark"]["color"] == GREY
    rows = layer_rows(spec, layer)
    assert [row["period"] for row in rows if row["run"] == 0][-1] == "2016/17 Q1"
    assert next(row["period"] for row in rows if row["run"] == 1) == "2016/17 Q3"


def test_a_missing_value_is_left_out_of_the_data_never_made_zero(quarterly):
    spec = spec_of(quarterly)
    for layer in (value_line_layer(spec), *layers_with_mark(spec, "point")):
        rows = layer_rows(spec, layer)
        assert "2016/17 Q2" not in {row["period"] for row in rows}
        assert len(rows) == 23
        assert all(row["value"] is not None and row["value"] != 0 for row in rows)


def test_points_are_coloured_and_shaped_by_their_judgement(quarterly):
    spec = spec_of(quarterly)
    (points,) = layers_with_mark(spec, "point")
    fills = legend_styles(points, "fill")
    shapes = legend_styles(points, "shape")
    assert fills == {
        "Common cause variation": GREY,
        "Special cause: improvement": BLUE,
        "Special cause: concern": ORANGE,
    }
    assert shapes == {
        "Common cause variation": "circle",
        "Special cause: improvement": "square",
        "Special cause: concern": "diamond",
    }
    assert points["encoding"]["fill"]["legend"] == points["encoding"]["shape"]["legend"]
    assert points["mark"]["stroke"] == BLACK
    judgement = {row["period"]: row["judgement"] for row in layer_rows(spec, points)}
    assert judgement["2015/16 Q1"] == "Common cause variation"
    assert judgement["2018/19 Q1"] == "Special cause: concern"
    assert judgement["2020/21 Q4"] == "Special cause: improvement"


def test_the_legend_lists_only_the_judgements_on_the_chart():
    data = quarterly_chart_data()
    common_only = replace(
        data, spc=tuple(replace(m, point_type=PointType.COMMON_CAUSE) for m in data.spc)
    )
    (points,) = layers_with_mark(spec_of(common_only), "point")
    assert points["encoding"]["fill"]["scale"]["domain"] == ["Common cause variation"]


def test_mean_is_solid_and_process_limits_dashed_in_each_segment(quarterly):
    spec = spec_of(quarterly)
    layer = reference_layer(spec)
    dashes = legend_styles(layer, "strokeDash")
    assert dashes["Mean"] == []
    assert dashes["Process limits"] == [6, 4]
    rows = layer_rows(spec, layer)
    paths = {row["path"] for row in rows if row["line"] in ("Mean", "Process limits")}
    assert paths == {
        "0-mean",
        "0-upper_limit",
        "0-lower_limit",
        "1-mean",
        "1-upper_limit",
        "1-lower_limit",
    }
    first_means = {row["value"] for row in rows if row["path"] == "0-mean"}
    second_means = {row["value"] for row in rows if row["path"] == "1-mean"}
    assert len(first_means) == len(second_means) == 1
    assert first_means != second_means


def test_near_limits_are_drawn_only_when_given(quarterly):
    assert "Near limits (2 sigma)" not in legend_styles(
        reference_layer(spec_of(quarterly)), "stroke"
    )
    with_near = replace(
        quarterly,
        spc=tuple(
            replace(m, lower_near_limit=m.mean - 1, upper_near_limit=m.mean + 1)
            if m.mean is not None
            else m
            for m in quarterly.spc
        ),
    )
    assert legend_styles(reference_layer(spec_of(with_near)), "strokeDash")[
        "Near limits (2 sigma)"
    ] == [1, 3]


def test_the_target_is_a_distinct_green_line_with_its_label(quarterly):
    spec = spec_of(quarterly)
    layer = reference_layer(spec)
    assert legend_styles(layer, "stroke")["Target"] == GREEN
    dashes = legend_styles(layer, "strokeDash")
    assert dashes["Target"] not in (dashes["Mean"], dashes["Process limits"], dashes["England"])
    target_rows = [row for row in layer_rows(spec, layer) if row["line"] == "Target"]
    assert [(row["date"], row["value"]) for row in target_rows] == [
        ("2015-06-30", 55.0),
        ("2021-03-31", 55.0),
    ]
    labels = [
        row["label"]
        for layer in text_layers(spec)
        for row in layer_rows(spec, layer)
        if "label" in row
    ]
    assert "Target March 2021: 55.0%" in labels


def test_successive_targets_are_steps_each_labelled(quarterly):
    data = replace(
        quarterly,
        targets=(
            Target(dt.date(2021, 3, 31), 55.0, "2020/21"),
            Target(dt.date(2018, 3, 31), 50.0, "2017/18"),
        ),
    )
    spec = spec_of(data)
    rows = [row for row in layer_rows(spec, reference_layer(spec)) if row["line"] == "Target"]
    assert [(row["path"], row["date"], row["value"]) for row in rows] == [
        ("target-0", "2015-06-30", 50.0),
        ("target-0", "2018-03-31", 50.0),
        ("target-1", "2018-03-31", 55.0),
        ("target-1", "2021-03-31", 55.0),
    ]
    placed = {
        row["label"]: row["side"]
        for layer in text_layers(spec)
        for row in layer_rows(spec, layer)
        if "label" in row
    }
    assert placed == {"Target 2017/18: 50.0%": "above", "Target 2020/21: 55.0%": "beyond"}


def test_the_benchmark_is_a_thin_black_dotted_line_in_the_legend(quarterly):
    spec = spec_of(quarterly)
    layer = reference_layer(spec)
    assert legend_styles(layer, "stroke")["England"] == BLACK
    assert legend_styles(layer, "strokeDash")["England"] == [2, 2]
    assert legend_styles(layer, "strokeWidth")["England"] < 1.5
    england = [row for row in layer_rows(spec, layer) if row["line"] == "England"]
    assert len(england) == 24
    assert layer["encoding"]["stroke"]["legend"]["title"] == "Lines"


def test_each_rebase_is_a_vertical_rule_with_its_reason(quarterly):
    spec = spec_of(quarterly)
    (rule,) = layers_with_mark(spec, "rule")
    assert set(rule["encoding"]) == {"x"}
    (note,) = layer_rows(spec, rule)
    # halfway between 2016/17 Q4 (31 March 2017) and 2017/18 Q1 (30 June 2017)
    assert note["date"] == "2017-05-15"
    assert " ".join(note["reason"]) == f"Limits recalculated: {REBASE_REASON}"
    reason_layers = [
        layer for layer in text_layers(spec) if layer["encoding"]["text"]["field"] == "reason"
    ]
    assert reason_layers


def test_trial_limits_are_noted_in_the_subtitle():
    assert TRIAL_NOTE not in spec_of(quarterly_chart_data(trial=False))["title"]["subtitle"]
    assert spec_of(quarterly_chart_data(trial=True))["title"]["subtitle"] == [
        "Portsmouth, 2015/16 Q1 to 2020/21 Q4",
        TRIAL_NOTE,
    ]


def test_title_and_description_make_the_chart_accessible(quarterly):
    spec = spec_of(quarterly)
    assert spec["title"]["text"] == quarterly.title
    assert spec["description"] == text_alternative(quarterly)


def _font_sizes(node: Any) -> list[float]:
    if isinstance(node, dict):
        return [
            size
            for key, value in node.items()
            for size in ([value] if key.lower().endswith("fontsize") else _font_sizes(value))
        ]
    if isinstance(node, list):
        return [size for item in node for size in _font_sizes(item)]
    return []


def test_no_text_is_smaller_than_12px(quarterly):
    sizes = _font_sizes(spec_of(quarterly))
    assert sizes
    assert min(sizes) >= TEXT_SIZE


def test_the_x_axis_names_periods_and_always_labels_the_latest(quarterly):
    spec = spec_of(quarterly)
    axis = value_line_layer(spec)["encoding"]["x"]["axis"]
    assert "2020/21 Q4" in axis["labelExpr"]
    assert "2019/20 Q4" in axis["labelExpr"]
    assert "2019/20 Q3" not in axis["labelExpr"]  # one label a year for a quarterly series
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "utc"


def test_a_series_without_spc_is_a_plain_line_with_grey_points():
    observations = tuple(
        Observation(month(2020, m).label, month(2020, m).end, float(m)) for m in range(1, 7)
    )
    spec = spec_of(IndicatorChartData("Contacts", "Portsmouth", "Number", observations))
    assert not layers_with_mark(spec, "rule")
    (points,) = layers_with_mark(spec, "point")
    assert points["encoding"]["fill"] == {"value": GREY}
    assert "shape" not in points["encoding"]
    assert len(layers_with_mark(spec, "line")) == 1


def test_the_spec_is_the_same_every_time():
    first = json.dumps(spec_of(quarterly_chart_data()), sort_keys=True)
    assert json.dumps(spec_of(quarterly_chart_data()), sort_keys=True) == first


def test_a_hollow_cross_marks_a_point_the_spc_could_not_judge(quarterly):
    spc = (SpcMarks(), *quarterly.spc[1:])
    (points,) = layers_with_mark(spec_of(replace(quarterly, spc=spc)), "point")
    assert legend_styles(points, "shape")["Not judged"] == "cross"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"spc": (SpcMarks(),)}, "the SPC overlay has 1 points but the series has 24 periods"),
        ({"observations": ()}, "needs at least one period"),
        ({"title": " "}, "needs a title"),
    ],
)
def test_inconsistent_inputs_are_refused_with_a_reason(quarterly, change, message):
    with pytest.raises(ValueError, match=message):
        replace(quarterly, **change)


def test_periods_out_of_order_are_refused(quarterly):
    swapped = (quarterly.observations[1], quarterly.observations[0], *quarterly.observations[2:])
    with pytest.raises(ValueError, match="must be in time order"):
        replace(quarterly, observations=swapped)
