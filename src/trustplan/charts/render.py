"""Render a chart offline: SVG to inline in pages and documents, PNG for DOCX, JSON for browsers.

Rendering uses vl-convert (Vega-Lite compiled and drawn in an embedded engine) and never touches
the network: every chart carries its data inline, external data URLs are refused
(``allowed_base_urls=[]``), and fonts come from the machine, never from a web font service.

The SVG is post-processed so that it can be inlined in a GOV.UK page as it is:

- it is one image to assistive technology: ``role="img"`` with ``aria-labelledby`` naming a
  ``<title>`` (the chart's title and subtitle) and a ``<desc>`` (its text alternative), and the
  per-mark ARIA attributes Vega writes are removed, since an image's parts are not read out;
- nothing in it can run or fetch: scripts, event handlers, ``foreignObject``, animation,
  stylesheets and any reference outside the document are dropped;
- its ids are renumbered under a prefix taken from the chart's content, because Vega numbers
  clip paths with a counter that runs across renders: renumbering makes the output the same for
  the same chart every time, and stops two charts on one page sharing an id.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Final, TypeAlias

import altair as alt
import vl_convert

__all__ = ["to_png", "to_svg", "to_vega_lite_json"]

VEGA_LITE_VERSION: Final = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
"""The Vega-Lite version Altair writes specs for, which vl-convert must compile them with."""

LOCALE: Final = "en-GB"

SVG_NS: Final = "http://www.w3.org/2000/svg"
XLINK_NS: Final = "http://www.w3.org/1999/xlink"

_UNSAFE_ELEMENTS: Final = frozenset(
    {
        "script",
        "foreignObject",
        "style",
        "iframe",
        "object",
        "embed",
        "image",
        "animate",
        "animateMotion",
        "animateTransform",
        "set",
        "a",
    }
)
"""Elements that can run code, fetch or embed content, or change attributes after load."""

_URL_REFERENCE: Final = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)")

Chart: TypeAlias = alt.Chart | alt.LayerChart


def to_vega_lite_json(chart: Chart) -> dict[str, Any]:
    """The chart's Vega-Lite spec, data inline, ready for vega-embed in the browser."""
    spec: dict[str, Any] = chart.to_dict()
    return spec


def _convert_options() -> dict[str, Any]:
    return {
        "vl_version": VEGA_LITE_VERSION,
        "allowed_base_urls": [],
        "format_locale": LOCALE,
        "time_format_locale": LOCALE,
    }


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG, ``scale`` times its size in CSS pixels (2 for print and high-DPI)."""
    if not scale > 0:
        raise ValueError(f"scale must be positive; got {scale!r}")
    png: bytes = vl_convert.vegalite_to_png(
        to_vega_lite_json(chart), scale=scale, **_convert_options()
    )
    return png


def to_svg(chart: Chart, *, id_prefix: str | None = None) -> str:
    """The chart as an accessible SVG element, safe to inline in an HTML page.

    The image is named by the chart's title and subtitle and described by its ``description``;
    a chart with no title (a sparkline) is named by its description alone.
    ``id_prefix`` names the SVG's ids; by default it is a hash of the spec, so the same chart
    always gives the same SVG.
    """
    spec = to_vega_lite_json(chart)
    raw: str = vl_convert.vegalite_to_svg(spec, **_convert_options())
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    prefix = id_prefix or f"chart-{hashlib.sha256(canonical.encode()).hexdigest()[:12]}"
    description = spec.get("description")
    if "title" not in spec:
        name = str(description or "Chart")
        return accessible_svg(raw, name=name, description=None, id_prefix=prefix)
    return accessible_svg(
        raw, name=_accessible_name(spec["title"]), description=description, id_prefix=prefix
    )


def _accessible_name(title: str | dict[str, Any]) -> str:
    """The title and subtitle lines of a Vega-Lite title, joined into one accessible name."""
    if isinstance(title, str):
        return title
    lines: list[str] = []
    for part in (title.get("text"), title.get("subtitle")):
        if isinstance(part, str):
            lines.append(part)
        elif isinstance(part, list):
            lines.extend(str(line) for line in part)
    return ". ".join(lines)


def _local(name: str) -> tuple[str | None, str]:
    """The namespace and local part of an ElementTree name ('{ns}local')."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return None, name


