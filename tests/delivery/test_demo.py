"""The demo's delivery data for the 2020-23 plan: made once for the module, read by every test."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction

from trustplan.access.models import Membership, Role
from trustplan.access.policy import Roles, can_review, can_update_action
from trustplan.delivery.demo import (
    PERSON_KEY_PREFIX,
    DemoDeliverySummary,
    create_demo_delivery,
)
from trustplan.delivery.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Commentary,
    KpiOwnership,
    QuarterStatus,
    ReportingQuarter,
    Risk,
    UpdateState,
)
from trustplan.partners.models import Person
from trustplan.plans.models import KeyPerformanceIndicator, Plan
from trustplan.reports.models import PackSnapshot
from trustplan.web.demo import DEMO_PLAN, create_demo_accounts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2024, 2, 29)


@pytest.fixture(scope="module")
def built(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoDeliverySummary]:
    """The demo plan, its accounts and its delivery data, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("plan", "load", str(EXAMPLES / DEMO_PLAN / "plan.yaml"), verbosity=0)
        create_demo_accounts(tmp_path_factory.mktemp("demo"))
        yield create_demo_delivery(Plan.objects.get(slug=DEMO_PLAN))
        transaction.set_rollback(True)


@pytest.fixture
def plan(built: DemoDeliverySummary, db: None) -> Plan:
    return Plan.objects.get(slug=DEMO_PLAN)


def quarter(plan: Plan, code: str) -> ReportingQuarter:
    return ReportingQuarter.objects.get(plan=plan, code=code)


def test_every_objective_has_two_or_three_numbered_actions(plan: Plan) -> None:
    objectives = list(plan.priorities.all().prefetch_related("objectives__actions"))
    assert objectives
    for priority in objectives:
        for objective in priority.objectives.all():
            numbers = [a.number for a in objective.actions.all()]
            assert 2 <= len(numbers) <= 3, objective
            assert numbers == [f"{objective.number}.{n}" for n in range(1, len(numbers) + 1)]
            for action in objective.actions.all():
                label = objective.short_title or objective.title
                assert action.title.startswith(f"{label}: ")
                assert action.start is not None
                assert action.start >= dt.date(2020, 4, 1)


def test_due_dates_spread_across_the_quarters(plan: Plan) -> None:
    actions = list(Action.objects.filter(objective__priority__plan=plan))
    dues = [a.due for a in actions if a.due is not None]
    assert any(dt.date(2023, 7, 1) <= d <= dt.date(2023, 9, 30) for d in dues)
    assert any(dt.date(2023, 10, 1) <= d <= dt.date(2023, 12, 31) for d in dues)
    assert any(d > dt.date(2024, 1, 1) for d in dues)
    finished_before = [a for a in actions if a.due is not None and a.due < dt.date(2023, 4, 1)]
    assert finished_before
    assert all(a.status == ActionStatus.COMPLETE and a.completed_on for a in finished_before)
    completed = [a for a in actions if a.status == ActionStatus.COMPLETE]
    assert all(a.completed_on is not None and a.completed_on <= TODAY for a in completed)


def test_the_people_are_fictional_and_in_partner_organisations(plan: Plan) -> None:
    partners = {link.organisation_id for link in plan.partner_links.all()}
    people = list(Person.objects.filter(key__startswith=PERSON_KEY_PREFIX).select_related("user"))
    assert people
    for person in people:
        assert person.organisation_id in partners
        assert person.user is not None
        assert person.user.email.endswith("@example.org")
        assert not person.user.has_usable_password()
        assert person.user.first_name
        assert person.user.last_name
    for username in ("viewer", "board.member", "strategic.lead", "action.owner", "admin"):
        assert User.objects.get(username=username).email.endswith("@example.org")


def test_each_priority_has_one_strategic_lead_and_owners(plan: Plan) -> None:
    for priority in plan.priorities.all():
        leads = Membership.objects.filter(role=Role.STRATEGIC_LEAD, priority=priority)
        usernames = [m.user.username for m in leads]
        expected = "strategic.lead" if priority.number == "2" else f"lead.{priority.number}"
        assert usernames == [expected]
        owners = set(
            Action.objects.filter(objective__priority=priority, owner__isnull=False)
            .values_list("owner__username", flat=True)
            .distinct()
        )
        assert 2 <= len(owners) <= 3 + (priority.number == "2")
    domestic_abuse = plan.priorities.get(number="2").objectives.get(number="7")
    assert {a.owner.username for a in domestic_abuse.actions.all() if a.owner} == {"action.owner"}
    assert not Action.objects.filter(owner__username="strategic.lead").exists()


