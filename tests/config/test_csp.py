"""The Content Security Policy: sent with every response, and no template or chart needs more.

The policy allows scripts and styles only from this site's own files. So no template may hold
an inline script, an inline event handler or a ``style`` attribute, and the SVG inlined in
pages (charts and the two-factor QR code) must draw with presentation attributes only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.charts.conftest import quarterly_chart_data
from trustplan.charts import indicator_chart, sparkline, to_svg
from trustplan.web.csp import POLICY

SRC = Path(__file__).resolve().parents[2] / "src" / "trustplan"
EXPECTED = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"\sstyle\s*=|<style[\s>]", re.IGNORECASE)
# Downloaded reports are standalone HTML files, sent as attachments and opened from disk where
# the site's stylesheet cannot be reached, so they carry their own <style>; no page uses them.
STANDALONE_DOCUMENT_HEAD = Path("reports/templates/reports/_document_head.html")


def test_the_policy_allows_only_this_sites_own_scripts_and_styles() -> None:
    assert POLICY == EXPECTED


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/search/?q=safety",
        "/no-such-page/",
        "/static/trustplan/trustplan.css",
        "/static/trustplan/init.js",
        "/api/plans",
        "/admin/login/",
    ],
)
def test_every_response_carries_the_policy(db: None, path: str) -> None:
    response = Client().get(path)
    assert response["Content-Security-Policy"] == EXPECTED


def test_signed_in_pages_and_downloads_carry_it_too(people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["analyst"])
    for path in ["/accounts/roles/", "/data/imports/", "/data/template.csv"]:
        assert client.get(path)["Content-Security-Policy"] == EXPECTED, path


def templates() -> list[Path]:
    found = sorted(SRC.glob("**/templates/**/*.html"))
    assert len(found) > 40  # the walk finds the templates
    return found


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (INLINE_SCRIPT, "an inline script"),
        (EVENT_HANDLER, "an inline event handler"),
        (STYLE, "a style attribute or element"),
        (re.compile(r"javascript:", re.IGNORECASE), "a javascript: URL"),
    ],
)
def test_no_template_holds_what_the_policy_would_block(pattern: re.Pattern[str], what: str) -> None:
    offending = [
        f"{path.relative_to(SRC)}: {match.group(0)!r}"
        for path in templates()
        if path.relative_to(SRC) != STANDALONE_DOCUMENT_HEAD
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == [], f"{what} in templates"


def test_the_standalone_reports_styles_are_only_in_files_sent_as_downloads(
    people: dict[str, Any],
) -> None:
    """Their HTML format is a download: the browser saves it rather than showing it."""
    users_of_head = [
        path.relative_to(SRC)
        for path in templates()
        if '"reports/_document_head.html"' in path.read_text(encoding="utf-8")
    ]
    assert {path.name for path in users_of_head} == {
        "pack_document.html",
        "annual_document.html",
        "scorecard_document.html",
    }
    from trustplan.reports import rendering

    for formats in (rendering.PACK_FORMATS, rendering.ANNUAL_FORMATS, rendering.SCORECARD_FORMATS):
        assert formats["html"].content_type == rendering.HTML
    source = (SRC / "reports" / "views.py").read_text(encoding="utf-8")
    assert "Content-Disposition\"] = f'attachment;" in source


def test_the_sites_own_script_sets_no_inline_style_or_code() -> None:
    scripts = sorted((SRC / "web" / "static" / "trustplan").glob("*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        for forbidden in ('setAttribute("style"', "eval(", "new Function", "innerHTML"):
            assert forbidden not in text, script.name


def test_charts_inlined_in_pages_draw_without_style_attributes() -> None:
    data = quarterly_chart_data()
    for svg in (
        to_svg(indicator_chart(data)),
        to_svg(sparkline(data.observations, label="Assessments")),
    ):
        assert not STYLE.search(svg)
        assert not EVENT_HANDLER.search(svg)
        assert "<script" not in svg
        assert re.search(r'\sfill="', svg)  # drawn with presentation attributes
