"""Indicator data in a real browser: an analyst's upload with bad rows, fixed and re-uploaded,
and the judgements explained in plain English on the indicator and priority pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, screenshot_path, sign_in
from trustplan.demodata import IMPORT_ORDER, generate, write_files
from trustplan.measures.importing import import_file
from trustplan.web.demo import DemoAccount

pytestmark = pytest.mark.browser

INDICATOR = "ehc-needs-assessment-timeliness"
INDICATOR_PAGE = f"/indicators/{INDICATOR}/"
SEND_PRIORITY = "/plans/portsmouth-2020-23/priorities/6/"


@pytest.fixture
def indicator_data(
    demo: dict[str, DemoAccount], tmp_path: Path, settings: Any
) -> dict[str, DemoAccount]:
    """The demo's synthetic series for one KPI (EHC timeliness), judged as at March 2025."""
    settings.TRUSTPLAN_AS_OF = dt.date(2025, 3, 1)
    directory = tmp_path / "demo-data"
    write_files(generate(plan_indicator_keys=[INDICATOR]), directory)
    for name in IMPORT_ORDER:
        outcome = import_file((directory / name).read_bytes(), name, how="browser test")
        assert outcome.record.outcome == "applied", outcome.record.rejected_rows
    return demo


def a_year_of_2024(bad: bool) -> str:
    """Twelve months of EHC timeliness for 2024 in the template; `bad` spoils two rows."""
    rows = ["indicator,area_code,period,value,numerator,denominator,source"]
    for month in range(1, 13):
        period = f"{dt.date(2024, month, 1):%b %Y}"
        numerator, denominator = 14 + month % 5, 22
        if bad and month == 3:
            period = "Marhc 2024"
        if bad and month == 7:
            numerator = 30
        rows.append(f"{INDICATOR},E06000044,{period},,{numerator},{denominator},SEND service")
    return "\n".join(rows) + "\n"


def upload(page: Page, base: str, path: Path, *, check_only: bool) -> None:
    page.goto(f"{base}/data/imports/new/")
    page.get_by_label("Data file").set_input_files(str(path))
    box = page.get_by_label("Check only: show what would change, and change nothing")
    if check_only:
        box.check()
    else:
        box.uncheck()
    page.get_by_role("button", name="Upload").click()


def test_an_analyst_fixes_bad_rows_reuploads_and_sees_the_judgements_update(
    page: Page, live_server: Any, indicator_data: dict[str, DemoAccount], tmp_path: Path
) -> None:
    sign_in(page, live_server.url, indicator_data["analyst"])
    page.goto(f"{live_server.url}{INDICATOR_PAGE}")
    expect(page.get_by_text("59.1% for Dec 2023", exact=False).first).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 2300})
    page.screenshot(path=str(screenshot_path("indicator")))

    bad = tmp_path / "ehc-2024.csv"
    bad.write_text(a_year_of_2024(bad=True))
    upload(page, live_server.url, bad, check_only=False)
    expect(page.get_by_text("Rejected: nothing was imported")).to_be_visible()
    rows = page.get_by_role("table").filter(has_text="Problem")
    expect(rows.get_by_role("row")).to_have_count(3)  # header and the two bad rows
    expect(rows).to_contain_text("row 4")
    expect(rows).to_contain_text("'Marhc 2024' is not a period trustplan recognises")
    expect(rows).to_contain_text("row 8")
    expect(rows).to_contain_text("The numerator (30) is larger than the denominator (22)")
    screenshot(page, "import-rejected")

    good = tmp_path / "ehc-2024-fixed.csv"
    good.write_text(a_year_of_2024(bad=False))
    upload(page, live_server.url, good, check_only=True)
    expect(page.get_by_text("Dry run: nothing was imported")).to_be_visible()
    expect(page.get_by_text("Observations created")).to_be_visible()
    upload(page, live_server.url, good, check_only=False)
    expect(page.get_by_text("Imported ehc-2024-fixed.csv.")).to_be_visible()

    page.goto(f"{live_server.url}{INDICATOR_PAGE}")
    headline = page.locator(".govuk-inset-text")
    expect(headline).to_contain_text("for Dec 2024")
    expect(headline).to_contain_text("Judged as at 1 March 2025")
    judgements = page.locator("dl").filter(has_text="Against target")
    for heading in (
        "Latest value",
        "Against target",
        "Variation (SPC)",
        "Recent trend",
        "Compared with England",
    ):
        expect(judgements).to_contain_text(heading)
    expect(judgements).to_contain_text(
        "Not rated: no target is due at the end of Dec 2024 or later."
    )
    expect(judgements).to_contain_text(re.compile(r"95% confidence interval [\d.]+% to [\d.]+%"))
    expect(page.locator("figure svg[role=img]")).to_be_visible()


def test_the_priority_page_explains_each_kpi_in_words(
    page: Page, live_server: Any, indicator_data: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, indicator_data["board.member"])
    page.goto(f"{live_server.url}{SEND_PRIORITY}")
    expect(page.get_by_text("The figures below are synthetic")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Continued timeliness of EHC needs assessments")
    expect(row).to_contain_text(re.compile(r"\d+\.\d% for Dec 2023"))
    expect(row).to_contain_text("Red: target missed")
    expect(row).to_contain_text("special cause concern")
    other = page.get_by_role("row").filter(has_text="Continued high quality of EHCPs")
    expect(other).to_contain_text("No data")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plans issued within 20 weeks")


@pytest.mark.parametrize(
    "url", [INDICATOR_PAGE, SEND_PRIORITY, "/data/imports/new/", "/data/imports/"]
)
def test_the_indicator_data_pages_have_no_serious_accessibility_violations(
    page: Page, live_server: Any, indicator_data: dict[str, DemoAccount], url: str
) -> None:
    sign_in(page, live_server.url, indicator_data["analyst"])
    page.goto(f"{live_server.url}{url}")
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
