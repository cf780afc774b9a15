"""`trustplan hub load|agreement|agreements|loads|quarantine`: agreements and feed loads."""

from __future__ import annotations

import csv
import io
from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.db import transaction

from trustplan.cli import iso_date
from trustplan.documents.cells import spreadsheet_safe
from trustplan.hub.loading import LoadRefused, load_feed
from trustplan.hub.models import DataSharingAgreement, FeedLoad
from trustplan.hubcore.feeds import FEEDS
from trustplan.measures.judging import as_of
from trustplan.partners.models import Organisation


def register(sub: _SubParsersAction[Any]) -> None:
    load = sub.add_parser("load", help="Check and load one feed file (all or nothing).")
    load.add_argument("feed_type", choices=sorted(FEEDS), metavar="FEED_TYPE")
    load.add_argument("file", type=Path)
    agreement = sub.add_parser("agreement", help="Add a data-sharing agreement.")
    agreement.add_argument("--title", required=True)
    agreement.add_argument("--feeds", required=True, help="Feed types, comma-separated.")
    agreement.add_argument("--party", action="append", default=[], help="Organisation key.")
    agreement.add_argument("--lawful-basis", required=True)
    agreement.add_argument("--purposes", required=True)
    agreement.add_argument("--from", dest="starts_on", type=iso_date, required=True)
    agreement.add_argument("--to", dest="ends_on", type=iso_date, required=True)
    agreement.add_argument("--retention-days", type=int, required=True)
    sub.add_parser("agreements", help="List the data-sharing agreements.")
    sub.add_parser("loads", help="List the feed loads, newest first.")
    quarantine = sub.add_parser("quarantine", help="Write a load's rejected rows as CSV.")
    quarantine.add_argument("load", type=int, help="The load's number (see `hub loads`).")
    quarantine.add_argument("--out", type=Path, required=True)


def load(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path} is not a file.")
    try:
        outcome = load_feed(options["feed_type"], path.read_bytes(), path.name, on=as_of(), by=None)
    except LoadRefused as refused:
        raise CommandError(
            f"{path.name} was refused (load {refused.load.pk}): {refused.load.reason}"
        ) from refused
    load = outcome.load
    if load.outcome == FeedLoad.Outcome.UNCHANGED:
        stdout.write(f"{path.name}: unchanged (this file was loaded before).")
        return
    stdout.write(
        f"{path.name}: load {load.pk} under '{load.agreement}': {outcome.stored:,} rows "
        f"stored, {outcome.quarantined:,} quarantined, {load.counts['warnings']:,} warnings."
    )
    if outcome.quarantined:
        stdout.write(f"  See them with `trustplan hub quarantine {load.pk} --out FILE`.")


def agreement(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    feeds = [f.strip() for f in options["feeds"].split(",") if f.strip()]
    unknown = sorted(set(feeds) - set(FEEDS))
    if unknown:
        raise CommandError(f"Unknown feed type(s): {', '.join(unknown)}.")
    if options["ends_on"] < options["starts_on"]:
        raise CommandError("--to is before --from.")
    parties = list(Organisation.objects.filter(key__in=options["party"]))
    missing = sorted(set(options["party"]) - {p.key for p in parties})
    if missing:
        raise CommandError(f"No organisation has the key(s): {', '.join(missing)}.")
    with transaction.atomic():
        agreement = DataSharingAgreement.objects.create(
            title=options["title"],
            feeds=feeds,
            lawful_basis=options["lawful_basis"],
            purposes=options["purposes"],
            starts_on=options["starts_on"],
            ends_on=options["ends_on"],
            retention_days=options["retention_days"],
        )
        agreement.parties.set(parties)
    stdout.write(f"Added agreement {agreement.pk}: {agreement.title}.")


def agreements(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    for a in DataSharingAgreement.objects.all():
        stdout.write(
            f"{a.pk}  {a.title}: {', '.join(a.feeds)}; {a.starts_on} to {a.ends_on}; "
            f"kept {a.retention_days} days"
        )


def loads(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    for load in FeedLoad.objects.all():
        counts = ", ".join(f"{v:,} {k}" for k, v in load.counts.items())
        stdout.write(
            f"{load.pk}  {load.loaded_at:%Y-%m-%d %H:%M}  {load.feed_type}  {load.file_name}  "
            f"{load.get_outcome_display()}" + (f": {counts}" if counts else "")
        )


def quarantine(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    load = FeedLoad.objects.filter(pk=options["load"]).first()
    if load is None:
        raise CommandError(f"There is no load {options['load']}.")
    rows = list(load.quarantine.all())
    # The contract's column order (the database may not keep the file's), then any others.
    present = {name for row in rows for name in row.raw}
    contract = [name for name in FEEDS[load.feed_type].model_fields if name in present]
    columns = contract + sorted(present - set(contract))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row", "column", "reason", *columns])
    for row in rows:
        cells = [row.row, row.column, row.reason, *(row.raw.get(c, "") for c in columns)]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    options["out"].write_text(out.getvalue(), encoding="utf-8")
    stdout.write(f"Wrote {len(rows):,} quarantined rows of load {load.pk} to {options['out']}.")


ACTIONS = {
    "load": load,
    "agreement": agreement,
    "agreements": agreements,
    "loads": loads,
    "quarantine": quarantine,
}
