"""The demo's needs assessment: generated from the grouping file, kept with the plan, made once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.needs.test_views import GROUPING
from trustplan.needs.demo import DEMO_TITLE, GROUPS_FILE, create_demo_needs_assessment
from trustplan.needs.models import NeedsAssessment, NeedsGrouping


def test_the_demo_file_is_the_examples_file() -> None:
    assert GROUPS_FILE.is_file()
    assert GROUPS_FILE.parent.name == "portsmouth-2020-23"


def test_the_demo_draft_is_generated_once_from_its_grouping_file(
    needs_data: dict[str, Any], tmp_path: Path
) -> None:
    groups_file = tmp_path / "needs-groups.yaml"
    groups_file.write_bytes(GROUPING)
    plan = needs_data["plan"]
    made = create_demo_needs_assessment(plan, groups_file)
    assert (made.title, made.grouping, made.is_draft) == (DEMO_TITLE, "needs-groups.yaml", True)
    assert [g.title for g in made.groups.all()] == ["Young people aged 14-19+", "Safeguarding"]
    assert made.groups.get(title="Safeguarding").not_classified.count() == 1
    assert NeedsGrouping.objects.get(plan=plan).source == "needs-groups.yaml"
    assert create_demo_needs_assessment(plan, groups_file) == made
    assert NeedsAssessment.objects.count() == 1
