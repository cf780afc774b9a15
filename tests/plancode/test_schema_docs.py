"""docs/plan-schema.md documents every field of every model of the plan file schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from trustplan.plancode import schema

DOC = (Path(__file__).resolve().parents[2] / "docs" / "plan-schema.md").read_text(encoding="utf-8")
MODELS = [
    model
    for model in vars(schema).values()
    if isinstance(model, type)
    and issubclass(model, schema.Strict)
    # IndicatorDefinition is internal: its fields are KeyPerformanceIndicator's, documented there.
    and model not in {schema.Strict, schema.IndicatorDefinition}
]


def documented_section(name: str) -> str:
    match = re.search(
        rf"^## (?:[^`\n]*: )?`{name}`\n(.*?)(?=^## |\Z)", DOC, flags=re.MULTILINE | re.DOTALL
    )
    assert match, f"docs/plan-schema.md has no section for {name}"
    return match.group(1)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_is_documented_under_its_model(model: type[BaseModel]) -> None:
    section = documented_section(model.__name__)
    missing = [name for name in model.model_fields if f"`{name}`" not in section]
    assert missing == []
