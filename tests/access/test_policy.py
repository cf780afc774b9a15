"""The access policy, decision by decision."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from trustplan.access import policy
from trustplan.access.policy import Roles
from trustplan.plans.models import PlanStatus


def test_anonymous_has_no_roles() -> None:
    roles = Roles.of(AnonymousUser())
    assert not roles.authenticated
    assert not roles.has_any_role


def test_a_superuser_is_an_administrator(people: dict) -> None:
    people["outsider"].is_superuser = True
    assert Roles.of(people["outsider"]).is_administrator


def test_scoped_roles_carry_their_scopes(people: dict) -> None:
    roles = Roles.of(people["lead"])
    assert roles.priority_ids == {people["safeguarding"].pk}
    assert roles.partnership_roles == frozenset()
    assert roles.has_any_role


@pytest.mark.parametrize(
    ("status", "public", "who", "allowed"),
    [
        (PlanStatus.CONSULTATION, False, "viewer", True),
        (PlanStatus.CONSULTATION, False, "outsider", False),
        (PlanStatus.CONSULTATION, True, "outsider", True),
        (PlanStatus.DRAFT, True, "outsider", False),
        (PlanStatus.DRAFT, False, "viewer", False),
        (PlanStatus.DRAFT, False, "analyst", True),
        (PlanStatus.DRAFT, False, "admin", True),
    ],
)
def test_can_view_plan(people: dict, status: str, public: bool, who: str, allowed: bool) -> None:
    plan = people["plan"]
    plan.status, plan.is_public = status, public
    assert policy.can_view_plan(Roles.of(people[who]), plan) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("lead", True), ("admin", True), ("other_lead", False), ("analyst", False), ("member", False)],
)
def test_can_edit_priority(people: dict, who: str, allowed: bool) -> None:
    assert policy.can_edit_priority(Roles.of(people[who]), people["safeguarding"]) is allowed


def test_only_administrators_publish(people: dict) -> None:
    assert policy.can_publish_plan(Roles.of(people["admin"]))
    assert not policy.can_publish_plan(Roles.of(people["analyst"]))


def test_board_membership_is_for_members_and_the_partnership_team(people: dict) -> None:
    board = people["safeguarding"].board
    other_board = people["education"].board
    member = Roles.of(people["member"])
    assert policy.can_see_board_membership(member, board)
    assert not policy.can_see_board_membership(member, other_board)
    assert policy.can_see_board_membership(Roles.of(people["analyst"]), other_board)