def accessible_svg(raw: str, *, name: str, description: str | None, id_prefix: str) -> str:
    """``raw`` SVG from vl-convert as one named, described, inert image (see the module notes).

    Raises:
        ValueError: ``id_prefix`` is not a valid XML id start.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id_prefix):
        raise ValueError(
            f"id_prefix must be a letter then letters, digits, - or _; got {id_prefix!r}"
        )
    # The input is vl-convert's own output (no DTD, no entities), parsed by expat.
    root = ET.fromstring(raw)  # noqa: S314
    if _local(root.tag) != (SVG_NS, "svg"):
        raise ValueError("not an SVG document")
    _keep_safe_svg_elements(root)
    ids = _renumber_ids(root, id_prefix)
    for element in root.iter():
        _clean_attributes(element, ids, is_root=element is root)

    title = ET.Element("title", {"id": f"{id_prefix}-title"})
    title.text = name
    labels = [f"{id_prefix}-title"]
    children = [title]
    if description:
        desc = ET.Element("desc", {"id": f"{id_prefix}-desc"})
        desc.text = description
        labels.append(f"{id_prefix}-desc")
        children.append(desc)
    for position, child in enumerate(children):
        root.insert(position, child)
    root.set("xmlns", SVG_NS)
    root.set("role", "img")
    root.set("aria-labelledby", " ".join(labels))
    return ET.tostring(root, encoding="unicode")


def _keep_safe_svg_elements(root: ET.Element) -> None:
    """Remove unsafe and non-SVG elements, and write the rest with plain (unprefixed) names.

    Plain names with one ``xmlns`` on the root serialise as ordinary inline SVG, without the
    ``ns0:`` prefixes ElementTree would otherwise invent.
    """
    for parent in list(root.iter()):
        for child in list(parent):
            namespace, local = _local(child.tag)
            if namespace != SVG_NS or local in _UNSAFE_ELEMENTS:
                parent.remove(child)
        parent.tag = _local(parent.tag)[1]


def _renumber_ids(root: ET.Element, prefix: str) -> dict[str, str]:
    """Give every id a new name, ``prefix-1`` onwards in document order; returns old → new."""
    renamed: dict[str, str] = {}
    for element in root.iter():
        old = element.get("id")
        if old is not None:
            renamed[old] = f"{prefix}-{len(renamed) + 1}"
            element.set("id", renamed[old])
    return renamed


def _clean_attributes(element: ET.Element, ids: dict[str, str], *, is_root: bool) -> None:
    """Drop what could run or fetch, Vega's per-mark ARIA, and point references at new ids."""
    for attribute, value in list(element.attrib.items()):
        namespace, local = _local(attribute)
        del element.attrib[attribute]
        lowered = local.lower()
        plain_or_link = namespace is None or (namespace, lowered) == (XLINK_NS, "href")
        if lowered.startswith("on") or not plain_or_link:
            continue
        if lowered in ("role", "aria-label", "aria-roledescription", "aria-hidden") and not is_root:
            continue
        if "javascript:" in value.lower().replace(" ", ""):
            continue
        if lowered == "href":
            if value.startswith("#") and value[1:] in ids:
                element.set("href", f"#{ids[value[1:]]}")
            continue
        references = _URL_REFERENCE.findall(value)
        if any(not ref.startswith("#") or ref[1:] not in ids for ref in references):
            continue
        if references:
            value = _URL_REFERENCE.sub(lambda m: f"url(#{ids[m.group(1)[1:]]})", value)
        element.set(attribute, value)
