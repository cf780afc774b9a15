"""Django admin for the delivery side: every change kept, and each record's history readable.

Owners and leads write updates, commentary and risks in the app; administrators use this for
bulk set-up (actions from a delivery plan, KPI owners) and to correct mistakes.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trustplan.delivery.models import (
    Action,
    ActionUpdate,
    Commentary,
    KpiAlert,
    KpiOwnership,
    ReportingQuarter,
    Risk,
)


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["number", "title", "objective", "owner", "organisation", "due", "status"]
    list_filter = ["status", "objective__priority__plan", "objective__priority"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["objective", "owner"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["number", "description", "priority", "likelihood", "impact", "review_date"]
    list_filter = ["priority__plan", "is_closed", "trend"]
    search_fields = ["number", "description"]
    autocomplete_fields = ["priority", "owner"]


@admin.register(KpiOwnership)
class KpiOwnershipAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["kpi", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(ReportingQuarter)
class ReportingQuarterAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["code", "plan", "due", "grace_days", "status"]
    list_filter = ["plan", "status"]
    readonly_fields = ["plan", "code", "period_start", "period_end", "opened_at", "opened_by"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Read-only: an update moves only through the cycle's steps, whose rules the app checks."""

    list_display = ["action", "quarter", "state", "rating", "submitted_by", "reviewed_by"]
    list_filter = ["quarter", "state", "rating"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(Commentary)
class CommentaryAdmin(ActionUpdateAdmin):
    list_display = ["priority", "quarter", "state", "submitted_by"]
    list_filter = ["quarter", "state"]


@admin.register(KpiAlert)
class KpiAlertAdmin(admin.ModelAdmin[KpiAlert]):
    list_display = ["kpi", "period_label", "kind", "recipients", "sent_at"]
    readonly_fields = ["kpi", "period_label", "kind", "message", "recipients", "sent_at"]
