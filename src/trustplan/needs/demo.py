"""The demo's needs assessment: a draft of the 2020-23 plan's, grouped by age from
``examples/portsmouth-2020-23/needs-groups.yaml`` and judged from the synthetic indicator data
(load that first). The grouping is kept with the plan, so the generate form offers it too.
Running it again changes nothing."""

from __future__ import annotations

from pathlib import Path

from trustplan.measures.judging import as_of
from trustplan.needs.generating import generate
from trustplan.needs.grouping import load_grouping
from trustplan.needs.models import NeedsAssessment, NeedsGrouping
from trustplan.plans.models import Plan

GROUPS_FILE = (
    Path(__file__).resolve().parents[3] / "examples" / "portsmouth-2020-23" / "needs-groups.yaml"
)
DEMO_TITLE = "Needs assessment 2024 (demonstration draft)"


def create_demo_needs_assessment(plan: Plan, groups_file: Path = GROUPS_FILE) -> NeedsAssessment:
    """The plan's demonstration needs assessment, generated the first time it is asked for."""
    existing = NeedsAssessment.objects.filter(plan=plan, title=DEMO_TITLE).first()
    if existing is not None:
        return existing
    grouping = load_grouping(groups_file.read_bytes(), source=groups_file.name, plan=plan.slug)
    NeedsGrouping.keep(plan, grouping, source=groups_file.name, by=None)
    return generate(
        plan,
        grouping.groups,
        as_of=as_of(),
        by=None,
        title=DEMO_TITLE,
        grouping=groups_file.name,
    )
