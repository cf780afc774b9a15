from django.contrib import admin

from trustplan.access.models import ApiToken, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    """Give and take away roles. A scoped role names exactly its board, priority or objective."""

    list_display = ["user", "role", "board", "priority", "objective", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "board", "priority", "objective"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Tokens are made with `trustplan token create`; here they can be seen and revoked."""

    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "sha256", "created_at", "last_used_at"]
    fields = [*readonly_fields, "revoked_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
