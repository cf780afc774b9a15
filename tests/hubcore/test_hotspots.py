"""Hotspots: counts, rates and their intervals by locality, suppressed together across rule
sets; the CSV rows; the bar chart and the map; and the synthetic city's localities' outlines."""

from __future__ import annotations

import csv
import json
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from trustplan.charts import to_svg, to_vega_lite_json
from trustplan.disclosure import Rate, Reason, Shown, Suppressed
from trustplan.hubcore.hotspot_charts import (
    describe,
    missing_outlines,
    rate_chart,
    rate_map,
    read_outlines,
)
from trustplan.hubcore.hotspots import (
    CSV_HEADER,
    NOT_KNOWN,
    PARTNERSHIP,
    LocalityCount,
    csv_rows,
    hotspots,
)
from trustplan.hubcore.rules import evaluate, facts_from_city, shipped_rule_sets
from trustplan.hubcore.synth import write_city
from trustplan.hubcore.synth.places import LOCALITIES

AS_AT = date(2024, 3, 31)
RULES = {"tf": "Troubled Families", "ac": "Accumulating concerns"}
COUNTS = [
    LocalityCount("Northmoor", 400, {"tf": 40, "ac": 3}),
    LocalityCount("Eastwick", 300, {"tf": 15, "ac": 6}),
    LocalityCount("Southdown", 250, {"tf": 10, "ac": 5}),
    LocalityCount("Westerly", 0, {}),
]


def test_counts_rates_and_intervals_by_locality() -> None:
    found = hotspots(COUNTS, RULES, AS_AT)
    tf = found.rule("tf")
    assert [row.locality for row in tf.rows] == ["Northmoor", "Eastwick", "Southdown", "Westerly"]
    north = tf.rows[0]
    assert (north.families, north.meeting) == (Shown(400), Shown(40))
    assert isinstance(north.rate, Rate)
    assert north.rate.text == "100.0"
    # Wilson 95% for 40 of 400, by hand with z = 1.959964: (80 + 3.8415 ∓ 1.959964 ×
    # √(3.8415 + 144)) / (2 × 403.8415) = 0.07430 and 0.13331, per 1,000 74.3 and 133.3.
    assert north.rate.interval == "74.3 to 133.3"
    assert tf.partnership.locality == PARTNERSHIP
    assert (tf.partnership.families, tf.partnership.meeting) == (Shown(950), Shown(65))
    assert tf.rows[3].rate is None  # no families, no rate


def test_a_small_count_is_withheld_with_its_cover_and_its_rate() -> None:
    found = hotspots(COUNTS, RULES, AS_AT)
    ac = found.rule("ac")
    north, east, south, _ = ac.rows
    assert north.meeting == Suppressed(Reason.PRIMARY)
    assert north.rate == Suppressed(Reason.PRIMARY)
    # Column "meets" needs a second withheld count: the smallest other above zero, Southdown's 5.
    assert south.meeting == Suppressed(Reason.SECONDARY)
    assert east.meeting == Shown(6)
    # The localities' families are one figure in both rule sets, and stay shown here.
    assert north.families == Shown(400) == found.rule("tf").rows[0].families
    assert ac.partnership.meeting == Shown(14)


def test_families_with_no_locality_are_a_row_and_small_ones_are_withheld() -> None:
    counts = [*COUNTS[:3], LocalityCount(NOT_KNOWN, 3, {"tf": 2})]
    tf = hotspots(counts, RULES, AS_AT).rule("tf")
    unknown = tf.rows[3]
    assert unknown.locality == NOT_KNOWN
    assert unknown.families.text == unknown.meeting.text == "[c]"
    assert unknown.rate == Suppressed(Reason.PRIMARY)
    # 3 families withheld in the families column: another locality's total covers it.
    assert sum(1 for row in tf.rows if not row.families.shown) >= 2


