"""Two-factor sign-in in a real browser, and the Content Security Policy holding on real pages.

An administrator signs in for the first time, sets up an authenticator app from the key on the
page (pyotp stands in for the app), keeps the recovery codes, signs out and signs in again with
a code. axe finds no serious violation on any of the new pages, and Chromium reports no
Content Security Policy violation on them or on the pages with charts, maps and forms.
"""

from __future__ import annotations

import re
from typing import Any

import pyotp
import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.accounts.signing_in import next_code
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_indicator_data import (  # noqa: F401 - a fixture, used by name
    INDICATOR_PAGE,
    SEND_PRIORITY,
    indicator_data,
)
from tests.factories import PASSWORD, make_user
from trustplan.access.models import Role
from trustplan.web.demo import DemoAccount

pytestmark = pytest.mark.browser


def csp_violations(page: Page) -> list[str]:
    """Chromium's console reports of anything the policy blocked, from now on."""
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.on("console", listen)
    return found


def test_an_administrator_sets_up_an_app_then_signs_in_with_a_code_from_it(
    page: Page, live_server: Any
) -> None:
    base = live_server.url
    make_user("new.admin", Role.ADMINISTRATOR)
    blocked = csp_violations(page)
    accessibility: dict[str, list[str]] = {}

    page.goto(f"{base}/accounts/login/?next=/search/")
    page.get_by_label("Username").fill("new.admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(
        page.get_by_role("img", name=re.compile("QR code of your new two-factor key"))
    ).to_be_visible()
    accessibility["enrol"] = serious_violations(page)
    page.goto(f"{base}/search/")  # every other page waits for the second factor
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")

    key = page.locator("#two-factor-key").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Finish setting up").click()
    expect(page.get_by_role("alert")).to_contain_text("The code is not right")
    accessibility["enrol with an error"] = serious_violations(page)
    page.get_by_label("Code from the app").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Finish setting up").click()

    expect(page.get_by_role("heading", name="Two-factor sign-in is set up")).to_be_visible()
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text()
    accessibility["recovery codes"] = serious_violations(page)
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{base}/search/")

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("new.admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    accessibility["verify"] = serious_violations(page)
    page.get_by_label("Code").fill(next_code("new.admin"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Signed in as new.admin")).to_be_visible()
    expect(page).to_have_url(f"{base}/")

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("new.admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(recovery)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    expect(page.get_by_text("You have 9 unused recovery codes.")).to_be_visible()
    accessibility["recovery codes left"] = serious_violations(page)

    assert {name: found for name, found in accessibility.items() if found} == {}
    assert blocked == []


PAGES = [
    "/",
    "/plans/portsmouth-2020-23/",
    "/plans/portsmouth-2020-23/plan-on-a-page/",
    SEND_PRIORITY,  # sparklines
    INDICATOR_PAGE,  # the SPC chart
    "/plans/portsmouth-2020-23/priorities/2/edit/",
    "/data/imports/",
    "/data/imports/new/",
    "/admin/",
    "/admin/auth/user/add/",
    "/admin/accounts/totpdevice/",
    "/admin/plans/priority/",
]


@pytest.mark.usefixtures("indicator_data")
def test_no_page_breaks_the_content_security_policy(
    page: Page, live_server: Any, demo: dict[str, DemoAccount]
) -> None:
    blocked = csp_violations(page)
    sign_in(page, live_server.url, demo["admin"])
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
    page.goto(f"{live_server.url}{INDICATOR_PAGE}")
    chart = page.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] > 100  # type: ignore[index]
    assert blocked == []
    # The watch works: an inline style attribute added now is blocked and reported.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text) as report:
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
        )
    assert "style-src 'self'" in report.value.text
