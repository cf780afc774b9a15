"""Offline rendering: accessible, inert, deterministic SVG; PNG; and the spec for browsers."""

from __future__ import annotations

import datetime as dt
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import replace

import altair as alt
import pytest
import vl_convert

from tests.charts.conftest import REBASE_REASON, TARGET_LABEL, quarterly_chart_data
from trustplan.charts import (
    IndicatorChartData,
    Observation,
    Target,
    indicator_chart,
    rebase_notes,
    sparkline,
    spc_marks,
    text_alternative,
    to_png,
    to_svg,
    to_vega_lite_json,
)
from trustplan.charts.render import SVG_NS, accessible_svg
from trustplan.periods import month
from trustplan.stats.spc import ImprovementDirection, Rebase, xmr_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = f"{{{SVG_NS}}}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.fixture(scope="module")
def quarterly_svg() -> str:
    return to_svg(indicator_chart(quarterly_chart_data()))


def test_the_svg_is_one_image_named_by_its_title_and_described(quarterly_svg):
    root = parse(quarterly_svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id")) == (f"{SVG}title", title_id)
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", desc_id)
    assert title.text == (
        "Early help assessments completed within 45 days. Portsmouth, 2015/16 Q1 to 2020/21 Q4"
    )
    assert desc.text == text_alternative(quarterly_chart_data())


def test_the_svg_shows_the_target_label_and_the_rebase_reason(quarterly_svg):
    texts = " ".join(
        "".join(element.itertext()) for element in parse(quarterly_svg).iter(f"{SVG}text")
    )
    assert f"{TARGET_LABEL}: 55.0%" in texts
    assert "Limits recalculated:" in texts
    assert all(word in texts for word in REBASE_REASON.split())
    assert "England" in texts
    assert "2020/21 Q4" in texts


def test_the_svg_has_nothing_that_runs_or_fetches(quarterly_svg):
    assert "<script" not in quarterly_svg
    assert re.findall(r"https?://[^\"'\s)<]+", quarterly_svg) == [SVG_NS]
    for element in parse(quarterly_svg).iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")]


def test_the_cleaned_svg_still_draws(quarterly_svg):
    png = vl_convert.svg_to_png(quarterly_svg, scale=1)
    assert png.startswith(PNG_SIGNATURE)
    assert png_size(png) == png_size(to_png(indicator_chart(quarterly_chart_data()), scale=1))


def test_the_svg_is_the_same_for_the_same_chart(quarterly_svg):
    # Vega numbers clip paths with a counter across renders; the ids must not leak through.
    chart = indicator_chart(quarterly_chart_data())
    assert to_svg(chart) == quarterly_svg
    assert to_svg(chart) == quarterly_svg


def test_ids_are_prefixed_and_every_reference_resolves():
    chart = (
        alt.Chart(alt.InlineData(values=[{"a": 1, "b": 2}, {"a": 2, "b": 1}]), title="Clipped")
        .mark_line(clip=True)
        .encode(x="a:Q", y="b:Q")
    )
    svg = to_svg(chart, id_prefix="kpi-7")
    root = parse(svg)
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    assert all(id_.startswith("kpi-7-") for id_ in ids)
    references = re.findall(r"url\(#([^)]+)\)", svg)
    assert references
    assert set(references) <= set(ids)


def test_hostile_markup_is_removed_and_text_stays_text():
    raw = (
        f'<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">'
        '<defs><clipPath id="clip9"><rect width="5" height="5"/></clipPath></defs>'
        "<script>alert(1)</script>"
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
        '<g clip-path="url(#clip9)" onclick="alert(2)" role="graphics-object" aria-label="x">'
        '<use xlink:href="#clip9"/><use href="https://evil.example/x.svg#a"/>'
        '<path d="M0,0" style="fill: url(https://evil.example/p.png)"/>'
        '<a href="javascript:alert(3)"><text>link</text></a>'
        '<animate attributeName="href" to="javascript:alert(4)"/>'
        "<text>&lt;script&gt;kept as text</text></g></svg>"
    )
    svg = accessible_svg(raw, name="A <b>name</b>", description=None, id_prefix="c")
    assert "<script" not in svg
    assert "javascript" not in svg
    assert "evil" not in svg
    assert "foreignObject" not in svg
    assert "onload" not in svg
    assert "onclick" not in svg
    assert "&lt;script&gt;kept as text" in svg
    assert '<title id="c-title">A &lt;b&gt;name&lt;/b&gt;</title>' in svg
    root = parse(svg)
    assert root.get("aria-labelledby") == "c-title"
    group = root.find(f"{SVG}g")
    assert group.get("clip-path") == "url(#c-1)"
    assert group.get("role") is None
    assert group.get("aria-label") is None
    assert group.find(f"{SVG}use").get("href") == "#c-1"


def test_a_bad_id_prefix_is_refused():
    with pytest.raises(ValueError, match="id_prefix"):
        accessible_svg(f'<svg xmlns="{SVG_NS}"/>', name="x", description=None, id_prefix="1 x")


def test_rendering_refuses_to_fetch_external_data():
    chart = alt.Chart(alt.UrlData("https://example.com/data.json")).mark_point().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        to_svg(chart)


def test_the_png_is_a_png_of_a_plausible_size():
    chart = indicator_chart(quarterly_chart_data())
    png = to_png(chart, scale=1)
    assert png.startswith(PNG_SIGNATURE)
    width, height = png_size(png)
    assert 640 < width < 1100
    assert 300 < height < 700
    assert png_size(to_png(chart, scale=2)) == (2 * width, 2 * height)


def test_a_scale_must_be_positive():
    with pytest.raises(ValueError, match="scale"):
        to_png(indicator_chart(quarterly_chart_data()), scale=0)


def test_the_browser_spec_carries_the_data_and_styling_inline():
    spec = to_vega_lite_json(indicator_chart(quarterly_chart_data()))
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert spec["config"]["font"].startswith("Arial")
    assert all("url" not in dataset for dataset in spec.get("datasets", {}).values())
    assert "url" not in repr([layer["data"] for layer in spec["layer"]])


def test_a_ten_year_monthly_series_renders():
    periods = [month(2014 + i // 12, i % 12 + 1) for i in range(120)]
    values = [None if i % 37 == 5 else 30 + (i * 7919 % 13) / 2 for i in range(120)]
    result = xmr_chart(
        values,
        improvement_direction=ImprovementDirection.DECREASE,
        rebases=[Rebase(60, "A new front door")],
    )
    observations = tuple(
        Observation(p.label, p.end, v) for p, v in zip(periods, values, strict=True)
    )
    data = IndicatorChartData(
        "Contacts per 10,000 children",
        "Portsmouth",
        "Rate per 10,000",
        observations,
        spc=spc_marks(result),
        rebases=rebase_notes(result, observations),
    )
    chart = indicator_chart(data)
    svg = to_svg(chart)
    assert "Dec 2023" in svg
    assert "A new front door" in svg
    assert to_png(chart).startswith(PNG_SIGNATURE)


def test_the_sparkline_is_a_small_named_image():
    data = quarterly_chart_data()
    svg = to_svg(sparkline(data.observations, label="Assessments", value_format=data.value_format))
    root = parse(svg)
    assert (root.get("width"), root.get("height")) == ("120", "32")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby").split() == [root[0].get("id")]
    assert root[0].text.startswith("Assessments, the latest 12 periods, 2018/19 Q1 to 2020/21 Q4.")
    assert "<text" not in svg
    png = to_png(sparkline(data.observations, label="Assessments"), scale=1)
    assert png_size(png) == (120, 32)


def test_a_target_due_after_the_data_widens_the_time_axis_to_show_it():
    data = quarterly_chart_data()
    later = replace(data, targets=(Target(dt.date(2023, 3, 31), 60.0, "2022/23"),))
    chart = indicator_chart(later)
    domain_end = to_vega_lite_json(chart)["layer"][0]["encoding"]["x"]["scale"]["domain"][1]
    assert (domain_end["year"], domain_end["month"]) == (2023, 5)
    assert "Target 2022/23: 60.0%" in to_svg(chart)


def test_different_charts_on_one_page_get_different_ids(quarterly_svg):
    other = to_svg(indicator_chart(replace(quarterly_chart_data(), area="Southampton")))
    assert parse(other).get("aria-labelledby") != parse(quarterly_svg).get("aria-labelledby")
