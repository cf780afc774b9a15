"""The quarterly cycle in a real browser, as its users walk it by links and buttons: an owner
submits an update, the strategic lead reviews the quarter's updates, writes the commentary and
publishes the board pack, and a board member sees only their own board's unpublished pack.

The demo (``demo_in_cycle``) has quarter 3 of 2023/24 open: ``action.owner`` has action 7.1 of
priority 2 (Safeguarding) still to write, and other owners' updates of priority 2 are waiting
for ``strategic.lead``'s review.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_accessibility import serious_violations
from trustplan.web.demo import DemoAccount

pytestmark = pytest.mark.browser

PLAN = "Children's Trust Plan 2020 - 2023"
QUARTER = "Quarter 3 2023/24 (October to December 2023)"
BOARD = "Portsmouth Safeguarding Children Board Executive"
BOARD_KEY = "portsmouth-safeguarding-children-board-executive"
OTHER_BOARD_KEY = "portsmouth-education-partnership-board"
PACKS = "/plans/portsmouth-2020-23/boards/{key}/packs/{code}/"
REFUSED = "You do not have access to this page"

GOING_WELL = "Partners closed the gaps in the domestic abuse pathway this quarter."
NEEDS_TO_IMPROVE = "Waiting times for the Early Help front door must come down before spring."


def open_your_updates(page: Page) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your updates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your updates")


def open_the_quarter(page: Page) -> None:
    """From any page: the plan, its reporting quarters, then quarter 3 of 2023/24."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plans").click()
    page.get_by_role("link", name=PLAN, exact=True).click()
    page.get_by_role("link", name="Reporting quarters and board packs").click()
    page.get_by_role("link", name=QUARTER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUARTER)


def waiting_for_review(page: Page) -> Any:
    """The links of the list under "Waiting for your review" on Your updates."""
    heading = page.get_by_role("heading", name="Waiting for your review")
    return heading.locator("xpath=following-sibling::ul[1]").get_by_role("link")


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_an_owner_is_told_why_a_red_rating_needs_words_then_submits_for_review(
    page: Page, live_server: Any, demo_in_cycle: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo_in_cycle["action.owner"])
    open_your_updates(page)
    to_write = page.get_by_role("table").filter(has_text="Updates due from you")
    expect(to_write.get_by_role("row").filter(has_text="7.1 ")).to_contain_text("Not started")
    to_write.get_by_role("link", name=re.compile(r"^7\.1 ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 7.1")
    expect(page.locator("#update-state")).to_have_text("Not started")

    page.get_by_label("Red: off track").check()
    page.get_by_label("Status at the end of the quarter").select_option(label="In progress")
    page.get_by_role("button", name="Submit for review").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_contain_text(
        "A red rating cannot be submitted without a commentary: say what has gone wrong"
    )
    expect(page).to_have_title(re.compile(r"^Error: Update on action 7\.1"))
    expect(page.get_by_label("Red: off track")).to_be_checked()  # the answers are kept

    page.get_by_label("Green: on track").check()
    page.get_by_label("Status at the end of the quarter").select_option(label="In progress")
    page.get_by_label("Update", exact=True).fill(
        "The refuge outreach pilot started in November; 14 families were referred."
    )
    screenshot(page, "action-update")
    page.get_by_role("button", name="Submit for review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your updates")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Submitted for review."
    )
    submitted = page.get_by_role("heading", name="Submitted").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(submitted.get_by_role("listitem").filter(has_text="7.1 ")).to_contain_text(
        "Submitted for review"
    )
    expect(to_write.get_by_role("link", name=re.compile(r"^7\.1 "))).to_have_count(0)


