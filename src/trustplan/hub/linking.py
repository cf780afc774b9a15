"""Linking the stored records into people: one run of the pure core's linker, stored.

The records go to the linker as a Parquet file in a private scratch folder, which is deleted
afterwards; the run keeps its model, counts and timings, the record-to-person links (replacing
the previous run's) and the pairs left for clerical review. Reviewers' earlier decisions are
passed in, so a "different people" decision is never overturned by a later run.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.contrib.auth.models import User
from django.db import transaction

from trustplan.hub.loading import IDENTITY
from trustplan.hub.models import HubRecord, LinkRun, PersonLink, ReviewDecision, ReviewPair
from trustplan.hubcore.linking import LinkResult, link

# What the linker reads: every identity column but ethnicity, which must not decide a link.
COLUMNS = ("feed_type", "record_id", *(name for name in IDENTITY if name != "ethnicity"))
BATCH = 10_000


def records_table() -> pa.Table:
    """Every stored record's identity columns, as the linker reads them (blank as null)."""
    rows = HubRecord.objects.order_by("feed_type", "record_id").values_list(*COLUMNS)
    columns: dict[str, list[object]] = {name: [] for name in COLUMNS}
    for row in rows.iterator(chunk_size=BATCH):
        for name, value in zip(COLUMNS, row, strict=True):
            columns[name].append(None if value == "" else value)
    columns["feed"] = columns.pop("feed_type")
    columns["date_of_birth"] = [
        d.isoformat() if isinstance(d, dt.date) else d for d in columns["date_of_birth"]
    ]
    return pa.table(columns)


def run_linking(
    *, engine: str = "duckdb", by: User | None = None, say: Callable[[str], object] = print
) -> LinkRun:
    table = records_table()
    if table.num_rows == 0:
        raise ValueError("No records are stored: load some feeds first (trustplan hub load).")
    say(f"Linking {table.num_rows:,} records")
    decisions = [(d.id_l, d.id_r, d.decision) for d in ReviewDecision.objects.all()]
    with tempfile.TemporaryDirectory(prefix="trustplan-link-") as scratch:
        records = Path(scratch) / "records.parquet"
        pq.write_table(table, records)
        result = link(
            str(records),
            workdir=Path(scratch) / "run",
            engine="spark" if engine == "spark" else "duckdb",
            reviewer_decisions=decisions,
        )
        return _store(result, engine, by)


@transaction.atomic
def _store(result: LinkResult, engine: str, by: User | None) -> LinkRun:
    run = LinkRun.objects.create(
        started_by=by,
        engine=engine,
        thresholds={"review_low": result.thresholds[0], "match": result.thresholds[1]},
        counts=dict(result.counts),
        timings={k: round(v, 3) for k, v in result.timings.items()},
        model=json.dumps(result.model),
    )
    PersonLink.objects.all().delete()
    links = result.links.to_pydict()
    PersonLink.objects.bulk_create(
        (
            PersonLink(run=run, feed_type=feed, record_id=record, person_id=person)
            for feed, record, person in zip(
                links["feed"], links["record_id"], links["person_id"], strict=True
            )
        ),
        batch_size=BATCH,
    )
    ReviewPair.objects.bulk_create(
        (
            ReviewPair(
                run=run,
                id_l=pair.id_l,
                id_r=pair.id_r,
                match_probability=pair.match_probability,
                reason=pair.reason,
                evidence=[{"field": e.field, "words": e.words} for e in pair.evidence],
            )
            for pair in result.review_pairs
        ),
        batch_size=BATCH,
    )
    return run


def person_of() -> dict[str, str]:
    """``feed:record_id`` -> ``person_id`` by the latest run."""
    return {
        f"{feed}:{record}": person
        for feed, record, person in PersonLink.objects.values_list(
            "feed_type", "record_id", "person_id"
        ).iterator(chunk_size=BATCH)
    }
