"""The API's operations. Each asks ``trustplan.access`` for its object and permission."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from trustplan.access import policy
from trustplan.access.lookups import indicator_for, plan_for, roles_of
from trustplan.api.schemas import (
    AreaOut,
    ErrorOut,
    IndicatorOut,
    ObservationOut,
    PlanOut,
    PlanSummary,
    TargetOut,
)
from trustplan.measures.models import Area, Indicator, Observation, Target
from trustplan.plans.models import Plan, Priority

router = Router()
REFUSED = {403: ErrorOut, 404: ErrorOut}


@router.get("/plans", response=list[PlanSummary], tags=["plans"])
def list_plans(request: HttpRequest) -> list[Plan]:
    """The plans this caller may read."""
    roles = roles_of(request)
    return [plan for plan in Plan.objects.all() if policy.can_view_plan(roles, plan)]


@router.get("/plans/{slug}", response={200: PlanOut, **REFUSED}, tags=["plans"])
def get_plan(request: HttpRequest, slug: str) -> dict[str, object]:
    """A plan with its spine themes and its priorities' KPIs, Covid items and objectives."""
    plan, _ = plan_for(request, slug)
    priorities = plan.priorities.select_related("board").prefetch_related(
        "leads__person", "kpis__indicator", "covid_items", "objectives"
    )
    return {
        **PlanSummary.model_validate(plan, from_attributes=True).model_dump(),
        "version": plan.version,
        "themes": list(plan.themes.all()),
        "priorities": [_priority(priority) for priority in priorities],
    }


def _priority(priority: Priority) -> dict[str, object]:
    return {
        "number": priority.number,
        "title": priority.title,
        "outcome": priority.outcome,
        "strategy": priority.strategy,
        "board": priority.board.name if priority.board else None,
        "leads": [str(lead) for lead in priority.leads.all()],
        "vision": priority.vision,
        "kpis": [
            {"number": kpi.number, "title": kpi.title, "indicator": kpi.indicator.key}
            for kpi in priority.kpis.all()
        ],
        "covid_response": list(priority.covid_items.all()),
        "objectives": list(priority.objectives.all()),
    }


@router.get("/indicators", response=list[IndicatorOut], tags=["indicators"])
def list_indicators(request: HttpRequest) -> list[Indicator]:
    """The indicators this caller may read."""
    roles = roles_of(request)
    return [i for i in Indicator.objects.all() if policy.can_view_indicator(roles, i)]


@router.get("/indicators/{key}", response={200: IndicatorOut, **REFUSED}, tags=["indicators"])
def get_indicator(request: HttpRequest, key: str) -> Indicator:
    indicator, _ = indicator_for(request, key)
    return indicator


@router.get(
    "/indicators/{key}/observations",
    response={200: list[ObservationOut], **REFUSED},
    tags=["indicators"],
)
def list_observations(
    request: HttpRequest, key: str, area: str | None = None
) -> list[dict[str, object]]:
    """Every value of the indicator, oldest first; `area` limits it to one area code."""
    indicator, _ = indicator_for(request, key)
    observations = Observation.objects.filter(indicator=indicator).select_related("area")
    if area:
        observations = observations.filter(area__code=area)
    return [
        {
            **o.values(),
            "area_code": o.area.code,
            "area_name": o.area.name,
            "period": o.period_label,
            "period_kind": o.period_kind,
            "period_start": o.period_start,
            "period_end": o.period_end,
        }
        for o in observations.order_by("area__code", "period_start")
    ]


@router.get(
    "/indicators/{key}/targets", response={200: list[TargetOut], **REFUSED}, tags=["indicators"]
)
def list_targets(request: HttpRequest, key: str) -> list[dict[str, object]]:
    indicator, _ = indicator_for(request, key)
    return [
        {
            "area_code": t.area.code,
            "due": t.due,
            "value": t.value,
            "tolerance_kind": t.tolerance_kind,
            "tolerance": t.tolerance,
            "label": t.label,
        }
        for t in Target.objects.filter(indicator=indicator).select_related("area")
    ]


@router.get("/areas", response=list[AreaOut], tags=["areas"])
def list_areas(request: HttpRequest) -> list[dict[str, object]]:
    """Areas and comparator groups (with their members' codes)."""
    return [
        {
            "code": a.code,
            "name": a.name,
            "kind": a.kind,
            "members": [m.code for m in a.members.all()],
        }
        for a in Area.objects.prefetch_related("members")
    ]
