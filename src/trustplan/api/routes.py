"""The API's operations. Each asks ``trustplan.access`` for its object and permission.

Values and judgements come out as the pages show them (``trustplan.measures.disclosing``): a
small count of people, or a rate or percentage made from one, is null with ``suppressed`` true
and the confidentiality footnote as its ``suppression_note``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from trustplan.access import policy
from trustplan.access.lookups import indicator_for, plan_for, roles_of
from trustplan.api.schemas import (
    AreaOut,
    AssessmentOut,
    ErrorOut,
    ImportOut,
    IndicatorOut,
    ObservationOut,
    PlanOut,
    PlanSummary,
    TargetOut,
)
from trustplan.disclosure import FOOTNOTE
from trustplan.measures.assessing import area_to_judge, judge_indicator
from trustplan.measures.disclosing import disclose, public_observation, value_type_of
from trustplan.measures.importing import import_file
from trustplan.measures.judging import as_of
from trustplan.measures.models import Area, DataImport, Indicator, Observation, Target
from trustplan.plans.models import Plan, Priority
from trustplan.uploads import CSV, XLSX, UploadError, UploadTooLargeError, check_upload

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
    value_type = value_type_of(indicator)
    rows = []
    for o in observations.order_by("area__code", "period_start"):
        shown = public_observation(o, value_type, indicator.multiplier)
        rows.append(
            {
                **o.values(),
                "value": shown.value,
                "numerator": shown.numerator,
                "denominator": shown.denominator,
                "lower_ci_95": shown.lower_ci_95,
                "upper_ci_95": shown.upper_ci_95,
                "lower_ci_99_8": shown.lower_ci_99_8,
                "upper_ci_99_8": shown.upper_ci_99_8,
                "suppressed": shown.withheld,
                "suppression_note": FOOTNOTE if shown.withheld else None,
                "area_code": o.area.code,
                "area_name": o.area.name,
                "period": o.period_label,
                "period_kind": o.period_kind,
                "period_start": o.period_start,
                "period_end": o.period_end,
            }
        )
    return rows


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


@router.get(
    "/indicators/{key}/assessment",
    response={200: AssessmentOut, 422: ErrorOut, **REFUSED},
    tags=["indicators"],
)
def get_assessment(
    request: HttpRequest, key: str, area: str | None = None
) -> dict[str, object] | Status[dict[str, str]]:
    """Every judgement of the indicator for an area (default: the area of a plan listing it),
    as at the service's judgement date, with the same plain-English explanations as the pages."""
    indicator, _ = indicator_for(request, key)
    found = area_to_judge(indicator, area or "")
    if found is None:
        raise Http404("no such area, or no area with data for this indicator")
    when = as_of()
    try:
        judged = judge_indicator(indicator, found, as_of=when)
    except ValueError as exc:  # stored data the statistics refuse: say why, for the analyst
        return Status(422, {"detail": f"these data cannot be judged: {exc}"})
    public = disclose(judged, indicator, found)
    a = public.assessment
    point = a.latest.point
    latest_hidden = public.latest_withheld
    return {
        "indicator": indicator.key,
        "area_code": found.code,
        "as_of": when,
        "headline": a.headline,
        "exception": a.exception,
        "exception_reasons": list(a.exception_reasons),
        "latest": {
            "period": point.period.label if point else None,
            "value": a.latest.value,
            "formatted": a.latest.formatted,
            "status": a.latest.status.value,
            "expected_period": a.latest.expected.label if a.latest.expected else None,
            "explanation": a.latest.explanation,
            "suppressed": latest_hidden,
            "suppression_note": FOOTNOTE if latest_hidden else None,
        },
        "target": {"verdict": a.target.rag.value, "explanation": a.target.explanation},
        "future_targets": [
            {
                "name": f.target.name,
                "due": f.target.due,
                "value": f.target.value,
                "probability": f.forecast.probability_of_meeting_target,
                "confidence": f.confidence.value,
                "explanation": f.explanation,
            }
            for f in a.future_targets
        ],
        "variation": {
            "verdict": a.spc.variation.value if a.spc.variation else None,
            "explanation": a.spc.explanation,
        },
        "assurance": {
            "verdict": a.spc.assurance.value if a.spc.assurance else None,
            "explanation": a.spc.explanation,
        },
        "trial_limits": a.spc.trial,
        "trend": {"verdict": a.trend.result.outcome.value, "explanation": a.trend.explanation},
        "direction_of_travel": {
            "verdict": None,
            "explanation": a.direction_of_travel.explanation,
        },
        "benchmarks": [
            {
                "comparator": b.comparator,
                "outcome": b.comparison.outcome.value,
                "comparator_value": b.comparator_value,
                "explanation": b.explanation,
                "suppressed": hidden,
                "suppression_note": FOOTNOTE if hidden else None,
            }
            for b in a.benchmarks
            for hidden in [
                b.period is not None
                and b.period in public.comparator_withheld.get(b.comparator, frozenset())
            ]
        ],
        "data_quality": {"verdict": None, "explanation": a.data_quality.explanation},
    }


@router.post(
    "/imports",
    response={200: ImportOut, 400: ImportOut, 403: ErrorOut, 413: ErrorOut, 415: ErrorOut},
    tags=["imports"],
)
def post_import(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False
) -> Status[dict[str, object]]:
    """Import a CSV or XLSX file, exactly as the upload page does: all or nothing, every bad row
    reported (400 when the file is refused), `dry_run` to see what would change. Analysts only.
    A file over the upload limit is refused with 413, and one that is not the CSV or XLSX its
    name says with 415, before it is read."""
    if not policy.can_manage_indicator_data(roles_of(request)):
        raise PermissionDenied
    try:
        data = check_upload(file, kinds=(CSV, XLSX), limit=settings.TRUSTPLAN_MAX_UPLOAD_BYTES)
    except UploadTooLargeError as refused:
        return Status(413, {"detail": str(refused)})
    except UploadError as refused:
        return Status(415, {"detail": str(refused)})
    user = request.user if request.user.is_authenticated else None
    outcome = import_file(data, file.name or "upload", how="API", user=user, dry_run=dry_run)
    record = outcome.record
    status = 400 if record.outcome == DataImport.Outcome.REJECTED else 200
    return Status(
        status,
        {
            "id": record.pk,
            "file_name": record.file_name,
            "sha256": record.sha256,
            "file_format": record.file_format,
            "outcome": record.outcome,
            "counts": record.counts,
            "rejected_rows": record.rejected_rows,
            "changes": record.changes,
        },
    )


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
