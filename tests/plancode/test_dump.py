"""Writing a plan document back out as YAML that reads back to the same document."""

from __future__ import annotations

from tests.factories import plan_data
from trustplan.plancode import PlanDocument, dump_document, validate_text


def test_dump_reads_back_to_the_same_document() -> None:
    data = plan_data()
    data["priorities"][0]["vision"] = "First paragraph.\n\nSecond paragraph:\n- a bullet\n"
    document = PlanDocument.model_validate(data)
    text = dump_document(document)
    assert validate_text(text, "x.yaml").document == document


def test_dump_leaves_out_defaults_and_writes_multiline_text_as_a_block() -> None:
    data = plan_data()
    data["priorities"][0]["vision"] = "Line one.\n\nLine two."
    text = dump_document(PlanDocument.model_validate(data))
    assert text.startswith("schema_version: 1\nplan:\n")
    assert "vision: |" in text
    assert "labels" not in text  # all default
    assert "status: established" not in text  # the default board status
