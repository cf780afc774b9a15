"""Django admin for plans. Most changes to a plan are best made in its plan file and loaded;
the admin is for administrators' corrections and for what files do not hold (public or not)."""

from typing import Any

from django.contrib import admin
from django.db.models import Field
from django.forms import BaseInlineFormSet
from django.forms import Field as FormField
from django.http import HttpRequest

from trustplan.plans.models import (
    Board,
    CovidItem,
    KeyPerformanceIndicator,
    Objective,
    Plan,
    PlanRevision,
    PlanSection,
    Priority,
    PriorityLead,
    Theme,
)


class PlanSectionInline(admin.StackedInline[PlanSection, Plan]):
    model = PlanSection
    extra = 0


class BoardInline(admin.TabularInline[Board, Plan]):
    model = Board
    extra = 0
    fields = ["order", "key", "name", "status", "remit"]


class ThemeInline(admin.StackedInline[Theme, Plan]):
    model = Theme
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ["title", "slug", "status", "period_start", "period_end", "is_public"]
    list_filter = ["status", "is_public"]
    search_fields = ["title", "slug"]
    inlines = [BoardInline, ThemeInline, PlanSectionInline]


class PriorityLeadInline(admin.TabularInline[PriorityLead, Priority]):
    model = PriorityLead
    extra = 0
    autocomplete_fields = ["person"]


class KpiInline(admin.TabularInline[KeyPerformanceIndicator, Priority]):
    """A priority's KPIs, each tagged with the spine themes it evidences (its own plan's only)."""

    model = KeyPerformanceIndicator
    extra = 0
    autocomplete_fields = ["indicator"]
    fields = ["order", "number", "title", "indicator", "themes"]

    def get_formset(
        self, request: HttpRequest, obj: Priority | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[KeyPerformanceIndicator, Priority, Any]]:
        # The themes offered are the priority's plan's; a priority not yet saved has no plan.
        themes = Theme.objects.filter(plan_id=obj.plan_id) if obj else Theme.objects.none()

        def formfield(db_field: Field[Any, Any], **field_kwargs: Any) -> FormField | None:
            if db_field.name == "themes":
                field_kwargs["queryset"] = themes
            return self.formfield_for_dbfield(db_field, request, **field_kwargs)

        return super().get_formset(request, obj, formfield_callback=formfield, **kwargs)


class ObjectiveInline(admin.TabularInline[Objective, Priority]):
    model = Objective
    extra = 0
    fields = ["order", "number", "title", "short_title"]


class CovidItemInline(admin.TabularInline[CovidItem, Priority]):
    model = CovidItem
    extra = 0


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin[Priority]):
    list_display = ["__str__", "plan", "board"]
    list_filter = ["plan"]
    search_fields = ["title", "vision"]
    inlines = [PriorityLeadInline, KpiInline, CovidItemInline, ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin[Objective]):
    list_display = ["__str__", "priority"]
    list_filter = ["priority__plan"]
    search_fields = ["title", "short_title"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin[Board]):
    list_display = ["name", "plan", "status"]
    list_filter = ["plan"]
    search_fields = ["name"]


@admin.register(PlanRevision)
class PlanRevisionAdmin(admin.ModelAdmin[PlanRevision]):
    """Revisions are the plan's history: read-only."""

    list_display = ["plan", "number", "created_at", "created_by", "how"]
    list_filter = ["plan"]
    readonly_fields = [
        "plan",
        "number",
        "created_at",
        "created_by",
        "how",
        "sha256",
        "changes",
        "document",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
