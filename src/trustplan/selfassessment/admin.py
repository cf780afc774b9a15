"""Django admin for self-assessments: read the record, with each score's history.

Rounds are run in the app, whose rules (who may moderate, what needs a rationale) the admin
would bypass; so everything here is read-only except a round's title.
"""

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trustplan.selfassessment.models import FinalScore, Finding, Framework, Round, Score


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Framework)
class FrameworkAdmin(ReadOnly):
    list_display = ["key", "version", "title", "loaded_at"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "plan", "framework", "state", "opened_at"]
    list_filter = ["plan", "state"]
    fields = ["title", "plan", "framework", "state", "opened_at", "opened_by", "completed_at"]
    readonly_fields = ["plan", "framework", "state", "opened_at", "opened_by", "completed_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False


@admin.register(Score)
class ScoreAdmin(ReadOnly, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["round", "descriptor_code", "scale_key", "contributor"]
    list_filter = ["round"]


@admin.register(FinalScore)
class FinalScoreAdmin(ReadOnly, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["round", "descriptor_code", "scale_key", "moderator", "moderated_at"]
    list_filter = ["round"]


@admin.register(Finding)
class FindingAdmin(ReadOnly, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["round", "kind", "order", "text", "action"]
    list_filter = ["round", "kind"]
