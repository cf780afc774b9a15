"""The clerical review queue: pairs of records the linker could not decide, for a hub analyst
to call the same person or not. A pair's page shows both records' identity columns, so it is
behind the purpose gate like a person's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from trustplan.access import policy
from trustplan.access.lookups import review_pair_for, roles_of
from trustplan.audit.models import AuditEntry
from trustplan.hub import purpose, worklist
from trustplan.hub.forms import ReviewDecisionForm
from trustplan.hub.models import ReviewDecision
from trustplan.hub.views import display
from trustplan.hub.views.gate import purpose_page
from trustplan.hub.views.people import LAPSED

PER_PAGE = 50


@never_cache
def review_queue(request: HttpRequest) -> HttpResponse:
    """The latest link run's undecided pairs, the likeliest match first."""
    if not policy.can_review_links(roles_of(request)):
        raise PermissionDenied
    run = worklist.latest_link_run()
    page = None
    if run is not None:
        page = Paginator(worklist.review_queue(run), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "hub/review_queue.html", {"run": run, "page": page})


@never_cache
def review_pair_purpose(request: HttpRequest, pk: int) -> HttpResponse:
    pair, _ = review_pair_for(request, pk)
    return purpose_page(
        request,
        purpose.Kind.RECORD_PAIR,
        str(pair.pk),
        caption=f"Clerical review: pair {pair.pk}",
        opens=reverse("hub:review-pair", args=[pair.pk]),
        back=reverse("hub:review"),
    )


@never_cache
def review_pair(request: HttpRequest, pk: int) -> HttpResponse:
    """Two records side by side with the linker's evidence, and the decision."""
    pair, can_decide = review_pair_for(request, pk)
    object_id = str(pair.pk)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        held = purpose.stated(request, purpose.Kind.RECORD_PAIR, object_id)
        if held is None:
            messages.info(request, LAPSED.format("pair of records"))
            return redirect("hub:review-pair-purpose", pair.pk)
        if form.is_valid():
            decided = worklist.decide_pair(
                pair, form.cleaned_data["decision"], form.cleaned_data["reason"], request.user
            )
            purpose.record(
                request,
                AuditEntry.Action.REVIEW_PAIR,
                purpose.Kind.RECORD_PAIR,
                object_id,
                held,
                detail=decided.decision,
            )
            label = ReviewDecision.Decision(decided.decision).label
            messages.success(request, f"Recorded: {label}. The next link run respects it.")
            return redirect("hub:review")
    stated = purpose.opened(request, purpose.Kind.RECORD_PAIR, object_id)
    if stated is None:
        return redirect("hub:review-pair-purpose", pair.pk)
    left, right = worklist.pair_records(pair)
    return render(
        request,
        "hub/review_pair.html",
        {
            "pair": pair,
            "stated": stated,
            "left": left,
            "right": right,
            "left_event": display.event_rows(left) if left else [],
            "right_event": display.event_rows(right) if right else [],
            "rows": display.side_by_side(left, right),
            "decided": worklist.decision_on(pair),
            "form": form,
        },
    )
