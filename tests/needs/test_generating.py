"""Generating a needs assessment in one step, on constructed data: the right finding for each
indicator, every line's evidence naming its comparator or period and its values."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.measures.conftest import AS_OF
from trustplan.needs.generating import BY_PRIORITY, generate, groups_by_priority
from trustplan.needs.grouping import GroupSpec
from trustplan.needs.models import NeedsError, NeedsLine, NotClassified
from trustplan.plans.models import Finding

EVIDENCE = re.compile(r"England|Test neighbours|a year earlier|SPC chart|recent trend", re.I)
PERIOD = re.compile(r"\d{4}/\d{2}")
VALUE = re.compile(r"\d+\.\d")


def test_a_draft_is_generated_in_one_step(needs_data: dict[str, Any]) -> None:
    plan, analyst = needs_data["plan"], needs_data["analyst"]
    assessment = generate(plan, groups_by_priority(plan), as_of=AS_OF, by=analyst)
    assert assessment.is_draft
    assert (assessment.area, assessment.grouping, assessment.created_by) == (
        "Portsmouth",
        BY_PRIORITY,
        analyst,
    )
    assert assessment.title == "Needs assessment as at 1 August 2023"
    groups = list(assessment.groups.all())
    assert [g.title for g in groups] == ["Priority 1: Education", "Priority 2: Safeguarding"]
    education, safeguarding = groups
    [attendance] = education.lines.all()
    assert (attendance.finding, attendance.indicator_key) == (Finding.ENCOURAGING, "attendance")
    assert attendance.kpi == plan.priorities.get(number="1").kpis.get()
    assert attendance.text == attendance.generated_text
    assert attendance.text == "School attendance: higher than England (95.0% in 2022/23)."
    [fte] = safeguarding.lines.all()
    assert fte.finding == Finding.CONCERNING
    assert fte.text.startswith("First time entrants: higher than England and Test neighbours")
    assert fte.evidence[:2] == [
        "Worse than England (95% confidence): 290.0 per 100000 aged 10-17 (287.4 per 100000 "
        "aged 10-17 to 292.6 per 100000 aged 10-17) against 230.0 per 100000 aged 10-17 in "
        "2022/23.",
        "Worse than Test neighbours (95% confidence): 290.0 per 100000 aged 10-17 (287.4 per "
        "100000 aged 10-17 to 292.6 per 100000 aged 10-17) against 250.0 per 100000 aged 10-17 "
        "in 2022/23.",
    ]
    assert any(reason.startswith("In its favour: ") for reason in fte.evidence)
    [abuse] = safeguarding.not_classified.all()
    assert (abuse.indicator_key, abuse.reasons) == (
        "domestic-abuse",
        ["No data: no value has been recorded for this indicator."],
    )


def test_every_line_names_its_evidence(needs_data: dict[str, Any]) -> None:
    plan = needs_data["plan"]
    generate(plan, groups_by_priority(plan), as_of=AS_OF, by=None)
    lines = list(NeedsLine.objects.all())
    assert lines
    for line in lines:
        assert line.evidence, line.text
        for reason in line.evidence:
            assert EVIDENCE.search(reason), reason
            assert PERIOD.search(reason), reason
            assert VALUE.search(reason), reason


def test_the_region_is_not_a_needs_benchmark(needs_data: dict[str, Any]) -> None:
    plan = needs_data["plan"]
    generate(plan, groups_by_priority(plan), as_of=AS_OF, by=None)
    assert not any("South East" in r for line in NeedsLine.objects.all() for r in line.evidence)


def test_an_indicator_in_two_groups_is_listed_in_both(needs_data: dict[str, Any]) -> None:
    plan = needs_data["plan"]
    groups = [
        GroupSpec(title="Young people aged 14-19+", indicator_keys=("fte", "attendance")),
        GroupSpec(title="Safeguarding", indicator_keys=("domestic-abuse", "fte")),
    ]
    assessment = generate(plan, groups, as_of=AS_OF, by=None, title="By age", grouping="x.yaml")
    young, safe = assessment.groups.all()
    assert [
        (line.indicator_key, line.order) for line in young.lines.order_by("finding", "order")
    ] == [
        ("fte", 0),
        ("attendance", 0),
    ]
    assert [line.indicator_key for line in safe.lines.all()] == ["fte"]
    assert NotClassified.objects.get().group == safe
    assert assessment.title == "By age"


def test_unknown_indicators_are_refused_and_nothing_is_kept(needs_data: dict[str, Any]) -> None:
    plan = needs_data["plan"]
    groups = [GroupSpec(title="Pre-birth to 5", indicator_keys=("attendance", "breastfeeding"))]
    with pytest.raises(NeedsError, match="No indicator is held with the key breastfeeding"):
        generate(plan, groups, as_of=AS_OF, by=None)
    assert not plan.needs_assessments.exists()


def test_a_plan_without_an_area_cannot_be_assessed(needs_data: dict[str, Any]) -> None:
    plan = needs_data["plan"]
    plan.area_code = ""
    with pytest.raises(NeedsError, match="no area"):
        generate(plan, groups_by_priority(plan), as_of=AS_OF, by=None)
