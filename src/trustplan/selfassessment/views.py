"""The self-assessment pages: a plan's rounds, one round's summary, scoring, moderating and
comparing rounds. Decisions are ``permissions``'; rules, ``rounds`` and ``moderation``'s; the
summary table, the pure core's (``trustplan.frameworks.summary``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from trustplan.access.lookups import plan_for, roles_of
from trustplan.delivery.rules import WorkflowError
from trustplan.frameworks import schema
from trustplan.frameworks.summary import compare as compare_summaries
from trustplan.selfassessment import moderation, permissions, rounds
from trustplan.selfassessment.forms import (
    FindingActionForm,
    FindingForm,
    InviteForm,
    ModerationSheet,
    OpenRoundForm,
    ScoreSheet,
    SheetRow,
)
from trustplan.selfassessment.models import Finding, FindingKind, Round, RoundState
from trustplan.selfassessment.rules import ModeratorDidNotScore


def _round_for(request: HttpRequest, slug: str, pk: int) -> Round:
    """The round, if this user may read it."""
    plan, _ = plan_for(request, slug)
    round = get_object_or_404(Round.objects.select_related("plan", "framework"), plan=plan, pk=pk)
    if not permissions.can_read_round(roles_of(request), round):
        raise PermissionDenied
    return round


def _moderated_round(request: HttpRequest, slug: str, pk: int) -> Round:
    round = _round_for(request, slug, pk)
    if not permissions.can_moderate(roles_of(request), round):
        raise PermissionDenied
    return round


def _findings(round: Round) -> dict[str, Any]:
    """The key findings in the agenda pack's two lists, each with its action if it has one."""
    findings = round.findings.select_related("action__objective__priority")
    kinds = (FindingKind.STRENGTH, FindingKind.IMPROVEMENT)
    return {"findings": [(kind.label, findings.filter(kind=kind)) for kind in kinds]}


def _back(round: Round, page: str = "round") -> HttpResponse:
    return redirect(f"selfassessment:{page}", round.plan.slug, round.pk)


def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    roles = roles_of(request)
    if not permissions.can_see_rounds(roles, plan):
        raise PermissionDenied
    can_run = permissions.can_run_rounds(roles)
    form = OpenRoundForm(request.POST or None, plan=plan)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            opened = rounds.open_round(
                plan, form.cleaned_data["framework"], form.cleaned_data["title"], request.user
            )
            messages.success(request, f"Opened {opened.title}. Now invite its contributors.")
            return _back(opened)
    listed = [
        (r, permissions.can_read_round(roles, r))
        for r in Round.objects.filter(plan=plan).select_related("framework")
    ]
    complete = [r for r, _ in listed if r.state == RoundState.COMPLETE]
    return render(
        request,
        "selfassessment/rounds.html",
        {"plan": plan, "rounds": listed, "complete": complete, "form": form, "can_run": can_run},
    )


def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The round as the agenda pack reports it: the summary table and the key findings; and,
    while it runs, who is contributing and how far they have got."""
    round = _round_for(request, slug, pk)
    roles = roles_of(request)
    can_run = permissions.can_run_rounds(roles)
    scored = Counter(round.scores.values_list("contributor_id", flat=True))
    contributors = [
        (c, scored[c.pk]) for c in round.contributors.select_related("user", "organisation")
    ]
    summary = round.summary()
    not_scored = ModeratorDidNotScore(roles.user_id)
    return render(
        request,
        "selfassessment/round.html",
        {
            "plan": round.plan,
            "round": round,
            "framework": round.framework.parsed,
            "summary": summary,
            "agreed": summary.total.descriptors - summary.total.unscored,
            **_findings(round),
            "contributors": contributors,
            "can_run": can_run,
            "can_score": permissions.can_score(roles, round),
            "can_moderate": permissions.can_moderate(roles, round),
            "moderator_refused": not_scored.message
            if can_run and not not_scored.holds(round)
            else "",
            "invite": InviteForm() if can_run and round.state == RoundState.OPEN else None,
        },
    )


@require_POST
def invite(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = _round_for(request, slug, pk)
    if not permissions.can_run_rounds(roles_of(request)):
        raise PermissionDenied
    form = InviteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(round)
    try:
        contributor = rounds.invite(
            round, form.cleaned_data["user"], form.cleaned_data["organisation"], request.user
        )
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Invited {contributor}.")
    return _back(round)


@require_POST
def close_scoring(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = _round_for(request, slug, pk)
    if not permissions.can_run_rounds(roles_of(request)):
        raise PermissionDenied
    try:
        rounds.close_scoring(round)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Scoring has closed. The moderator can now agree final scores.")
    return _back(round)


def score(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A contributor's own scores, descriptor by descriptor; anyone else's are not theirs."""
    round = _round_for(request, slug, pk)
    contributor = permissions.contributor_in(roles_of(request), round)
    if contributor is None:
        raise PermissionDenied
    is_open = round.state == RoundState.OPEN
    sheet = ScoreSheet(
        round.framework.parsed,
        request.POST or None,
        initial=ScoreSheet.initial_from(contributor.scores.all()),
    )
    if request.method == "POST":
        if not is_open:
            raise PermissionDenied
        if sheet.is_valid():
            changed = rounds.record_scores(contributor, sheet.entries())
            messages.success(request, f"Saved your scores ({changed} changed).")
            return _back(round, "score")
    return render(
        request,
        "selfassessment/score.html",
        {
            "plan": round.plan,
            "round": round,
            "sheet": sheet,
            "is_open": is_open,
            "contributor": contributor,
        },
    )


def moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Everyone's scores per descriptor, the final score agreed, and the key findings."""
    round = _moderated_round(request, slug, pk)
    is_moderating = round.state == RoundState.MODERATING
    sheet = ModerationSheet(
        round.framework.parsed,
        request.POST or None,
        initial=ModerationSheet.initial_from(round.final_scores.all()),
    )
    if request.method == "POST":
        if not is_moderating:
            raise PermissionDenied
        if sheet.is_valid() and _agree(request, round, sheet):
            return _back(round, "moderate")
    return render(
        request,
        "selfassessment/moderate.html",
        {
            "plan": round.plan,
            "round": round,
            "sheet": sheet,
            "areas": _moderation_rows(round, sheet),
            "is_moderating": is_moderating,
            **_findings(round),
            "finding_form": FindingForm(),
        },
    )


@dataclass(frozen=True)
class _ModerationRow:
    sheet: SheetRow
    scores: list[tuple[Any, str]]  # each contributor's score with its scale point's label


def _moderation_rows(
    round: Round, sheet: ModerationSheet
) -> list[tuple[schema.Area, list[_ModerationRow]]]:
    """Each descriptor's final-score fields with every contributor's score beside them."""
    labels = {point.key: point.label for point in sheet.framework.scale}
    given: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    for s in round.scores.select_related("contributor__user", "contributor__organisation"):
        given[s.descriptor_code].append((s, labels.get(s.scale_key, s.scale_key)))
    return [
        (area, [_ModerationRow(row, given[row.descriptor.code]) for row in rows])
        for area, rows in sheet.areas()
    ]


def _agree(request: HttpRequest, round: Round, sheet: ModerationSheet) -> bool:
    """Set every final score the sheet gives; all or none, each refusal on its descriptor."""
    changed = 0
    with transaction.atomic():
        for code, (scale_key, rationale) in sheet.chosen().items():
            try:
                changed += moderation.set_final_score(
                    round, code, scale_key, rationale, request.user
                )
            except WorkflowError as error:
                name = "scale" if error.rule.field == "scale_key" else "rationale"
                sheet.add_error(f"{code}__{name}", str(error))
        if sheet.errors:
            transaction.set_rollback(True)
            return False
    messages.success(request, f"Saved the final scores ({changed} changed).")
    return True


@require_POST
def add_finding(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = _moderated_round(request, slug, pk)
    form = FindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose which list the finding goes in, and write it.")
        return _back(round, "moderate")
    try:
        moderation.add_finding(
            round, FindingKind(form.cleaned_data["kind"]), form.cleaned_data["text"], request.user
        )
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Added the finding.")
    return _back(round, "moderate")


@require_POST
def remove_finding(request: HttpRequest, slug: str, pk: int, finding: int) -> HttpResponse:
    round = _moderated_round(request, slug, pk)
    try:
        moderation.remove_finding(get_object_or_404(Finding, round=round, pk=finding), request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Removed the finding.")
    return _back(round, "moderate")


def finding_action(request: HttpRequest, slug: str, pk: int, finding: int) -> HttpResponse:
    """Put a finding into the plan's delivery plan as an action of one of its objectives."""
    round = _moderated_round(request, slug, pk)
    found = get_object_or_404(Finding, round=round, pk=finding)
    form = FindingActionForm(request.POST or None, plan=round.plan, initial={"title": found.text})
    if request.method == "POST" and form.is_valid():
        try:
            action = moderation.finding_to_action(
                found,
                form.cleaned_data["objective"],
                form.cleaned_data["title"],
                request.user,
                organisation=form.cleaned_data["organisation"],
                due=form.cleaned_data["due"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Added action {action.number} to the delivery plan.")
            return _back(round, "moderate")
    return render(
        request,
        "selfassessment/finding_action.html",
        {"plan": round.plan, "round": round, "finding": found, "form": form},
    )


@require_POST
def complete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = _moderated_round(request, slug, pk)
    try:
        rounds.complete(round, request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        return _back(round, "moderate")
    messages.success(request, f"{round.title} is complete.")
    return _back(round)


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two rounds' summary tables side by side, with the change in each count."""
    plan, _ = plan_for(request, slug)
    roles = roles_of(request)
    if not permissions.can_see_rounds(roles, plan):
        raise PermissionDenied
    readable = {
        str(r.pk): r
        for r in Round.objects.filter(plan=plan).select_related("plan", "framework")
        if permissions.can_read_round(roles, r)
    }
    earlier, later = (
        readable.get(request.GET.get("from", "")),
        readable.get(request.GET.get("to", "")),
    )
    groups = []
    if earlier is not None and later is not None:
        comparison = compare_summaries(earlier.summary(), later.summary())
        groups = [*comparison.areas, comparison.total]
    return render(
        request,
        "selfassessment/compare.html",
        {
            "plan": plan,
            "rounds": list(readable.values()),
            "earlier": earlier,
            "later": later,
            "groups": groups,
        },
    )
