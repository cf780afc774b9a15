"""A person's journeys through the demo in a real browser: what each role sees and is refused."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import screenshot, sign_in
from trustplan.web.demo import DemoAccount

pytestmark = pytest.mark.browser


def test_a_viewer_finds_the_plan_on_a_page_and_a_priority_in_a_few_clicks(
    page: Page, live_server: Any, demo: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo["viewer"])
    page.get_by_role("link", name="Children's Trust Plan 2020 - 2023", exact=True).click()
    page.get_by_role("link", name="Plan on a Page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Children's Trust Plan 2020 - 2023: Plan on a Page"
    )
    expect(
        page.get_by_role("listitem").filter(has_text="Intelligence-led safeguarding")
    ).to_be_visible()
    expect(page.locator(".tp-poap__priority")).to_have_count(6)
    screenshot(page, "plan-on-a-page")

    page.get_by_role("link", name=re.compile(r"^2\. The Safeguarding Strategy")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priority 2: Safeguarding")
    kpis = page.get_by_role("table")
    expect(kpis.get_by_role("row")).to_have_count(13)  # header and 12 KPIs
    expect(kpis).to_contain_text("Number of children living in high risk domestic abuse situations")
    expect(page.get_by_text("Reduce the prevalence of domestic abuse")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Edit this priority"))).to_have_count(0)
    screenshot(page, "priority")

    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/priorities/2/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")


def test_a_strategic_lead_edits_their_priority_and_is_refused_another(
    page: Page, live_server: Any, demo: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo["strategic.lead"])
    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/priorities/2/")
    page.get_by_role("link", name="Edit this priority's outcome, strategy and vision").click()
    vision = page.get_by_label("Vision")
    vision.fill(
        "Children grow up safe, protected and cared for.\n\n- Early help first\n- Whole family"
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved your changes to Priority 2: Safeguarding.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Whole family")).to_be_visible()

    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/priorities/3/")
    expect(page.get_by_role("link", name=re.compile("Edit this priority"))).to_have_count(0)
    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/priorities/3/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")


def test_an_administrator_makes_a_plan_public_and_a_visitor_then_reads_it(
    page: Page, live_server: Any, demo: dict[str, DemoAccount]
) -> None:
    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    sign_in(page, live_server.url, demo["admin"])
    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/")
    page.get_by_role("button", name="Make this plan public").click()
    expect(page.get_by_text("Anyone can now read this plan's pages")).to_be_visible()
    page.get_by_role("button", name=re.compile("Sign out")).click()

    page.goto(f"{live_server.url}/plans/portsmouth-2020-23/plan-on-a-page/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan on a Page")


def test_search_finds_a_kpi_and_links_to_it(
    page: Page, live_server: Any, demo: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo["board.member"])
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search priorities, objectives, indicators, Covid items and themes").fill(
        "CAMHS"
    )
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"results? for “CAMHS”"))).to_be_visible()
    page.get_by_role("link", name="Reduce the demand to specialist CAMHS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Priority 4: Social, Emotional and Mental Health"
    )


@pytest.mark.parametrize("slug", ["portsmouth-2020-23", "portsmouth-2011-14"])
def test_the_plan_on_a_page_prints_on_one_sheet(
    page: Page, live_server: Any, demo: dict[str, DemoAccount], slug: str
) -> None:
    sign_in(page, live_server.url, demo["viewer"])
    page.goto(f"{live_server.url}/plans/{slug}/plan-on-a-page/")
    page.emulate_media(media="print")
    pdf = PdfReader(BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = pdf.pages[0].extract_text()
    assert "Plan on a Page" in text
    assert "Sign out" not in text  # no page chrome in print
