"""Removing what the hub may no longer keep: the records of every load whose agreement's
retention has passed, with everything that repeats them.

A record is kept until its load's agreement says (``DataSharingAgreement.keep_until``): for
``retention_days`` after the load that last stored it (a record sent again moves to the newer
load, so its retention starts again), and never more than ``grace_days`` after the agreement
ends. From the day after, it is removed with:

* its links to a person (``PersonLink``);
* the clerical review pairs and reviewers' decisions (and their history) that name it, since a
  decision's reason is written about the records;
* the load's quarantined rows, which hold the rejected rows' values.

The load itself is kept: who loaded which file when, its SHA-256 and its counts hold no
person-level data and are the record of what was shared. Families and flags are derived from
the links; the next ``hub link`` and ``hub families`` draw them from what remains.

Everything is removed in one transaction, and each load's removal is written to the audit log
(``retention``), in counts. Records loaded under no agreement (only tests and tools make them;
``hub load`` refuses a file no agreement covers) are counted in the report, not removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils import timezone

from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.hub.models import (
    DataSharingAgreement,
    FeedLoad,
    HubRecord,
    PersonLink,
    QuarantinedRow,
    ReviewDecision,
    ReviewPair,
)


def _day(when: dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


@dataclass(frozen=True)
class LoadRemoval:
    """What one load's expiry removes (or, in a dry run, would remove), in counts."""

    load_id: int
    feed_type: str
    loaded_on: dt.date
    agreement_id: int
    keep_until: dt.date
    why: str
    records: int
    links: int
    quarantined: int
    review_pairs: int
    review_decisions: int

    def counts(self) -> str:
        return (
            f"{self.records:,} records, {self.links:,} links, {self.quarantined:,} quarantined "
            f"rows, {self.review_pairs:,} review pairs, {self.review_decisions:,} review decisions"
        )


@dataclass(frozen=True)
class RetentionReport:
    on: dt.date
    dry_run: bool
    removals: list[LoadRemoval] = field(default_factory=list)
    without_agreement: int = 0

    def by_feed(self) -> dict[str, list[LoadRemoval]]:
        feeds: dict[str, list[LoadRemoval]] = {}
        for removal in sorted(self.removals, key=lambda r: (r.feed_type, r.load_id)):
            feeds.setdefault(removal.feed_type, []).append(removal)
        return feeds

    @property
    def records(self) -> int:
        return sum(r.records for r in self.removals)


def why_expired(agreement: DataSharingAgreement, loaded_on: dt.date) -> str:
    """Why a load's records may be kept no longer, in words with dates only."""
    kept_for = loaded_on + dt.timedelta(days=agreement.retention_days)
    if kept_for <= agreement.keep_until(loaded_on):
        return (
            f"agreement {agreement.pk} keeps records {agreement.retention_days:,} days from the "
            f"load, until {_day(kept_for)}"
        )
    grace = f", and {agreement.grace_days:,} days' grace" if agreement.grace_days else ""
    return (
        f"agreement {agreement.pk} ended on {_day(agreement.ends_on)}{grace}, until "
        f"{_day(agreement.keep_until(loaded_on))}"
    )


def _keys(records: QuerySet[HubRecord], feed_type: str) -> QuerySet[Any, dict[str, Any]]:
    """The records' ``feed:record_id`` keys, as a subquery."""
    return records.annotate(
        key=Concat(Value(f"{feed_type}:"), "record_id", output_field=CharField())
    ).values("key")


@dataclass(frozen=True)
class _Held:
    """A load's person-level data past retention, as querysets to count or delete."""

    records: QuerySet[HubRecord]
    links: QuerySet[PersonLink]
    quarantined: QuerySet[QuarantinedRow]
    pairs: QuerySet[ReviewPair]
    decisions: QuerySet[ReviewDecision]


def _held(load: FeedLoad) -> _Held:
    records = HubRecord.objects.filter(load=load)
    keys = _keys(records, load.feed_type)
    naming = Q(id_l__in=keys) | Q(id_r__in=keys)
    return _Held(
        records=records,
        links=PersonLink.objects.filter(
            feed_type=load.feed_type, record_id__in=records.values("record_id")
        ),
        quarantined=QuarantinedRow.objects.filter(load=load),
        pairs=ReviewPair.objects.filter(naming),
        decisions=ReviewDecision.objects.filter(naming),
    )


def expired_loads(on: dt.date) -> list[tuple[FeedLoad, dt.date]]:
    """Every load whose agreement no longer lets its records be kept on ``on``, with the last
    day they could be."""
    loads = FeedLoad.objects.filter(agreement__isnull=False).select_related("agreement")
    expired = []
    for load in loads.order_by("pk"):
        agreement = load.agreement
        if agreement is None:
            continue
        until = agreement.keep_until(timezone.localdate(load.loaded_at))
        if on > until:
            expired.append((load, until))
    return expired


@transaction.atomic
def apply_retention(
    on: dt.date, *, dry_run: bool = False, by: AbstractBaseUser | None = None
) -> RetentionReport:
    """Remove (unless ``dry_run``) everything held past its retention on ``on``; each load's
    removal is audited. All in one transaction: it all happens, or none of it does."""
    removals = []
    for load, until in expired_loads(on):
        agreement = load.agreement
        if agreement is None:
            continue
        held = _held(load)
        loaded_on = timezone.localdate(load.loaded_at)
        removal = LoadRemoval(
            load_id=load.pk,
            feed_type=load.feed_type,
            loaded_on=loaded_on,
            agreement_id=agreement.pk,
            keep_until=until,
            why=why_expired(agreement, loaded_on),
            records=held.records.count(),
            links=held.links.count(),
            quarantined=held.quarantined.count(),
            review_pairs=held.pairs.count(),
            review_decisions=held.decisions.count(),
        )
        if removal.records + removal.quarantined == 0:
            continue  # removed before, or every record since sent again in a later load
        removals.append(removal)
        if dry_run:
            continue
        decided = list(held.decisions.values_list("pk", flat=True))
        held.links.delete()
        held.pairs.delete()
        held.decisions.delete()
        ReviewDecision.history.filter(id__in=decided).delete()
        held.records.delete()
        held.quarantined.delete()
        chain.record(
            by,
            AuditEntry.Action.RETENTION,
            object_type="feed_load",
            object_id=str(load.pk),
            detail=f"removed {removal.counts()}: {removal.why}",
        )
    without = HubRecord.objects.filter(load__agreement__isnull=True).count()
    return RetentionReport(on, dry_run, removals, without)
