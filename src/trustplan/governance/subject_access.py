"""Everything the hub holds on one person, gathered for a subject access request (UK GDPR
Article 15), as one JSON bundle.

The person is a linked person id (``P-…``), or found from one of their records
(``feed:record_id``) by the latest link run. The bundle holds:

* ``records``: each record linked to them, with its identity and event columns, its load and
  the agreement it was shared under;
* ``links``: which of their records the latest link run joined to them;
* ``families``: every family run's families they are a member of, child or adult;
* ``flags``: the rule sets those families met, with each indicator's explanation;
* ``work_list_decisions``: practitioners' decisions on those families, with their reasons;
* ``review_decisions``: reviewers' decisions on pairs naming their records;
* ``quarantined_rows``: rejected rows sent with the same feed and record id as theirs;
* ``audit_entries``: who opened their person page, their families and pairs of their records,
  and when, why and with what purpose; and earlier subject access exports about them.

Flags and decisions on a family may say something about the person's relatives, and the audit
entries name staff: the bundle is for the data protection officer to review (and redact third
parties' information from) before anything is disclosed. Writing it is audited as
``subject_access``, naming the person by id and the bundle by its counts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.hub.loading import IDENTITY
from trustplan.hub.models import (
    FamilyMember,
    Flag,
    HubRecord,
    PersonLink,
    QuarantinedRow,
    ReviewDecision,
    ReviewPair,
    WorkDecision,
)
from trustplan.hub.worklist import latest_link_run, split_key

SECTIONS = (
    "records",
    "links",
    "families",
    "flags",
    "work_list_decisions",
    "review_decisions",
    "quarantined_rows",
    "audit_entries",
)


class SubjectAccessError(Exception):
    """Why no bundle could be written; names ids only."""


def person_of_record(key: str) -> str:
    """The person the latest link run joins the record ``feed:record_id`` to."""
    feed, record_id = split_key(key)
    if not feed or not record_id:
        raise SubjectAccessError(f"{key!r} is not a record: write it as feed:record_id.")
    link = PersonLink.objects.filter(feed_type=feed, record_id=record_id).first()
    if link is not None:
        return link.person_id
    if HubRecord.objects.filter(feed_type=feed, record_id=record_id).exists():
        raise SubjectAccessError(
            f"Record {key} is held but not linked to a person: run `trustplan hub link` first."
        )
    raise SubjectAccessError(f"No record {key} is held.")


def _when(moment: dt.datetime | dt.date | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, dt.datetime):
        return timezone.localtime(moment).isoformat(timespec="seconds")
    return moment.isoformat()


def _json(value: object) -> object:
    return _when(value) if isinstance(value, dt.date) else value


def _username(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None else ""


def _records(keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    wanted = Q(pk__in=[])
    for feed, record_id in keys:
        wanted |= Q(feed_type=feed, record_id=record_id)
    records = HubRecord.objects.filter(wanted).select_related("load__agreement")
    return [
        {
            "feed": record.feed_type,
            "record_id": record.record_id,
            "identity": {name: _json(getattr(record, name)) for name in IDENTITY},
            "event": record.event,
            "load": record.load_id,
            "loaded_at": _when(record.load.loaded_at),
            "agreement": (
                {"id": record.load.agreement.pk, "title": record.load.agreement.title}
                if record.load.agreement is not None
                else None
            ),
        }
        for record in records.order_by("feed_type", "record_id")
    ]


def _families(person_id: str) -> tuple[list[dict[str, Any]], list[str], list[int]]:
    """Every family (of every family run) the person is a member of; their family ids; and
    the families' primary keys."""
    members = list(
        FamilyMember.objects.filter(person_id=person_id)
        .select_related("family__run", "family__locality")
        .order_by("family__run_id", "family__family_id")
    )
    families = [
        {
            "family_run": member.family.run_id,
            "as_at": _when(member.family.run.as_at),
            "family_id": member.family.family_id,
            "household_id": member.family.household_id,
            "locality": member.family.locality.name if member.family.locality else None,
            "postcode_sector": member.family.postcode_sector,
            "is_child": member.is_child,
            "expectant": member.expectant,
            "open_to_early_help": member.family.open_to_early_help,
            "open_to_social_care": member.family.open_to_social_care,
        }
        for member in members
    ]
    family_ids = sorted({member.family.family_id for member in members})
    return families, family_ids, [member.family.pk for member in members]


def _flags(family_pks: list[int]) -> list[dict[str, Any]]:
    flags = Flag.objects.filter(family_id__in=family_pks).select_related("family")
    return [
        {
            "family_run": flag.family.run_id,
            "family_id": flag.family.family_id,
            "rule_set": flag.rule_set,
            "rule_set_version": flag.rule_set_version,
            "criteria": flag.criteria,
            "indicators": flag.indicators,
        }
        for flag in flags.order_by("family__run_id", "family__family_id", "rule_set")
    ]


