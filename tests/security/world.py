"""One made-up partnership with something behind every URL, and one user per persona.

The plan of ``tests.factories`` (under consultation, not public) with indicator data, its
quarterly cycle (2023-Q2 published and closed, 2023-Q3 open), a risk, a self-assessment round
in progress and a complete one, a draft and an approved needs assessment, a draft plan, a public
plan with its own indicators, and the made-up hub of ``tests.hub.conftest``. Built once per test
module (``conftest.world``); every test runs in a savepoint inside it.

"Own" objects are the Safeguarding priority's (priority 2) and board's, and Northmoor's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from tests.factories import make_plan, make_user, plan_data
from tests.hub.conftest import build_hub
from tests.measures.conftest import (
    AREAS,
    DEFINITIONS,
    ENGLAND,
    PORTSMOUTH,
    TARGETS,
    observations_csv,
)
from tests.measures.conftest import load as load_data
from tests.selfassessment.conftest import FRAMEWORK
from trustplan.access import matrix
from trustplan.access.matrix import Persona
from trustplan.access.models import Role
from trustplan.delivery.cycle import close_quarter, open_quarter
from trustplan.delivery.models import Action, ActionUpdate, Commentary, ReportingQuarter, Risk
from trustplan.hub.models import Family, Locality, ReviewPair
from trustplan.measures.models import DataImport
from trustplan.needs.generating import generate, groups_by_priority
from trustplan.needs.models import NeedsAssessment
from trustplan.partners.models import Organisation
from trustplan.plancode import PlanDocument
from trustplan.plans.loading import load_plan
from trustplan.plans.models import Plan, PlanStatus, Priority
from trustplan.reports import packs
from trustplan.selfassessment import rounds
from trustplan.selfassessment.library import store_framework
from trustplan.selfassessment.models import Finding, FindingKind, Round, RoundState

AS_OF = dt.date(2023, 8, 1)  # the judgement date of tests.measures.conftest's data
QUARTER = "2023-Q3"  # open
PUBLISHED_QUARTER = "2023-Q2"  # published and closed


@dataclass
class World:
    users: dict[Persona, User]
    plan: Plan
    draft_plan: Plan
    public_plan: Plan
    safeguarding: Priority
    education: Priority
    quarter: ReportingQuarter
    published_quarter: ReportingQuarter
    action: Action
    update: ActionUpdate
    commentary: Commentary
    risk: Risk
    data_import: DataImport
    open_round: Round
    complete_round: Round
    finding: Finding
    draft_needs: NeedsAssessment
    approved_needs: NeedsAssessment
    north: Locality
    east: Locality
    north_family: Family
    east_family: Family
    pair: ReviewPair
    hub: dict[str, Any]

    def user(self, persona: Persona) -> User:
        return self.users[persona]


def public_plan() -> Plan:
    """A public plan whose KPIs use indicators no other plan lists."""
    data = plan_data("public-plan")
    for priority in data["priorities"]:
        for kpi in priority["indicators"]:
            kpi["indicator"] = f"public-{kpi['indicator']}"
    plan = load_plan(PlanDocument.model_validate(data), how="test fixture").plan
    plan.is_public = True
    plan.save(update_fields=["is_public"])
    return plan


def _people(plan: Plan, hub: dict[str, Any]) -> dict[Persona, User]:
    safeguarding = plan.priorities.get(number="2")
    education = plan.priorities.get(number="1")
    admin = hub["admin"]
    admin.is_staff = admin.is_superuser = True  # as `trustplan demo` makes administrators
    admin.save()
    users = {
        matrix.NO_ROLE: hub["outsider"],
        matrix.VIEWER: hub["viewer"],
        matrix.BOARD_MEMBER: make_user("member", Role.BOARD_MEMBER, board=safeguarding.board),
        matrix.OTHER_BOARD_MEMBER: make_user(
            "other_member", Role.BOARD_MEMBER, board=education.board
        ),
        matrix.LEAD: make_user("lead", Role.STRATEGIC_LEAD, priority=safeguarding),
        matrix.OTHER_LEAD: make_user("other_lead", Role.STRATEGIC_LEAD, priority=education),
        matrix.ACTION_OWNER: make_user(
            "owner", Role.ACTION_OWNER, objective=safeguarding.objectives.first()
        ),
        matrix.ANALYST: make_user("analyst", Role.ANALYST),
        matrix.ADMINISTRATOR: admin,
        matrix.HUB_ANALYST: hub["hub_analyst"],
        matrix.PRACTITIONER: hub["practitioner_a"],
        matrix.OTHER_PRACTITIONER: hub["practitioner_b"],
    }
    if matrix.DATA_PROTECTION_OFFICER in matrix.PERSONAS:
        users[matrix.DATA_PROTECTION_OFFICER] = make_user("dpo", Role["DATA_PROTECTION_OFFICER"])
    return users


SERIES: dict[str, list[float | None]] = {"E06000044": [*PORTSMOUTH], "E92000001": [*ENGLAND]}


def _indicator_data() -> DataImport:
    Plan.objects.filter(slug="test-plan").update(area_code="E06000044")
    last = None
    for text in (
        DEFINITIONS,
        AREAS,
        observations_csv(SERIES),
        TARGETS,
    ):
        outcome: Any = load_data(text)
        record: DataImport = outcome.record
        assert record.outcome == "applied", record.rejected_rows
        last = record
    assert last is not None
    return last


def _cycle(plan: Plan, safeguarding: Priority, users: dict[Persona, User]) -> dict[str, Any]:
    """Actions under priority 2; 2023-Q2 opened, its Safeguarding pack published, closed; then
    2023-Q3 opened with the owner's update still to write."""
    first, _ = safeguarding.objectives.all()
    action = Action.objects.create(
        objective=first,
        number="1.1",
        title="Run the MASH daily triage meeting",
        owner=users[matrix.ACTION_OWNER],
        start=dt.date(2023, 4, 1),
        due=dt.date(2023, 12, 31),
    )
    risk = Risk.objects.create(
        priority=safeguarding,
        number="R1",
        description="Triage staff vacancies",
        likelihood=3,
        impact=4,
        mitigation="Agency cover",
    )
    admin = users[matrix.ADMINISTRATOR]
    published = open_quarter(plan, PUBLISHED_QUARTER, dt.date(2023, 10, 20), 5, by=admin)
    assert safeguarding.board is not None
    packs.publish(safeguarding.board, published, by=admin)
    close_quarter(published)
    quarter = open_quarter(plan, QUARTER, dt.date(2024, 1, 19), 5, by=admin)
    return {
        "action": action,
        "risk": risk,
        "published_quarter": published,
        "quarter": quarter,
        "update": ActionUpdate.objects.get(quarter=quarter, action=action),
        "commentary": Commentary.objects.get(quarter=quarter, priority=safeguarding),
    }


