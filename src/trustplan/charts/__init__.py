"""Charts: declared once with Vega-Altair, rendered offline to SVG and PNG, or live in a browser.

A pure core with no Django: plain inputs (:mod:`trustplan.charts.inputs`) in, an Altair chart
out, then :func:`to_svg`, :func:`to_png` or :func:`to_vega_lite_json`. Rendering never touches the
network, and the same input always gives byte-for-byte the same SVG, so board packs rebuilt from
a frozen snapshot come out identical.
"""

from trustplan.charts.indicator import indicator_chart
from trustplan.charts.inputs import (
    Benchmark,
    IndicatorChartData,
    Observation,
    RebaseNote,
    SpcMarks,
    Target,
    ValueFormat,
    rebase_notes,
    spc_marks,
)
from trustplan.charts.render import to_png, to_svg, to_vega_lite_json
from trustplan.charts.sparkline import sparkline
from trustplan.charts.text import text_alternative

__all__ = [
    "Benchmark",
    "IndicatorChartData",
    "Observation",
    "RebaseNote",
    "SpcMarks",
    "Target",
    "ValueFormat",
    "indicator_chart",
    "rebase_notes",
    "sparkline",
    "spc_marks",
    "text_alternative",
    "to_png",
    "to_svg",
    "to_vega_lite_json",
]
