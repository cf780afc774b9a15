"""Who owns what: KPIs and actions with no owner, and owners who have not updated.

In plan-performance tools measures drift ownerless; this is the administrator's list to fix it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from trustplan.delivery.models import (
    EDITABLE_STATES,
    Action,
    ActionUpdate,
    QuarterStatus,
    ReportingQuarter,
)
from trustplan.measures.judging import as_of
from trustplan.plans.models import KeyPerformanceIndicator, Plan


@dataclass(frozen=True)
class LateOwner:
    owner: User
    outstanding: list[ActionUpdate]
    days_late: int  # days past the due date; 0 while not yet due


@dataclass(frozen=True)
class OwnershipReport:
    quarter: ReportingQuarter | None  # the open quarter, if any
    kpis_without_owner: list[KeyPerformanceIndicator]
    actions_without_owner: list[Action]
    late_owners: list[LateOwner]


def report(plan: Plan, today: dt.date | None = None) -> OwnershipReport:
    today = today or as_of()
    quarter = plan.quarters.filter(status=QuarterStatus.OPEN).first()
    late: list[LateOwner] = []
    if quarter is not None:
        waiting = (
            ActionUpdate.objects.filter(
                quarter=quarter, state__in=EDITABLE_STATES, action__owner__isnull=False
            )
            .select_related("action__owner", "action__objective__priority")
            .order_by("action__owner__last_name", "action__owner__username", "action")
        )
        by_owner: dict[int, list[ActionUpdate]] = {}
        for update in waiting:
            by_owner.setdefault(update.action.owner_id or 0, []).append(update)
        days = max((today - quarter.due).days, 0)
        late = [LateOwner(u[0].action.owner, u, days) for u in by_owner.values()]  # type: ignore[arg-type]
    return OwnershipReport(
        quarter=quarter,
        kpis_without_owner=list(
            KeyPerformanceIndicator.objects.filter(
                priority__plan=plan, ownership__isnull=True
            ).select_related("priority")
        ),
        actions_without_owner=list(
            Action.objects.filter(objective__priority__plan=plan, owner__isnull=True)
            .exclude(status__in=["complete", "cancelled"])
            .select_related("objective__priority")
        ),
        late_owners=late,
    )
