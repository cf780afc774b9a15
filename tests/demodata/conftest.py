"""Shared fixtures: the example plan's indicator keys and the data generated for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustplan.demodata import DEFAULT_SEED, DemoData, generate, plan_indicator_keys
from trustplan.plancode import validate_file

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "portsmouth-2020-23" / "plan.yaml"
IMPORT_DOCS = REPO / "docs" / "data-import.md"


@pytest.fixture(scope="session")
def plan_keys() -> tuple[str, ...]:
    report = validate_file(PLAN)
    assert report.document is not None, report.errors
    return plan_indicator_keys(report.document)


@pytest.fixture(scope="session")
def data(plan_keys: tuple[str, ...]) -> DemoData:
    return generate(DEFAULT_SEED, plan_keys)
