"""Loading one feed file: checked, under an agreement, all-or-nothing, and idempotent.

The checks are the pure core's (``trustplan.hubcore.feeds``); this module decides what happens
to a checked file. A file-level fault (wrong columns, not UTF-8, cut short) or a feed no active
agreement covers refuses the whole file and stores nothing but the refusal. Otherwise the
accepted rows are stored (a record id seen before in the same feed is updated) and the rejected
rows go to quarantine, all in one transaction. The same file twice is recorded as unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from trustplan.hub.models import DataSharingAgreement, FeedLoad, HubRecord, QuarantinedRow
from trustplan.hubcore.feeds import FEEDS, FeedRecord, Rejection, read_feed
from trustplan.hubcore.feeds.contracts import Identity

# The identity columns every feed starts with, as the contract defines them (record_id apart).
IDENTITY = tuple(name for name in Identity.model_fields if name != "record_id")
BATCH = 5_000


class LoadRefused(Exception):  # noqa: N818 - reads as what happened: the load was refused
    def __init__(self, load: FeedLoad) -> None:
        self.load = load
        super().__init__(load.reason)


@dataclass(frozen=True)
class LoadOutcome:
    load: FeedLoad
    stored: int
    quarantined: int


def active_agreement(feed_type: str, on: dt.date) -> DataSharingAgreement | None:
    for agreement in DataSharingAgreement.objects.filter(starts_on__lte=on, ends_on__gte=on):
        if agreement.covers(feed_type, on):
            return agreement
    return None


def load_feed(
    feed_type: str, data: bytes, file_name: str, *, on: dt.date, by: User | None
) -> LoadOutcome:
    """Check and store one file; raise ``LoadRefused`` (with its recorded refusal) if refused."""
    if feed_type not in FEEDS:
        known = ", ".join(sorted(FEEDS))
        raise ValueError(f"{feed_type!r} is not a feed type (feed types: {known})")
    sha256 = hashlib.sha256(data).hexdigest()
    base = {"feed_type": feed_type, "file_name": file_name, "sha256": sha256, "loaded_by": by}
    agreement = active_agreement(feed_type, on)
    if agreement is None:  # not even read: there is no agreement to read it under
        raise LoadRefused(
            FeedLoad.objects.create(
                **base,
                outcome=FeedLoad.Outcome.REFUSED,
                reason=f"No data-sharing agreement active on {on:%d %B %Y} covers {feed_type}.",
            )
        )
    previous = FeedLoad.objects.filter(
        feed_type=feed_type, sha256=sha256, outcome=FeedLoad.Outcome.LOADED
    ).first()
    if previous is not None:
        load = FeedLoad.objects.create(**base, outcome=FeedLoad.Outcome.UNCHANGED)
        return LoadOutcome(load, 0, 0)
    batch = read_feed(feed_type, data, file_name)
    if batch.file_error:
        raise LoadRefused(
            FeedLoad.objects.create(
                **base,
                outcome=FeedLoad.Outcome.REFUSED,
                reason=batch.file_error,
                counts={"rows read": batch.rows_read},
            )
        )
    with transaction.atomic():
        load = FeedLoad.objects.create(
            **base,
            agreement=agreement,
            outcome=FeedLoad.Outcome.LOADED,
            counts={
                "rows read": batch.rows_read,
                "rows stored": len(batch.records),
                "rows quarantined": batch.rejected_rows,
                "warnings": len(batch.warnings),
            },
        )
        stored = _store(load, batch.records)
        QuarantinedRow.objects.bulk_create(_quarantine(load, batch.rejections), batch_size=BATCH)
    return LoadOutcome(load, stored, batch.rejected_rows)


def _quarantine(load: FeedLoad, rejections: list[Rejection]) -> list[QuarantinedRow]:
    """One quarantined row per rejected row, with every problem it has."""
    by_row: dict[int, list[Rejection]] = {}
    for rejection in rejections:
        by_row.setdefault(rejection.row, []).append(rejection)
    return [
        QuarantinedRow(
            load=load,
            row=row,
            column=", ".join(dict.fromkeys(p.column for p in problems if p.column)),
            reason="; ".join(p.reason for p in problems),
            raw=dict(problems[0].raw),
        )
        for row, problems in sorted(by_row.items())
    ]


def _store(load: FeedLoad, records: list[FeedRecord]) -> int:
    rows = []
    for record in records:
        values = record.model_dump()
        identity = {name: values.pop(name) for name in IDENTITY}
        record_id = values.pop("record_id")
        rows.append(
            HubRecord(
                load=load,
                feed_type=load.feed_type,
                record_id=record_id,
                **{k: ("" if v is None else v) for k, v in identity.items()},
                event={k: _json(v) for k, v in values.items()},
            )
        )
    HubRecord.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["feed_type", "record_id"],
        update_fields=["load", *IDENTITY, "event"],
    )
    return len(rows)


def _json(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
