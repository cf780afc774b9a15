"""Hotspot charts in the house style: rates by locality with their confidence intervals, and a
map of the localities shaded by rate. Declared with Altair, rendered by ``trustplan.charts``.

Every figure on them is a published one (:mod:`trustplan.hubcore.hotspots`): a withheld rate is
drawn as ``[c]``, never as a bar or a shade, and a locality with no families as "no families".
Colour is never the only cue (WCAG 2.2, 1.4.1): every locality on the map carries its rate as
text, in black on a shade light enough for it (at least 4.5:1).

The map draws a GeoJSON FeatureCollection of the localities' outlines (``read_outlines``) with an
identity projection: the coordinates are drawn as they are, on a flat plane. That suits the
synthetic city's made-up plane and British National Grid eastings and northings; longitude and
latitude would come out stretched east to west.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from itertools import pairwise
from typing import Any, Final

import altair as alt

from trustplan.charts.style import BLACK, BLUE, GREY, TEXT_SIZE, chart_config
from trustplan.charts.text import long_date
from trustplan.disclosure import MARKER, Rate, Suppressed
from trustplan.hubcore.hotspots import NOT_KNOWN, PER, HotspotRow, Hotspots, RuleHotspots

WIDTH: Final = 640
BAR_HEIGHT: Final = 26
MAP_SIZE: Final = 560
SHADES: Final = ("#f3f8fc", "#5694ca")
"""Lightest to darkest rate: GOV.UK light blue at most, so black text keeps 4.5:1 on it."""
NO_RATE: Final = "#f3f2f1"
"""GOV.UK light grey: a locality whose rate is withheld, or which has no families."""

Geometry = dict[str, Any]


def read_outlines(text: str, name_property: str = "locality") -> dict[str, Geometry]:
    """The localities' outlines in a GeoJSON FeatureCollection: each feature's
    ``properties[name_property]`` to its Polygon or MultiPolygon geometry.

    ``ValueError`` naming the first problem: not JSON, not a FeatureCollection, a feature without
    the name or with another kind of geometry, a name used twice."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON (line {error.lineno})") from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    outlines: dict[str, Geometry] = {}
    for number, feature in enumerate(document.get("features") or [], start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        name = properties.get(name_property) if isinstance(properties, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"feature {number} has no {name_property!r} property")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            raise ValueError(f"feature {number} ({name}) is not a Polygon or MultiPolygon")
        if name.strip() in outlines:
            raise ValueError(f"{name} has two outlines")
        outlines[name.strip()] = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    if not outlines:
        raise ValueError("the FeatureCollection has no features")
    return outlines


def _label(row: HotspotRow) -> str:
    if row.rate is None:
        return "no families"
    return row.rate.text


def _subtitle(found: Hotspots) -> str:
    return (
        f"Families meeting it per {PER:,} families, as at {long_date(found.as_at)}. "
        f"{MARKER}: withheld to protect confidentiality."
    )


def describe(rule: RuleHotspots) -> str:
    """The chart's text alternative: the highest and lowest shown rates, the partnership's, and
    how many localities are withheld."""
    shown = [(row.locality, row.rate) for row in rule.rows if isinstance(row.rate, Rate)]
    withheld = sum(1 for row in rule.rows if isinstance(row.rate, Suppressed))
    parts = [f"Families meeting {rule.title} per {PER:,} families, by locality."]
    if shown:
        high = max(shown, key=lambda item: item[1].value)
        low = min(shown, key=lambda item: item[1].value)
        parts.append(f"Highest: {high[0]}, {high[1].text}. Lowest: {low[0]}, {low[1].text}.")
    if isinstance(rule.partnership.rate, Rate):
        parts.append(f"All localities: {rule.partnership.rate.text}.")
    if withheld:
        parts.append(f"{withheld} withheld ({MARKER}).")
    return " ".join(parts)


def rate_chart(found: Hotspots, key: str) -> alt.LayerChart:
    """Horizontal bars of each locality's rate, its 95% confidence interval as a black line,
    the rate as text, and the partnership's rate as a dashed line."""
    rule = found.rule(key)
    rows = [
        {
            "locality": row.locality,
            "rate": row.rate.value if isinstance(row.rate, Rate) else None,
            "lower": row.rate.lower if isinstance(row.rate, Rate) else None,
            "upper": row.rate.upper if isinstance(row.rate, Rate) else None,
            "label": _label(row),
            "at": row.rate.upper if isinstance(row.rate, Rate) else 0,
        }
        for row in rule.rows
    ]
    order = [row.locality for row in rule.rows]
    y = alt.Y("locality:N", sort=order, title=None)
    base = alt.Chart(alt.InlineData(values=rows)).encode(y=y)
    bars = base.mark_bar(color=BLUE, height=BAR_HEIGHT * 0.6).encode(
        x=alt.X("rate:Q", title=f"Per {PER:,} families (95% confidence interval)")
    )
    intervals = base.mark_rule(color=BLACK, strokeWidth=1.5).encode(x="lower:Q", x2="upper:Q")
    labels = base.mark_text(align="left", dx=4, fontSize=TEXT_SIZE, color=BLACK).encode(
        x="at:Q", text="label:N"
    )
    layers: list[Any] = [bars, intervals, labels]
    if isinstance(rule.partnership.rate, Rate):
        overall = alt.Chart(alt.InlineData(values=[{"rate": rule.partnership.rate.value}]))
        layers.append(
            overall.mark_rule(color=GREY, strokeDash=[6, 4], strokeWidth=1.5).encode(x="rate:Q")
        )
    chart: alt.LayerChart = (
        alt.layer(*layers)
        .properties(
            width=WIDTH,
            height=BAR_HEIGHT * len(rows),
            title=alt.TitleParams(text=rule.title, subtitle=_subtitle(found)),
            description=describe(rule),
        )
        .configure(**chart_config())
    )
    return chart


def _centre(geometry: Geometry) -> tuple[float, float]:
    """The centroid of the outline's largest polygon's outer ring (shoelace formula)."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    best: tuple[float, float, float] = (0.0, 0.0, 0.0)
    for polygon in polygons:
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in pairwise(ring):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area and abs(area) > abs(best[2]):
            best = (cx / (3 * area), cy / (3 * area), area)
    if best[2] == 0.0:
        first = polygons[0][0][0]
        return (float(first[0]), float(first[1]))
    return (best[0], best[1])


def rate_map(found: Hotspots, key: str, outlines: Mapping[str, Geometry]) -> alt.LayerChart:
    """The localities shaded by rate, each labelled with its name and rate. Localities with no
    outline are left off the map (the table still lists them)."""
    rule = found.rule(key)
    rows = [row for row in rule.rows if row.locality in outlines]
    features = [
        {
            "type": "Feature",
            "properties": {
                "locality": row.locality,
                "rate": row.rate.value if isinstance(row.rate, Rate) else None,
            },
            "geometry": outlines[row.locality],
        }
        for row in rows
    ]
    shapes = alt.Chart(alt.InlineData(values=features)).project(type="identity", reflectY=True)
    every = shapes.mark_geoshape(fill=NO_RATE, stroke=BLACK, strokeWidth=1)
    shaded = (
        shapes.mark_geoshape(stroke=BLACK, strokeWidth=1)
        .encode(
            color=alt.Color(
                "properties.rate:Q",
                scale=alt.Scale(range=list(SHADES), zero=True),
                title=f"Per {PER:,} families",
            )
        )
        .transform_filter("isValid(datum.properties.rate)")
    )
    names = [_place(row, outlines[row.locality]) for row in rows]
    text = alt.Chart(alt.InlineData(values=names)).project(type="identity", reflectY=True)
    label = text.mark_text(fontSize=TEXT_SIZE, color=BLACK, dy=-7, fontWeight="bold").encode(
        longitude="x:Q", latitude="y:Q", text="locality:N"
    )
    value = text.mark_text(fontSize=TEXT_SIZE, color=BLACK, dy=8).encode(
        longitude="x:Q", latitude="y:Q", text="label:N"
    )
    chart: alt.LayerChart = (
        alt.layer(every, shaded, label, value)
        .properties(
            width=MAP_SIZE,
            height=MAP_SIZE,
            title=alt.TitleParams(text=f"{rule.title}: map", subtitle=_subtitle(found)),
            description=describe(rule),
        )
        .configure(**chart_config())
    )
    return chart


def _place(row: HotspotRow, geometry: Geometry) -> dict[str, object]:
    x, y = _centre(geometry)
    return {"locality": row.locality, "label": _label(row), "x": x, "y": y}


def missing_outlines(found: Hotspots, outlines: Mapping[str, Geometry]) -> list[str]:
    """The localities (not "Locality not known") that have no outline, in the table's order."""
    rows = found.rules[0].rows if found.rules else ()
    return [r.locality for r in rows if r.locality not in outlines and r.locality != NOT_KNOWN]
