"""Store a validated plan document in the database: create it, or update it to match the file.

Parts are matched by the plan's own numbering, so loading the same file twice changes nothing and
a part keeps its identity (and whatever hangs off it) when the file is edited. Everything happens
in one transaction: a load either applies completely or leaves the database as it was. Every load
that changes something records a ``PlanRevision``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from trustplan.measures.models import Indicator
from trustplan.partners.models import Organisation, Person
from trustplan.plancode import PlanDocument, dump_document
from trustplan.plancode import schema as s
from trustplan.plans.exporting import export_document
from trustplan.plans.models import (
    Board,
    CovidItem,
    KeyPerformanceIndicator,
    NeedsGroup,
    NeedsStatement,
    Objective,
    Plan,
    PlanPartner,
    PlanRevision,
    PlanSection,
    Priority,
    PriorityLead,
    Theme,
)

M = TypeVar("M", bound=models.Model)


class PlanLoadError(Exception):
    """A valid plan file that cannot be applied to what is already stored."""


@dataclass
class Changes:
    """What a load created, updated and deleted, by kind of part."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)

    @property
    def any(self) -> bool:
        return bool(+self.created or +self.updated or +self.deleted)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            "created": dict(sorted((+self.created).items())),
            "updated": dict(sorted((+self.updated).items())),
            "deleted": dict(sorted((+self.deleted).items())),
        }

    def upsert(
        self, kind: str, model: type[M], lookup: dict[str, Any], values: dict[str, Any]
    ) -> M:
        """Create the row matching `lookup`, or update the fields of `values` that differ."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            self.created[kind] += 1
            return model._default_manager.create(**lookup, **values)
        stale = [name for name, value in values.items() if getattr(obj, name) != value]
        if stale:
            for name in stale:
                setattr(obj, name, values[name])
            obj.save(update_fields=stale)
            self.updated[kind] += 1
        return obj

    def delete_others(self, kind: str, rows: models.QuerySet[M], keep: Iterable[M]) -> None:
        """Delete the rows the file no longer lists, unless something still refers to them."""
        stale = rows.exclude(pk__in=[obj.pk for obj in keep])
        for obj in stale:
            try:
                obj.delete()
            except ProtectedError as exc:
                users = sorted(
                    {str(type(o)._meta.verbose_name_plural) for o in exc.protected_objects}
                )
                raise PlanLoadError(
                    f"the file no longer lists {kind} {obj}, but it is still referred to by "
                    f"{', '.join(str(u) for u in users)}; reassign or remove those first"
                ) from None
            self.deleted[kind] += 1


@dataclass(frozen=True)
class LoadResult:
    plan: Plan
    created: bool
    changes: Changes
    revision: PlanRevision | None


def load_plan(document: PlanDocument, *, how: str, user: User | None = None) -> LoadResult:
    """Create or update the plan the document describes; record a revision if anything changed."""
    with transaction.atomic():
        changes = Changes()
        created = not Plan.objects.filter(slug=document.plan.slug).exists()
        plan = _store_plan(document, changes)
        revision = (
            record_revision(plan, how=how, user=user, changes=changes) if changes.any else None
        )
    return LoadResult(plan=plan, created=created, changes=changes, revision=revision)


def record_revision(plan: Plan, *, how: str, user: User | None, changes: Changes) -> PlanRevision:
    """Keep the plan as a file as it now stands, with who changed it and how."""
    text = dump_document(export_document(plan))
    latest = plan.revisions.order_by("-number").first()
    return PlanRevision.objects.create(
        plan=plan,
        number=(latest.number + 1) if latest else 1,
        created_by=user,
        how=how,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        document=text,
        changes=changes.as_dict(),
    )


def _store_plan(document: PlanDocument, changes: Changes) -> Plan:
    header = document.plan
    plan = changes.upsert(
        "plan",
        Plan,
        {"slug": header.slug},
        {
            "title": header.title,
            "subtitle": header.subtitle or "",
            "partnership": header.partnership,
            "area_code": header.area_code or "",
            "period_start": header.period_start,
            "period_end": header.period_end,
            "status": str(header.status),
            "version": header.version or "",
            "approved_by": header.approved_by or "",
            "approved_on": header.approved_on,
            "foreword": document.foreword.text if document.foreword else "",
            "foreword_signed_by": (document.foreword.signed_by or "") if document.foreword else "",
            "labels": header.labels.model_dump(mode="json", exclude_defaults=True),
            "sources": [
                source.model_dump(mode="json", exclude_none=True) for source in header.sources
            ],
            "stated_totals": [claim.model_dump(mode="json") for claim in header.stated_totals],
        },
    )
    _store_sections(plan, document.sections, changes)
    organisations = _store_organisations(plan, document.organisations, changes)
    boards = _store_boards(plan, document.boards, changes)
    themes = _store_themes(plan, document.themes, changes)
    _store_priorities(plan, document.priorities, boards, themes, organisations, changes)
    changes.delete_others("board", plan.boards.all(), boards.values())
    _store_needs_assessment(plan, document.needs_assessment, changes)
    return plan


def _store_sections(plan: Plan, sections: list[s.Section], changes: Changes) -> None:
    kept = [
        changes.upsert(
            "section",
            PlanSection,
            {"plan": plan, "title": section.title},
            {"order": order, "code": section.code or "", "text": section.text},
        )
        for order, section in enumerate(sections)
    ]
    changes.delete_others("section", plan.sections.all(), kept)


def _store_organisations(
    plan: Plan, organisations: list[s.Organisation], changes: Changes
) -> dict[str, Organisation]:
    stored = {
        o.key: changes.upsert(
            "organisation", Organisation, {"key": o.key}, {"name": o.name, "kind": str(o.kind)}
        )
        for o in organisations
    }
    links = [
        changes.upsert(
            "partner", PlanPartner, {"plan": plan, "organisation": org}, {"order": order}
        )
        for order, org in enumerate(stored.values())
    ]
    changes.delete_others("partner", plan.partner_links.all(), links)
    return stored


def _store_boards(plan: Plan, boards: list[s.Board], changes: Changes) -> dict[str, Board]:
    return {
        board.key: changes.upsert(
            "board",
            Board,
            {"plan": plan, "key": board.key},
            {
                "order": order,
                "name": board.name,
                "also_known_as": list(board.also_known_as),
                "status": str(board.status),
                "remit": board.remit or "",
            },
        )
        for order, board in enumerate(boards)
    }


def _store_themes(plan: Plan, themes: list[s.Theme], changes: Changes) -> dict[str, Theme]:
    kept = {
        theme.code: changes.upsert(
            "theme",
            Theme,
            {"plan": plan, "code": theme.code},
            {
                "order": order,
                "title": theme.title,
                "short_title": theme.short_title or "",
                "bullets": list(theme.bullets),
                "description": theme.description or "",
            },
        )
        for order, theme in enumerate(themes)
    }
    changes.delete_others("theme", plan.themes.all(), kept.values())
    return kept


def _store_priorities(
    plan: Plan,
    priorities: list[s.Priority],
    boards: dict[str, Board],
    themes: dict[str, Theme],
    organisations: dict[str, Organisation],
    changes: Changes,
) -> None:
    kept = []
    for order, item in enumerate(priorities):
        priority = changes.upsert(
            "priority",
            Priority,
            {"plan": plan, "number": item.number},
            {
                "order": order,
                "title": item.title,
                "outcome": item.outcome or "",
                "strategy": item.strategy or "",
                "board": boards[item.board] if item.board else None,
                "vision": item.vision or "",
                "rationale": item.rationale or "",
            },
        )
        _store_leads(priority, item.leads, organisations, changes)
        _store_kpis(priority, item.indicators, themes, changes)
        _store_covid_items(priority, item.covid_response, changes)
        _store_objectives(priority, item.objectives, changes)
        kept.append(priority)
    changes.delete_others("priority", plan.priorities.all(), kept)


def _store_leads(
    priority: Priority,
    leads: list[s.Lead],
    organisations: dict[str, Organisation],
    changes: Changes,
) -> None:
    kept = []
    for order, lead in enumerate(leads):
        person_values: dict[str, Any] = {"name": lead.name}
        if lead.organisation:
            person_values["organisation"] = organisations[lead.organisation]
        person = changes.upsert("person", Person, {"key": slugify(lead.name)}, person_values)
        kept.append(
            changes.upsert(
                "lead",
                PriorityLead,
                {"priority": priority, "person": person},
                {"order": order, "role": lead.role or ""},
            )
        )
    changes.delete_others("lead", priority.leads.all(), kept)


def _store_kpis(
    priority: Priority,
    kpis: list[s.KeyPerformanceIndicator],
    themes: dict[str, Theme],
    changes: Changes,
) -> None:
    kept = []
    for order, kpi in enumerate(kpis):
        definition = kpi.definition_fields().model_dump(mode="json", exclude_none=True)
        indicator = Indicator.objects.filter(key=kpi.indicator).first()
        if indicator is None:
            indicator = changes.upsert(
                "indicator", Indicator, {"key": kpi.indicator}, {"name": kpi.title, **definition}
            )
        elif definition:
            indicator = changes.upsert("indicator", Indicator, {"key": kpi.indicator}, definition)
        stored = changes.upsert(
            "kpi",
            KeyPerformanceIndicator,
            {"priority": priority, "number": kpi.number},
            {"order": order, "title": kpi.title, "indicator": indicator},
        )
        _store_kpi_themes(stored, kpi.themes, themes, changes)
        kept.append(stored)
    changes.delete_others("kpi", priority.kpis.all(), kept)


def _store_kpi_themes(
    kpi: KeyPerformanceIndicator, codes: list[str], themes: dict[str, Theme], changes: Changes
) -> None:
    """Link the KPI to exactly the themes the file lists for it, no more and no fewer."""
    unknown = [code for code in codes if code not in themes]
    if unknown:
        # The UnknownTheme rule stops such a file before it gets here; this guards other callers.
        raise PlanLoadError(
            f"KPI {kpi.number} of priority {kpi.priority.number} names theme(s) "
            f"{', '.join(map(repr, unknown))}, which the plan does not define"
        )
    wanted = {themes[code].pk for code in codes}
    linked = set(kpi.themes.values_list("pk", flat=True))
    if wanted == linked:
        return
    kpi.themes.set(wanted)
    changes.created["kpi theme"] += len(wanted - linked)
    changes.deleted["kpi theme"] += len(linked - wanted)


def _store_covid_items(priority: Priority, items: list[s.CovidItem], changes: Changes) -> None:
    kept = [
        changes.upsert(
            "covid item",
            CovidItem,
            {"priority": priority, "code": item.code},
            {"order": order, "text": item.text},
        )
        for order, item in enumerate(items)
    ]
    changes.delete_others("covid item", priority.covid_items.all(), kept)


def _store_objectives(priority: Priority, objectives: list[s.Objective], changes: Changes) -> None:
    kept = [
        changes.upsert(
            "objective",
            Objective,
            {"priority": priority, "number": objective.number},
            {
                "order": order,
                "title": objective.title,
                "short_title": objective.short_title or "",
                "description": objective.description or "",
            },
        )
        for order, objective in enumerate(objectives)
    ]
    changes.delete_others("objective", priority.objectives.all(), kept)


def _store_needs_assessment(plan: Plan, groups: list[s.NeedsGroup], changes: Changes) -> None:
    kept_groups = []
    for order, group in enumerate(groups):
        stored = changes.upsert(
            "needs group", NeedsGroup, {"plan": plan, "order": order}, {"title": group.title}
        )
        statements = [
            (finding, index, text)
            for finding, texts in (
                ("encouraging", group.encouraging),
                ("concerning", group.concerning),
            )
            for index, text in enumerate(texts)
        ]
        kept = [
            changes.upsert(
                "needs statement",
                NeedsStatement,
                {"group": stored, "finding": finding, "order": index},
                {"text": text},
            )
            for finding, index, text in statements
        ]
        changes.delete_others("needs statement", stored.statements.all(), kept)
        kept_groups.append(stored)
    changes.delete_others("needs group", plan.needs_groups.all(), kept_groups)
