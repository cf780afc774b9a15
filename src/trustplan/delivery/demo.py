"""The delivery side of the demo: actions, risks, KPI owners and two quarters of the cycle.

Everything here is made up: fictional people (``@example.org``, no usable password) in the real
partner organisations of the 2020-23 plan, actions worded generically from each objective's own
short title, and updates, commentaries and risks that read like a partnership's but describe
nothing that happened. It is built through the same workflow the pages use (``open_quarter``,
``submit``, ``approve``, ``publish``), so every rule of the cycle holds in the demo too.

The demo's "today" is ``TRUSTPLAN_AS_OF`` (29 February 2024): quarter 2 of 2023/24 (July to
September 2023) is complete and its board packs are published; quarter 3 (October to December
2023) is open part-way through, with updates in every state, so a visitor signed in as
``action.owner`` has updates to write and ``strategic.lead`` has updates to review.

The records are stamped with the dates they would have had (updates submitted in October 2023,
and so on), history included, so the pages read consistently with the demo's "today". Only the
published packs keep the time they were really frozen: it is part of their sealed content.

``create_demo_delivery`` is deterministic (a fixed seed, and the plan's own order throughout)
and idempotent: a plan that already has quarters or actions is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.contrib.auth.models import User
from django.db import models, transaction

from trustplan.access.models import Membership, Role
from trustplan.delivery.cycle import close_quarter, open_quarter
from trustplan.delivery.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Commentary,
    KpiOwnership,
    ReportingQuarter,
    Risk,
    RiskTrend,
    UpdateRating,
    UpdateState,
)
from trustplan.partners.models import Organisation, OrganisationKind, Person
from trustplan.plans.models import KeyPerformanceIndicator, Objective, Plan, Priority
from trustplan.reports.models import PackSnapshot
from trustplan.reports.packs import publish
from trustplan.web.demo import EMAIL_DOMAIN, demo_account, demo_moment, fictional_person

_Reviewed = TypeVar("_Reviewed", ActionUpdate, Commentary)

SEED = 20230401
PERSON_KEY_PREFIX = "demo-delivery-"

# The accounts of ``trustplan.web.demo.create_demo_accounts`` this builds on.
DEMO_ACCOUNTS = ("viewer", "board.member", "strategic.lead", "action.owner", "analyst", "admin")
ADMIN, LEAD, OWNER = "admin", "strategic.lead", "action.owner"
LEAD_PRIORITY, OWNER_OBJECTIVE = "2", "7"  # what strategic.lead and action.owner act in

PAST_QUARTER, PAST_DUE = "2023-Q2", dt.date(2023, 10, 20)
OPEN_QUARTER, OPEN_DUE = "2023-Q3", dt.date(2024, 3, 8)
GRACE_DAYS = 5
TODAY = dt.date(2024, 2, 29)  # the demo's TRUSTPLAN_AS_OF

# Fictional people. Any likeness to a real person's name is a coincidence of common names.
LEAD_NAMES = [
    ("Helen", "Marsh"),
    ("Rajesh", "Kumar"),
    ("Claire", "Donovan"),
    ("Martin", "Okafor"),
    ("Fiona", "Blake"),
    ("Gareth", "Hughes"),
]
OWNER_NAMES = [
    ("Priya", "Shah"),
    ("Tom", "Hargreaves"),
    ("Aisha", "Rahman"),
    ("Daniel", "Price"),
    ("Megan", "Lloyd"),
    ("Kwame", "Mensah"),
    ("Sophie", "Turner"),
    ("Liam", "Gallagher-Ross"),
    ("Hannah", "Coles"),
    ("Marek", "Nowak"),
    ("Zara", "Iqbal"),
    ("Owen", "Pritchard"),
    ("Grace", "Adeyemi"),
    ("Chris", "Fenwick"),
    ("Nadia", "Costa"),
    ("Ben", "Ashworth"),
    ("Ruth", "Okonjo"),
    ("Jamie", "Whitlock"),
    ("Elena", "Petrova"),
    ("Sam", "Kerr-Doyle"),
    ("Imogen", "Dale"),
]

# Which partners lead the work of each priority of the 2020-23 plan, most likely first.
PRIORITY_PARTNERS = {
    "1": ["schools", "portsmouth-city-council", "colleges", "early-years-settings"],
    "2": ["portsmouth-city-council", "police", "youth-offending-team", "solent-nhs"],
    "3": [
        "clinical-commissioning-group",
        "solent-nhs",
        "portsmouth-hospitals",
        "portsmouth-city-council",
    ],
    "4": [
        "solent-nhs",
        "clinical-commissioning-group",
        "schools",
        "voluntary-and-community-sector",
    ],
    "5": [
        "portsmouth-city-council",
        "solent-nhs",
        "colleges",
        "children-and-young-peoples-alliance",
    ],
    "6": [
        "portsmouth-city-council",
        "schools",
        "portsmouth-parent-board",
        "clinical-commissioning-group",
    ],
}

JOB_TITLES = {
    OrganisationKind.LOCAL_AUTHORITY: ["Service manager", "Head of service", "Team manager"],
    OrganisationKind.NHS_COMMISSIONER: ["Commissioning manager", "Designated nurse"],
    OrganisationKind.NHS_PROVIDER: ["Clinical lead", "Service manager", "Named nurse"],
    OrganisationKind.POLICE: ["Detective inspector", "Partnership inspector"],
    OrganisationKind.SCHOOLS: ["Headteacher", "Deputy headteacher"],
    OrganisationKind.FURTHER_EDUCATION: ["Vice principal", "Head of student support"],
    OrganisationKind.EARLY_YEARS: ["Setting manager", "Early years lead"],
    OrganisationKind.VOLUNTARY_SECTOR: ["Chief executive", "Project manager"],
    OrganisationKind.PARENTS_AND_YOUNG_PEOPLE: ["Parent representative", "Participation lead"],
    OrganisationKind.YOUTH_JUSTICE: ["Team manager", "Practice lead"],
}

# An action's wording: "<objective's short title>: <what>", and whether it is a milestone.
ACTION_WORDING = [
    ("agree the multi-agency delivery plan, its milestones and leads", True),
    ("map current provision and identify gaps against need", False),
    ("co-produce the approach with children, young people and families", False),
    ("deliver multi-agency workforce training and practice briefings", False),
    ("agree shared performance measures and a quarterly dashboard", False),
    ("review the pathway and publish revised guidance for practitioners", True),
    ("complete a multi-agency audit and act on its findings", False),
    ("report progress and impact to the board", True),
    ("secure funding and commissioning arrangements from 2024/25", False),
    ("evaluate the work so far and agree the next phase", False),
    ("embed the approach in partner organisations' quality assurance", False),
    ("run an information campaign for families and professionals", False),
]

# When an action falls due, as a share of the demo's actions.
KINDS = {
    "done": 0.10,  # due before 2023-24 and completed then
    "due_q2": 0.22,  # due July to September 2023
    "due_q3": 0.24,  # due October to December 2023
    "later": 0.38,  # due from 2024
    "late_start": 0.04,  # starts in October or November 2023
    "planned": 0.02,  # starts in April 2024
}
OWNERLESS_SHARE = 0.05
KPI_OWNERLESS_SHARE = 0.25

# Quarter 3's updates as the demo's "today" finds them; the rest are untouched (due).
OPEN_QUARTER_SHARES = {
    UpdateState.APPROVED: 0.40,
    UpdateState.SUBMITTED: 0.20,
    UpdateState.DRAFT: 0.15,
    UpdateState.RETURNED: 0.05,
}

NARRATIVES = {
    UpdateRating.GREEN: [
        "On track. The multi-agency task group met twice this quarter and the milestones for "
        "{title} are being delivered as planned.",
        "Progressing as planned: {organisation} has the staffing in place and the first phase is "
        "under way. Nothing to escalate to the board.",
        "On track. Partners have agreed the approach and early feedback from families is "
        "positive; the next milestone falls due next quarter.",
        "On schedule. A practitioners' workshop was held this quarter and the actions agreed "
        "there are being taken forward.",
    ],
    UpdateRating.AMBER: [
        "At risk but recoverable: vacancies in {organisation} have slowed progress. Cover has "
        "been arranged and we expect to be back on track next quarter.",
        "Some slippage: agreeing the data-sharing arrangements between partners has taken longer "
        "than planned. A revised timetable will go to the board.",
        "Delayed by about six weeks while funding was confirmed; the work has now restarted and "
        "the remaining milestones have been re-phased.",
        "Demand has risen since the pandemic and capacity has been diverted to casework. The "
        "milestones have been re-phased with the strategic lead's agreement.",
    ],
    UpdateRating.RED: [
        "Off track: the post leading this work has been vacant since the summer and recruitment "
        "has failed twice. Interim cover is being agreed with partners and a recovery plan will "
        "go to the board.",
        "Off track: the commissioned provider has withdrawn and delivery has stopped. Options to "
        "re-commission go to the board next quarter; families affected have been offered other "
        "support.",
        "Off track: the system change this work depends on has been delayed by the supplier. A "
        "manual workaround is being tested and the lead has escalated the delay.",
    ],
    UpdateRating.BLUE: [
        "Complete. The final milestone was signed off this quarter and the work continues as "
        "business as usual in {organisation}.",
        "Complete: the evaluation has been written up and shared with partners and families.",
        "Complete, on time. The learning has been shared through the partnership's practice "
        "briefings.",
    ],
}
RETURN_COMMENTS = [
    "Please give the revised date for this action and say what support you need from partners.",
    "The due date has passed: please review the rating, or explain how the remaining work will "
    "be delivered and by when.",
    "Please add what was achieved this quarter (numbers reached, sessions held) so the board can "
    "see the impact.",
]

# A priority's risks: (description, mitigation); "{title}" is the priority's title.
RISKS = [
    (
        "Short-term and reducing funding across partners means that services under the {title} "
        "priority may not be sustained once current grants end.",
        "Joint budget review by the partners; exit plans agreed for grant-funded posts; bids to "
        "national programmes co-ordinated through the board.",
    ),
    (
        "Difficulty recruiting and retaining experienced staff across partner agencies slows "
        "delivery of the {title} priority.",
        "Shared recruitment campaign and 'grow our own' training routes; agency cover agreed as "
        "a last resort; workforce data reviewed by the board each quarter.",
    ),
    (
        "Demand for support has risen since the Covid-19 pandemic, and needs are more complex "
        "than {title} services were planned for.",
        "Demand modelled monthly with the partnership's analysts; early help offer strengthened; "
        "capacity reviewed with commissioners every quarter.",
    ),
    (
        "Partners cannot share information about children and families quickly enough to act "
        "early, because data-sharing agreements and case-management systems are not aligned.",
        "Information-sharing agreement refreshed and signed by all partners; data protection "
        "officers meet monthly; a shared dataset is being piloted.",
    ),
    (
        "Pressures on individual agencies reduce their attendance at the board and their "
        "capacity to lead {title} actions.",
        "Attendance monitored and raised with chief officers; a deputy named for every partner; "
        "actions re-allocated where capacity is short.",
    ),
    (
        "The rising cost of living is pushing more families into hardship, increasing need "
        "faster than services can respond.",
        "Household Support Fund targeted at families known to services; money and benefits "
        "advice built into early help assessments.",
    ),
    (
        "Delays to replacing case-management systems limit the data available to monitor the "
        "{title} priority's outcomes.",
        "Interim reports from the existing systems; programme board oversight of the "
        "replacement; analysts embedded in the project team.",
    ),
    (
        "Practice varies in quality between agencies, so outcomes for children are inconsistent "
        "and may be found wanting at inspection.",
        "Multi-agency audit programme; practice standards refreshed; learning shared through "
        "practice briefings and the quality assurance group.",
    ),
]

GOING_WELL_PARTNERS = [
    "Partners report stronger joint working through the {board}, with health, police, schools "
    "and the voluntary sector all contributing to the {title} priority.",
    "Practitioners across the partnership have taken up the new training, and families' "
    "feedback on the {title} offer this quarter has been positive.",
    "The {board} has had good attendance from every partner this quarter, and its decisions "
    "are being followed through quickly.",
]
GOING_WELL_SPINE = (
    "The restorative, whole-family approach of the Portsmouth Model of Family Practice is "
    "increasingly visible in how {title} services work with children and families."
)
NEEDS_TO_IMPROVE = [
    "We need better shared data across partners to show the impact of this work on outcomes "
    "for children, not just on activity.",
    "The voices of children, young people and parents need to shape the next phase more "
    "directly, through the Parent Board and youth forums.",
    "Some actions have drifted past their dates without a revised plan; the lead will agree "
    "owners and new dates with partners before the next board.",
]


@dataclass(frozen=True)
class DemoDeliverySummary:
    """What the delivery side of the demo holds for a plan."""

    people: int  # fictional strategic leads and action owners made for it
    actions: int
    actions_without_owner: int
    risks: int
    kpis_owned: int
    kpis_without_owner: int
    quarters: int
    updates: int
    updates_approved: int
    commentaries_submitted: int
    packs_published: int


def create_demo_delivery(plan: Plan) -> DemoDeliverySummary:
    """Make the demo's actions, risks, KPI owners and two quarters of updates for `plan`.

    Run it after ``create_demo_accounts``, whose accounts it uses. A plan that already has
    reporting quarters or actions is left unchanged; the summary then counts what it holds.
    """
    has_delivery = (
        plan.quarters.exists() or Action.objects.filter(objective__priority__plan=plan).exists()
    )
    if not has_delivery:
        with transaction.atomic():
            _Builder(plan).build()
    return summarise(plan)


def summarise(plan: Plan) -> DemoDeliverySummary:
    actions = Action.objects.filter(objective__priority__plan=plan)
    updates = ActionUpdate.objects.filter(quarter__plan=plan)
    return DemoDeliverySummary(
        people=Person.objects.filter(key__startswith=PERSON_KEY_PREFIX).count(),
        actions=actions.count(),
        actions_without_owner=actions.filter(owner__isnull=True).count(),
        risks=Risk.objects.filter(priority__plan=plan).count(),
        kpis_owned=KpiOwnership.objects.filter(kpi__priority__plan=plan).count(),
        kpis_without_owner=KeyPerformanceIndicator.objects.filter(
            priority__plan=plan, ownership__isnull=True
        ).count(),
        quarters=plan.quarters.count(),
        updates=updates.count(),
        updates_approved=updates.filter(state=UpdateState.APPROVED).count(),
        commentaries_submitted=Commentary.objects.filter(
            quarter__plan=plan, state__in=[UpdateState.SUBMITTED, UpdateState.APPROVED]
        ).count(),
        packs_published=PackSnapshot.objects.filter(quarter__plan=plan).count(),
    )


def _stamp(record: models.Model, user: User | None, when: dt.datetime) -> None:
    """Have the record's next history entry say who changed it, and when (simple_history)."""
    record.__dict__.update(_history_user=user, _history_date=when)


