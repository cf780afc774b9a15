"""The quarterly cycle's pages: my updates, writing and reviewing an update, opening a quarter,
who owns what, and a priority's delivery plan. Decisions are the policy's; rules the models'."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from trustplan.access import policy
from trustplan.access.lookups import (
    UpdateRights,
    action_update_for,
    commentary_for,
    plan_for,
    priority_for,
    quarter_for,
    roles_of,
)
from trustplan.delivery import cycle, ownership
from trustplan.delivery.forms import (
    ActionForm,
    ActionUpdateForm,
    CommentaryForm,
    OpenQuarterForm,
    ReviewForm,
    RiskForm,
)
from trustplan.delivery.models import (
    EDITABLE_STATES,
    Action,
    ActionUpdate,
    Commentary,
    QuarterStatus,
    ReviewedUpdate,
    Risk,
    UpdateState,
)
from trustplan.delivery.rules import WorkflowError
from trustplan.delivery.status import latest_approved
from trustplan.documents.content import Rating
from trustplan.documents.rollup import RULE, Part, roll_up
from trustplan.measures.judging import as_of
from trustplan.plans.models import Priority


def my_updates(request: HttpRequest) -> HttpResponse:
    """What is due from me, and what is waiting for my review, in every open quarter."""
    roles = roles_of(request)
    if not roles.authenticated:
        raise PermissionDenied
    open_updates = ActionUpdate.objects.filter(quarter__status=QuarterStatus.OPEN).select_related(
        "quarter__plan", "action__objective__priority", "action__owner"
    )
    mine = open_updates.filter(
        Q(action__owner_id=roles.user_id) | Q(action__objective_id__in=roles.objective_ids)
    )
    to_review = (
        open_updates.filter(state=UpdateState.SUBMITTED)
        .filter(action__objective__priority_id__in=roles.priority_ids)
        .exclude(Q(action__owner_id=roles.user_id) | Q(submitted_by_id=roles.user_id))
    )
    commentaries = Commentary.objects.filter(
        quarter__status=QuarterStatus.OPEN, priority_id__in=roles.priority_ids
    ).select_related("quarter__plan", "priority")
    return render(
        request,
        "delivery/my_updates.html",
        {
            "section": "my-updates",
            "to_write": [u for u in mine if u.state in EDITABLE_STATES],
            "sent": [u for u in mine if u.state not in EDITABLE_STATES],
            "to_review": list(to_review),
            "commentaries": list(commentaries),
        },
    )


def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    update, rights = action_update_for(request, pk)
    form = ActionUpdateForm(request.POST or None, instance=update)
    return _update_page(request, update, rights, form, "delivery/action_update.html")


def commentary_update(request: HttpRequest, pk: int) -> HttpResponse:
    commentary, rights = commentary_for(request, pk)
    form = CommentaryForm(request.POST or None, instance=commentary)
    return _update_page(request, commentary, rights, form, "delivery/commentary.html")


def _update_page(
    request: HttpRequest,
    update: ReviewedUpdate,
    rights: UpdateRights,
    form: ActionUpdateForm | CommentaryForm,
    template: str,
) -> HttpResponse:
    """One page for writing and for reviewing an update: the POSTed `do` says which step."""
    review = ReviewForm(request.POST or None)
    if request.method == "POST":
        step = request.POST.get("do", "")
        allowed = rights.write if step in ("save", "submit") else rights.review
        if step not in ("save", "submit", "approve", "return") or not allowed:
            raise PermissionDenied
        try:
            if _take_step(request, step, update, form, review):
                return redirect("delivery:my-updates")
        except WorkflowError as error:
            shown = review if step in ("approve", "return") else form
            field = error.rule.field if error.rule.field in shown.fields else None
            shown.add_error(field, str(error))
    history = update.history.select_related("history_user").order_by("-history_date")[:20]  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"update": update, "rights": rights, "form": form, "review": review, "history": history},
    )


def _take_step(
    request: HttpRequest,
    step: str,
    update: ReviewedUpdate,
    form: ActionUpdateForm | CommentaryForm,
    review: ReviewForm,
) -> bool:
    """Do `step`; True when done (a message is queued), False when the form has errors."""
    user: Any = request.user
    if step in ("save", "submit"):
        if not form.is_valid():
            return False
        update = form.save(commit=False)
        if step == "save":
            if update.state == UpdateState.DUE:
                update.state = UpdateState.DRAFT
            update.save()
            messages.success(request, "Saved your draft. It has not been submitted.")
            return True
        update.submit(by=user)
        messages.success(request, "Submitted for review.")
        return True
    if not review.is_valid():
        return False
    if step == "approve":
        update.approve(by=user)
        messages.success(request, "Approved.")
    else:
        update.send_back(by=user, comment=review.cleaned_data["comment"])
        messages.success(request, "Returned to its owner with your comments.")
    return True


def quarters(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    roles = roles_of(request)
    if not roles.has_any_role:
        raise PermissionDenied
    can_run = policy.can_run_cycle(roles)
    form = OpenQuarterForm(request.POST or None)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            try:
                opened = cycle.open_quarter(
                    plan,
                    form.cleaned_data["quarter"],
                    form.cleaned_data["due"],
                    form.cleaned_data["grace_days"],
                    by=request.user if request.user.is_authenticated else None,
                )
            except (cycle.CycleError, IntegrityError) as error:
                form.add_error("quarter", str(error))
            else:
                messages.success(request, f"Opened {opened.label} for updates.")
                return redirect("delivery:quarter", plan.slug, opened.code)
    listed = [(q, cycle.outstanding(q.updates.all())) for q in plan.quarters.all()]
    return render(
        request,
        "delivery/quarters.html",
        {"plan": plan, "quarters": listed, "form": form, "can_run": can_run},
    )


def quarter_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    quarter, can_run = quarter_for(request, slug, code)
    if not roles_of(request).has_any_role:
        raise PermissionDenied
    priorities = [
        (p, cycle.outstanding(quarter.updates.filter(action__objective__priority=p)))
        for p in quarter.plan.priorities.select_related("board")
    ]
    return render(
        request,
        "delivery/quarter.html",
        {"plan": quarter.plan, "quarter": quarter, "priorities": priorities, "can_run": can_run},
    )


@require_POST
def close_quarter(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    quarter, can_run = quarter_for(request, slug, code)
    if not can_run:
        raise PermissionDenied
    cycle.close_quarter(quarter)
    messages.success(request, f"Closed {quarter.label}. No more updates can be made.")
    return redirect("delivery:quarter", slug, code)


def ownership_view(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    if not policy.can_see_ownership(roles_of(request)):
        raise PermissionDenied
    return render(
        request, "delivery/ownership.html", {"plan": plan, "report": ownership.report(plan)}
    )


def delivery_plan(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    """A priority's whole delivery plan now: every action with its latest approved rating,
    rolled up by the stated rule, and the risk register."""
    priority, _ = priority_for(request, slug, number)
    roles = roles_of(request)
    if not roles.has_any_role:
        raise PermissionDenied
    today = as_of()
    latest = latest_approved(priority)
    objectives = []
    for objective in priority.objectives.prefetch_related(
        "actions__owner", "actions__organisation"
    ):
        actions = [(a, latest.get(a.pk)) for a in objective.actions.all()]
        parts = [
            Part(Rating(u.rating) if u else Rating.NOT_RATED, a.is_overdue(today))
            for a, u in actions
        ]
        objectives.append((objective, actions, roll_up(parts, "action")))
    rolled = roll_up([Part(r.rating) for _, _, r in objectives], "objective")
    return render(
        request,
        "delivery/delivery_plan.html",
        {
            "plan": priority.plan,
            "priority": priority,
            "today": today,
            "objectives": objectives,
            "rolled": rolled,
            "rule": RULE,
            "risks": Risk.objects.filter(priority=priority).select_related("owner"),
            "can_lead": policy.can_lead_priority(roles, priority),
        },
    )


def _led_priority(request: HttpRequest, slug: str, number: str) -> Priority:
    """A priority whose delivery plan this user may change: its lead or an administrator."""
    priority, _ = priority_for(request, slug, number)
    if not policy.can_lead_priority(roles_of(request), priority):
        raise PermissionDenied
    return priority


def edit_action(
    request: HttpRequest, slug: str, number: str, pk: int | None = None
) -> HttpResponse:
    priority = _led_priority(request, slug, number)
    action = (
        get_object_or_404(Action, pk=pk, objective__priority=priority) if pk is not None else None
    )
    initial = {}
    if action is None and request.GET.get("objective"):
        initial["objective"] = priority.objectives.filter(number=request.GET["objective"]).first()
    form = ActionForm(request.POST or None, instance=action, initial=initial, priority=priority)
    return _save_part(request, form, priority, "action", "delivery-plan")


def edit_risk(request: HttpRequest, slug: str, number: str, pk: int | None = None) -> HttpResponse:
    priority = _led_priority(request, slug, number)
    risk = get_object_or_404(Risk, pk=pk, priority=priority) if pk is not None else None
    form = RiskForm(request.POST or None, instance=risk, priority=priority)
    return _save_part(request, form, priority, "risk", "delivery-plan")


def _save_part(
    request: HttpRequest, form: ActionForm | RiskForm, priority: Priority, noun: str, back: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        part = form.save(commit=False)
        if isinstance(part, Risk):
            part.priority = priority
        part.save()
        messages.success(request, f"Saved {noun} {part.number}.")
        return redirect(f"delivery:{back}", priority.plan.slug, priority.number)
    return render(
        request,
        "delivery/edit_part.html",
        {"plan": priority.plan, "priority": priority, "form": form, "noun": noun},
    )
