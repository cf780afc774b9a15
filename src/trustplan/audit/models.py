"""The audit log: who did what to which governed object, when, and why.

Entries are only ever added. Each is chained to the one before it by a SHA-256 hash over its own
fields and the previous entry's hash, so an edited or deleted entry breaks the chain where it
was (see :mod:`trustplan.audit.chain`).

Sign-ins, role, agreement, rule and plan changes, loads, imports and publishing are written by
:mod:`trustplan.audit.receivers`; views of person-level records by the hub's purpose gate;
exports, retention and subject access by the code that does them. Entries never hold a data
value from a record: they name the object (``person``/``family`` and its id) and the purpose the
user stated. A failed sign-in keeps the username that was tried, never the password.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

USERNAME_MAX = 150


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW_PERSON = "view_person", "Opened a person"
        VIEW_FAMILY = "view_family", "Opened a family"
        DECIDE = "decide", "Recorded a work-list decision"
        REVIEW_PAIR = "review_pair", "Decided a clerical review pair"
        EXPORT = "export", "Exported data"
        LOAD = "load", "Loaded a feed"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
        SIGN_OUT = "sign_out", "Signed out"
        ROLE_CHANGE = "role_change", "Changed a role"
        AGREEMENT_CHANGE = "agreement_change", "Changed a data-sharing agreement"
        RULE_CHANGE = "rule_change", "Changed the rule sets in use"
        IMPORT = "import", "Imported indicator data"
        PLAN_CHANGE = "plan_change", "Changed a plan"
        PUBLISH = "publish", "Published a board pack"
        RETENTION = "retention", "Removed records past their retention"
        SUBJECT_ACCESS = "subject_access", "Exported a subject access bundle"

    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(
        max_length=USERNAME_MAX, help_text="Kept if the user is later removed."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=120, blank=True)
    purpose = models.CharField(max_length=60, blank=True)
    detail = models.TextField(blank=True, help_text="The stated reason; never a data value.")
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["username"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"
