"""The multi-agency scorecard: every priority's KPIs on one page, optionally one board's, one
spine theme's, or both."""

from __future__ import annotations

from trustplan.documents import content as c
from trustplan.measures.judging import as_of
from trustplan.plans.models import Board, Plan, Theme
from trustplan.reports.kpis import kpi_row


def build_scorecard(
    plan: Plan, board: Board | None = None, theme: Theme | None = None
) -> c.Scorecard:
    """The scorecard as at today (`as_of()`), without sparklines: it is for scanning.

    `board` keeps the priorities that board governs; `theme` keeps the KPIs tagged with it.
    """
    when = as_of()
    area = plan.area()
    priorities = plan.priorities.select_related("board").prefetch_related(
        "kpis__indicator", "kpis__themes"
    )
    if board is not None:
        priorities = priorities.filter(board=board)
    rows: list[c.ScorecardRow] = []
    synthetic = False
    for priority in priorities:
        for kpi in priority.kpis.all():
            themes = list(kpi.themes.all())
            if theme is not None and theme not in themes:
                continue
            row, made_up = kpi_row(kpi, area, when, sparkline=False)
            synthetic = synthetic or made_up
            rows.append(
                c.ScorecardRow(
                    priority_number=priority.number,
                    priority_title=priority.title,
                    board=priority.board.name if priority.board else "",
                    themes=[t.short_title or t.title for t in themes],
                    kpi=row,
                )
            )
    filters = [
        *([f"{plan.label('board')}: {board.name}"] if board else []),
        *([f"Theme: {theme.short_title or theme.title}"] if theme else []),
    ]
    return c.Scorecard(
        plan_title=plan.title,
        partnership=plan.partnership,
        as_of=when,
        area=area.name if area else "",
        filters="; ".join(filters),
        synthetic=synthetic,
        rows=rows,
    )