def test_ownership_has_gaps_to_show(plan: Plan, built: DemoDeliverySummary) -> None:
    actions = Action.objects.filter(objective__priority__plan=plan)
    ownerless = actions.filter(owner__isnull=True).count()
    assert 0.02 <= ownerless / actions.count() <= 0.08
    kpis = KeyPerformanceIndicator.objects.filter(priority__plan=plan)
    unowned = kpis.filter(ownership__isnull=True).count()
    assert 0.15 <= unowned / kpis.count() <= 0.35
    for ownership in KpiOwnership.objects.filter(kpi__priority__plan=plan).select_related("kpi"):
        scope = Membership.objects.filter(user=ownership.owner).filter(
            priority=ownership.kpi.priority_id
        ) | Membership.objects.filter(
            user=ownership.owner, objective__priority=ownership.kpi.priority_id
        )
        assert scope.exists(), ownership
    assert built.actions_without_owner == ownerless
    assert built.kpis_without_owner == unowned


def test_risks(plan: Plan) -> None:
    overdue = 0
    for priority in plan.priorities.all():
        risks = list(Risk.objects.filter(priority=priority))
        assert 3 <= len(risks) <= 4
        for risk in risks:
            assert 1 <= risk.likelihood <= 5
            assert 1 <= risk.impact <= 5
            assert risk.mitigation
            assert risk.owner is not None
            assert risk.review_date
        overdue += sum(r.review_date is not None and r.review_date < TODAY for r in risks)
    assert 1 <= overdue <= 6
    assert len({r.trend for r in Risk.objects.filter(priority__plan=plan)}) > 1


def test_the_past_quarter_is_complete_and_closed(plan: Plan) -> None:
    past = quarter(plan, "2023-Q2")
    assert past.status == QuarterStatus.CLOSED
    assert past.due == dt.date(2023, 10, 20)
    assert past.grace_days == 5
    updates = ActionUpdate.objects.filter(quarter=past)
    assert updates.exists()
    assert set(updates.values_list("state", flat=True)) == {UpdateState.APPROVED}
    ratings = Counter(updates.values_list("rating", flat=True))
    assert ratings["green"] > ratings["amber"] > 0
    assert ratings["red"] > 0
    assert ratings["blue"] > 0
    assert ratings["green"] > sum(ratings.values()) / 2
    for update in updates.filter(rating="red"):
        assert update.narrative.strip()
    assert all(
        (u.rating == "blue") == (u.status == "complete") for u in updates.only("rating", "status")
    )
    for update in updates.filter(rating="blue").select_related("action"):
        assert update.action.status == ActionStatus.COMPLETE
        assert not ActionUpdate.objects.filter(quarter__code="2023-Q3", action=update.action)
    for update in updates:
        assert update.submitted_at
        assert update.reviewed_at
        assert dt.date(2023, 10, 1) < update.submitted_at.date() < update.reviewed_at.date()
        assert update.reviewed_at.date() <= dt.date(2023, 10, 31)
    commentaries = Commentary.objects.filter(quarter=past)
    assert commentaries.count() == plan.priorities.count()
    for commentary in commentaries.select_related("priority"):
        assert commentary.state == UpdateState.SUBMITTED
        assert commentary.going_well.count(".") >= 2
        assert commentary.needs_to_improve.count(".") >= 2
        assert commentary.submitted_by_id in Membership.objects.filter(
            role=Role.STRATEGIC_LEAD, priority=commentary.priority
        ).values_list("user", flat=True)


def test_each_board_has_one_published_pack_naming_it(plan: Plan) -> None:
    past = quarter(plan, "2023-Q2")
    boards = {p.board for p in plan.priorities.select_related("board") if p.board}
    assert len(boards) == plan.priorities.count()
    for board in boards:
        snapshots = list(PackSnapshot.objects.filter(board=board, quarter=past))
        assert [s.version for s in snapshots] == [1]
        assert snapshots[0].is_intact()
        pack = snapshots[0].pack()
        assert pack.board == board.name
        assert pack.quarter == "2023-Q2"
        for part in pack.priorities:
            commentary = Commentary.objects.get(quarter=past, priority__number=part.number)
            assert part.commentary is not None
            assert part.commentary.going_well == commentary.going_well
            assert part.commentary.needs_to_improve == commentary.needs_to_improve
            assert part.objectives
            assert part.risks
    assert not PackSnapshot.objects.filter(quarter__code="2023-Q3").exists()