def test_csv_rows_are_the_published_figures() -> None:
    rows = csv_rows(hotspots(COUNTS, RULES, AS_AT))
    assert CSV_HEADER[:4] == ("rule_set", "locality", "families", "families_meeting")
    assert rows[0] == ["tf", "Northmoor", "400", "40", "100.0", "74.3", "133.3", ""]
    assert rows[3] == ["tf", "Westerly", "0", "0", "", "", "", ""]
    assert rows[4][:4] == ["tf", PARTNERSHIP, "950", "65"]
    ac_north = rows[5]
    assert ac_north[:7] == ["ac", "Northmoor", "400", "[c]", "[c]", "[c]", "[c]"]
    assert ac_north[7].startswith("[c] Not shown")
    assert len(rows) == 10


def test_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="more families meet"):
        hotspots([LocalityCount("A", 3, {"tf": 4})], RULES, AS_AT)
    with pytest.raises(ValueError, match="once"):
        hotspots([LocalityCount("A", 3, {}), LocalityCount("A", 3, {})], RULES, AS_AT)
    with pytest.raises(ValueError, match="at least one"):
        hotspots([], RULES, AS_AT)


def _values(spec: dict[str, Any], layer: int) -> list[dict[str, Any]]:
    """A layer's inline data, wherever Altair put it (in the layer, or in ``datasets``)."""
    data = spec["layer"][layer]["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_the_bar_chart_carries_the_published_rates_only() -> None:
    found = hotspots(COUNTS, RULES, AS_AT)
    spec = to_vega_lite_json(rate_chart(found, "ac"))
    values = {row["locality"]: row for row in _values(spec, 0)}
    assert values["Eastwick"]["rate"] == pytest.approx(20.0)
    assert values["Eastwick"]["label"] == "20.0"
    assert values["Northmoor"]["rate"] is None
    assert values["Northmoor"]["label"] == "[c]"
    assert values["Westerly"]["label"] == "no families"
    assert spec["title"]["text"] == "Accumulating concerns"
    assert "31 March 2024" in spec["title"]["subtitle"]
    assert spec["description"] == describe(found.rule("ac"))
    assert "Highest: Eastwick, 20.0. Lowest: Eastwick, 20.0." in spec["description"]
    assert "2 withheld ([c])" in spec["description"]
    svg = to_svg(rate_chart(found, "tf"))
    assert "100.0" in svg
    assert "Northmoor" in svg


OUTLINE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"ward": name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 0], [x + 10, 0], [x + 10, 10], [x, 10], [x, 0]]],
            },
        }
        for x, name in [(0, "Northmoor"), (10, "Eastwick"), (20, "Southdown")]
    ],
}


def test_the_map_shades_each_locality_by_its_published_rate() -> None:
    found = hotspots(COUNTS, RULES, AS_AT)
    outlines = read_outlines(json.dumps(OUTLINE), "ward")
    spec = to_vega_lite_json(rate_map(found, "ac", outlines))
    features = _values(spec, 0)
    rates = {f["properties"]["locality"]: f["properties"]["rate"] for f in features}
    assert rates == {"Northmoor": None, "Eastwick": 20.0, "Southdown": None}
    labels = {row["locality"]: row["label"] for row in _values(spec, 2)}
    assert labels == {"Northmoor": "[c]", "Eastwick": "20.0", "Southdown": "[c]"}
    centre = next(r for r in _values(spec, 2) if r["locality"] == "Eastwick")
    assert (centre["x"], centre["y"]) == pytest.approx((15.0, 5.0))
    assert spec["layer"][0]["projection"] == {"type": "identity", "reflectY": True}
    assert missing_outlines(found, outlines) == ["Westerly"]
    svg = to_svg(rate_map(found, "ac", outlines))
    assert "Eastwick" in svg
    assert "20.0" in svg


def test_outlines_that_are_not_a_feature_collection_of_named_polygons_are_refused() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        read_outlines("{")
    with pytest.raises(ValueError, match="FeatureCollection"):
        read_outlines('{"type": "Feature"}')
    with pytest.raises(ValueError, match="no 'locality' property"):
        read_outlines(json.dumps(OUTLINE))
    point = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"locality": "A"},
                "geometry": {"type": "Point", "coordinates": [0, 0]},
            }
        ],
    }
    with pytest.raises(ValueError, match="not a Polygon"):
        read_outlines(json.dumps(point))


# The synthetic city's outlines ---------------------------------------------------------------


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("city")
    write_city(1500, 3, folder)
    return folder


