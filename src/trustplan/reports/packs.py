"""Quarterly board packs: built live from the database, or frozen and read back exactly.

A pack covers every priority its board governs, for one reporting quarter: the KPIs as judged
now, the delivery plan as the quarter's approved updates left it, the lead's commentary and the
risk register. ``publish`` freezes it as a new ``PackSnapshot`` version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.utils import timezone

from trustplan.delivery.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Commentary,
    ReportingQuarter,
    Risk,
    UpdateState,
)
from trustplan.documents import content as c
from trustplan.documents.rollup import RULE, Part, roll_up
from trustplan.measures.judging import as_of
from trustplan.plans.models import Board, Priority
from trustplan.reports.kpis import kpi_row
from trustplan.reports.models import PackSnapshot


class PackError(ValueError):
    """A board pack cannot be built or published as asked; the message says why."""


def person(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or user.get_username())


def risk_rating(score: int) -> c.Rating:
    """The usual 5×5 matrix bands: 15-25 red, 8-14 amber, 1-7 green."""
    if score >= 15:
        return c.Rating.RED
    return c.Rating.AMBER if score >= 8 else c.Rating.GREEN


def risk_rows(priority: Priority, on: dt.date) -> list[c.RiskRow]:
    risks = Risk.objects.filter(priority=priority, is_closed=False).select_related("owner")
    return [
        c.RiskRow(
            number=r.number,
            description=r.description,
            likelihood=r.likelihood,
            impact=r.impact,
            rating=risk_rating(r.score),
            mitigation=r.mitigation,
            owner=person(r.owner),
            review_date=r.review_date,
            review_overdue=r.review_date is not None and r.review_date < on,
            trend=r.get_trend_display(),
        )
        for r in risks
    ]


def action_row(
    action: Action, update: ActionUpdate | None, quarter: ReportingQuarter
) -> c.ActionRow:
    approved = update is not None and update.state == UpdateState.APPROVED
    status = update.status if approved and update else action.status
    still_open = status not in (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
    if update is None:
        state = "No update due"
    elif approved:
        state = "Approved"
    elif update.state == UpdateState.SUBMITTED:
        state = "Awaiting review"
    else:
        state = "Not submitted"
    return c.ActionRow(
        number=action.number,
        title=action.title,
        owner=person(action.owner) or "No owner",
        organisation=action.organisation.name if action.organisation else "",
        start=action.start,
        due=action.due,
        status=ActionStatus(status).label,
        rating=c.Rating(update.rating) if approved and update else c.Rating.NOT_RATED,
        narrative=update.narrative if approved and update else "",
        due_this_quarter=action.is_due_in(quarter.period_start, quarter.period_end),
        overdue=still_open and action.due is not None and action.due <= quarter.period_end,
        update_state=state,
    )


def objective_rows(priority: Priority, quarter: ReportingQuarter) -> list[c.ObjectiveRow]:
    updates = {
        u.action_id: u
        for u in ActionUpdate.objects.filter(quarter=quarter, action__objective__priority=priority)
    }
    rows = []
    for objective in priority.objectives.prefetch_related(
        "actions__owner", "actions__organisation"
    ):
        actions = [
            action_row(a, updates.get(a.pk), quarter)
            for a in objective.actions.all()
            if a.pk in updates or a.is_due_in(quarter.period_start, quarter.period_end)
        ]
        rolled = roll_up([Part(a.rating, a.overdue) for a in actions], "action")
        rows.append(
            c.ObjectiveRow(
                number=objective.number,
                title=objective.short_title or objective.title,
                rating=rolled.rating,
                rating_rule=rolled.explanation,
                actions=actions,
            )
        )
    return rows


def commentary(priority: Priority, quarter: ReportingQuarter) -> c.Commentary | None:
    found = (
        Commentary.objects.filter(
            quarter=quarter,
            priority=priority,
            state__in=[UpdateState.SUBMITTED, UpdateState.APPROVED],
        )
        .select_related("submitted_by")
        .first()
    )
    if found is None or not found.has_text:
        return None
    return c.Commentary(
        going_well=found.going_well,
        needs_to_improve=found.needs_to_improve,
        author=person(found.submitted_by),
    )


def priority_identity(priority: Priority) -> dict[str, Any]:
    """How every report names a priority: number, title, the plan's word, board and leads."""
    return {
        "number": priority.number,
        "title": priority.title,
        "label": priority.plan.label("priority"),
        "board": priority.board.name if priority.board else "",
        "leads": [str(lead) for lead in priority.leads.select_related("person")],
    }


