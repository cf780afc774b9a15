"""The Plan on a Page as report content: the same parts, in the same order, as the web page."""

from __future__ import annotations

from trustplan.documents import content as c
from trustplan.plans.models import Plan


def build_plan_on_a_page(plan: Plan) -> c.PlanOnAPage:
    priorities = plan.priorities.select_related("board").prefetch_related("objectives")
    return c.PlanOnAPage(
        partnership=plan.partnership,
        title=plan.title,
        themes_label=plan.label("themes"),
        priorities_label=plan.label("priorities"),
        themes=[
            c.PlanOnAPageTheme(
                code=t.code.upper(), title=t.short_title or t.title, bullets=list(t.bullets)
            )
            for t in plan.themes.all()
        ],
        priorities=[
            c.PlanOnAPagePriority(
                number=p.number,
                heading=(p.strategy or p.title)[:1].upper() + (p.strategy or p.title)[1:],
                board=p.board.name if p.board else f"No {plan.label('board').lower()} named",
                objectives=[(o.number, o.short_title or o.title) for o in p.objectives.all()],
            )
            for p in priorities
        ],
    )
