"""The date judgements are made as at, and judging every KPI of a priority for its plan's area."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from trustplan.assessment import Assessment
from trustplan.measures.assessing import assessment_for
from trustplan.measures.models import Area, Observation
from trustplan.plans.models import KeyPerformanceIndicator, Priority

SYNTHETIC_PREFIX = "SYNTHETIC"


def as_of() -> dt.date:
    """`TRUSTPLAN_AS_OF` if set (the demo), else today."""
    fixed: dt.date | None = settings.TRUSTPLAN_AS_OF
    return fixed or timezone.localdate()


@dataclass(frozen=True)
class KpiJudgement:
    kpi: KeyPerformanceIndicator
    assessment: Assessment | None  # None: no data for the area, or they could not be judged
    synthetic: bool
    problem: str = ""  # why stored data could not be judged, for the analyst to fix


def judge(kpi: KeyPerformanceIndicator, area: Area, when: dt.date, synthetic: bool) -> KpiJudgement:
    if not kpi.indicator.observations.filter(area=area).exists():
        return KpiJudgement(kpi, None, synthetic)
    try:
        return KpiJudgement(kpi, assessment_for(kpi.indicator, area, as_of=when), synthetic)
    except ValueError as exc:  # stored data the statistics refuse: say so, do not fail the page
        return KpiJudgement(kpi, None, synthetic, problem=str(exc))


def judge_priority(priority: Priority, area: Area | None) -> list[KpiJudgement]:
    """Every KPI of the priority judged for `area` (its plan's area), in the plan's order."""
    kpis = list(priority.kpis.select_related("indicator"))
    if area is None:
        return [KpiJudgement(kpi, None, synthetic=False) for kpi in kpis]
    synthetic = set(
        Observation.objects.filter(
            indicator__in=[k.indicator for k in kpis],
            area=area,
            source__startswith=SYNTHETIC_PREFIX,
        )
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    when = as_of()
    return [judge(kpi, area, when, kpi.indicator_id in synthetic) for kpi in kpis]
