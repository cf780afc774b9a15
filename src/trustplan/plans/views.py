"""The plan's pages. Each view asks ``trustplan.access.lookups`` for its object and permission."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trustplan.access import policy
from trustplan.access.lookups import board_for, plan_for, priority_for, roles_of
from trustplan.access.models import Membership
from trustplan.delivery.quarters import financial_year_slug
from trustplan.measures.judging import as_of, judge_priority
from trustplan.plancode import dump_document
from trustplan.plancode.rules import check_document
from trustplan.plans.exporting import export_document
from trustplan.plans.forms import PriorityNarrativeForm
from trustplan.plans.layout import print_density
from trustplan.plans.loading import Changes, record_revision


def plan_home(request: HttpRequest, slug: str) -> HttpResponse:
    plan, can_manage = plan_for(request, slug)
    priorities = plan.priorities.select_related("board").prefetch_related(
        "leads__person", "kpis", "objectives"
    )
    return render(
        request,
        "plans/plan_home.html",
        {
            "plan": plan,
            "priorities": priorities,
            "themes": plan.themes.all(),
            "sections": plan.sections.all(),
            "findings": check_document(export_document(plan)),
            "can_manage": can_manage,
            "can_publish": policy.can_publish_plan(roles_of(request)),
            "has_role": roles_of(request).has_any_role,
            "can_see_ownership": policy.can_see_ownership(roles_of(request)),
            "annual_year": financial_year_slug(as_of()),
        },
    )


def plan_on_a_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    priorities = list(plan.priorities.select_related("board").prefetch_related("objectives"))
    columns = [
        [p.strategy or p.title, *(o.short_title or o.title for o in p.objectives.all())]
        for p in priorities
    ]
    return render(
        request,
        "plans/plan_on_a_page.html",
        {
            "plan": plan,
            "themes": plan.themes.all(),
            "priorities": priorities,
            "print_density": print_density(columns),
        },
    )


def spine(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    return render(request, "plans/spine.html", {"plan": plan, "themes": plan.themes.all()})


def priority_detail(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    priority, can_edit = priority_for(request, slug, number)
    area = priority.plan.area()
    judgements = judge_priority(priority, area)
    return render(
        request,
        "plans/priority.html",
        {
            "plan": priority.plan,
            "priority": priority,
            "leads": priority.leads.select_related("person"),
            "judgements": judgements,
            "area": area,
            "as_of": as_of(),
            "synthetic": any(j.synthetic for j in judgements),
            "objectives": priority.objectives.all(),
            "covid_items": priority.covid_items.all(),
            "can_edit": can_edit,
        },
    )


def priority_edit(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    priority, can_edit = priority_for(request, slug, number)
    if not can_edit:
        raise PermissionDenied
    form = PriorityNarrativeForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if form.changed_data:
                changes = Changes()
                changes.updated["priority"] += 1
                fields = ", ".join(form.changed_data)
                record_revision(
                    priority.plan,
                    how=f"edited priority {priority.number} ({fields}) in the app",
                    user=request.user if request.user.is_authenticated else None,
                    changes=changes,
                )
        messages.success(request, f"Saved your changes to {priority}.")
        return redirect(priority)
    return render(
        request,
        "plans/priority_edit.html",
        {"plan": priority.plan, "priority": priority, "form": form},
    )


def board_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    board, can_see_members = board_for(request, slug, key)
    members = (
        Membership.objects.filter(board=board).select_related("user", "user__person")
        if can_see_members
        else None
    )
    return render(
        request,
        "plans/board.html",
        {
            "plan": board.plan,
            "board": board,
            "priorities": board.priorities.all(),
            "members": members,
        },
    )


def export_yaml(request: HttpRequest, slug: str) -> HttpResponse:
    plan, can_manage = plan_for(request, slug)
    if not can_manage:
        raise PermissionDenied
    response = HttpResponse(dump_document(export_document(plan)), content_type="application/yaml")
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}.yaml"'
    return response


@require_POST
def set_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    if not policy.can_publish_plan(roles_of(request)):
        raise PermissionDenied
    plan.is_public = request.POST.get("public") == "yes"
    plan.save(update_fields=["is_public"])
    if plan.is_public:
        messages.success(request, "Anyone can now read this plan's pages without signing in.")
    else:
        messages.success(request, "This plan's pages now need a signed-in partner to read them.")
    return redirect(plan)
