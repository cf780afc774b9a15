"""The made-up hub of the hub's page tests (``tests.hub.conftest``), with a data protection
officer, for the governance tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_user
from tests.hub.conftest import build_hub
from trustplan.access.models import Role


@pytest.fixture
def hub(db: None) -> dict[str, Any]:
    return {**build_hub(), "dpo": make_user("dpo", Role.DATA_PROTECTION_OFFICER)}
