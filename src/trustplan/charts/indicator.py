"""An indicator's SPC chart for one area, declared once as Vega-Lite through Altair.

The chart follows NHS England's Making Data Count conventions: a grey line of the values with
each point coloured and shaped by its SPC judgement, a solid mean and dashed process limits per
segment, a vertical line with the analyst's reason wherever the limits were recalculated, and
"Trial limits" in the subtitle while the limits rest on too few points. Targets and a benchmark
(England, say) are drawn in styles no other line shares, each named in the legend, and a target
also carries its label on the chart.

Missing periods are left out of the data and break the line, so a gap is a gap, never a zero.
The same spec renders offline to SVG/PNG for documents and in the browser for the web pages.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any, Final

import altair as alt

from trustplan.charts._timeline import (
    TimeDomain,
    iso,
    observed_points,
    period_axis,
    time_domain,
)
from trustplan.charts.inputs import IndicatorChartData, SpcMarks, Target
from trustplan.charts.style import (
    BLACK,
    DATA_LINE,
    GREEN,
    LINE_STYLES,
    POINT_STYLES,
    TEXT_SIZE,
    WHITE,
    LineRole,
    chart_config,
)
from trustplan.charts.text import text_alternative

__all__ = ["TRIAL_NOTE", "indicator_chart"]

WIDTH: Final = 640
HEIGHT: Final = 300
POINT_SIZE: Final = 64
MIN_POINT_SIZE: Final = 30
"""Points shrink for long series so neighbours do not overlap, but never below this area (px²),
where the shapes that tell judgements apart stop being distinguishable."""
LINE_SYMBOL_SIZE: Final = 484
"""A legend line 22px long (the square root of the size), long enough to show a whole dash-dot
repeat, so the target's pattern in the legend matches the chart."""
REBASE_WRAP: Final = 32
"""Characters per line of a rebase reason, so the note stays narrow beside its line."""
PLOT_PADDING: Final = 8
"""Pixels kept clear inside the plot's edges, so no point sits on an axis line."""
LINE_HEIGHT: Final = TEXT_SIZE + 3
TRIAL_NOTE: Final = "Trial limits: based on too few points to rely on yet"

_LIMIT_LINES: Final = (
    ("mean", LineRole.MEAN),
    ("upper_limit", LineRole.PROCESS_LIMITS),
    ("lower_limit", LineRole.PROCESS_LIMITS),
    ("upper_near_limit", LineRole.NEAR_LIMITS),
    ("lower_near_limit", LineRole.NEAR_LIMITS),
)


def _keyed(
    field: str,
    domain: Sequence[str],
    ranges: dict[str, list[Any]],
    *,
    title: str,
    symbol_size: int,
) -> dict[str, dict[str, Any]]:
    """Encoding channels (``ranges``: channel name → one value per domain entry) all keyed on
    one field with one fixed domain, so Vega-Lite draws a single legend that pairs each name
    with all its visual cues (colour and dash, or colour and shape).

    The domain lists only what the chart shows, in a fixed order, so the legend never offers a
    line or judgement that is not there and the output is the same on every run.
    """
    legend = {
        "title": title,
        "orient": "bottom",
        "direction": "vertical",
        "symbolSize": symbol_size,
    }
    return {
        channel: {
            "field": field,
            "type": "nominal",
            "sort": list(domain),
            "scale": {"domain": list(domain), "range": values},
            "legend": legend,
        }
        for channel, values in ranges.items()
    }


