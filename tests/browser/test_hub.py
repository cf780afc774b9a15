"""The family hub in a real browser: a practitioner opens the work list, is asked why before a
family opens, states it, reads why the family is listed and records a decision; an analyst works
the clerical review queue. axe finds no serious violation on any of their pages.

The hub is the small made-up one of ``tests/hub/conftest.py``: ``practitioner_a`` works in
Northmoor, whose list starts with family F-NORTH-1.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db.models import QuerySet
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_accessibility import serious_violations
from tests.factories import PASSWORD
from tests.hub.conftest import CAMHS, POLICE, build_hub
from trustplan.access.models import Role
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.hub.models import WorkDecision
from trustplan.web.demo import DemoAccount

pytestmark = pytest.mark.browser

REASON = "Offered at the school's request; the family agreed to a visit."


@pytest.fixture
def hub_live(live_server: Any) -> dict[str, Any]:
    """The made-up hub in the live server's database."""
    return build_hub()


# Only the hub pages' own entries: sign-ins, roles given and feed loads are audited too
# (trustplan.audit.receivers).
HUB_ACTIONS = ("view_family", "view_person", "decide", "review_pair")


def hub_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action__in=HUB_ACTIONS)


def account(username: str, role: Role, scope: str) -> DemoAccount:
    return DemoAccount(username, username, role, scope, PASSWORD)


def check_page(page: Page, found: dict[str, list[str]]) -> None:
    violations = serious_violations(page)
    if violations:
        found[f"{page.url} ({page.title()})"] = violations


def test_a_practitioner_states_a_purpose_reads_why_and_offers_early_help(
    page: Page, live_server: Any, hub_live: dict[str, Any]
) -> None:
    found: dict[str, list[str]] = {}
    sign_in(page, live_server.url, account("practitioner_a", Role.HUB_PRACTITIONER, "Northmoor"))
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Family hub").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work list")
    work_list = page.locator("#work-list")
    first = work_list.get_by_role("row").filter(has_text="F-NORTH-1")
    expect(first).to_contain_text(POLICE)
    expect(first).to_contain_text("Not yet decided")
    expect(work_list).not_to_contain_text("F-EAST-1")
    expect(page.get_by_text("Quillfeather")).to_have_count(0)
    check_page(page, found)  # the work list
    screenshot(page, "hub-work-list")

    first.get_by_role("link", name="F-NORTH-1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why are you opening this family?")
    expect(page.get_by_text("Quillfeather")).to_have_count(0)
    check_page(page, found)  # the purpose gate
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select why you need to open this")
    expect(summary).to_contain_text("Enter your reason")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_page(page, found)  # the purpose gate with its errors
    page.get_by_label("Reviewing a family on the work list").check()
    page.get_by_label("Your reason").fill("Reviewing Northmoor's list this week")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Family F-NORTH-1")
    expect(page.locator("#stated-purpose")).to_contain_text("Reviewing a family on the work list")
    expect(page.locator("#people")).to_contain_text("Morwenna Quillfeather")
    expect(page.get_by_text(CAMHS[0].upper() + CAMHS[1:] + ".")).to_be_visible()
    expect(page.get_by_text("Incident type: domestic abuse; Role: victim").first).to_be_visible()
    check_page(page, found)  # the family page
    page.get_by_label("Offer an early help assessment").check()
    page.get_by_label("Reason for your decision").fill(REASON)
    screenshot(page, "hub-family")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Recorded: Offer an early help assessment."
    )
    expect(page.locator("#decisions")).to_contain_text(REASON)
    page.get_by_role("link", name="Back to the work list").click()
    expect(
        page.locator("#work-list").get_by_role("row").filter(has_text="F-NORTH-1")
    ).to_contain_text("Offer an early help assessment")

    assert WorkDecision.objects.get().decided_by == hub_live["practitioner_a"]
    actions = list(hub_entries().values_list("action", flat=True))
    assert actions == ["view_family", "decide", "view_family"]
    assert list(chain.verify()) == []
    assert found == {}


def test_an_analyst_decides_a_pair_from_the_review_queue(
    page: Page, live_server: Any, hub_live: dict[str, Any]
) -> None:
    found: dict[str, list[str]] = {}
    sign_in(page, live_server.url, account("hub_analyst", Role.HUB_ANALYST, "the partnership"))
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Family hub").click()
    page.get_by_role("link", name="Clerical review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clerical review queue")
    check_page(page, found)  # the queue
    page.get_by_role("link", name=f"Pair {hub_live['likely_pair'].pk}").click()
    page.get_by_label("Checking linked records (data quality)").check()
    page.get_by_label("Your reason").fill("Working through the uncertain pairs")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same person?")
    expect(page.locator("#pair")).to_contain_text("Demelsa")
    check_page(page, found)  # the pair
    page.get_by_label("The same person").check()
    page.get_by_label("Reason for your decision").fill("Same address; a known misspelling.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The next link run respects it."
    )
    expect(page.locator("#review-queue")).not_to_contain_text("housing:HO-8")
    assert found == {}
