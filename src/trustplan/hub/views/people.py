"""A family's and a person's pages. Neither opens without a stated purpose, and every opening
is written to the audit log (``trustplan.hub.purpose``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from trustplan.access.lookups import family_for, person_for
from trustplan.audit.models import AuditEntry
from trustplan.hub import purpose, worklist
from trustplan.hub.forms import WorkDecisionForm
from trustplan.hub.models import WorkDecision
from trustplan.hub.views import display
from trustplan.hub.views.gate import purpose_page

LAPSED = "Your purpose for opening this {} has lapsed. State it again to carry on."


@never_cache
def family_purpose(request: HttpRequest, family_id: str) -> HttpResponse:
    family, _ = family_for(request, family_id)
    return purpose_page(
        request,
        purpose.Kind.FAMILY,
        family.family_id,
        caption=f"Family {family.family_id}",
        opens=reverse("hub:family", args=[family.family_id]),
        back=reverse("hub:work-list"),
    )


@never_cache
def family(request: HttpRequest, family_id: str) -> HttpResponse:
    """The family's people, why it is on the work list with the source records, its decisions,
    and (for its locality's practitioners) the decision form."""
    family, can_decide = family_for(request, family_id)
    listed = worklist.on_work_list(family)
    form = WorkDecisionForm(request.POST or None)
    if request.method == "POST":
        if not (can_decide and listed):
            raise PermissionDenied
        held = purpose.stated(request, purpose.Kind.FAMILY, family.family_id)
        if held is None:
            messages.info(request, LAPSED.format("family"))
            return redirect("hub:family-purpose", family.family_id)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            worklist.record_decision(family, decision, form.cleaned_data["reason"], request.user)
            purpose.record(
                request,
                AuditEntry.Action.DECIDE,
                purpose.Kind.FAMILY,
                family.family_id,
                held,
                detail=decision,
            )
            messages.success(request, f"Recorded: {WorkDecision.Decision(decision).label}.")
            return redirect("hub:family", family.family_id)
    stated = purpose.opened(request, purpose.Kind.FAMILY, family.family_id)
    if stated is None:
        return redirect("hub:family-purpose", family.family_id)
    people = worklist.members(family)
    return render(
        request,
        "hub/family.html",
        {
            "family": family,
            "stated": stated,
            "people": people,
            "flags": display.flag_sections(worklist.flags_with_evidence(family, people)),
            "history": worklist.decision_history(family.family_id),
            "listed": listed,
            "can_decide": can_decide and listed,
            "form": form,
        },
    )


@never_cache
def person_purpose(request: HttpRequest, person_id: str) -> HttpResponse:
    person, _ = person_for(request, person_id)
    return purpose_page(
        request,
        purpose.Kind.PERSON,
        person.person_id,
        caption=f"Person {person.person_id}",
        opens=reverse("hub:person", args=[person.person_id]),
        back=reverse("hub:work-list"),
    )


@never_cache
def person(request: HttpRequest, person_id: str) -> HttpResponse:
    """The person's linked records, by feed, and their families."""
    person, _ = person_for(request, person_id)
    stated = purpose.opened(request, purpose.Kind.PERSON, person.person_id)
    if stated is None:
        return redirect("hub:person-purpose", person.person_id)
    feeds = display.by_feed(person.by_feed())
    return render(request, "hub/person.html", {"person": person, "stated": stated, "feeds": feeds})