def test_a_lead_reviews_the_quarter_writes_the_commentary_and_publishes_the_pack(
    page: Page, live_server: Any, demo_in_cycle: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo_in_cycle["strategic.lead"])
    open_your_updates(page)
    waiting = waiting_for_review(page)
    count = waiting.count()
    assert count >= 2, "the demo has updates of priority 2 waiting for strategic.lead"

    # Return the first with a comment, approve the rest, each from its own page.
    numbers = [link.split()[0] for link in waiting.all_inner_texts()]
    returned, approved = numbers[0], numbers[1:]
    waiting.first.click()
    expect(page.locator("#update-state")).to_have_text("Submitted for review")
    page.get_by_label("Comments for the owner").fill("Please add the numbers reached.")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Returned to its owner with your comments."
    )
    for remaining in range(count - 1, 0, -1):
        expect(waiting).to_have_count(remaining)
        waiting.first.click()
        expect(page.get_by_role("heading", name="Review this update")).to_be_visible()
        page.get_by_role("button", name="Approve").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Approved.")
    expect(page.get_by_role("heading", name="Waiting for your review")).to_have_count(0)

    page.get_by_role("link", name=re.compile(r"^Priority 2: Safeguarding: Quarter 3")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What's going well")
    page.get_by_label("What's going well").fill(GOING_WELL)
    page.get_by_label("What needs to improve").fill(NEEDS_TO_IMPROVE)
    page.get_by_role("button", name="Submit for the board pack").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Submitted for review."
    )

    open_the_quarter(page)
    page.get_by_role("link", name=BOARD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quarterly report to the {BOARD}")
    expect(page.locator("#pack-state")).to_have_text("Draft: not approved")
    expect(page.get_by_text("Review these first")).to_have_count(0)  # all reviewed above
    page.get_by_role("button", name="Publish the pack").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Published version 1 of the pack."
    )
    expect(page.locator("#pack-state")).to_have_text("Published, version 1")
    expect(page.get_by_text(GOING_WELL)).to_be_visible()
    expect(page.get_by_text(NEEDS_TO_IMPROVE)).to_be_visible()
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    delivery = page.locator("table", has=page.get_by_role("columnheader", name="RAG"))
    actions = delivery.get_by_role("row")
    expect(actions.filter(has=page.get_by_role("cell", name=returned, exact=True))).to_contain_text(
        "Not submitted"
    )
    for number in approved:
        row = actions.filter(has=page.get_by_role("cell", name=number, exact=True))
        expect(row).to_contain_text("Approved")
    screenshot(page, "board-pack")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    path = download.value.path()
    assert download.value.suggested_filename == f"{BOARD_KEY}-2023-q3-v1.pdf"
    pdf = PdfReader(BytesIO(path.read_bytes()))
    text = normalised(" ".join(p.extract_text() for p in pdf.pages))
    assert f"Quarterly report to the {BOARD}" in text
    assert "Published, version 1" in text
    assert GOING_WELL in text
    assert NEEDS_TO_IMPROVE in text


def test_a_board_member_sees_their_boards_draft_pack_and_not_another_boards(
    page: Page, live_server: Any, demo_in_cycle: dict[str, DemoAccount]
) -> None:
    sign_in(page, live_server.url, demo_in_cycle["board.member"])
    for query in ("?draft=1", ""):  # quarter 3 has no published pack yet: both are the draft
        page.goto(f"{live_server.url}{PACKS.format(key=OTHER_BOARD_KEY, code='2023-Q3')}{query}")
        expect(page.get_by_role("heading", level=1)).to_have_text(REFUSED)
        expect(page.get_by_text("Your roles do not include this page.")).to_be_visible()
        expect(page.get_by_text("Draft: not approved")).to_have_count(0)

    # The other board's published pack of quarter 2 is the partnership's record: readable,
    # but with no way to its live draft.
    page.goto(f"{live_server.url}{PACKS.format(key=OTHER_BOARD_KEY, code='2023-Q2')}")
    expect(page.locator("#pack-state")).to_have_text("Published, version 1")
    expect(page.get_by_role("link", name="The live draft")).to_have_count(0)

    open_the_quarter(page)
    page.get_by_role("link", name=BOARD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quarterly report to the {BOARD}")
    expect(page.locator("#pack-state")).to_have_text("Draft: not approved")
    expect(page.get_by_role("button", name="Publish the pack")).to_have_count(0)


def check_pages(page: Page, found: dict[str, list[str]]) -> None:
    """Run axe on the page as it stands; note any serious violation under its address."""
    violations = serious_violations(page)
    if violations:
        found[f"{page.url} ({page.title()})"] = violations


def test_an_owners_cycle_pages_have_no_serious_accessibility_violations(
    page: Page, live_server: Any, demo_in_cycle: dict[str, DemoAccount]
) -> None:
    found: dict[str, list[str]] = {}
    sign_in(page, live_server.url, demo_in_cycle["action.owner"])
    open_your_updates(page)
    check_pages(page, found)
    page.get_by_role("link", name=re.compile(r"^7\.1 ")).click()
    check_pages(page, found)
    page.get_by_label("Red: off track").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_pages(page, found)  # the form with its errors
    assert found == {}


def test_a_leads_cycle_pages_and_the_scorecard_have_no_serious_accessibility_violations(
    page: Page, live_server: Any, demo_in_cycle: dict[str, DemoAccount]
) -> None:
    found: dict[str, list[str]] = {}
    sign_in(page, live_server.url, demo_in_cycle["strategic.lead"])
    open_your_updates(page)
    check_pages(page, found)
    waiting_for_review(page).first.click()
    expect(page.get_by_role("heading", name="Review this update")).to_be_visible()
    check_pages(page, found)  # an update under review
    open_your_updates(page)
    page.get_by_role("link", name=re.compile(r"^Priority 2: Safeguarding: Quarter 3")).click()
    check_pages(page, found)  # the commentary form
    for url in (
        PACKS.format(key=BOARD_KEY, code="2023-Q3"),  # the live draft, with Publish
        PACKS.format(key=BOARD_KEY, code="2023-Q2"),  # a published pack
        "/plans/portsmouth-2020-23/scorecard/",
    ):
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None
        assert response.status == 200, url
        check_pages(page, found)
    assert found == {}
