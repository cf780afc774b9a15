"""The audit log: who did what to which governed object, when, and why.

Entries are only ever added. Each is chained to the one before it by a SHA-256 hash over its own
fields and the previous entry's hash, so an edited or deleted entry breaks the chain where it
was (see :mod:`trustplan.audit.chain`). Entries never hold a data value from a record: they name
the object (``person``/``family`` and its id) and the purpose the user stated.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW_PERSON = "view_person", "Opened a person"
        VIEW_FAMILY = "view_family", "Opened a family"
        DECIDE = "decide", "Recorded a work-list decision"
        REVIEW_PAIR = "review_pair", "Decided a clerical review pair"
        EXPORT = "export", "Exported data"
        LOAD = "load", "Loaded a feed"

    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, help_text="Kept if the user is later removed.")
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
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"
