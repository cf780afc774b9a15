"""The annual progress report to the Health and Wellbeing Board, across every priority.

Built in the council committee-report form the seed papers use (Title of meeting, Subject, Date
of meeting, Report by, Wards affected, Purpose, Background, the body, Signed by, and the
"Background list of documents" under section 100D of the Local Government Act 1972), from the
year's quarters: their approved updates, the leads' commentaries and the published packs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from trustplan.delivery.models import ActionUpdate, Commentary, ReportingQuarter, UpdateState
from trustplan.documents import content as c
from trustplan.documents.rollup import Part, roll_up
from trustplan.measures.judging import as_of
from trustplan.measures.models import Area
from trustplan.periods import Period
from trustplan.plans.models import Plan, Priority
from trustplan.reports.kpis import kpi_row
from trustplan.reports.models import PackSnapshot
from trustplan.reports.packs import objective_rows, priority_identity


@dataclass(frozen=True)
class Meeting:
    """Who the report goes to and from; the committee clerk's details, not the data's."""

    title: str = "Health and Wellbeing Board"
    date: dt.date | None = None
    report_by: str = "Director of Children's Services"
    wards_affected: str = "All"
    information_only: bool = True


def build_annual_report(plan: Plan, year: Period, meeting: Meeting) -> c.AnnualReport:
    quarters = list(
        ReportingQuarter.objects.filter(
            plan=plan, period_start__gte=year.start, period_end__lte=year.end
        ).order_by("period_start")
    )
    when = as_of()
    area = plan.area()
    parts = [
        _priority_year(p, quarters, area, when) for p in plan.priorities.select_related("board")
    ]
    n = len(parts)
    noun = plan.label("priorities").lower() if n != 1 else plan.label("priority").lower()
    packs = PackSnapshot.objects.filter(quarter__in=quarters).select_related("board", "quarter")
    return c.AnnualReport(
        title_of_meeting=meeting.title,
        subject=f"{plan.title}: annual progress report {year.label}",
        date_of_meeting=meeting.date,
        report_by=meeting.report_by,
        wards_affected=meeting.wards_affected,
        year=year.label,
        purpose=[
            f"To inform the Board of progress in {year.label} in delivering the {plan.title}, "
            f"across all {n} {noun}."
        ],
        background=[
            f"The {meeting.title} has strategic oversight of the {plan.partnership} and overall "
            f"responsibility for the {plan.title}.",
            f"Each {plan.label('priority').lower()} is monitored through a quarterly report to "
            "its governing board on its data and performance indicators, the progress of its "
            "delivery plan, and what is going well and what needs to improve. This report "
            f"brings those quarterly reports for {year.label} together: "
            f"{len(quarters)} quarter(s) were reported.",
            f"Indicator judgements are as at {when:%-d %B %Y}"
            + (f", for {area.name}." if area else "."),
        ],
        information_only=meeting.information_only,
        priorities=[part for part, _ in parts],
        signed_by=meeting.report_by,
        background_documents=[
            f"Quarterly report to the {s.board.name}, {s.quarter.label}, published version "
            f"{s.version} on {s.frozen_at:%-d %B %Y}"
            for s in packs.order_by("quarter__period_start", "board__order", "version")
        ],
        as_of=when,
        synthetic=any(synthetic for _, synthetic in parts),
    )


def _priority_year(
    priority: Priority, quarters: list[ReportingQuarter], area: Area | None, when: dt.date
) -> tuple[c.AnnualPriority, bool]:
    rows = [
        kpi_row(k, area, when, sparkline=False) for k in priority.kpis.select_related("indicator")
    ]
    ratings = Counter(row.rag.value for row, _ in rows)
    objectives = objective_rows(priority, quarters[-1]) if quarters else []
    rolled = roll_up([Part(o.rating) for o in objectives], "objective")
    updates = ActionUpdate.objects.filter(
        quarter__in=quarters, action__objective__priority=priority, state=UpdateState.APPROVED
    )
    commentaries = Commentary.objects.filter(
        quarter__in=quarters,
        priority=priority,
        state__in=[UpdateState.SUBMITTED, UpdateState.APPROVED],
    ).select_related("quarter")
    return c.AnnualPriority(
        **priority_identity(priority),
        rating=rolled.rating,
        rating_rule=rolled.explanation,
        kpi_ratings=dict(sorted(ratings.items())),
        actions_complete=updates.filter(status="complete").values("action").distinct().count(),
        actions_total=updates.values("action").distinct().count(),
        going_well=[f"{x.quarter.label}: {x.going_well}" for x in commentaries if x.going_well],
        needs_to_improve=[
            f"{x.quarter.label}: {x.needs_to_improve}" for x in commentaries if x.needs_to_improve
        ],
        kpis=[row for row, _ in rows],
    ), any(synthetic for _, synthetic in rows)
