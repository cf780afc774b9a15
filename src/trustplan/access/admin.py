from django.contrib import admin

from trustplan.access.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    """Give and take away roles. A scoped role names exactly its board, priority or objective."""

    list_display = ["user", "role", "board", "priority", "objective", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "board", "priority", "objective"]
