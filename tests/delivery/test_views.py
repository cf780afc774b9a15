"""The cycle's pages: who may write, review, open quarters and see ownership, and who is refused."""

from __future__ import annotations

import pytest

from tests.factories import client_for
from trustplan.delivery.models import ReportingQuarter, UpdateState

RED_WITHOUT_WORDS = {"do": "submit", "rating": "red", "status": "in_progress", "narrative": ""}
GREEN = {"do": "submit", "rating": "green", "status": "in_progress", "narrative": "On track."}


def url(update) -> str:
    return f"/updates/actions/{update.pk}/"


def test_my_updates_lists_what_is_due_from_the_owner(in_cycle) -> None:
    assert (
        "Nothing is due from you"
        in client_for(in_cycle, "viewer").get("/updates/").content.decode()
    )
    content = client_for(in_cycle, "owner").get("/updates/").content.decode()
    assert "1.1 Run the MASH daily triage meeting" in content
    assert "1.2 Review MASH thresholds" in content  # no owner, but on the owner's objective
    assert "19 January 2024" in content


def test_my_updates_shows_the_lead_what_awaits_review(in_cycle) -> None:
    client_for(in_cycle, "owner").post(url(in_cycle["update"]), GREEN)
    content = client_for(in_cycle, "lead").get("/updates/").content.decode()
    assert "Waiting for your review" in content
    assert "1.1 Run the MASH daily triage meeting" in content


def test_the_owner_submits_and_a_red_rating_needs_words(in_cycle) -> None:
    client = client_for(in_cycle, "owner")
    refused = client.post(url(in_cycle["update"]), RED_WITHOUT_WORDS)
    assert refused.status_code == 200
    assert "A red rating cannot be submitted without a commentary" in refused.content.decode()
    in_cycle["update"].refresh_from_db()
    assert in_cycle["update"].state == UpdateState.DUE
    assert client.post(url(in_cycle["update"]), GREEN).status_code == 302
    in_cycle["update"].refresh_from_db()
    assert in_cycle["update"].state == UpdateState.SUBMITTED
    assert in_cycle["update"].submitted_by == in_cycle["owner"]


def test_saving_a_draft_does_not_submit(in_cycle) -> None:
    client_for(in_cycle, "owner").post(url(in_cycle["update"]), {**GREEN, "do": "save"})
    in_cycle["update"].refresh_from_db()
    assert (in_cycle["update"].state, in_cycle["update"].narrative) == ("draft", "On track.")


def test_an_owner_cannot_approve_their_own_update(in_cycle) -> None:
    client = client_for(in_cycle, "owner")
    client.post(url(in_cycle["update"]), GREEN)
    assert client.post(url(in_cycle["update"]), {"do": "approve"}).status_code == 403
    in_cycle["update"].refresh_from_db()
    assert in_cycle["update"].state == UpdateState.SUBMITTED


def test_the_lead_approves(in_cycle) -> None:
    client_for(in_cycle, "owner").post(url(in_cycle["update"]), GREEN)
    lead = client_for(in_cycle, "lead")
    assert "Review this update" in lead.get(url(in_cycle["update"])).content.decode()
    assert lead.post(url(in_cycle["update"]), {"do": "approve"}).status_code == 302
    in_cycle["update"].refresh_from_db()
    assert (in_cycle["update"].state, in_cycle["update"].reviewed_by) == (
        "approved",
        in_cycle["lead"],
    )


def test_the_lead_returns_with_comments_and_the_owner_sees_them(in_cycle) -> None:
    client_for(in_cycle, "owner").post(url(in_cycle["update"]), GREEN)
    lead = client_for(in_cycle, "lead")
    empty = lead.post(url(in_cycle["update"]), {"do": "return", "comment": ""})
    assert "Say what needs to change" in empty.content.decode()
    lead.post(url(in_cycle["update"]), {"do": "return", "comment": "Which schools?"})
    page = client_for(in_cycle, "owner").get(url(in_cycle["update"])).content.decode()
    assert "Which schools?" in page
    assert "Submit for review" in page  # returned updates can be written again


@pytest.mark.parametrize("who", ["other_lead", "outsider", "viewer"])
def test_others_cannot_read_an_update(in_cycle, who: str) -> None:
    assert client_for(in_cycle, who).get(url(in_cycle["update"])).status_code == 403


def test_a_board_member_reads_but_cannot_write_or_review(in_cycle) -> None:
    member = client_for(in_cycle, "member")
    page = member.get(url(in_cycle["update"]))
    assert page.status_code == 200
    assert "Submit for review" not in page.content.decode()
    assert member.post(url(in_cycle["update"]), GREEN).status_code == 403


def test_a_closed_quarter_takes_no_more_updates(in_cycle) -> None:
    ReportingQuarter.objects.update(status="closed")
    assert client_for(in_cycle, "owner").post(url(in_cycle["update"]), GREEN).status_code == 403


def test_the_lead_writes_the_commentary(in_cycle) -> None:
    commentary = in_cycle["quarter"].commentaries.get(priority=in_cycle["safeguarding"])
    page = f"/updates/commentary/{commentary.pk}/"
    assert client_for(in_cycle, "owner").post(page, {"do": "save"}).status_code == 403
    response = client_for(in_cycle, "lead").post(
        page,
        {"do": "submit", "going_well": "MASH is faster.", "needs_to_improve": "Repeat referrals."},
    )
    assert response.status_code == 302
    commentary.refresh_from_db()
    assert (commentary.state, commentary.going_well) == ("submitted", "MASH is faster.")


