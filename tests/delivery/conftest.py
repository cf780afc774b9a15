"""A plan in its quarterly cycle: actions under priority 2's objectives and a quarter open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trustplan.delivery.cycle import open_quarter
from trustplan.delivery.models import Action, ActionUpdate


@pytest.fixture
def in_cycle(people: dict[str, Any]) -> dict[str, Any]:
    """``owner`` owns action 1.1 (of priority 2's first objective); 1.2 has no owner; 2.1 is
    complete already. Quarter 2023-Q3 is open, due 19 January 2024."""
    safeguarding = people["safeguarding"]
    first, second = safeguarding.objectives.all()
    owned = Action.objects.create(
        objective=first,
        number="1.1",
        title="Run the MASH daily triage meeting",
        owner=people["owner"],
        start=dt.date(2023, 4, 1),
        due=dt.date(2023, 12, 31),
    )
    ownerless = Action.objects.create(
        objective=first, number="1.2", title="Review MASH thresholds", due=dt.date(2024, 6, 30)
    )
    done = Action.objects.create(
        objective=second, number="2.1", title="Commission refuge places", status="complete"
    )
    quarter = open_quarter(people["plan"], "2023-Q3", dt.date(2024, 1, 19), 5, by=people["admin"])
    return {
        **people,
        "quarter": quarter,
        "owned": owned,
        "ownerless": ownerless,
        "done": done,
        "update": ActionUpdate.objects.get(quarter=quarter, action=owned),
    }


def fill(
    update: ActionUpdate,
    rating: str = "green",
    status: str = "in_progress",
    narrative: str = "On track.",
) -> ActionUpdate:
    update.rating, update.status, update.narrative = rating, status, narrative
    update.save()
    return update
