"""The look every trustplan chart shares: GOV.UK colours, Making Data Count conventions, text sizes.

Colours are the GOV.UK Design System palette, so charts sit with the pages around them. Each
point judgement pairs its colour with a shape and a legend label, because colour must never be the
only cue (WCAG 2.2, 1.4.1), and every point is outlined in GOV.UK black: GOV.UK orange has only
2.8:1 contrast with white, below the 3:1 that graphics need (1.4.11), and the outline carries the
shape's edge for every colour alike. Text is at least 12px and drawn in black or dark grey.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from trustplan.stats.spc import PointType

BLUE: Final = "#1d70b8"
ORANGE: Final = "#f47738"
PURPLE: Final = "#4c2c92"
GREY: Final = "#505a5f"
BLACK: Final = "#0b0c0c"
GREEN: Final = "#00703c"
WHITE: Final = "#ffffff"
GRIDLINE: Final = "#e5e6e7"
"""Gridlines are decoration, not information, so they are kept faint on purpose."""

FONT: Final = "Arial, Helvetica, sans-serif"
"""GOV.UK's own fallback stack: GDS Transport may only be used on gov.uk, and the renderer must
find the font locally (it never fetches one)."""

TEXT_SIZE: Final = 12
"""The smallest text on any chart, in pixels."""


@dataclass(frozen=True)
class PointStyle:
    """How a point with one judgement is drawn, and what the legend calls it."""

    label: str
    fill: str
    shape: str


POINT_STYLES: Final[dict[PointType | None, PointStyle]] = {
    PointType.COMMON_CAUSE: PointStyle("Common cause variation", GREY, "circle"),
    PointType.SPECIAL_CAUSE_IMPROVEMENT: PointStyle("Special cause: improvement", BLUE, "square"),
    PointType.SPECIAL_CAUSE_CONCERN: PointStyle("Special cause: concern", ORANGE, "diamond"),
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: PointStyle(
        "Special cause: higher (neutral)", PURPLE, "triangle-up"
    ),
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: PointStyle(
        "Special cause: lower (neutral)", PURPLE, "triangle-down"
    ),
    None: PointStyle("Not judged", WHITE, "cross"),
}
"""Making Data Count colours (grey common cause, blue improvement, orange concern, purple
neutral) with a distinct shape each; a point the SPC could not judge is a hollow cross."""


class LineRole(StrEnum):
    """The reference lines drawn over the data, each with its own stroke."""

    MEAN = "Mean"
    PROCESS_LIMITS = "Process limits"
    NEAR_LIMITS = "Near limits (2 sigma)"
    TARGET = "Target"
    BENCHMARK = "Benchmark"


@dataclass(frozen=True)
class LineStyle:
    """A reference line's stroke: colour, dash pattern (empty for solid) and width."""

    colour: str
    dash: tuple[int, ...]
    width: float


LINE_STYLES: Final[dict[LineRole, LineStyle]] = {
    LineRole.MEAN: LineStyle(BLACK, (), 1.5),
    LineRole.PROCESS_LIMITS: LineStyle(GREY, (6, 4), 1.5),
    LineRole.NEAR_LIMITS: LineStyle(GREY, (1, 3), 1),
    LineRole.TARGET: LineStyle(GREEN, (12, 3, 2, 3), 2.5),
    LineRole.BENCHMARK: LineStyle(BLACK, (2, 2), 1.25),
}
"""Making Data Count draws a solid mean and dashed process limits; the target (thick green
dash-dot) and the benchmark (thin black dots) are drawn so that no two lines look alike even in
greyscale print."""

DATA_LINE: Final = LineStyle(GREY, (), 2)


def chart_config() -> dict[str, Any]:
    """The Vega-Lite ``config`` for every trustplan chart: fonts, sizes and quiet axes.

    It travels inside the spec, so the browser draws the same chart as the offline renderer.
    """
    return {
        "font": FONT,
        "background": WHITE,
        "view": {"stroke": None},
        "title": {
            "anchor": "start",
            "fontSize": 16,
            "fontWeight": "bold",
            "color": BLACK,
            "subtitleFontSize": 14,
            "subtitleColor": GREY,
            "subtitlePadding": 4,
            "offset": 12,
        },
        "axis": {
            "labelFontSize": TEXT_SIZE,
            "labelColor": BLACK,
            "titleFontSize": 13,
            "titleFontWeight": "normal",
            "titleColor": BLACK,
            "domainColor": GREY,
            "tickColor": GREY,
            "gridColor": GRIDLINE,
        },
        "axisX": {"grid": False, "labelAngle": 0},
        "legend": {
            "labelFontSize": TEXT_SIZE,
            "labelColor": BLACK,
            "titleFontSize": TEXT_SIZE,
            "titleColor": BLACK,
            "symbolStrokeWidth": 2,
            "labelLimit": 0,
        },
        "text": {"fontSize": TEXT_SIZE, "color": BLACK},
    }