def test_an_administrator_opens_a_quarter_and_others_cannot(people) -> None:
    form = {"quarter": "2023-Q4", "due": "2024-04-19", "grace_days": "5"}
    assert client_for(people, "lead").post("/plans/test-plan/quarters/", form).status_code == 403
    response = client_for(people, "admin").post("/plans/test-plan/quarters/", form)
    assert response.status_code == 302
    assert ReportingQuarter.objects.get().label == "Quarter 4 2023/24 (January to March 2024)"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"quarter": "2023-Q5", "due": "2024-04-19", "grace_days": "5"}, "is not a quarter"),
        ({"quarter": "2023-Q4", "due": "19/04/2024", "grace_days": "5"}, "Enter a valid date"),
        (
            {"quarter": "2023-Q4", "due": "2024-03-01", "grace_days": "5"},
            "updates on a quarter are due after it",
        ),
        (
            {"quarter": "2023-Q4", "due": "2024-04-19", "grace_days": "-1"},
            "greater than or equal to 0",
        ),
    ],
)
def test_opening_a_quarter_with_bad_input_says_why_and_opens_nothing(people, form, message) -> None:
    response = client_for(people, "admin").post("/plans/test-plan/quarters/", form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportingQuarter.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("analyst", 200), ("viewer", 403), ("lead", 403)]
)
def test_the_ownership_view_is_for_administrators_and_analysts(in_cycle, who, status) -> None:
    response = client_for(in_cycle, who).get("/plans/test-plan/ownership/")
    assert response.status_code == status
    if status == 200:
        content = response.content.decode()
        assert "Review MASH thresholds" in content  # the open action with no owner
        assert "First time entrants" in content  # a KPI with no owner


def test_the_delivery_plan_shows_actions_with_the_rollup_rule(in_cycle) -> None:
    content = (
        client_for(in_cycle, "viewer")
        .get("/plans/test-plan/priorities/2/delivery/")
        .content.decode()
    )
    assert "Run the MASH daily triage meeting" in content
    assert "The worst rating of its parts" in content
    assert (
        client_for(in_cycle, "outsider").get("/plans/test-plan/priorities/2/delivery/").status_code
        == 403
    )


DELIVERY = "/plans/test-plan/priorities/2/delivery/"
NEW_ACTION = {"number": "1.3", "title": "Train MASH staff", "owner": "", "organisation": ""}


def test_the_lead_adds_and_changes_actions(in_cycle) -> None:
    lead = client_for(in_cycle, "lead")
    objective = in_cycle["safeguarding"].objectives.first()
    page = lead.get(f"{DELIVERY}actions/new/?objective=1").content.decode()
    assert f'<option value="{objective.pk}" selected>' in page
    form = {**NEW_ACTION, "objective": objective.pk, "start": "2024-01-01", "due": "2024-06-30"}
    assert lead.post(f"{DELIVERY}actions/new/", form).status_code == 302
    action = objective.actions.get(number="1.3")
    assert (action.title, str(action.due)) == ("Train MASH staff", "2024-06-30")
    changed = lead.post(f"{DELIVERY}actions/{action.pk}/", {**form, "owner": in_cycle["owner"].pk})
    assert changed.status_code == 302
    action.refresh_from_db()
    assert action.owner == in_cycle["owner"]
    assert action.history.count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"number": "1.1"}, "The objective already has an action 1.1."),
        ({"start": "2024-07-01"}, "The due date must be on or after the start date."),
        ({"due": "30/06/2024"}, "Enter a valid date."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_a_bad_action_is_refused_with_the_reason(in_cycle, change, message) -> None:
    objective = in_cycle["safeguarding"].objectives.first()
    form = {**NEW_ACTION, "objective": objective.pk, "start": "2024-01-01", "due": "2024-06-30"}
    response = client_for(in_cycle, "lead").post(f"{DELIVERY}actions/new/", {**form, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert objective.actions.count() == 2


def test_an_action_of_another_priority_cannot_be_reached_through_this_one(in_cycle) -> None:
    other = in_cycle["education"].objectives.first().actions.create(number="9", title="Elsewhere")
    assert client_for(in_cycle, "lead").get(f"{DELIVERY}actions/{other.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["other_lead", "owner", "member", "viewer"])
def test_only_the_lead_or_an_administrator_changes_the_delivery_plan(in_cycle, who) -> None:
    client = client_for(in_cycle, who)
    assert client.get(f"{DELIVERY}actions/new/").status_code == 403
    assert client.post(f"{DELIVERY}risks/new/", {"number": "R1"}).status_code == 403


def test_the_lead_keeps_the_risk_register(in_cycle) -> None:
    lead = client_for(in_cycle, "lead")
    risk = {
        "number": "R1",
        "description": "Refuge funding ends in March",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Joint bid with health",
        "owner": "",
        "review_date": "2024-03-31",
        "trend": "increasing",
    }
    assert lead.post(f"{DELIVERY}risks/new/", risk).status_code == 302
    assert (
        "This priority already has a risk R1."
        in lead.post(f"{DELIVERY}risks/new/", risk).content.decode()
    )
    refused = lead.post(f"{DELIVERY}risks/new/", {**risk, "number": "R2", "likelihood": "6"})
    assert "Select a valid choice" in refused.content.decode()
    page = client_for(in_cycle, "viewer").get(DELIVERY).content.decode()
    assert "4 × 5 = 20" in page
    assert "Refuge funding ends in March" in page