def _line_legend(data: IndicatorChartData, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The stroke colour, dash and width of each kind of reference line in ``rows``."""
    drawn = {row["line"] for row in rows}
    roles = [role for role in LineRole if _line_name(data, role) in drawn]
    styles = [LINE_STYLES[role] for role in roles]
    return _keyed(
        "line",
        [_line_name(data, role) for role in roles],
        {
            "stroke": [s.colour for s in styles],
            "strokeDash": [list(s.dash) for s in styles],
            "strokeWidth": [s.width for s in styles],
        },
        title="Lines",
        symbol_size=LINE_SYMBOL_SIZE,
    )


def _line_name(data: IndicatorChartData, role: LineRole) -> str:
    if role is LineRole.BENCHMARK and data.benchmark is not None:
        return data.benchmark.name
    return role.value


def _limits_key(marks: SpcMarks) -> tuple[float | None, ...]:
    return tuple(getattr(marks, attribute) for attribute, _ in _LIMIT_LINES)


def _limit_rows(data: IndicatorChartData) -> Iterator[dict[str, Any]]:
    """The mean and limit lines, one path per line per segment of unchanged limits.

    Limits run through missing periods (they describe the process, not one value) and break
    where a rebase changes them, so each segment's lines stand alone.
    """
    if not data.spc:
        return
    segment = 0
    previous: tuple[float | None, ...] | None = None
    for observation, marks in zip(data.observations, data.spc, strict=True):
        key = _limits_key(marks)
        if previous is not None and key != previous:
            segment += 1
        previous = key
        for attribute, role in _LIMIT_LINES:
            value = getattr(marks, attribute)
            if value is not None:
                yield {
                    "date": iso(observation.end),
                    "value": value,
                    "line": role.value,
                    "path": f"{segment}-{attribute}",
                }


def _targets_by_due(data: IndicatorChartData) -> Iterator[tuple[Target, dt.date]]:
    """Each target with the day its line starts: the previous target's due date, or the first
    period, so that successive targets (March 2012, 2013, 2014) read as steps."""
    start = data.observations[0].end
    for target in sorted(data.targets, key=lambda t: t.due):
        yield target, min(start, target.due)
        start = target.due


def _target_rows(data: IndicatorChartData) -> Iterator[dict[str, Any]]:
    for number, (target, start) in enumerate(_targets_by_due(data)):
        for day in (start, target.due):
            yield {
                "date": iso(day),
                "value": target.value,
                "line": LineRole.TARGET.value,
                "path": f"target-{number}",
            }


def _benchmark_rows(data: IndicatorChartData) -> Iterator[dict[str, Any]]:
    """The benchmark as one path per unbroken run, so its gaps are gaps too."""
    if data.benchmark is None:
        return
    for point in observed_points(data.benchmark.observations):
        yield {
            "date": iso(point.observation.end),
            "value": point.value,
            "line": data.benchmark.name,
            "path": f"benchmark-{point.run}",
        }


def _point_rows(data: IndicatorChartData) -> list[dict[str, Any]]:
    """One row per period with a value; missing periods have no row at all."""
    point_types = [m.point_type for m in data.spc] or [None] * len(data.observations)
    judgement = {
        o.end: POINT_STYLES[t].label for o, t in zip(data.observations, point_types, strict=True)
    }
    return [
        {
            "date": iso(point.observation.end),
            "period": point.observation.label,
            "value": point.value,
            "shown": data.value_format(point.value),
            "judgement": judgement[point.observation.end],
            "run": point.run,
        }
        for point in observed_points(data.observations)
    ]


def _rebase_rows(data: IndicatorChartData, domain: TimeDomain) -> list[dict[str, Any]]:
    """Each rebase with its reason wrapped into short lines, and the side to write it on:
    right of its line, or left when the line is in the last third of the chart, so that the
    note is not cut off at the edge."""
    return [
        {
            "date": iso(note.date),
            "reason": textwrap.wrap(f"Limits recalculated: {note.reason.strip()}", REBASE_WRAP),
            "side": "left" if domain.fraction(note.date) > 2 / 3 else "right",
        }
        for note in data.rebases
    ]


def _y_scale(
    values: Sequence[float], rebase_rows: Sequence[dict[str, Any]], height: int
) -> alt.Scale:
    """A value scale that need not start at zero (SPC is about variation), raised where needed
    so the rebase notes across the top of the plot have a clear band to sit in."""
    if not rebase_rows or not values:
        return alt.Scale(zero=False, nice=True, padding=PLOT_PADDING)
    low, high = min(values), max(values)
    spread = (high - low) or abs(high) or 1.0
    band = max(len(row["reason"]) for row in rebase_rows) * LINE_HEIGHT + 8
    return alt.Scale(
        zero=False,
        nice=True,
        padding=PLOT_PADDING,
        domainMax=high + spread * band / (height - band),
    )


def _point_size(periods: int, width: int) -> float:
    """The area of a point: as large as the spacing between periods allows, within limits."""
    spacing = width / periods
    return max(MIN_POINT_SIZE, min(POINT_SIZE, round(spacing * spacing)))


def _point_layers(
    rows: list[dict[str, Any]], judged: bool, size: float, x: alt.X, y: alt.Y
) -> list[alt.Chart]:
    """The values as a grey line, broken at gaps, with each point drawn by its judgement."""
    values = alt.InlineData(values=rows)
    line = (
        alt.Chart(values)
        .mark_line(color=DATA_LINE.colour, strokeWidth=DATA_LINE.width)
        .encode(x=x, y=y, detail="run:N")
    )
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("shown:N", title="Value")]
    points = alt.Chart(values).mark_point(
        filled=True, size=size, opacity=1, stroke=BLACK, strokeWidth=1
    )
    if not judged:
        return [line, points.encode(x=x, y=y, fill=alt.value(DATA_LINE.colour), tooltip=tooltip)]
    present = {row["judgement"] for row in rows}
    styles = [style for style in POINT_STYLES.values() if style.label in present]
    encoding = _keyed(
        "judgement",
        [s.label for s in styles],
        {"fill": [s.fill for s in styles], "shape": [s.shape for s in styles]},
        title="Points",
        symbol_size=POINT_SIZE,
    )
    tooltip.append(alt.Tooltip("judgement:N", title="SPC"))
    return [line, points.encode(x=x, y=y, tooltip=tooltip, **encoding)]


def _haloed_text(
    base: alt.Chart, mark: dict[str, Any], encoding: dict[str, Any]
) -> list[alt.Chart]:
    """Text drawn twice: first as a thick white outline, then itself on top, so a label stays
    legible where it crosses the data or a line (SVG text has no background of its own)."""
    halo = {**mark, "color": WHITE, "stroke": WHITE, "strokeWidth": 4, "strokeJoin": "round"}
    return [
        base.mark_text(**halo).encode(**encoding),
        base.mark_text(**mark).encode(**encoding),
    ]


def _placed_labels(
    rows: list[dict[str, Any]], placements: dict[str, dict[str, Any]], encoding: dict[str, Any]
) -> list[alt.Chart]:
    """Haloed text for ``rows``, each row drawn with the mark settings of its ``side``."""
    base = alt.Chart(alt.InlineData(values=rows))
    layers: list[alt.Chart] = []
    for side, mark in placements.items():
        if any(row["side"] == side for row in rows):
            layers.extend(
                _haloed_text(base.transform_filter(alt.datum.side == side), mark, encoding)
            )
    return layers


_TARGET_LABEL: Final = {"color": GREEN, "fontWeight": "bold"}
_TARGET_PLACEMENTS: Final = {
    "beyond": {**_TARGET_LABEL, "align": "left", "baseline": "middle", "dx": 6},
    "above": {**_TARGET_LABEL, "align": "right", "baseline": "bottom", "dy": -5},
}
_REBASE_NOTE: Final = {"baseline": "top", "dy": 4, "lineHeight": LINE_HEIGHT}
_REBASE_PLACEMENTS: Final = {
    "right": {**_REBASE_NOTE, "align": "left", "dx": 5},
    "left": {**_REBASE_NOTE, "align": "right", "dx": -5},
}


def _target_label_layers(data: IndicatorChartData, x: alt.X, y: alt.Y) -> list[alt.Chart]:
    """Each target's label and value at the right-hand end of its line.

    A target due at or after the latest period is labelled beyond the end of its line, in the
    margin, so its label never hides the latest values; an earlier one above its line's end.
    """
    latest = data.observations[-1].end
    labels = [
        {
            "date": iso(target.due),
            "value": target.value,
            "label": f"{target.name}: {data.value_format(target.value)}",
            "side": "beyond" if target.due >= latest else "above",
        }
        for target, _ in _targets_by_due(data)
    ]
    return _placed_labels(labels, _TARGET_PLACEMENTS, {"x": x, "y": y, "text": "label:N"})


def _rebase_rule_layer(rows: list[dict[str, Any]], x: alt.X) -> alt.Chart:
    """A vertical line at each recalculation of the limits, drawn behind the data."""
    rule: alt.Chart = (
        alt.Chart(alt.InlineData(values=rows)).mark_rule(color=BLACK, strokeWidth=1.5).encode(x=x)
    )
    return rule


def _rebase_note_layers(rows: list[dict[str, Any]], x: alt.X) -> list[alt.Chart]:
    """Each rebase's reason, beside the top of its line, on the side chosen in the rows."""
    return _placed_labels(rows, _REBASE_PLACEMENTS, {"x": x, "y": alt.value(0), "text": "reason:N"})


def indicator_chart(
    data: IndicatorChartData, *, width: int = WIDTH, height: int = HEIGHT
) -> alt.LayerChart:
    """The SPC chart of one indicator for one area, with its text alternative as description.

    ``width`` and ``height`` are the plot area's size in pixels; the legends sit underneath so
    the chart keeps its width in a portrait document.
    """
    domain = time_domain(
        [o.end for o in data.observations],
        [
            *(t.due for t in data.targets),
            *(n.date for n in data.rebases),
            *(o.end for o in (data.benchmark.observations if data.benchmark else ())),
        ],
    )
    points = _point_rows(data)
    references = [*_limit_rows(data), *_target_rows(data), *_benchmark_rows(data)]
    rebases = _rebase_rows(data, domain)

    x = alt.X("date:T", scale=domain.scale(), axis=period_axis(data.observations, width))
    y_axis: dict[str, Any] = {"title": data.unit, "tickCount": 6}
    if data.value_format.suffix:
        y_axis["labelExpr"] = f"datum.label + {json.dumps(data.value_format.suffix)}"
    y_values = [row["value"] for row in (*points, *references)]
    y = alt.Y("value:Q", scale=_y_scale(y_values, rebases, height), axis=y_axis)

    # Drawn in this order: lines behind the data, the data, then every label on top.
    layers: list[alt.Chart] = []
    if references:
        layers.append(
            alt.Chart(alt.InlineData(values=references))
            .mark_line()
            .encode(x=x, y=y, detail="path:N", **_line_legend(data, references))
        )
    if rebases:
        layers.append(_rebase_rule_layer(rebases, x))
    size = _point_size(len(data.observations), width)
    layers.extend(_point_layers(points, bool(data.spc), size, x, y))
    if data.targets:
        layers.extend(_target_label_layers(data, x, y))
    if rebases:
        layers.extend(_rebase_note_layers(rebases, x))

    subtitle = [f"{data.area}, {data.period_span}"]
    if data.trial:
        subtitle.append(TRIAL_NOTE)
    chart: alt.LayerChart = (
        alt.layer(*layers)
        .properties(
            width=width,
            height=height,
            title=alt.TitleParams(text=data.title, subtitle=subtitle),
            description=text_alternative(data),
        )
        .configure(**chart_config())
    )
    return chart