def priority_pack(
    priority: Priority, quarter: ReportingQuarter, when: dt.date
) -> tuple[c.PriorityPack, bool]:
    """One priority's part of the pack, and whether any of its data are synthetic."""
    area = priority.plan.area()
    kpis = priority.kpis.select_related("indicator", "ownership__owner")
    judged = [
        kpi_row(k, area, when, owner=person(getattr(getattr(k, "ownership", None), "owner", None)))
        for k in kpis
    ]
    objectives = objective_rows(priority, quarter)
    rolled = roll_up([Part(o.rating) for o in objectives], "objective")
    pack = c.PriorityPack(
        **priority_identity(priority),
        rating=rolled.rating,
        rating_rule=rolled.explanation,
        kpis=[row for row, _ in judged],
        objectives=objectives,
        commentary=commentary(priority, quarter),
        risks=risk_rows(priority, quarter.period_end),
    )
    return pack, any(synthetic for _, synthetic in judged)


def live_pack(board: Board, quarter: ReportingQuarter) -> c.BoardPack:
    """The pack as it stands now: not approved, and changing as updates come in."""
    return build_pack(board, quarter, state="Draft: not approved", when=as_of())


def build_pack(
    board: Board,
    quarter: ReportingQuarter,
    *,
    state: str,
    when: dt.date,
    version: int = 0,
    frozen_at: dt.datetime | None = None,
    frozen_by: str = "",
) -> c.BoardPack:
    priorities = list(board.priorities.select_related("plan", "board"))
    if not priorities:
        raise PackError(f"{board.name} governs no priority of {board.plan.title}.")
    parts = [priority_pack(p, quarter, when) for p in priorities]
    area = board.plan.area()
    return c.BoardPack(
        plan_title=board.plan.title,
        partnership=board.plan.partnership,
        board=board.name,
        quarter=quarter.code,
        quarter_label=quarter.label,
        area=area.name if area else "",
        as_of=when,
        version=version,
        state=state,
        frozen_at=frozen_at,
        frozen_by=frozen_by,
        synthetic=any(synthetic for _, synthetic in parts),
        rollup_rule=RULE,
        priorities=[pack for pack, _ in parts],
    )


class PublishBlockedError(PackError):
    """Publishing waits until every submitted update has been reviewed."""


def blockers(board: Board, quarter: ReportingQuarter) -> list[str]:
    """What stops the pack being published: updates still awaiting the lead's review."""
    waiting = ActionUpdate.objects.filter(
        quarter=quarter, action__objective__priority__board=board, state=UpdateState.SUBMITTED
    ).select_related("action")
    return [f"Action {u.action.number}'s update is awaiting review." for u in waiting]


@transaction.atomic
def publish(board: Board, quarter: ReportingQuarter, by: User | None) -> PackSnapshot:
    """Freeze the pack as the next version; it never changes afterwards."""
    problems = blockers(board, quarter)
    if problems:
        raise PublishBlockedError(" ".join(problems))
    latest = PackSnapshot.objects.filter(board=board, quarter=quarter).order_by("-version").first()
    version = 1 if latest is None else latest.version + 1
    frozen_at = timezone.now().replace(microsecond=0)
    pack = build_pack(
        board,
        quarter,
        state=f"Published, version {version}",
        when=as_of(),
        version=version,
        frozen_at=frozen_at,
        frozen_by=person(by),
    )
    text = pack.model_dump_json()
    return PackSnapshot.objects.create(
        board=board,
        quarter=quarter,
        version=version,
        content=text,
        sha256=PackSnapshot.digest(text),
        frozen_at=frozen_at,
        frozen_by=by,
    )


def latest_snapshot(board: Board, quarter: ReportingQuarter) -> PackSnapshot | None:
    return PackSnapshot.objects.filter(board=board, quarter=quarter).order_by("-version").first()
