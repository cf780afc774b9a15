"""The data protection officer's pages: search the audit log, and export what is found as CSV.
Access is ``trustplan.access``'s; the search is ``trustplan.governance.search``'s."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from trustplan.access.lookups import audit_log_for
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.governance import search
from trustplan.governance.forms import AuditSearchForm

PER_PAGE = 50


def _form(request: HttpRequest, entries: QuerySet[AuditEntry]) -> AuditSearchForm:
    present = list(entries.order_by().values_list("object_type", flat=True).distinct())
    return AuditSearchForm(request.GET, present_types=present)


def _page(request: HttpRequest, form: AuditSearchForm, status: int = 200) -> HttpResponse:
    return render(request, "governance/audit.html", {"form": form, "page": None}, status=status)


@never_cache
def audit_search(request: HttpRequest) -> HttpResponse:
    """The audit log, newest first, narrowed by object, user, action and dates; 50 a page."""
    entries, _ = audit_log_for(request)
    form = _form(request, entries)
    if not form.is_valid():
        return _page(request, form)
    query = form.query()
    page = Paginator(search.matching(entries, query), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": entry,
            "object_type": search.object_type_label(entry.object_type),
            "purpose": search.purpose_label(entry.purpose) if entry.purpose else "",
        }
        for entry in page
    ]
    return render(
        request,
        "governance/audit.html",
        {"form": form, "page": page, "rows": rows, "searched": query.describe()},
    )


@never_cache
def audit_export(request: HttpRequest) -> HttpResponse:
    """Every entry the search matches as CSV; the export is itself written to the audit log."""
    entries, _ = audit_log_for(request)
    form = _form(request, entries)
    if not form.is_valid():
        return _page(request, form, status=400)
    query = form.query()
    text, count = search.as_csv(search.matching(entries, query).iterator(chunk_size=2_000))
    chain.record_export(request.user, "audit_log", f"{count:,} entries: {query.describe()}")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response
