"""`trustplan hub`: the family intelligence hub's data: agreements, feed loads, quarantine."""

from __future__ import annotations

import csv
import io
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from trustplan.cli import iso_date
from trustplan.config.database import require_migrated_database
from trustplan.documents.cells import spreadsheet_safe
from trustplan.hub.loading import LoadRefused, load_feed
from trustplan.hub.models import DataSharingAgreement, FeedLoad
from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.synth import MAX_PEOPLE, write_city
from trustplan.measures.judging import as_of
from trustplan.partners.models import Organisation


class Command(BaseCommand):
    help = "The family intelligence hub: data-sharing agreements, loading feeds, quarantine."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
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
        synth = sub.add_parser(
            "synth", help="Write a synthetic city's feeds, with ground truth (made-up people)."
        )
        synth.add_argument("--people", type=int, required=True)
        synth.add_argument("--seed", type=int, default=2024)
        synth.add_argument("--out", type=Path, required=True, help="A folder to write into.")
        synth.add_argument(
            "--error-rate", type=float, default=1.0, help="Scale the recording errors (0: none)."
        )
        sub.add_parser("loads", help="List the feed loads, newest first.")
        quarantine = sub.add_parser("quarantine", help="Write a load's rejected rows as CSV.")
        quarantine.add_argument("load", type=int, help="The load's number (see `hub loads`).")
        quarantine.add_argument("--out", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        getattr(self, f"_{options['action']}")(options)

    def _load(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            outcome = load_feed(
                options["feed_type"], path.read_bytes(), path.name, on=as_of(), by=None
            )
        except LoadRefused as refused:
            raise CommandError(
                f"{path.name} was refused (load {refused.load.pk}): {refused.load.reason}"
            ) from refused
        load = outcome.load
        if load.outcome == FeedLoad.Outcome.UNCHANGED:
            self.stdout.write(f"{path.name}: unchanged (this file was loaded before).")
            return
        self.stdout.write(
            f"{path.name}: load {load.pk} under '{load.agreement}': {outcome.stored:,} rows "
            f"stored, {outcome.quarantined:,} quarantined, {load.counts['warnings']:,} warnings."
        )
        if outcome.quarantined:
            self.stdout.write(f"  See them with `trustplan hub quarantine {load.pk} --out FILE`.")

    def _agreement(self, options: dict[str, Any]) -> None:
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
        self.stdout.write(f"Added agreement {agreement.pk}: {agreement.title}.")

    def _synth(self, options: dict[str, Any]) -> None:
        if not 1 <= options["people"] <= MAX_PEOPLE:
            raise CommandError(f"--people must be from 1 to {MAX_PEOPLE:,}.")
        if options["error_rate"] < 0:
            raise CommandError("--error-rate cannot be negative.")
        out: Path = options["out"]
        if out.exists() and any(out.iterdir()):
            raise CommandError(f"{out} is not empty: choose a new folder.")
        out.mkdir(parents=True, exist_ok=True)
        city = write_city(options["people"], options["seed"], out, error_rate=options["error_rate"])
        self.stdout.write(
            f"Wrote a synthetic city to {out}: {city.people:,} people in {city.households:,} "
            f"households ({city.families:,} families), {city.records:,} feed records."
        )
        for feed, count in city.feed_records.items():
            self.stdout.write(f"  {feed}.csv: {count:,}")
        self.stdout.write("  truth_records.csv and truth_people.csv: the ground truth.")

    def _agreements(self, options: dict[str, Any]) -> None:
        for a in DataSharingAgreement.objects.all():
            self.stdout.write(
                f"{a.pk}  {a.title}: {', '.join(a.feeds)}; {a.starts_on} to {a.ends_on}; "
                f"kept {a.retention_days} days"
            )

    def _loads(self, options: dict[str, Any]) -> None:
        for load in FeedLoad.objects.all():
            counts = ", ".join(f"{v:,} {k}" for k, v in load.counts.items())
            self.stdout.write(
                f"{load.pk}  {load.loaded_at:%Y-%m-%d %H:%M}  {load.feed_type}  {load.file_name}  "
                f"{load.get_outcome_display()}" + (f": {counts}" if counts else "")
            )

    def _quarantine(self, options: dict[str, Any]) -> None:
        load = FeedLoad.objects.filter(pk=options["load"]).first()
        if load is None:
            raise CommandError(f"There is no load {options['load']}.")
        rows = list(load.quarantine.all())
        columns = list(dict.fromkeys(name for row in rows for name in row.raw))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["row", "column", "reason", *columns])
        for row in rows:
            cells = [row.row, row.column, row.reason, *(row.raw.get(c, "") for c in columns)]
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
        options["out"].write_text(out.getvalue(), encoding="utf-8")
        self.stdout.write(
            f"Wrote {len(rows):,} quarantined rows of load {load.pk} to {options['out']}."
        )
