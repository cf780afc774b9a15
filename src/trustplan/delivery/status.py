"""Where each action stands now: its latest approved quarterly update."""

from __future__ import annotations

from trustplan.delivery.models import ActionUpdate, UpdateState
from trustplan.plans.models import Priority


def latest_approved(priority: Priority) -> dict[int, ActionUpdate]:
    """Each action's most recent approved update, by action id (none if never approved)."""
    updates = (
        ActionUpdate.objects.filter(
            action__objective__priority=priority, state=UpdateState.APPROVED
        )
        .select_related("quarter")
        .order_by("action_id", "-quarter__period_start")
    )
    latest: dict[int, ActionUpdate] = {}
    for update in updates:
        latest.setdefault(update.action_id, update)
    return latest
