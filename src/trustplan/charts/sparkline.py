"""A sparkline: the latest values of a series as a word-sized line, for KPI tables and board packs.

It has no axes, title or legend (the table around it names the indicator and gives the numbers),
so its meaning travels in its ``description``: the same first, latest, highest and lowest values
the indicator chart's text alternative gives. The latest value is a larger black dot, the one
place the eye should land, and missing periods break the line as on the full chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import altair as alt

from trustplan.charts._timeline import iso, observed_points, time_domain
from trustplan.charts.inputs import Observation, ValueFormat
from trustplan.charts.style import BLACK, DATA_LINE, chart_config
from trustplan.charts.text import series_summary

__all__ = ["sparkline"]

WIDTH: Final = 120
HEIGHT: Final = 32
DEFAULT_COUNT: Final = 12
INSET: Final = 4
"""Pixels kept clear at each edge so the latest point's dot is not clipped."""


def sparkline(
    observations: Sequence[Observation],
    *,
    label: str,
    count: int = DEFAULT_COUNT,
    value_format: ValueFormat | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.LayerChart:
    """The latest ``count`` periods of ``observations`` (in time order) as a sparkline.

    ``label`` names the indicator in the description that screen readers announce. The chart is
    exactly ``width`` × ``height`` pixels, padding included, so it fits a table cell.

    Raises:
        ValueError: for a count below 2 or a series with no periods.
    """
    if count < 2:
        raise ValueError(f"a sparkline needs at least 2 periods; got count={count}")
    latest = list(observations[-count:])
    if not latest:
        raise ValueError(f"{label}: a sparkline needs at least one period")
    fmt = value_format or ValueFormat()
    rows = [
        {"date": iso(p.observation.end), "value": p.value, "run": p.run}
        for p in observed_points(latest)
    ]
    x = alt.X("date:T", axis=None, scale=time_domain([o.end for o in latest]).scale())
    y = alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False, padding=INSET))
    values = alt.InlineData(values=rows)
    layers = [
        alt.Chart(values)
        .mark_line(color=DATA_LINE.colour, strokeWidth=1.5)
        .encode(x=x, y=y, detail="run:N"),
        alt.Chart(alt.InlineData(values=rows[-1:]))
        .mark_point(filled=True, size=30, color=BLACK, opacity=1)
        .encode(x=x, y=y),
    ]
    chart: alt.LayerChart = (
        alt.layer(*layers)
        .properties(
            width=width,
            height=height,
            padding=0,
            autosize=alt.AutoSizeParams(type="fit", contains="padding"),
            description=f"{label}, the latest {series_summary(latest, fmt)}",
        )
        .configure(**chart_config())
    )
    return chart
