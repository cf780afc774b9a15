"""A finding becomes the next action of an objective in the plan's delivery plan, linked back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import client_for, make_plan
from trustplan.delivery.models import Action
from trustplan.delivery.rules import WorkflowError
from trustplan.selfassessment import moderation, rounds
from trustplan.selfassessment.models import Finding, FindingKind


@pytest.fixture
def finding(assessment: dict[str, Any]) -> Finding:
    rounds.close_scoring(assessment["round"])
    return moderation.add_finding(
        assessment["round"],
        FindingKind.IMPROVEMENT,
        "Use of data to identify vulnerability and need",
        assessment["admin"],
    )


def test_a_finding_becomes_the_next_action_of_the_objective(
    assessment: dict[str, Any], finding: Finding
) -> None:
    objective = assessment["safeguarding"].objectives.get(number="2")
    Action.objects.create(objective=objective, number="2.1", title="Commission refuges")
    Action.objects.create(objective=objective, number="2.3", title="Train the workforce")
    action = moderation.finding_to_action(
        finding,
        objective,
        "Use data to identify need",
        assessment["admin"],
        due=dt.date(2021, 3, 31),
    )
    assert (action.number, action.title, action.due) == (
        "2.4",
        "Use data to identify need",
        dt.date(2021, 3, 31),
    )
    finding.refresh_from_db()
    assert finding.action == action
    assert action.history.get().history_user == assessment["admin"]


def test_a_finding_becomes_an_action_only_once(
    assessment: dict[str, Any], finding: Finding
) -> None:
    objective = assessment["safeguarding"].objectives.get(number="1")
    moderation.finding_to_action(finding, objective, "First", assessment["admin"])
    with pytest.raises(WorkflowError, match="already an action in the delivery plan"):
        moderation.finding_to_action(finding, objective, "Again", assessment["admin"])
    assert objective.actions.count() == 1


def test_the_action_must_be_in_the_rounds_own_plan(
    assessment: dict[str, Any], finding: Finding
) -> None:
    elsewhere = make_plan("other-plan").priorities.get(number="2").objectives.get(number="1")
    with pytest.raises(ValueError, match="is not an objective of"):
        moderation.finding_to_action(finding, elsewhere, "Title", assessment["admin"])
    assert not Action.objects.exists()


def test_the_moderator_adds_a_finding_to_the_delivery_plan_from_its_page(
    assessment: dict[str, Any], finding: Finding
) -> None:
    round = assessment["round"]
    objective = assessment["safeguarding"].objectives.get(number="1")
    url = f"/plans/test-plan/self-assessments/{round.pk}/findings/{finding.pk}/action/"
    client = client_for(assessment, "analyst")
    page = client.get(url)
    assert "Use of data to identify vulnerability and need</textarea>" in page.content.decode()
    response = client.post(
        url,
        {"objective": objective.pk, "title": "Build the data hub", "organisation": "", "due": ""},
    )
    assert response.status_code == 302
    action = Action.objects.get(objective=objective)
    assert (action.number, action.title) == ("1.1", "Build the data hub")
    finding.refresh_from_db()
    assert finding.action == action
    moderate = client.get(f"/plans/test-plan/self-assessments/{round.pk}/moderate/")
    assert "action 1.1 in the delivery plan" in moderate.content.decode()


def test_only_a_moderator_may_put_a_finding_in_the_delivery_plan(
    assessment: dict[str, Any], finding: Finding
) -> None:
    url = (
        f"/plans/test-plan/self-assessments/{assessment['round'].pk}/findings/{finding.pk}/action/"
    )
    for who in ("lead", "viewer", "owner"):
        assert client_for(assessment, who).get(url).status_code == 403, who
