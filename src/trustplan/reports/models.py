"""Frozen board packs: what a board was shown, kept so it can be reproduced exactly.

Publishing a quarter's pack stores its whole content (``trustplan.documents.content.BoardPack``)
as JSON. Every rendering of a published pack (page, PDF, DOCX, XLSX) is made from that JSON, so
a later revision of the data never changes a published report; publishing again makes a new
version and keeps the old one.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse

from trustplan.delivery.models import ReportingQuarter
from trustplan.documents.content import BoardPack
from trustplan.plans.models import Board


class PackSnapshot(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="pack_snapshots")
    quarter = models.ForeignKey(
        ReportingQuarter, on_delete=models.PROTECT, related_name="pack_snapshots"
    )
    version = models.PositiveIntegerField()
    content = models.TextField(help_text="The pack as JSON (trustplan.documents.content).")
    sha256 = models.CharField(max_length=64)
    frozen_at = models.DateTimeField()
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["board", "quarter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "quarter", "version"], name="unique_pack_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.quarter.code} version {self.version}"

    def get_absolute_url(self) -> str:
        return (
            reverse(
                "reports:pack",
                args=[self.board.plan.slug, self.board.key, self.quarter.code],
            )
            + f"?version={self.version}"
        )

    @staticmethod
    def digest(content: str) -> str:
        return hashlib.sha256(content.encode()).hexdigest()

    def pack(self) -> BoardPack:
        return BoardPack.model_validate_json(self.content)

    def is_intact(self) -> bool:
        """The stored JSON is what was frozen: its digest still matches."""
        return self.digest(self.content) == self.sha256
