"""The date judgements are made as at, and judging every KPI of a priority for its plan's area.

A ``KpiJudgement`` is for showing: its assessment is judged on the true values, and says them
as ``trustplan.measures.disclosing`` allows (a small count of people is ``[c]``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from trustplan.assessment import Assessment
from trustplan.measures.assessing import judge_indicator
from trustplan.measures.disclosing import disclose
from trustplan.measures.models import Area
from trustplan.plans.models import KeyPerformanceIndicator, Priority


def as_of() -> dt.date:
    """`TRUSTPLAN_AS_OF` if set (the demo), else today."""
    fixed: dt.date | None = settings.TRUSTPLAN_AS_OF
    return fixed or timezone.localdate()


@dataclass(frozen=True)
class KpiJudgement:
    kpi: KeyPerformanceIndicator
    # None: no data for the area, or they could not be judged. Withheld values are "[c]".
    assessment: Assessment | None
    synthetic: bool
    problem: str = ""  # why stored data could not be judged, for the analyst to fix


def judge(kpi: KeyPerformanceIndicator, area: Area, when: dt.date) -> KpiJudgement:
    try:
        judged = judge_indicator(kpi.indicator, area, as_of=when)
    except ValueError as exc:  # stored data the statistics refuse: say so, do not fail the page
        return KpiJudgement(kpi, None, synthetic=False, problem=str(exc))
    if not judged.has_data:
        return KpiJudgement(kpi, None, synthetic=False)
    shown = disclose(judged, kpi.indicator, area).assessment
    return KpiJudgement(kpi, shown, synthetic=judged.synthetic)


def judge_priority(priority: Priority, area: Area | None) -> list[KpiJudgement]:
    """Every KPI of the priority judged for `area` (its plan's area), in the plan's order."""
    kpis = list(priority.kpis.select_related("indicator"))
    if area is None:
        return [KpiJudgement(kpi, None, synthetic=False) for kpi in kpis]
    when = as_of()
    return [judge(kpi, area, when) for kpi in kpis]
