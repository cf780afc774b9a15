"""The hub's aggregate pages: hotspots by locality and outcomes after early help.

Counts and rates only, every one through ``trustplan.disclosure.suppress``; no family or person
is named or linked. For performance analysts, hub analysts, hub practitioners and
administrators (``policy.can_view_hub_aggregates``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from trustplan.access import policy
from trustplan.access.lookups import roles_of
from trustplan.charts import to_svg
from trustplan.disclosure import FOOTNOTE
from trustplan.hub import aggregates
from trustplan.hubcore.hotspot_charts import describe, missing_outlines, rate_chart, rate_map

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_access(request: HttpRequest) -> None:
    if not policy.can_view_hub_aggregates(roles_of(request)):
        raise PermissionDenied


def hotspots(request: HttpRequest) -> HttpResponse:
    """One rule set's hotspot table, bar chart and map (``?rule_set=KEY``; the first by default)."""
    _require_access(request)
    found = aggregates.current_hotspots()
    context: dict[str, object] = {"found": found, "footnote": FOOTNOTE}
    if found is not None:
        keys = [rule.rule_key for rule in found.rules]
        key = request.GET.get("rule_set") or keys[0]
        if key not in keys:
            raise Http404("no such rule set")
        rule = found.rule(key)
        outlines = aggregates.stored_outlines()
        context.update(
            rule=rule,
            chart=to_svg(rate_chart(found, key)),
            chart_text=describe(rule),
            map=to_svg(rate_map(found, key, outlines)) if outlines else None,
            unmapped=missing_outlines(found, outlines) if outlines else [],
        )
    return render(request, "hub/aggregates/hotspots.html", context)


def hotspots_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """Every rule set's suppressed hotspot table, as CSV or Excel."""
    _require_access(request)
    found = aggregates.current_hotspots()
    if found is None:
        raise Http404("no family run yet")
    if file_format == "csv":
        response = HttpResponse(
            aggregates.hotspots_csv(found), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "xlsx":
        response = HttpResponse(aggregates.hotspots_xlsx(found), content_type=XLSX_CONTENT_TYPE)
    else:
        raise Http404("no such format")
    name = f"hub-hotspots-{found.as_at.isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def outcomes(request: HttpRequest) -> HttpResponse:
    """Progress after early help, by rule set and checkpoint."""
    _require_access(request)
    found = aggregates.current_outcomes() if aggregates.current_run() is not None else None
    return render(request, "hub/aggregates/outcomes.html", {"found": found, "footnote": FOOTNOTE})
