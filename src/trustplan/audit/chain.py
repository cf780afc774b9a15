"""Adding to the audit log, and checking its hash chain.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields, joined
unambiguously (JSON). The first entry's previous hash is 64 zeros. Changing any field of any
entry, or deleting or inserting one, makes every later link fail to verify from that point.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from trustplan.audit import actors
from trustplan.audit.models import USERNAME_MAX, AuditEntry

GENESIS = "0" * 64


def entry_hash(previous_hash: str, entry: AuditEntry) -> str:
    fields = [
        entry.at.isoformat(),
        entry.username,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.purpose,
        entry.detail,
    ]
    payload = json.dumps([previous_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def record(
    user: AbstractBaseUser | AnonymousUser | None,
    action: AuditEntry.Action,
    *,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    detail: str = "",
    username: str | None = None,
) -> AuditEntry:
    """Append one entry, chained to the last. The last entry is locked while this one is
    added, so two entries written at once cannot both claim the same predecessor.

    The entry is the signed-in ``user``'s. Without one it is named ``username`` (a failed
    sign-in's attempted username) or, if that is not given either, as
    :func:`trustplan.audit.actors.unnamed_actor` names it (a command's account).
    """
    last = AuditEntry.objects.select_for_update().order_by("-pk").first()
    signed_in = user is not None and user.is_authenticated
    if signed_in and user is not None:
        name = user.get_username()
    else:
        name = actors.unnamed_actor() if username is None else username
    entry = AuditEntry(
        at=timezone.now(),
        user_id=user.pk if signed_in and user is not None else None,
        username=name[:USERNAME_MAX],
        action=action,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        detail=detail,
        previous_hash=last.entry_hash if last else GENESIS,
    )
    entry.entry_hash = entry_hash(entry.previous_hash, entry)
    entry.save()
    return entry


def record_export(
    user: AbstractBaseUser | AnonymousUser | None, what: str, detail: str, *, object_id: str = ""
) -> AuditEntry:
    """Record that data left trustplan: ``what`` is the kind of export (``links``,
    ``quarantine``, ``audit_log``…), ``object_id`` the one object it was of, if any, and
    ``detail`` says how much, in counts; never a value from the data."""
    return record(
        user, AuditEntry.Action.EXPORT, object_type=what, object_id=object_id, detail=detail
    )


@dataclass(frozen=True)
class Break:
    """Where the chain fails to verify: the entry, and what is wrong with it."""

    entry_pk: int
    problem: str


def verify() -> Iterator[Break]:
    """Every place the chain is broken, in order; nothing if it is whole."""
    expected_previous = GENESIS
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2_000):
        if entry.previous_hash != expected_previous:
            yield Break(entry.pk, "does not follow the entry before it (one was removed or added)")
        elif entry_hash(entry.previous_hash, entry) != entry.entry_hash:
            yield Break(entry.pk, "was changed after it was written")
        expected_previous = entry.entry_hash
