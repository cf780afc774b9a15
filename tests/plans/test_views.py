"""The plan's pages: what each kind of user sees, and what each is refused."""

from __future__ import annotations

import pytest

from tests.factories import client_for
from trustplan.plans.models import Plan, PlanRevision, PlanStatus

PLAN = "/plans/test-plan/"
READ_PAGES = [
    PLAN,
    f"{PLAN}plan-on-a-page/",
    f"{PLAN}spine/",
    f"{PLAN}priorities/2/",
    f"{PLAN}boards/safeguarding-board/",
]
ROLE_HOLDERS = ["admin", "analyst", "viewer", "lead", "other_lead", "member", "owner"]


@pytest.mark.parametrize("who", ROLE_HOLDERS)
@pytest.mark.parametrize("url", READ_PAGES)
def test_anyone_with_a_role_reads_the_plan(people: dict, who: str, url: str) -> None:
    response = client_for(people, who).get(url)
    assert response.status_code == 200
    assert b"Test Children&#x27;s Trust Plan 2020 - 2023" in response.content


@pytest.mark.parametrize("url", READ_PAGES)
def test_a_signed_in_user_without_a_role_is_refused(people: dict, url: str) -> None:
    response = client_for(people, "outsider").get(url)
    assert response.status_code == 403
    assert b"You do not have access to this page" in response.content


@pytest.mark.parametrize("url", READ_PAGES)
def test_an_anonymous_visitor_is_sent_to_sign_in(people: dict, url: str) -> None:
    response = client_for(people, None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", [*READ_PAGES[:4]])
def test_a_public_plan_is_readable_without_signing_in(people: dict, url: str) -> None:
    Plan.objects.update(is_public=True)
    assert client_for(people, None).get(url).status_code == 200


def test_a_public_plan_still_refuses_edits_without_signing_in(people: dict) -> None:
    Plan.objects.update(is_public=True)
    response = client_for(people, None).get(f"{PLAN}priorities/2/edit/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("analyst", 200), ("viewer", 403), ("lead", 403)]
)
def test_a_draft_plan_is_only_for_those_who_manage_plans(
    people: dict, who: str, status: int
) -> None:
    Plan.objects.update(status=PlanStatus.DRAFT, is_public=True)
    assert client_for(people, who).get(PLAN).status_code == status


def test_the_priority_page_shows_vision_board_leads_kpis_objectives_and_covid_items(
    people: dict,
) -> None:
    content = client_for(people, "viewer").get(f"{PLAN}priorities/2/").content.decode()
    for text in [
        "Priority 2: Safeguarding",
        "Children grow up safe.",
        "Safeguarding Board",
        "Saf Lead",
        "First time entrants",
        "Domestic abuse",
        "Effective MASH",
        "Safeguarding eyes on children",
    ]:
        assert text in content


def test_the_plan_home_lists_the_documents_inconsistencies(people: dict) -> None:
    content = client_for(people, "viewer").get(PLAN).content.decode()
    assert "The document states 4 indicators but lists 3 (Section E)." in content


@pytest.mark.parametrize(("who", "status"), [("lead", 200), ("admin", 200)])
def test_a_strategic_lead_may_edit_their_own_priority(people: dict, who: str, status: int) -> None:
    assert client_for(people, who).get(f"{PLAN}priorities/2/edit/").status_code == status


@pytest.mark.parametrize("who", ["other_lead", "member", "owner", "viewer", "analyst", "outsider"])
def test_everyone_else_is_refused_the_edit_page(people: dict, who: str) -> None:
    client = client_for(people, who)
    assert client.get(f"{PLAN}priorities/2/edit/").status_code == 403
    response = client.post(
        f"{PLAN}priorities/2/edit/", {"vision": "Hijacked", "outcome": "", "strategy": ""}
    )
    assert response.status_code == 403
    assert people["safeguarding"].__class__.objects.get(pk=people["safeguarding"].pk).vision == (
        "Children grow up safe."
    )


def test_an_edit_is_saved_and_recorded_as_a_revision(people: dict) -> None:
    client = client_for(people, "lead")
    response = client.post(
        f"{PLAN}priorities/2/edit/",
        {"outcome": "Improve early help and safeguarding", "strategy": "", "vision": "New vision."},
    )
    assert response.status_code == 302
    assert "New vision." in client.get(f"{PLAN}priorities/2/").content.decode()
    revision = PlanRevision.objects.order_by("-number").first()
    assert revision.created_by == people["lead"]
    assert revision.how == "edited priority 2 (outcome, vision) in the app"
    assert "New vision." in revision.document


@pytest.mark.parametrize(
    ("who", "sees_members"),
    [("member", True), ("admin", True), ("analyst", True), ("viewer", False), ("lead", False)],
)
def test_board_membership_is_shown_to_its_members_and_the_partnership_team(
    people: dict, who: str, sees_members: bool
) -> None:
    content = client_for(people, who).get(f"{PLAN}boards/safeguarding-board/").content.decode()
    assert ("Members in trustplan" in content) is sees_members


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("analyst", 200), ("viewer", 403), ("lead", 403), ("outsider", 403)],
)
def test_the_plan_file_download_is_for_those_who_manage_plans(
    people: dict, who: str, status: int
) -> None:
    response = client_for(people, who).get(f"{PLAN}plan.yaml")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/yaml"
        assert b"slug: test-plan" in response.content


@pytest.mark.parametrize(
    ("who", "status", "public_after"),
    [("admin", 302, True), ("analyst", 403, False), ("viewer", 403, False)],
)
def test_only_an_administrator_makes_a_plan_public(
    people: dict, who: str, status: int, public_after: bool
) -> None:
    response = client_for(people, who).post(f"{PLAN}visibility/", {"public": "yes"})
    assert response.status_code == status
    assert Plan.objects.get().is_public is public_after


def test_unknown_plans_and_priorities_are_not_found(people: dict) -> None:
    client = client_for(people, "admin")
    assert client.get("/plans/nope/").status_code == 404
    assert client.get(f"{PLAN}priorities/9/").status_code == 404
    assert client.get(f"{PLAN}boards/nope/").status_code == 404
