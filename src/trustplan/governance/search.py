"""Searching the audit log, for a data protection officer: by object (its type and id), user,
action and date range; and writing what is found as CSV.

"Who looked at this family, and why?" is the object ``family`` and its family id: every entry
naming it, newest first, each with the user, the action, the purpose stated and the reason
given. Entries hold ids, actions and purposes, never a value from a record, so neither do the
results or the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from trustplan.audit.models import AuditEntry
from trustplan.documents.cells import spreadsheet_safe
from trustplan.hub.purpose import Purpose

# The objects the audit log names, as a data protection officer reads them.
OBJECT_TYPES = {
    "family": "Family",
    "person": "Person",
    "record_pair": "Pair of records",
    "user": "User account",
    "agreement": "Data-sharing agreement",
    "feed_load": "Feed load",
    "data_import": "Indicator data import",
    "plan": "Plan",
    "board_pack": "Board pack",
    "rule_set": "Rule set",
    "links": "Record links",
    "families": "Families",
    "flags": "Flags",
    "audit_log": "Audit log",
}

CSV_HEADER = (
    "entry",
    "when",
    "user",
    "action",
    "object type",
    "object id",
    "purpose",
    "detail",
    "entry hash",
)


@dataclass(frozen=True)
class AuditQuery:
    """What to look for; a blank part matches everything."""

    object_type: str = ""
    object_id: str = ""
    username: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def describe(self) -> str:
        """The search in words, for the export's own audit entry: ids and names only."""
        parts = []
        if self.object_type or self.object_id:
            parts.append(f"object {' '.join(p for p in (self.object_type, self.object_id) if p)}")
        if self.username:
            parts.append(f"user {self.username}")
        if self.action:
            parts.append(f"action {self.action}")
        if self.date_from:
            parts.append(f"from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"to {self.date_to.isoformat()}")
        return "; ".join(parts) or "every entry"


def matching(entries: QuerySet[AuditEntry], query: AuditQuery) -> QuerySet[AuditEntry]:
    """The entries the query matches, newest first."""
    if query.object_type:
        entries = entries.filter(object_type=query.object_type)
    if query.object_id:
        entries = entries.filter(object_id=query.object_id)
    if query.username:
        entries = entries.filter(username__iexact=query.username)
    if query.action:
        entries = entries.filter(action=query.action)
    if query.date_from:
        entries = entries.filter(at__gte=_start_of(query.date_from))
    if query.date_to:
        entries = entries.filter(at__lt=_start_of(query.date_to + dt.timedelta(days=1)))
    return entries.order_by("-at", "-pk")


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` where trustplan is (``TIME_ZONE``)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def object_type_label(object_type: str) -> str:
    return OBJECT_TYPES.get(object_type, object_type.replace("_", " ").capitalize())


def purpose_label(purpose: str) -> str:
    """A stated purpose in words; a purpose no longer offered is shown as stored."""
    labels = dict(Purpose.choices)
    return str(labels.get(purpose, purpose))


def object_type_choices(present: Iterable[str]) -> list[tuple[str, str]]:
    """Every object type the log may name, and any other it does name, by label."""
    types = dict(OBJECT_TYPES)
    types.update({name: object_type_label(name) for name in present if name})
    return sorted(types.items(), key=lambda item: item[1])


def as_csv(entries: Iterable[AuditEntry]) -> tuple[str, int]:
    """The entries as CSV, every cell safe to open in a spreadsheet, and how many there were."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    count = 0
    for entry in entries:
        cells = (
            entry.pk,
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.username,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.purpose,
            entry.detail,
            entry.entry_hash,
        )
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        count += 1
    return out.getvalue(), count
