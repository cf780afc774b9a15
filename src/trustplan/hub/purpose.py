"""The purpose gate: no person-level page opens until its user has said why, and every opening
is written to the audit log with that purpose.

A purpose is stated for one object (a family, a person, a pair of records), is kept in the
user's session, and lapses after ``LASTS``; then it must be stated again. Each opening of the
page while it holds (not only the first) appends an audit entry naming the object, the purpose
and the reason given. The reason is the user's own words and is kept only in the session and
the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from trustplan.audit import chain
from trustplan.audit.models import AuditEntry

LASTS = dt.timedelta(minutes=30)
SESSION_KEY = "trustplan_hub_purposes"


class Purpose(models.TextChoices):
    WORK_LIST = "work_list", "Reviewing a family on the work list"
    EARLY_HELP = "early_help", "Early help assessment or support"
    SAFEGUARDING = "safeguarding", "Safeguarding enquiry"
    DATA_QUALITY = "data_quality", "Checking linked records (data quality)"


class Kind(models.TextChoices):
    """What a purpose is stated for, as the audit log names it."""

    FAMILY = "family", "family"
    PERSON = "person", "person"
    RECORD_PAIR = "record_pair", "pair of records"


# Opening each kind of page is audited as this action.
OPENED = {
    Kind.FAMILY: AuditEntry.Action.VIEW_FAMILY,
    Kind.PERSON: AuditEntry.Action.VIEW_PERSON,
    Kind.RECORD_PAIR: AuditEntry.Action.VIEW_PERSON,
}


@dataclass(frozen=True)
class Stated:
    purpose: Purpose
    reason: str
    until: dt.datetime


def _key(kind: Kind, object_id: str) -> str:
    return f"{kind.value}:{object_id}"


def _held(request: HttpRequest) -> dict[str, Any]:
    held = request.session.get(SESSION_KEY)
    return held if isinstance(held, dict) else {}


def state(request: HttpRequest, kind: Kind, object_id: str, purpose: str, reason: str) -> Stated:
    """Keep a purpose for one object in the session, for ``LASTS``; lapsed ones are dropped."""
    now = timezone.now()
    stated = Stated(Purpose(purpose), reason, now + LASTS)
    held = {key: value for key, value in _held(request).items() if _current(value, now)}
    held[_key(kind, object_id)] = {
        "purpose": stated.purpose.value,
        "reason": stated.reason,
        "until": stated.until.isoformat(),
    }
    request.session[SESSION_KEY] = held
    return stated


def _current(value: object, now: dt.datetime) -> Stated | None:
    if not isinstance(value, dict):
        return None
    try:
        until = dt.datetime.fromisoformat(value["until"])
        stated = Stated(Purpose(value["purpose"]), str(value["reason"]), until)
    except (KeyError, TypeError, ValueError):
        return None
    return stated if stated.until > now else None


def stated(request: HttpRequest, kind: Kind, object_id: str) -> Stated | None:
    """The purpose stated for this object, while it holds."""
    return _current(_held(request).get(_key(kind, object_id)), timezone.now())


def opened(request: HttpRequest, kind: Kind, object_id: str) -> Stated | None:
    """If a purpose holds for this object, write the opening to the audit log and return the
    purpose; otherwise ``None``, and the page must not be shown."""
    purpose = stated(request, kind, object_id)
    if purpose is not None:
        chain.record(
            request.user,
            OPENED[kind],
            object_type=kind.value,
            object_id=object_id,
            purpose=purpose.purpose.value,
            detail=purpose.reason,
        )
    return purpose


def record(
    request: HttpRequest,
    action: AuditEntry.Action,
    kind: Kind,
    object_id: str,
    purpose: Stated,
    detail: str,
) -> None:
    """Write a change made under a stated purpose (a decision) to the audit log. ``detail``
    names what was decided, never a data value."""
    chain.record(
        request.user,
        action,
        object_type=kind.value,
        object_id=object_id,
        purpose=purpose.purpose.value,
        detail=detail,
    )