_at = demo_moment


def _are(count: int, verb: str = "are") -> str:
    """'are' or 'is' ('have' or 'has') for `count` things."""
    return verb if count != 1 else {"are": "is", "have": "has"}[verb]


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@dataclass
class _Stamps:
    submitted: dt.datetime | None = None
    reviewed: dt.datetime | None = None


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rng = random.Random(SEED)  # noqa: S311 -- made-up data, not secrets
        self.priorities = list(plan.priorities.select_related("board").order_by("order"))
        self.admin = self._account(ADMIN)
        self.lead_of: dict[int, User] = {}
        self.owners_of: dict[int, list[User]] = {}
        self.organisation_of: dict[int, Organisation | None] = {}  # by user
        self.protected: set[int] = set()  # action.owner's actions: none completes in quarter 2
        partners = [link.organisation for link in plan.partner_links.order_by("order")]
        self.partners = partners or list(Organisation.objects.order_by("key")[:1])

    def build(self) -> None:
        self.people()
        self.actions()
        self.kpi_owners()
        self.risks()
        self.past_quarter()
        self.current_quarter()

    # People.

    def _account(self, username: str) -> User:
        return cast(User, demo_account(username, "the demo's delivery data"))

    def _partners_for(self, priority: Priority) -> list[Organisation]:
        by_key = {o.key: o for o in self.partners}
        wanted = PRIORITY_PARTNERS.get(priority.number, [])
        return [by_key[key] for key in wanted if key in by_key] or self.partners

    def _person(
        self,
        username: str,
        name: tuple[str, str],
        organisation: Organisation,
        job_title: str,
    ) -> User:
        user = cast(
            User,
            fictional_person(
                username,
                name,
                organisation,
                job_title,
                key=f"{PERSON_KEY_PREFIX}{username.replace('.', '-')}",
            ),
        )
        self.organisation_of[user.pk] = organisation
        return user

    def _job_title(self, organisation: Organisation) -> str:
        titles = JOB_TITLES.get(OrganisationKind(organisation.kind), ["Manager"])
        return self.rng.choice(titles)

    def people(self) -> None:
        for username in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is not None and not user.email:
                name = user.get_full_name() or username
                user.email = f"{name.replace(' ', '.')}@{EMAIL_DOMAIN}".lower()
                user.save(update_fields=["email"])
        lead, owner = self._account(LEAD), self._account(OWNER)
        for user in (lead, owner):
            person = Person.objects.filter(user=user).select_related("organisation").first()
            self.organisation_of[user.pk] = person.organisation if person else None
        lead_names = iter(LEAD_NAMES)
        owner_names = iter(OWNER_NAMES)
        for priority in self.priorities:
            partners = self._partners_for(priority)
            if priority.number == LEAD_PRIORITY:
                self.lead_of[priority.pk] = lead
            else:
                user = self._person(
                    f"lead.{priority.number}",
                    next(lead_names),
                    partners[0],
                    f"Strategic lead for {priority.title}",
                )
                Membership.objects.get_or_create(
                    user=user, role=Role.STRATEGIC_LEAD, priority=priority
                )
                self.lead_of[priority.pk] = user
            count = 2 if priority.number == LEAD_PRIORITY else self.rng.choice([2, 3])
            owners = []
            for letter in "abc"[:count]:
                organisation = self.rng.choice(partners)
                owners.append(
                    self._person(
                        f"owner.{priority.number}{letter}",
                        next(owner_names),
                        organisation,
                        self._job_title(organisation),
                    )
                )
            self.owners_of[priority.pk] = owners

    # Actions.

    def _kind(self) -> str:
        return self.rng.choices(list(KINDS), weights=list(KINDS.values()))[0]

    def _date(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def _dates(self, kind: str) -> tuple[dt.date, dt.date]:
        """(start, due) for an action of this kind."""
        early_start = self._date(dt.date(2020, 4, 1), dt.date(2022, 9, 30)).replace(day=1)
        if kind == "done":
            start = self._date(dt.date(2020, 4, 1), dt.date(2021, 9, 30)).replace(day=1)
            return start, self._date(dt.date(2021, 10, 1), dt.date(2023, 3, 31))
        if kind == "due_q2":
            return early_start, self._date(dt.date(2023, 7, 1), dt.date(2023, 9, 30))
        if kind == "due_q3":
            return early_start, self._date(dt.date(2023, 10, 1), dt.date(2023, 12, 31))
        month = self._date(dt.date(2024, 1, 1), dt.date(2025, 2, 28)).replace(day=1)
        later = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)  # its end
        if kind == "late_start":
            return self._date(dt.date(2023, 10, 2), dt.date(2023, 11, 30)), later
        if kind == "planned":
            return dt.date(2024, 4, 1), dt.date(2025, 3, 31)
        return early_start, later

    def actions(self) -> None:
        owner = self._account(OWNER)
        specs: list[tuple[Priority, Objective, int, str, bool, str]] = []
        for priority in self.priorities:
            for objective in priority.objectives.order_by("order"):
                owned_by_owner = (
                    priority.number == LEAD_PRIORITY and objective.number == OWNER_OBJECTIVE
                )
                count = 3 if owned_by_owner else self.rng.choice([2, 3])
                label = objective.short_title or objective.title
                for n, (what, milestone) in enumerate(
                    self.rng.sample(ACTION_WORDING, count), start=1
                ):
                    kind = "later" if owned_by_owner else self._kind()
                    specs.append((priority, objective, n, f"{label}: {what}", milestone, kind))
        eligible = [
            i
            for i, (p, o, *_rest) in enumerate(specs)
            if not (p.number == LEAD_PRIORITY and o.number == OWNER_OBJECTIVE)
        ]
        ownerless = set(self.rng.sample(eligible, round(len(specs) * OWNERLESS_SHARE)))
        objective_owner: dict[int, User] = {}
        for i, (priority, objective, n, title, milestone, kind) in enumerate(specs):
            owners = self.owners_of[priority.pk]
            if priority.number == LEAD_PRIORITY and objective.number == OWNER_OBJECTIVE:
                user: User | None = owner
            else:
                if objective.pk not in objective_owner:
                    objective_owner[objective.pk] = owners[len(objective_owner) % len(owners)]
                user = objective_owner[objective.pk]
                if self.rng.random() < 0.2:
                    user = self.rng.choice(owners)
            if i in ownerless:
                user = None
            organisation = (
                self.organisation_of.get(user.pk) if user is not None else None
            ) or self.rng.choice(self._partners_for(priority))
            start, due = self._dates(kind)
            status, completed = ActionStatus.IN_PROGRESS, None
            if kind == "done":
                status = ActionStatus.COMPLETE
                completed = max(start, due - dt.timedelta(days=self.rng.randint(0, 20)))
            elif start > dt.date(2023, 9, 30):
                status = ActionStatus.NOT_STARTED
            action = Action(
                objective=objective,
                number=f"{objective.number}.{n}",
                title=title,
                is_milestone=milestone,
                owner=user,
                organisation=organisation,
                start=start,
                due=due,
                status=status,
                completed_on=completed,
            )
            _stamp(action, self.admin, _at(dt.date(2020, 4, 1) if kind != "planned" else start))
            action.save()
            if user is not None and user.pk == owner.pk:
                self.protected.add(action.pk)
            if user is not None:
                Membership.objects.get_or_create(
                    user=user, role=Role.ACTION_OWNER, objective=objective
                )

    def kpi_owners(self) -> None:
        for priority in self.priorities:
            kpis = list(priority.kpis.order_by("order"))
            ownerless = set(
                self.rng.sample(range(len(kpis)), round(len(kpis) * KPI_OWNERLESS_SHARE))
            )
            people = [self.lead_of[priority.pk], *self.owners_of[priority.pk]]
            for i, kpi in enumerate(kpis):
                if i in ownerless:
                    continue
                ownership = KpiOwnership(kpi=kpi, owner=self.rng.choice(people))
                _stamp(ownership, self.admin, _at(dt.date(2020, 5, 1)))
                ownership.save()

    def risks(self) -> None:
        overdue_in = {
            p.pk for i, p in enumerate(self.priorities) if p.number == LEAD_PRIORITY or i % 2 == 1
        }
        for priority in self.priorities:
            chosen = self.rng.sample(RISKS, self.rng.choice([3, 4]))
            late = self.rng.randrange(len(chosen)) if priority.pk in overdue_in else -1
            people = [self.lead_of[priority.pk], *self.owners_of[priority.pk]]
            for n, (description, mitigation) in enumerate(chosen, start=1):
                if n - 1 == late:
                    review = _workday(self._date(dt.date(2023, 12, 1), dt.date(2024, 2, 9)))
                else:
                    review = _workday(self._date(dt.date(2024, 3, 4), dt.date(2024, 6, 28)))
                risk = Risk(
                    priority=priority,
                    number=f"R{n}",
                    description=description.format(title=priority.title),
                    likelihood=self.rng.randint(2, 5),
                    impact=self.rng.randint(2, 5),
                    mitigation=mitigation,
                    owner=people[0] if n == 1 else self.rng.choice(people),
                    review_date=review,
                    trend=self.rng.choices(
                        [RiskTrend.INCREASING, RiskTrend.STABLE, RiskTrend.DECREASING],
                        weights=[3, 5, 2],
                    )[0],
                )
                _stamp(risk, self.lead_of[priority.pk], _at(review - dt.timedelta(days=91)))
                risk.save()

    # The cycle.

    def _open(self, code: str, due: dt.date, opened: dt.date) -> ReportingQuarter:
        reporting = open_quarter(self.plan, code, due=due, grace_days=GRACE_DAYS, by=self.admin)
        when = _at(opened)
        ReportingQuarter.objects.filter(pk=reporting.pk).update(opened_at=when)
        ReportingQuarter.history.filter(id=reporting.pk).update(
            opened_at=when, history_date=when, history_user=self.admin
        )
        # The updates and commentaries came into being then too, if the cycle records it.
        ActionUpdate.history.filter(quarter_id=reporting.pk).update(history_date=when)
        Commentary.history.filter(quarter_id=reporting.pk).update(history_date=when)
        reporting.opened_at = when
        return reporting

    def _updates(self, reporting: ReportingQuarter) -> list[ActionUpdate]:
        return list(
            ActionUpdate.objects.filter(quarter=reporting)
            .select_related("action__objective__priority", "action__owner")
            .order_by(
                "action__objective__priority__order",
                "action__objective__order",
                "action__number",
            )
        )

    def _rating(self, update: ActionUpdate, reporting: ReportingQuarter) -> UpdateRating:
        action = update.action
        overdue = action.due is not None and action.due <= reporting.period_end
        weights: dict[UpdateRating, float]
        if overdue:
            weights = {UpdateRating.BLUE: 65, UpdateRating.AMBER: 24, UpdateRating.RED: 11}
        else:
            weights = {
                UpdateRating.GREEN: 82,
                UpdateRating.AMBER: 12,
                UpdateRating.RED: 3,
                UpdateRating.BLUE: 3,
            }
        if action.pk in self.protected and reporting.code == PAST_QUARTER:
            weights.pop(UpdateRating.BLUE)
            weights.setdefault(UpdateRating.GREEN, 20)
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _fill(self, update: ActionUpdate, reporting: ReportingQuarter) -> None:
        rating = self._rating(update, reporting)
        action = update.action
        update.rating = rating
        update.status = (
            ActionStatus.COMPLETE if rating == UpdateRating.BLUE else ActionStatus.IN_PROGRESS
        )
        organisation = action.organisation.name if action.organisation else "the partnership"
        title = action.objective.short_title or action.objective.title
        update.narrative = self.rng.choice(NARRATIVES[rating]).format(
            title=title, organisation=organisation
        )

    def _author(self, update: ActionUpdate) -> User:
        """Who writes the update: its action's owner, or an administrator for an ownerless one."""
        return update.action.owner or self.admin

    def _submitted_at(self, first: dt.date, last: dt.date) -> dt.datetime:
        day = _workday(self._date(first, last))
        return _at(day, self.rng.randint(9, 16), self.rng.choice([0, 10, 20, 30, 40, 50]))

    def _reviewed_at(self, submitted: dt.datetime, last: dt.date) -> dt.datetime:
        day = _workday(submitted.date() + dt.timedelta(days=self.rng.randint(1, 5)))
        when = _at(min(day, last), self.rng.randint(9, 17), self.rng.choice([0, 15, 30, 45]))
        return max(when, submitted + dt.timedelta(hours=1))

    def _submit(self, update: ActionUpdate, when: dt.datetime, stamps: _Stamps) -> None:
        author = self._author(update)
        _stamp(update, author, when)
        update.submit(by=author)
        stamps.submitted = when

    def _complete_on(self, update: ActionUpdate, reporting: ReportingQuarter) -> None:
        """The day an action being approved as complete was completed, within its quarter."""
        action = update.action
        if update.status != ActionStatus.COMPLETE or action.completed_on is not None:
            return
        first, last = reporting.period_start, reporting.period_end
        if action.due is not None and first <= action.due <= last:
            action.completed_on = max(
                first, action.due - dt.timedelta(days=self.rng.randint(0, 14))
            )
        else:
            action.completed_on = min(_workday(self._date(first, last)), last)

    def _approve(self, update: ActionUpdate, reporting: ReportingQuarter, stamps: _Stamps) -> None:
        lead = self.lead_of[update.action.objective.priority_id]
        when = self._reviewed_at(stamps.submitted or _at(reporting.due), self._review_by(reporting))
        self._complete_on(update, reporting)
        _stamp(update, lead, when)
        _stamp(update.action, lead, when)
        update.approve(by=lead)
        stamps.reviewed = when

    def _review_by(self, reporting: ReportingQuarter) -> dt.date:
        return dt.date(2023, 10, 31) if reporting.code == PAST_QUARTER else TODAY - dt.timedelta(1)

    def _backdate(self, model: type[_Reviewed], stamps: dict[int, _Stamps]) -> None:
        """Give the records (and their history) the times they would have had, not today's."""
        manager = model._default_manager
        records = list(manager.filter(pk__in=stamps))
        for record in records:
            record.submitted_at = stamps[record.pk].submitted or record.submitted_at
            record.reviewed_at = stamps[record.pk].reviewed or record.reviewed_at
        manager.bulk_update(records, ["submitted_at", "reviewed_at"])
        history: Any = model.history
        entries = list(history.filter(id__in=stamps))
        for entry in entries:
            times = stamps[entry.id]
            if entry.submitted_at is not None:
                entry.submitted_at = times.submitted or entry.submitted_at
            if entry.reviewed_at is not None:
                entry.reviewed_at = times.reviewed or entry.reviewed_at
        history.bulk_update(entries, ["submitted_at", "reviewed_at"])

    def _commentary(
        self,
        reporting: ReportingQuarter,
        priority: Priority,
        updates: Sequence[ActionUpdate],
        when: dt.datetime,
    ) -> None:
        commentary = Commentary.objects.get(quarter=reporting, priority=priority)
        commentary.going_well, commentary.needs_to_improve = self._commentary_text(
            priority, updates, so_far=reporting.code != PAST_QUARTER
        )
        lead = self.lead_of[priority.pk]
        _stamp(commentary, lead, when)
        commentary.submit(by=lead)
        self._backdate(Commentary, {commentary.pk: _Stamps(submitted=when)})

    def _commentary_text(
        self, priority: Priority, updates: Sequence[ActionUpdate], *, so_far: bool
    ) -> tuple[str, str]:
        rated = [u for u in updates if u.rating]
        good: dict[int, int] = {}
        bad: dict[int, int] = {}
        objectives: dict[int, Objective] = {}
        for u in rated:
            objective = u.action.objective
            objectives[objective.pk] = objective
            is_bad = u.rating in (UpdateRating.AMBER, UpdateRating.RED)
            tally = bad if is_bad else good
            tally[objective.pk] = tally.get(objective.pk, 0) + 1
        fallback = list(priority.objectives.order_by("order")[:2])
        for objective in fallback:
            objectives.setdefault(objective.pk, objective)

        def named(pk: int) -> str:
            objective = objectives[pk]
            return f"objective {objective.number} ({objective.short_title or objective.title})"

        order = list(objectives)
        best = max(order, key=lambda pk: (good.get(pk, 0), -order.index(pk)))
        worst = max(order, key=lambda pk: (bad.get(pk, 0), -order.index(pk)))
        on_track = sum(u.rating == UpdateRating.GREEN for u in rated)
        complete = sum(u.rating == UpdateRating.BLUE for u in rated)
        problems = len(rated) - on_track - complete
        board = priority.board.name if priority.board else "board"
        words = {"title": priority.title, "board": board}
        going_well = [
            f"Of the {len(rated)} actions reported on{' so far' if so_far else ''} this quarter, "
            f"{on_track} {_are(on_track)} on track and {complete} {_are(complete, 'have')} been "
            f"completed, with most progress under {named(best)}.",
            self.rng.choice(GOING_WELL_PARTNERS).format(**words),
        ]
        if self.rng.random() < 0.5:
            going_well.append(GOING_WELL_SPINE.format(**words))
        if problems:
            first = (
                f"{problems} {'action is' if problems == 1 else 'actions are'} rated amber or "
                f"red, most of them under {named(worst)}, where vacancies and rising demand "
                "since the pandemic have slowed delivery."
            )
        else:
            first = (
                "No action is rated amber or red, but several milestones under "
                f"{named(worst)} fall due next quarter and need close watching."
            )
        needs_to_improve = [
            first,
            self.rng.choice(NEEDS_TO_IMPROVE),
            f"A recovery plan for {named(worst)} will come to the next meeting of the {board}.",
        ]
        return " ".join(going_well), " ".join(needs_to_improve)

    def past_quarter(self) -> None:
        """Quarter 2 of 2023/24: every update approved, commentaries in, packs published."""
        reporting = self._open(PAST_QUARTER, PAST_DUE, dt.date(2023, 9, 18))
        updates = self._updates(reporting)
        stamps: dict[int, _Stamps] = {}
        for update in updates:
            stamps[update.pk] = times = _Stamps()
            self._fill(update, reporting)
            self._submit(update, self._submitted_at(dt.date(2023, 10, 2), PAST_DUE), times)
            self._approve(update, reporting, times)
        self._backdate(ActionUpdate, stamps)
        for priority in self.priorities:
            mine = [u for u in updates if u.action.objective.priority_id == priority.pk]
            when = self._submitted_at(dt.date(2023, 10, 26), dt.date(2023, 10, 31))
            self._commentary(reporting, priority, mine, when)
        _stamp(reporting, self.admin, _at(dt.date(2023, 11, 1)))
        close_quarter(reporting)
        boards = {p.board.pk: p for p in self.priorities if p.board is not None}
        for priority in boards.values():
            if priority.board is not None:
                publish(priority.board, reporting, by=self.lead_of[priority.pk])

    def _open_states(self, priority: Priority, updates: list[ActionUpdate]) -> list[UpdateState]:
        """Each update's state in the open quarter, in the proportions of OPEN_QUARTER_SHARES."""
        quotas = {
            state: round(len(updates) * share) for state, share in OPEN_QUARTER_SHARES.items()
        }
        if len(updates) >= 4:
            quotas[UpdateState.RETURNED] = max(1, quotas[UpdateState.RETURNED])
        forced: dict[int, UpdateState] = {}
        if priority.number == LEAD_PRIORITY:
            # action.owner has an update to write and one to finish; strategic.lead has one to
            # review, written by somebody else.
            owner = self._account(OWNER)
            mine = [i for i, u in enumerate(updates) if u.action.owner_id == owner.pk]
            others = [
                i
                for i, u in enumerate(updates)
                if u.action.owner_id is not None and u.action.owner_id != owner.pk
            ]
            if len(mine) < 2 or not others:
                raise ValueError("the demo needs two of action.owner's actions open in 2023-Q3")
            forced = {
                mine[0]: UpdateState.DUE,
                mine[1]: UpdateState.DRAFT,
                others[0]: UpdateState.SUBMITTED,
            }
            for state in forced.values():
                if state in quotas:
                    quotas[state] = max(0, quotas[state] - 1)
        pool = [state for state, count in quotas.items() for _ in range(count)]
        free = len(updates) - len(forced)
        pool = (pool + [UpdateState.DUE] * free)[:free]
        self.rng.shuffle(pool)
        states = iter(pool)
        return [forced[i] if i in forced else next(states) for i in range(len(updates))]

    def current_quarter(self) -> None:
        """Quarter 3 of 2023/24, part-way through on the demo's "today"."""
        reporting = self._open(OPEN_QUARTER, OPEN_DUE, dt.date(2023, 12, 18))
        updates = self._updates(reporting)
        stamps: dict[int, _Stamps] = {}
        first, last = dt.date(2024, 1, 8), dt.date(2024, 2, 23)
        for priority in self.priorities:
            mine = [u for u in updates if u.action.objective.priority_id == priority.pk]
            for update, state in zip(mine, self._open_states(priority, mine), strict=True):
                if state == UpdateState.DUE:
                    continue
                self._fill(update, reporting)
                times = _Stamps()
                if state == UpdateState.DRAFT:
                    update.state = UpdateState.DRAFT
                    _stamp(update, self._author(update), self._submitted_at(first, TODAY))
                    update.save()
                    continue
                stamps[update.pk] = times
                self._submit(update, self._submitted_at(first, last), times)
                if state == UpdateState.APPROVED:
                    self._approve(update, reporting, times)
                elif state == UpdateState.RETURNED:
                    lead = self.lead_of[priority.pk]
                    when = self._reviewed_at(times.submitted or _at(first), TODAY)
                    _stamp(update, lead, when)
                    update.send_back(by=lead, comment=self.rng.choice(RETURN_COMMENTS))
                    times.reviewed = when
        self._backdate(ActionUpdate, stamps)
        writing = [p for p in self.priorities if p.number != LEAD_PRIORITY]
        for priority in writing[: len(self.priorities) // 2]:
            mine = [
                u
                for u in updates
                if u.action.objective.priority_id == priority.pk
                and u.state in (UpdateState.SUBMITTED, UpdateState.APPROVED)
            ]
            when = self._submitted_at(dt.date(2024, 2, 19), dt.date(2024, 2, 28))
            self._commentary(reporting, priority, mine, when)
