"""Read a stored plan back out as a plan document: what `trustplan plan export` writes.

Loading a file and exporting it gives the same document back, so a plan edited in the app can be
taken out, edited as a file and loaded again.
"""

from __future__ import annotations

from trustplan.plancode import PlanDocument
from trustplan.plancode import schema as s
from trustplan.plans.models import Plan, Priority


def export_document(plan: Plan) -> PlanDocument:
    return PlanDocument(
        schema_version=s.SCHEMA_VERSION,
        plan=s.PlanHeader(
            slug=plan.slug,
            title=plan.title,
            subtitle=plan.subtitle or None,
            partnership=plan.partnership,
            area_code=plan.area_code or None,
            period_start=plan.period_start,
            period_end=plan.period_end,
            status=s.PlanStatus(plan.status),
            version=plan.version or None,
            approved_by=plan.approved_by or None,
            approved_on=plan.approved_on,
            sources=[s.SourceDocument.model_validate(source) for source in plan.sources],
            labels=s.Labels.model_validate(plan.labels),
            stated_totals=[s.StatedTotal.model_validate(claim) for claim in plan.stated_totals],
        ),
        foreword=s.Foreword(text=plan.foreword, signed_by=plan.foreword_signed_by or None)
        if plan.foreword
        else None,
        sections=[
            s.Section(code=section.code or None, title=section.title, text=section.text)
            for section in plan.sections.all()
        ],
        organisations=[
            s.Organisation(
                key=link.organisation.key,
                name=link.organisation.name,
                kind=s.OrganisationKind(link.organisation.kind),
            )
            for link in plan.partner_links.select_related("organisation")
        ],
        boards=[
            s.Board(
                key=board.key,
                name=board.name,
                also_known_as=list(board.also_known_as),
                status=s.BoardStatus(board.status),
                remit=board.remit or None,
            )
            for board in plan.boards.all()
        ],
        themes=[
            s.Theme(
                code=theme.code,
                title=theme.title,
                short_title=theme.short_title or None,
                bullets=list(theme.bullets),
                description=theme.description or None,
            )
            for theme in plan.themes.all()
        ],
        priorities=[
            _export_priority(priority)
            for priority in plan.priorities.select_related("board").prefetch_related(
                "leads__person__organisation",
                "kpis__indicator",
                "kpis__themes",
                "covid_items",
                "objectives",
            )
        ],
        needs_assessment=[
            s.NeedsGroup(
                title=group.title,
                encouraging=[
                    st.text for st in group.statements.all() if st.finding == "encouraging"
                ],
                concerning=[st.text for st in group.statements.all() if st.finding == "concerning"],
            )
            for group in plan.needs_groups.prefetch_related("statements")
        ],
    )


def _export_priority(priority: Priority) -> s.Priority:
    return s.Priority(
        number=priority.number,
        title=priority.title,
        outcome=priority.outcome or None,
        strategy=priority.strategy or None,
        board=priority.board.key if priority.board else None,
        leads=[
            s.Lead(
                name=lead.person.name,
                role=lead.role or None,
                organisation=lead.person.organisation.key if lead.person.organisation else None,
            )
            for lead in priority.leads.all()
        ],
        vision=priority.vision or None,
        rationale=priority.rationale or None,
        indicators=[
            s.KeyPerformanceIndicator(
                number=kpi.number,
                title=kpi.title,
                indicator=kpi.indicator.key,
                polarity=s.Polarity(kpi.indicator.polarity) if kpi.indicator.polarity else None,
                unit=kpi.indicator.unit or None,
                frequency=s.Frequency(kpi.indicator.frequency) if kpi.indicator.frequency else None,
                source=kpi.indicator.source or None,
                definition=kpi.indicator.definition or None,
                themes=[theme.code for theme in kpi.themes.all()],
            )
            for kpi in priority.kpis.all()
        ],
        covid_response=[
            s.CovidItem(code=item.code, text=item.text) for item in priority.covid_items.all()
        ],
        objectives=[
            s.Objective(
                number=objective.number,
                title=objective.title,
                short_title=objective.short_title or None,
                description=objective.description or None,
            )
            for objective in priority.objectives.all()
        ],
    )
