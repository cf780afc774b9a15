"""Django admin for plans. Most changes to a plan are best made in its plan file and loaded;
the admin is for administrators' corrections and for what files do not hold (public or not)."""

from django.contrib import admin

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
    model = KeyPerformanceIndicator
    extra = 0
    autocomplete_fields = ["indicator"]


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
