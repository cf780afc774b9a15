"""Exporting a stored plan gives back the document it was loaded from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import plan_data
from trustplan.plancode import PlanDocument, dump_document, validate_file, validate_text
from trustplan.plans.exporting import export_document
from trustplan.plans.loading import load_plan

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_export_of_a_loaded_document_equals_it() -> None:
    document = PlanDocument.model_validate(plan_data())
    plan = load_plan(document, how="test").plan
    assert export_document(plan) == document


def test_kpi_themes_round_trip_and_reload_idempotently() -> None:
    data = plan_data()
    data["themes"].append({"code": "b", "title": "Early help", "short_title": "Early Help"})
    data["priorities"][0]["indicators"][0]["themes"] = ["a", "b"]
    data["priorities"][1]["indicators"][1]["themes"] = ["b"]
    document = PlanDocument.model_validate(data)
    plan = load_plan(document, how="test").plan
    exported = export_document(plan)
    assert exported == document
    text = dump_document(exported)
    assert "    themes:\n    - a\n    - b\n" in text
    assert validate_text(text, "exported.yaml").document == document
    again = load_plan(exported, how="test again")
    assert not again.changes.any
    assert again.revision is None


def test_a_kpi_without_themes_is_exported_without_the_key() -> None:
    plan = load_plan(PlanDocument.model_validate(plan_data()), how="test").plan
    text = dump_document(export_document(plan))
    assert text.count("themes:") == 1  # the plan's own list, not an empty one per KPI


@pytest.mark.parametrize("name", ["portsmouth-2011-14", "portsmouth-2020-23"])
def test_the_example_plans_round_trip_through_the_database(name: str) -> None:
    document = validate_file(EXAMPLES / name / "plan.yaml").document
    assert document is not None
    plan = load_plan(document, how="test").plan
    exported = export_document(plan)
    assert exported == document
    assert validate_text(dump_document(exported), "exported.yaml").document == document
