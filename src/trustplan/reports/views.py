"""Report pages and downloads: board packs (live or frozen), the scorecard, the annual report
and the Plan on a Page as PDF. Each page and its files come from the same content."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from trustplan.access import policy
from trustplan.access.lookups import plan_for, roles_of
from trustplan.delivery.models import ReportingQuarter
from trustplan.delivery.quarters import QuarterCodeError, parse_financial_year
from trustplan.documents.content import AnnualReport, BoardPack
from trustplan.plans.models import Board, Plan, Theme
from trustplan.reports import packs, rendering
from trustplan.reports.annual import Meeting, build_annual_report
from trustplan.reports.models import PackSnapshot
from trustplan.reports.plan_page import build_plan_on_a_page
from trustplan.reports.scorecard import build_scorecard


def _board_and_quarter(
    request: HttpRequest, slug: str, key: str, code: str
) -> tuple[Board, ReportingQuarter]:
    plan, _ = plan_for(request, slug)
    board = get_object_or_404(Board.objects.select_related("plan"), plan=plan, key=key)
    quarter = get_object_or_404(ReportingQuarter, plan=plan, code=code)
    return board, quarter


def _pack(request: HttpRequest, board: Board, quarter: ReportingQuarter) -> tuple[BoardPack, bool]:
    """The pack asked for (a version, the draft, or the latest published) and whether it is the
    live draft. The draft is only for those the policy lets see a board's unpublished figures."""
    roles = roles_of(request)
    version = request.GET.get("version", "")
    if version:
        if not version.isdigit():
            raise Http404
        snapshot = get_object_or_404(
            PackSnapshot, board=board, quarter=quarter, version=int(version)
        )
        return snapshot.pack(), False
    latest = packs.latest_snapshot(board, quarter)
    if latest is not None and not request.GET.get("draft"):
        return latest.pack(), False
    if not policy.can_view_live_pack(roles, board):
        raise PermissionDenied
    return packs.live_pack(board, quarter), True


def pack_page(request: HttpRequest, slug: str, key: str, code: str) -> HttpResponse:
    board, quarter = _board_and_quarter(request, slug, key, code)
    pack, is_draft = _pack(request, board, quarter)
    roles = roles_of(request)
    return render(
        request,
        "reports/pack.html",
        {
            "plan": board.plan,
            "board": board,
            "quarter": quarter,
            "pack": pack,
            "is_draft": is_draft,
            "versions": PackSnapshot.objects.filter(board=board, quarter=quarter),
            "can_see_draft": policy.can_view_live_pack(roles, board),
            "can_publish": policy.can_publish_pack(roles, board),
            "blockers": packs.blockers(board, quarter) if is_draft else [],
            "query": request.GET.urlencode(),
        },
    )


def pack_file(request: HttpRequest, slug: str, key: str, code: str, fmt: str) -> HttpResponse:
    board, quarter = _board_and_quarter(request, slug, key, code)
    form = rendering.PACK_FORMATS.get(fmt)
    if form is None:
        raise Http404
    pack, _ = _pack(request, board, quarter)
    name = f"{board.key}-{quarter.code}-v{pack.version or 'draft'}.{form.extension}"
    return _download(form.render(pack), form.content_type, name)


@require_POST
def publish(request: HttpRequest, slug: str, key: str, code: str) -> HttpResponse:
    board, quarter = _board_and_quarter(request, slug, key, code)
    if not policy.can_publish_pack(roles_of(request), board):
        raise PermissionDenied
    user = request.user if request.user.is_authenticated else None
    try:
        snapshot = packs.publish(board, quarter, by=user)
    except packs.PackError as error:
        messages.error(request, str(error))
        return redirect("reports:pack", slug, key, code)
    messages.success(request, f"Published version {snapshot.version} of the pack.")
    return redirect(snapshot.get_absolute_url())


def _scorecard_board(request: HttpRequest, plan: Plan) -> Board | None:
    key = request.GET.get("board", "")
    return get_object_or_404(Board, plan=plan, key=key) if key else None


def _scorecard_theme(request: HttpRequest, plan: Plan) -> Theme | None:
    code = request.GET.get("theme", "")
    return get_object_or_404(Theme, plan=plan, code=code) if code else None


def scorecard(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    board = _scorecard_board(request, plan)
    theme = _scorecard_theme(request, plan)
    return render(
        request,
        "reports/scorecard.html",
        {
            "plan": plan,
            "card": build_scorecard(plan, board, theme),
            "boards": plan.boards.all(),
            "chosen": board,
            "themes": plan.themes.all(),
            "chosen_theme": theme,
            "query": request.GET.urlencode(),
        },
    )


def scorecard_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    form = rendering.SCORECARD_FORMATS.get(fmt)
    if form is None:
        raise Http404
    card = build_scorecard(plan, _scorecard_board(request, plan), _scorecard_theme(request, plan))
    return _download(form.render(card), form.content_type, f"{plan.slug}-scorecard.{fmt}")


def _annual(request: HttpRequest, slug: str, year: str) -> tuple[Plan, AnnualReport]:
    plan, _ = plan_for(request, slug)
    if not roles_of(request).has_any_role:
        raise PermissionDenied
    try:
        period = parse_financial_year(year.replace("-", "/"))
    except QuarterCodeError as error:
        raise Http404 from error
    return plan, build_annual_report(plan, period, Meeting())


def annual(request: HttpRequest, slug: str, year: str) -> HttpResponse:
    plan, report = _annual(request, slug, year)
    return render(request, "reports/annual.html", {"plan": plan, "report": report, "year": year})


def annual_file(request: HttpRequest, slug: str, year: str, fmt: str) -> HttpResponse:
    form = rendering.ANNUAL_FORMATS.get(fmt)
    if form is None:
        raise Http404
    plan, report = _annual(request, slug, year)
    return _download(
        form.render(report),
        form.content_type,
        f"{plan.slug}-annual-{year}.{form.extension}",
    )


def plan_on_a_page_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    plan, _ = plan_for(request, slug)
    paper = request.GET.get("paper", "a4")
    if paper not in rendering.PAPERS:
        raise Http404
    data = rendering.plan_on_a_page(build_plan_on_a_page(plan), paper)
    return _download(data, rendering.PDF, f"{plan.slug}-plan-on-a-page-{paper}.pdf")


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    stem, extension = name.rsplit(".", 1)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(stem)}.{extension}"'
    return response