def _self_assessments(plan: Plan, users: dict[Persona, User]) -> dict[str, Any]:
    """An open round the own lead and own board member contribute to, with one finding; and
    a complete round."""
    framework = store_framework(FRAMEWORK).framework
    council = Organisation.objects.get(key="council")
    police = Organisation.objects.create(key="police", name="Police", kind="police")
    analyst = users[matrix.ANALYST]
    open_round = rounds.open_round(plan, framework, "Self-assessment 2021", analyst)
    rounds.invite(open_round, users[matrix.LEAD], council, analyst)
    rounds.invite(open_round, users[matrix.BOARD_MEMBER], police, analyst)
    finding = Finding.objects.create(
        round=open_round, kind=FindingKind.STRENGTH, order=1, text="Partners share the plan."
    )
    complete = rounds.open_round(plan, framework, "Self-assessment 2020", analyst)
    Round.objects.filter(pk=complete.pk).update(state=RoundState.COMPLETE)
    complete.refresh_from_db()
    return {"open_round": open_round, "complete_round": complete, "finding": finding}


def _needs(plan: Plan, users: dict[Persona, User]) -> dict[str, Any]:
    analyst = users[matrix.ANALYST]
    plan.refresh_from_db()
    draft = generate(plan, groups_by_priority(plan), as_of=AS_OF, by=analyst, title="Draft")
    approved = generate(plan, groups_by_priority(plan), as_of=AS_OF, by=analyst, title="Agreed")
    approved.approve(by=users[matrix.ADMINISTRATOR])
    return {"draft_needs": draft, "approved_needs": approved}


def build_world() -> World:
    plan = make_plan()
    draft_plan = make_plan("draft-plan", status=PlanStatus.DRAFT.value)
    public = public_plan()
    data_import = _indicator_data()
    hub = build_hub()
    users = _people(plan, hub)
    safeguarding = plan.priorities.get(number="2")
    cycle = _cycle(plan, safeguarding, users)
    return World(
        users=users,
        plan=plan,
        draft_plan=draft_plan,
        public_plan=public,
        safeguarding=safeguarding,
        education=plan.priorities.get(number="1"),
        data_import=data_import,
        **cycle,
        **_self_assessments(plan, users),
        **_needs(plan, users),
        north=hub["north"],
        east=hub["east"],
        north_family=hub["first"],
        east_family=hub["eastern"],
        pair=hub["likely_pair"],
        hub=hub,
    )
