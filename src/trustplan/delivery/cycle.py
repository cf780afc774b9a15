"""Opening and closing a reporting quarter, and what is due from whom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from simple_history.utils import bulk_create_with_history

from trustplan.delivery.models import (
    EDITABLE_STATES,
    Action,
    ActionUpdate,
    Commentary,
    QuarterStatus,
    ReportingQuarter,
    UpdateState,
)
from trustplan.delivery.quarters import Quarter
from trustplan.plans.models import Plan


class CycleError(ValueError):
    """A quarter cannot be opened as asked; the message says why."""


def actions_to_report(plan: Plan, quarter: Quarter) -> QuerySet[Action]:
    """Actions still open that have started by the quarter's end (or have no start date)."""
    end = quarter.period.end
    return (
        Action.objects.filter(
            objective__priority__plan=plan, status__in=["not_started", "in_progress"]
        )
        .filter(Q(start__isnull=True) | Q(start__lte=end))
        .select_related("objective__priority")
    )


@transaction.atomic
def open_quarter(
    plan: Plan, code: str, due: dt.date, grace_days: int, by: User | None
) -> ReportingQuarter:
    """Open `code` for updates: an update due on every open action, a commentary per priority."""
    quarter = Quarter.parse(code)
    if due < quarter.period.end:
        raise CycleError(
            f"The due date {due:%d %B %Y} is before {quarter.label} ends: "
            "updates on a quarter are due after it."
        )
    if ReportingQuarter.objects.filter(plan=plan, code=quarter.code).exists():
        raise CycleError(f"{quarter.label} is already open or closed for {plan.title}.")
    reporting = ReportingQuarter.objects.create(
        plan=plan,
        code=quarter.code,
        period_start=quarter.period.start,
        period_end=quarter.period.end,
        due=due,
        grace_days=grace_days,
        opened_by=by,
    )
    # With history, so that every update's record starts at the quarter's opening.
    bulk_create_with_history(
        [ActionUpdate(quarter=reporting, action=a) for a in actions_to_report(plan, quarter)],
        ActionUpdate,
        default_user=by,
    )
    bulk_create_with_history(
        [Commentary(quarter=reporting, priority=p) for p in plan.priorities.all()],
        Commentary,
        default_user=by,
    )
    return reporting


def close_quarter(reporting: ReportingQuarter) -> None:
    """No more updates: what was not submitted stays "not submitted" in the record."""
    reporting.status = QuarterStatus.CLOSED
    reporting.save()


@dataclass(frozen=True)
class Outstanding:
    """Where one quarter's updates stand for a plan."""

    not_submitted: int
    awaiting_review: int
    approved: int

    @property
    def total(self) -> int:
        return self.not_submitted + self.awaiting_review + self.approved


def outstanding(updates: QuerySet[ActionUpdate]) -> Outstanding:
    states = list(updates.values_list("state", flat=True))
    return Outstanding(
        not_submitted=sum(state in EDITABLE_STATES for state in states),
        awaiting_review=states.count(UpdateState.SUBMITTED),
        approved=states.count(UpdateState.APPROVED),
    )
