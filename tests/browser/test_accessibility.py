"""Automated accessibility checks (axe-core) of the main pages: no serious or critical issue."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import sign_in
from trustplan.plans.models import Plan
from trustplan.selfassessment.demo import create_demo_self_assessment
from trustplan.web.demo import DemoAccount

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/plans/portsmouth-2020-23/",
    "/plans/portsmouth-2020-23/plan-on-a-page/",
    "/plans/portsmouth-2020-23/priorities/2/",
    "/plans/portsmouth-2020-23/priorities/2/edit/",
    "/plans/portsmouth-2020-23/spine/",
    "/plans/portsmouth-2020-23/boards/portsmouth-safeguarding-children-board-executive/",
    "/plans/portsmouth-2011-14/",
    "/plans/portsmouth-2011-14/priorities/A/",
    "/search/?q=domestic+abuse",
    "/accounts/roles/",
]


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_the_sign_in_page_has_no_serious_violations(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_violations(page) == []


def test_the_main_pages_have_no_serious_violations(
    page: Page, live_server: Any, demo: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo["admin"])
    found = {}
    for url in PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None
        assert response.status == 200, url
        violations = serious_violations(page)
        if violations:
            found[url] = violations
    assert found == {}


ASSESSMENT_PAGES = [
    "/plans/portsmouth-2020-23/self-assessments/",
    "/plans/portsmouth-2020-23/needs/",
    "/plans/portsmouth-2020-23/priorities/2/delivery/",
    "/plans/portsmouth-2020-23/quarters/",
    "/plans/portsmouth-2020-23/ownership/",
    "/plans/portsmouth-2020-23/annual/2023-24/",
]


def test_the_monitoring_and_assessment_pages_have_no_serious_violations(
    page: Page, live_server: Any, demo_in_cycle: dict[str, DemoAccount]
) -> None:
    """The cycle's and the assessments' pages, and the completed self-assessment round."""
    round_ = create_demo_self_assessment(Plan.objects.get(slug="portsmouth-2020-23"))
    sign_in(page, live_server.url, demo_in_cycle["admin"])
    found = {}
    for url in [*ASSESSMENT_PAGES, f"/plans/portsmouth-2020-23/self-assessments/{round_.pk}/"]:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None
        assert response.status == 200, url
        violations = serious_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
    assert "Whole-family practice (10)" in page.content()