def _area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def _crosses(a: tuple[list[float], list[float]], b: tuple[list[float], list[float]]) -> bool:
    """Whether two segments cross at a point inside both (touching ends do not count)."""

    def side(p: list[float], q: list[float], r: list[float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    (p1, p2), (q1, q2) = a, b
    d1, d2 = side(q1, q2, p1), side(q1, q2, p2)
    d3, d4 = side(p1, p2, q1), side(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def _on_edge(point: list[float], ring: list[list[float]]) -> bool:
    (x, y), tolerance = point, 1e-9
    for (x1, y1), (x2, y2) in pairwise(ring):
        cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)
        within = min(x1, x2) - tolerance <= x <= max(x1, x2) + tolerance
        if (
            abs(cross) < tolerance
            and within
            and min(y1, y2) - tolerance <= y <= max(y1, y2) + tolerance
        ):
            return True
    return False


def _inside(point: list[float], ring: list[list[float]]) -> bool:
    """Strictly inside (ray casting); a point on an edge, such as a shared vertex, is not."""
    if _on_edge(point, ring):
        return False
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_the_city_writes_every_locality_s_outline_as_valid_geojson(city: Path) -> None:
    document = json.loads((city / "localities.geojson").read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    assert "made-up plane" in document["description"]
    assert "not longitude and latitude" in document["description"]
    names = [f["properties"]["locality"] for f in document["features"]]
    assert sorted(names) == sorted(loc.name for loc in LOCALITIES)
    lookup = {row["locality"] for row in csv.DictReader((city / "localities.csv").open())}
    assert set(names) == lookup
    rings = {}
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Polygon"
        [ring] = feature["geometry"]["coordinates"]
        assert len(ring) >= 4
        assert ring[0] == ring[-1]
        assert _area(ring) > 0  # anticlockwise: GeoJSON's right-hand rule
        rings[feature["properties"]["locality"]] = ring
    assert read_outlines(json.dumps(document)).keys() == rings.keys()


def test_the_city_s_outlines_do_not_overlap(city: Path) -> None:
    document = json.loads((city / "localities.geojson").read_text(encoding="utf-8"))
    rings = [f["geometry"]["coordinates"][0] for f in document["features"]]
    for i, first in enumerate(rings):
        for second in rings[i + 1 :]:
            for edge in pairwise(first):
                assert not any(_crosses(edge, other) for other in pairwise(second))
            assert not any(_inside(point, second) for point in first)
            assert not any(_inside(point, first) for point in second)


def test_every_city_draws_the_same_map(city: Path, tmp_path: Path) -> None:
    write_city(200, 99, tmp_path)
    assert (tmp_path / "localities.geojson").read_bytes() == (
        city / "localities.geojson"
    ).read_bytes()


def test_hotspots_of_the_city_add_up_to_its_families(city: Path) -> None:
    facts = facts_from_city(city)
    with (city / "truth_families.csv").open(encoding="utf-8") as handle:
        locality_of = {row["family_id"]: row["locality"] for row in csv.DictReader(handle)}
    rule_sets = shipped_rule_sets()
    hits = {key: evaluate(rule_set, facts, AS_AT) for key, rule_set in rule_sets.items()}
    counts = []
    for locality in sorted({loc.name for loc in LOCALITIES}):
        families = [f for f, place in locality_of.items() if place == locality]
        meeting = {
            key: sum(1 for hit in found if locality_of[hit.family_id] == locality)
            for key, found in hits.items()
        }
        counts.append(LocalityCount(locality, len(families), meeting))
    found = hotspots(counts, {key: r.title for key, r in rule_sets.items()}, AS_AT)
    tf = found.rule("troubled-families-phase-2")
    assert tf.partnership.families == Shown(len(locality_of))
    assert tf.partnership.meeting == Shown(len(hits["troubled-families-phase-2"]))
    shown = [row for row in tf.rows if row.meeting.shown]
    assert all(
        row.meeting.value
        == next(c for c in counts if c.locality == row.locality).meeting[
            "troubled-families-phase-2"
        ]
        for row in shown
    )
    for rule in found.rules:
        for row in rule.rows:
            assert row.meeting.value is None or row.meeting.value not in range(1, 5)