def _work_decisions(family_ids: list[str]) -> list[dict[str, Any]]:
    decisions = WorkDecision.objects.filter(family_id__in=family_ids).select_related("decided_by")
    return [
        {
            "family_id": d.family_id,
            "rule_set": d.rule_set,
            "decision": d.decision,
            "reason": d.reason,
            "decided_by": _username(d.decided_by),
            "decided_at": _when(d.decided_at),
        }
        for d in decisions.order_by("decided_at", "pk")
    ]


def _naming(keys: Iterable[str]) -> Q:
    listed = list(keys)
    return Q(id_l__in=listed) | Q(id_r__in=listed)


def _review_decisions(keys: list[str]) -> list[dict[str, Any]]:
    decisions = ReviewDecision.objects.filter(_naming(keys)).select_related("decided_by")
    return [
        {
            "records": [d.id_l, d.id_r],
            "decision": d.decision,
            "reason": d.reason,
            "decided_by": _username(d.decided_by),
            "decided_at": _when(d.decided_at),
        }
        for d in decisions.order_by("decided_at", "pk")
    ]


def _quarantined(keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for feed, record_id in keys:
        found = QuarantinedRow.objects.filter(load__feed_type=feed, raw__record_id=record_id)
        rows.extend(
            {
                "feed": feed,
                "load": row.load_id,
                "row": row.row,
                "column": row.column,
                "reason": row.reason,
                "values": row.raw,
            }
            for row in found.order_by("load_id", "row")
        )
    return rows


def _audit(person_id: str, family_ids: list[str], keys: list[str]) -> list[dict[str, Any]]:
    pairs = [
        str(pk) for pk in ReviewPair.objects.filter(_naming(keys)).values_list("pk", flat=True)
    ]
    about = (
        Q(object_type="person", object_id=person_id)
        | Q(object_type="family", object_id__in=family_ids)
        | Q(object_type="record_pair", object_id__in=pairs)
    )
    return [
        {
            "entry": e.pk,
            "at": _when(e.at),
            "user": e.username,
            "action": e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "purpose": e.purpose,
            "detail": e.detail,
        }
        for e in AuditEntry.objects.filter(about).order_by("pk")
    ]


def gather(person_id: str) -> dict[str, Any]:
    """The bundle for one person; ``SubjectAccessError`` if the hub holds nothing on them."""
    links = PersonLink.objects.filter(person_id=person_id).order_by("feed_type", "record_id")
    keys = list(links.values_list("feed_type", "record_id"))
    families, family_ids, family_pks = _families(person_id)
    if not keys and not families:
        raise SubjectAccessError(
            f"No person {person_id} is held: no link and no family names them."
        )
    named = [f"{feed}:{record_id}" for feed, record_id in keys]
    run = latest_link_run()
    bundle: dict[str, Any] = {
        "subject_access": {
            "person_id": person_id,
            "written_at": _when(timezone.now()),
            "link_run": run.pk if run is not None else None,
            "sections": list(SECTIONS),
            "note": (
                "Everything trustplan's hub holds on this person. Flags, decisions and audit "
                "entries about their families may concern relatives and name staff: review "
                "before disclosure."
            ),
        },
        "records": _records(keys),
        "links": [
            {"feed": link.feed_type, "record_id": link.record_id, "link_run": link.run_id}
            for link in links
        ],
        "families": families,
        "flags": _flags(family_pks),
        "work_list_decisions": _work_decisions(family_ids),
        "review_decisions": _review_decisions(named),
        "quarantined_rows": _quarantined(keys),
        "audit_entries": _audit(person_id, family_ids, named),
    }
    return bundle


def counts(bundle: dict[str, Any]) -> str:
    """How much a bundle holds, section by section: what the audit entry says."""
    return ", ".join(
        f"{len(bundle[section]):,} {section.replace('_', ' ')}" for section in SECTIONS
    )


def write_bundle(person_id: str, out: Path, *, by: AbstractBaseUser | None = None) -> str:
    """Write one person's bundle to ``out`` as JSON and audit it; return what it holds."""
    if not out.parent.is_dir():
        raise SubjectAccessError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.is_dir():
        raise SubjectAccessError(f"Cannot write {out}: it is a folder.")
    bundle = gather(person_id)
    out.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    said = counts(bundle)
    chain.record(
        by,
        AuditEntry.Action.SUBJECT_ACCESS,
        object_type="person",
        object_id=person_id,
        detail=f"bundle written: {said}",
    )
    return said
