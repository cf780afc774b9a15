"""Real-browser tests: Playwright driving Chromium against the app on a live server.

The browser is found in this order: ``TRUSTPLAN_CHROMIUM``, Debian's ``/usr/bin/chromium``,
then Playwright's own download. Without one these tests skip, and in CI that is a failure
(see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.accounts.signing_in import next_code
from trustplan.delivery.demo import create_demo_delivery
from trustplan.plans.models import Plan
from trustplan.web.demo import DEMO_PLAN, DemoAccount, create_demo_accounts

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by the live
# server's fixtures in the same thread, is safe here because nothing else runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCREENSHOTS = Path(os.environ.get("TRUSTPLAN_SCREENSHOT_DIR", "build/screenshots"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    candidates = [
        os.environ.get("TRUSTPLAN_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as exc:
            pytest.skip(
                f"no Chromium could be started ({executable or 'Playwright default'}): {exc}"
            )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo(live_server: Any, tmp_path: Path) -> dict[str, DemoAccount]:
    """The demo's plans and accounts in the live server's database, by username."""
    for name in ("portsmouth-2011-14", "portsmouth-2020-23"):
        call_command("plan", "load", str(EXAMPLES / name / "plan.yaml"), verbosity=0)
    return {account.username: account for account in create_demo_accounts(tmp_path)}


@pytest.fixture
def demo_in_cycle(demo: dict[str, DemoAccount]) -> dict[str, DemoAccount]:
    """The demo with its delivery plans: a published past quarter and one part-way through."""
    create_demo_delivery(Plan.objects.get(slug=DEMO_PLAN))
    return demo


def sign_in(page: Page, base_url: str, account: DemoAccount) -> None:
    """Sign in with the password and, for the roles that need it, the second factor: setting
    up an authenticator app from the key on the page at the first sign-in, a code from it
    after that (computed with pyotp, as an app would)."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {account.username}").wait_for()
    if "/accounts/two-factor/enrol/" in page.url:
        key = page.locator("#two-factor-key").inner_text().replace(" ", "")
        page.get_by_label("Code from the app").fill(pyotp.TOTP(key).now())
        page.get_by_role("button", name="Finish setting up").click()
        page.get_by_role("link", name="Continue").click()
    elif "/accounts/two-factor/" in page.url:
        page.get_by_label("Code").fill(next_code(account.username))
        page.get_by_role("button", name="Continue").click()
    page.get_by_text(f"Signed in as {account.username}").wait_for()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|two-factor)/"))


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def screenshot(page: Page, name: str) -> Path:
    path = screenshot_path(name)
    page.screenshot(path=str(path), full_page=True)
    return path
