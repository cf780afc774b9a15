"""The needs assessment pages: the list with the one-step "Generate a draft" form, the document,
the editing page, approval, and the PDF and Word downloads. Decisions are ``permissions``';
rules the models'."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from trustplan.access.lookups import plan_for, roles_of
from trustplan.disclosure import FOOTNOTE
from trustplan.measures.judging import as_of
from trustplan.needs import permissions
from trustplan.needs.documents import FORMATS, build_doc
from trustplan.needs.forms import AddLineForm, GenerateForm, LineForm
from trustplan.needs.generating import generate
from trustplan.needs.models import (
    NeedsAssessment,
    NeedsError,
    NeedsGrouping,
    NeedsLine,
    NeedsStatus,
)
from trustplan.plans.models import Finding, Plan

MOVES = {"up": -1, "down": 1}


def _assessment(request: HttpRequest, slug: str, pk: int) -> NeedsAssessment:
    plan, _ = plan_for(request, slug)
    assessment = get_object_or_404(
        NeedsAssessment.objects.select_related("plan", "approved_by"), plan=plan, pk=pk
    )
    if not permissions.can_read(roles_of(request), assessment):
        raise PermissionDenied
    return assessment


def _editable(request: HttpRequest, slug: str, pk: int) -> NeedsAssessment:
    assessment = _assessment(request, slug, pk)
    if not permissions.can_edit(roles_of(request), assessment):
        raise PermissionDenied
    return assessment


def _posted_pk(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


def _name(request: HttpRequest) -> str:
    user: Any = request.user
    return str(user.get_full_name() or user.get_username())


def needs_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    roles = roles_of(request)
    if not permissions.can_list(roles):
        raise PermissionDenied
    can_make = permissions.can_make(roles)
    form = GenerateForm(
        request.POST or None, request.FILES or None, plan=plan, initial={"as_of": as_of()}
    )
    if request.method == "POST":
        if not can_make:
            raise PermissionDenied
        made = _generate(request, plan, form)
        if made is not None:
            messages.success(request, "Generated a draft. Check its statements, then approve it.")
            return redirect(made)
    shown = NeedsAssessment.objects.filter(plan=plan).select_related("created_by")
    return render(
        request,
        "needs/list.html",
        {
            "plan": plan,
            "assessments": shown if can_make else shown.exclude(status=NeedsStatus.DRAFT),
            "form": form,
            "can_make": can_make,
        },
    )


def _generate(request: HttpRequest, plan: Plan, form: GenerateForm) -> NeedsAssessment | None:
    """The new draft, the uploaded grouping kept for next time; None when the form has errors."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if "upload" in data:
                NeedsGrouping.keep(plan, data["upload"], source=data["source"], by=request.user)
            return generate(
                plan,
                data["groups"],
                as_of=data["as_of"],
                by=request.user,
                title=data["title"],
                grouping=data["source"],
            )
    except NeedsError as error:
        form.add_error("groups_file" if "upload" in data else "grouping", str(error))
        return None


def needs_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment = _assessment(request, slug, pk)
    return render(
        request,
        "needs/detail.html",
        {
            "plan": assessment.plan,
            "assessment": assessment,
            "doc": build_doc(assessment),
            "footnote": FOOTNOTE,
            "can_edit": permissions.can_edit(roles_of(request), assessment),
        },
    )


def needs_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Rewrite, reorder, remove and add statements; each POST does one thing and comes back."""
    assessment = _editable(request, slug, pk)
    error: dict[str, Any] = {}
    if request.method == "POST":
        anchor = _edit(request, assessment, error)
        if anchor is not None:
            return redirect(f"{reverse('needs:edit', args=[slug, pk])}#{anchor}")
    groups = assessment.groups.prefetch_related("lines")
    return render(
        request,
        "needs/edit.html",
        {
            "plan": assessment.plan,
            "assessment": assessment,
            "groups": [
                (
                    group,
                    [
                        (label, [line for line in group.lines.all() if line.finding == finding])
                        for finding, label in Finding.choices
                    ],
                )
                for group in groups
            ],
            "finding_choices": Finding.choices,
            "error": error,
        },
    )


def _edit(request: HttpRequest, assessment: NeedsAssessment, error: dict[str, Any]) -> str | None:
    """Do the POSTed step; the anchor to return to, or None when ``error`` says what is wrong
    (its ``message``, the ``line`` or ``group`` it is about, and the ``text`` as posted)."""
    step = request.POST.get("do", "")
    if step == "add":
        group = get_object_or_404(assessment.groups, pk=_posted_pk(request, "group"))
        add = AddLineForm(request.POST)
        if not add.is_valid():
            error.update(group=group.pk, message=_first_error(add), text=request.POST.get("text"))
            return None
        line = group.add_line(
            Finding(add.cleaned_data["finding"]), add.cleaned_data["text"], by=_name(request)
        )
        messages.success(request, "Added your statement.")
        return f"line-{line.pk}"
    line = get_object_or_404(
        NeedsLine.objects.select_related("group__assessment"),
        group__assessment=assessment,
        pk=_posted_pk(request, "line"),
    )
    if step == "save":
        form = LineForm(request.POST)
        if not form.is_valid():
            error.update(line=line.pk, message=_first_error(form), text=request.POST.get("text"))
            return None
        line.rewrite(form.cleaned_data["text"])
        messages.success(request, "Saved the statement.")
    elif step in MOVES:
        line.move(MOVES[step])
    elif step == "remove":
        line.remove()
        messages.success(request, "Removed the statement.")
        return f"group-{line.group.pk}"
    else:
        raise Http404
    return f"line-{line.pk}"


def _first_error(form: LineForm | AddLineForm) -> str:
    return str(next(iter(form.errors.values()))[0])


@require_POST
def needs_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment = _editable(request, slug, pk)
    try:
        assessment.approve(by=request.user)
    except NeedsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Approved. The needs assessment can no longer be changed.")
    return redirect(assessment)


def needs_file(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    form = FORMATS.get(fmt)
    if form is None:
        raise Http404
    assessment = _assessment(request, slug, pk)
    response = HttpResponse(form.render(build_doc(assessment)), content_type=form.content_type)
    name = slugify(f"{assessment.plan.slug} {assessment.title}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{form.extension}"'
    return response