def test_the_open_quarter_is_part_way_through(plan: Plan) -> None:
    current = quarter(plan, "2023-Q3")
    assert current.status == QuarterStatus.OPEN
    assert current.due == dt.date(2024, 3, 8)
    states = Counter(ActionUpdate.objects.filter(quarter=current).values_list("state", flat=True))
    total = sum(states.values())
    assert set(states) == {s.value for s in UpdateState}
    shares = {state: count / total for state, count in states.items()}
    assert 0.3 <= shares["approved"] <= 0.5
    assert 0.12 <= shares["submitted"] <= 0.28
    assert 0.08 <= shares["draft"] <= 0.22
    assert 0.02 <= shares["returned"] <= 0.1
    assert 0.1 <= shares["due"] <= 0.3
    for priority in plan.priorities.all():
        mine = ActionUpdate.objects.filter(quarter=current, action__objective__priority=priority)
        assert {UpdateState.APPROVED, UpdateState.SUBMITTED, UpdateState.DUE} <= set(
            mine.values_list("state", flat=True)
        )
    for update in ActionUpdate.objects.filter(quarter=current, state=UpdateState.RETURNED):
        assert update.review_comment.strip()
        assert update.rating
        assert update.status
    for update in ActionUpdate.objects.filter(quarter=current, state=UpdateState.DRAFT):
        assert update.rating
        assert update.status
        assert update.narrative
        assert update.submitted_by_id is None
    for update in ActionUpdate.objects.filter(quarter=current, state=UpdateState.DUE):
        assert not update.rating
        assert not update.narrative
    stamped = ActionUpdate.objects.filter(quarter=current, submitted_at__isnull=False)
    assert all(u.submitted_at.date() < TODAY for u in stamped if u.submitted_at)


def test_action_owner_and_strategic_lead_have_work_to_do(plan: Plan) -> None:
    current = quarter(plan, "2023-Q3")
    owner = User.objects.get(username="action.owner")
    lead = User.objects.get(username="strategic.lead")
    owned = ActionUpdate.objects.filter(quarter=current, action__owner=owner)
    states = set(owned.values_list("state", flat=True))
    assert {UpdateState.DUE, UpdateState.DRAFT} <= states
    owner_roles = Roles.of(owner)
    assert all(can_update_action(owner_roles, u.action) for u in owned)
    waiting = ActionUpdate.objects.filter(
        quarter=current,
        action__objective__priority__number="2",
        state=UpdateState.SUBMITTED,
    ).exclude(submitted_by=lead)
    assert waiting.exists()
    lead_roles = Roles.of(lead)
    safeguarding = plan.priorities.get(number="2")
    assert any(can_review(lead_roles, u, safeguarding) for u in waiting)


def test_half_the_open_quarters_commentaries_are_in_but_not_priority_twos(plan: Plan) -> None:
    current = quarter(plan, "2023-Q3")
    commentaries = Commentary.objects.filter(quarter=current).select_related("priority")
    submitted = [c for c in commentaries if c.state == UpdateState.SUBMITTED]
    assert len(submitted) == plan.priorities.count() // 2
    assert all(c.going_well and c.needs_to_improve for c in submitted)
    safeguarding = commentaries.get(priority__number="2")
    assert safeguarding.state == UpdateState.DUE
    assert not safeguarding.has_text


def test_nobody_approved_their_own_update(plan: Plan) -> None:
    approved = ActionUpdate.objects.filter(
        quarter__plan=plan, state=UpdateState.APPROVED
    ).select_related("action")
    assert approved.exists()
    for update in approved:
        assert update.reviewed_by_id is not None
        assert update.reviewed_by_id != update.action.owner_id
        assert update.reviewed_by_id != update.submitted_by_id
        assert Membership.objects.filter(
            user=update.reviewed_by_id,
            role=Role.STRATEGIC_LEAD,
            priority=update.action.objective.priority_id,
        ).exists()


def test_running_it_again_creates_nothing(plan: Plan, built: DemoDeliverySummary) -> None:
    models = (Action, ActionUpdate, Commentary, Risk, KpiOwnership, PackSnapshot, User, Person)
    before = {model: model.objects.count() for model in models}
    history = ActionUpdate.history.count()  # type: ignore[attr-defined]

    again = create_demo_delivery(plan)

    assert again == built
    assert {model: model.objects.count() for model in models} == before
    assert ActionUpdate.history.count() == history  # type: ignore[attr-defined]
    assert built.quarters == 2
    assert built.packs_published == plan.boards.count()
    assert built.updates == ActionUpdate.objects.filter(quarter__plan=plan).count()
