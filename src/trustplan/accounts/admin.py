"""Administrators see who has enrolled and who was locked out, and can reset a lost device.

Keys and recovery codes never appear: a device shows only its state. Deleting a device deletes
its user's recovery codes too (as ``trustplan twofactor reset`` does), and its user enrols again
at their next sign-in. Deleting a username's failed attempts lifts its lock.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from trustplan.accounts import twofactor
from trustplan.accounts.models import SignInAttempt, TotpDevice


@admin.register(TotpDevice)
class TotpDeviceAdmin(admin.ModelAdmin[TotpDevice]):
    list_display = ["user", "created_at", "confirmed_at", "last_used_at"]
    search_fields = ["user__username"]
    fields = ["user", "created_at", "confirmed_at", "last_used_at"]
    readonly_fields = ["user", "created_at", "confirmed_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: TotpDevice) -> None:
        twofactor.reset(obj.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for device in queryset.select_related("user"):
            twofactor.reset(device.user)


@admin.register(SignInAttempt)
class SignInAttemptAdmin(admin.ModelAdmin[SignInAttempt]):
    list_display = ["attempted_at", "username", "ip_address", "stage", "outcome"]
    list_filter = ["outcome", "stage"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempted_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
