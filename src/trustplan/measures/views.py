"""Indicator data pages: uploading data, the record of imports, and (for everyone) indicators."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from trustplan.access import policy
from trustplan.access.lookups import indicator_for, roles_of
from trustplan.charts import text_alternative
from trustplan.dataimport import template_csv, template_xlsx
from trustplan.documents.cells import spreadsheet_safe
from trustplan.measures.assessing import area_to_judge, judge_indicator
from trustplan.measures.charting import chart_data, chart_svg
from trustplan.measures.disclosing import FOOTNOTE, Public, disclose, withheld_text
from trustplan.measures.forms import DataUploadForm, RebaseForm
from trustplan.measures.importing import import_file
from trustplan.measures.judging import as_of
from trustplan.measures.models import Area, DataImport, Rebase, Target

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REJECTED_ROW_COLUMNS = ["sheet", "row", "column", "rule", "message"]


def _require_data_manager(request: HttpRequest) -> None:
    if not policy.can_manage_indicator_data(roles_of(request)):
        raise PermissionDenied


def import_list(request: HttpRequest) -> HttpResponse:
    _require_data_manager(request)
    imports = DataImport.objects.select_related("created_by")[:100]
    return render(request, "measures/import_list.html", {"imports": imports})


def import_new(request: HttpRequest) -> HttpResponse:
    _require_data_manager(request)
    form = DataUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = import_file(
            upload.read(),
            upload.name,
            how="web upload",
            user=request.user if request.user.is_authenticated else None,
            dry_run=form.cleaned_data["dry_run"],
        )
        if outcome.applied:
            messages.success(request, f"Imported {upload.name}.")
        return redirect("measures:import", pk=outcome.record.pk)
    return render(request, "measures/import_new.html", {"form": form})


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_data_manager(request)
    record = get_object_or_404(DataImport.objects.select_related("created_by"), pk=pk)
    return render(request, "measures/import_detail.html", {"record": record})


def import_rejected_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """The rejected rows as CSV, to fix in a spreadsheet beside the original file."""
    _require_data_manager(request)
    record = get_object_or_404(DataImport, pk=pk)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REJECTED_ROW_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(
        {name: spreadsheet_safe(row.get(name)) for name in REJECTED_ROW_COLUMNS}
        for row in record.rejected_rows
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{record.pk}-rejected-rows.csv"'
    return response


def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One indicator for one area: every judgement explained, the chart, and the values."""
    indicator, can_manage = indicator_for(request, key)
    code = request.GET.get("area", "")
    area = area_to_judge(indicator, code)
    if code and area is None:
        raise Http404("no such area")
    context: dict[str, object] = {
        "indicator": indicator,
        "area": area,
        "areas": Area.objects.filter(observations__indicator=indicator).distinct(),
        "kpis": indicator.kpis.select_related("priority__plan"),
        "as_of": as_of(),
        "can_manage": can_manage,
    }
    if area is not None:
        try:
            judged = judge_indicator(indicator, area, as_of=as_of())
        except ValueError as exc:
            context["problem"] = str(exc)
        else:
            if not judged.has_data:
                return render(request, "measures/indicator.html", context)
            # Judged on the true values; shown with small counts of people withheld.
            public = disclose(judged, indicator, area)
            benchmark = public.comparators[0] if public.comparators else None
            data = chart_data(public.assessment, area=area.name, benchmark=benchmark)
            chart_text = " ".join(
                part
                for part in (text_alternative(data), withheld_text(public.observations))
                if part
            )
            context.update(
                judged=judged,
                assessment=public.assessment,
                chart=chart_svg(data),
                chart_text=chart_text,
                observations=list(reversed(public.observations)),
                withheld=public.withheld,
                footnote=FOOTNOTE,
                synthetic=judged.synthetic,
                neighbours=_neighbour_tables(public, area),
                targets=Target.objects.filter(indicator=indicator, area=area),
                rebases=Rebase.objects.filter(indicator=indicator, area=area),
            )
    return render(request, "measures/indicator.html", context)


def template(request: HttpRequest, file_format: str) -> HttpResponse:
    """The empty import template, for anyone who may import data."""
    _require_data_manager(request)
    if file_format == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    else:
        raise Http404("no such template")
    response["Content-Disposition"] = f'attachment; filename="trustplan-template.{file_format}"'
    return response


@require_POST
def rebase_new(request: HttpRequest, key: str) -> HttpResponse:
    """Record an analyst's rebase of the SPC limits, with its reason, for one area."""
    indicator, can_manage = indicator_for(request, key)
    if not can_manage:
        raise PermissionDenied
    area = get_object_or_404(Area, code=request.POST.get("area", ""))
    form = RebaseForm(request.POST)
    if form.is_valid():
        period = form.cleaned_data["period"]
        Rebase.objects.update_or_create(
            indicator=indicator,
            area=area,
            period_start=period.start,
            defaults={
                "reason": form.cleaned_data["reason"],
                "created_by": request.user if request.user.is_authenticated else None,
            },
        )
        messages.success(request, f"The limits are now recalculated from {period.label}.")
    else:
        problems = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"The limits were not recalculated: {problems}.")
    return redirect(f"{indicator.get_absolute_url()}?area={area.code}#rebases")


@dataclass(frozen=True)
class NeighbourTable:
    """A comparator group's values for one period, highest first, our area marked; a withheld
    value (a small count of people) is ``None`` and listed last, shown as ``[c]``."""

    name: str
    period: str
    rows: list[tuple[str, float | None, bool, bool]]  # area name, value, is ours, is withheld


def _neighbour_tables(public: Public, area: Area) -> list[NeighbourTable]:
    groups = [c for c in public.comparators if c.areas is not None]
    codes = {code for c in groups if c.areas for code in c.areas.values}
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    tables = []
    for comparator in groups:
        values = comparator.areas
        if values is None:
            continue
        withheld = public.group_withheld.get(comparator.name, frozenset())
        rows = [
            (names.get(code, code), value, code == area.code, code in withheld)
            for code, value in values.values.items()
        ]
        rows.sort(key=lambda row: (row[1] is None, row[3], -(row[1] or 0.0)))
        tables.append(NeighbourTable(comparator.name, values.period.label, rows))
    return tables
