"""A plan in its cycle with indicator data: priority 2 has one KPI judged and one with no data."""

from __future__ import annotations

from typing import Any

import pytest

from tests.delivery.conftest import fill, in_cycle  # noqa: F401 - fixtures used by these tests
from tests.measures.conftest import kpi_data  # noqa: F401 - fixtures used by these tests

SAFEGUARDING_BOARD = "safeguarding-board"


@pytest.fixture
def reporting(kpi_data: dict[str, Any], in_cycle: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """Owner's update approved, the lead's commentary submitted; nothing published yet."""
    update = fill(in_cycle["update"], rating="amber", narrative="Two triage staff short.")
    update.submit(by=in_cycle["owner"])
    update.approve(by=in_cycle["lead"])
    commentary = in_cycle["quarter"].commentaries.get(priority=in_cycle["safeguarding"])
    commentary.going_well = "Triage decisions within a day.\n\nNew police liaison post."
    commentary.needs_to_improve = "Repeat referrals are rising."
    commentary.submit(by=in_cycle["lead"])
    board = in_cycle["safeguarding"].board
    return {**in_cycle, "board": board}
