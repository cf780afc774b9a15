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
from trustplan.hub.linking import person_of, run_linking
from trustplan.hub.loading import IDENTITY, LoadRefused, load_feed
from trustplan.hub.models import (
    DataSharingAgreement,
    FeedLoad,
    HubRecord,
    PersonLink,
    ReviewDecision,
)
from trustplan.hubcore import evaluation
from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.linking import EngineUnavailableError
from trustplan.hubcore.synth import MAX_PEOPLE, write_city
from trustplan.measures.judging import as_of
from trustplan.partners.models import Organisation


class Command(BaseCommand):
    help = "The family intelligence hub: agreements, loading feeds, quarantine, linking people."

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
        linking = sub.add_parser("link", help="Link every stored record into people.")
        linking.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        evaluate = sub.add_parser(
            "evaluate", help="Score the latest linking against a synthetic city's truth."
        )
        evaluate.add_argument("--truth", type=Path, required=True, help="The city's folder.")
        export = sub.add_parser("export", help="Write the latest links as CSV.")
        export.add_argument("what", choices=["links"])
        export.add_argument("--out", type=Path, required=True)
        decide = sub.add_parser("decide", help="Record a reviewer's decision on a pair.")
        decide.add_argument("id_l", help="feed:record_id")
        decide.add_argument("id_r", help="feed:record_id")
        decide.add_argument("decision", choices=["match", "no_match"])
        decide.add_argument("--reason", required=True)
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

    def _link(self, options: dict[str, Any]) -> None:
        try:
            run = run_linking(engine=options["engine"], say=self.stdout.write)
        except (ValueError, EngineUnavailableError) as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in run.counts.items())
        seconds = sum(run.timings.values())
        self.stdout.write(f"Link run {run.pk} in {seconds:.1f} s: {counts}.")
        self.stdout.write(f"  {run.review_pairs.count():,} pairs wait for clerical review.")

    def _evaluate(self, options: dict[str, Any]) -> None:
        folder: Path = options["truth"]
        if not (folder / "truth_records.csv").is_file():
            raise CommandError(f"{folder} has no truth_records.csv.")
        truth = evaluation.load_truth(folder)
        predicted = person_of()
        held = {key: truth.person_of[key] for key in predicted if key in truth.person_of}
        if not held:
            raise CommandError("No linked record is in the truth: link the city's feeds first.")
        ours = evaluation.pairwise_scores({k: predicted[k] for k in held}, held)
        identities = HubRecord.objects.values("feed_type", "record_id", *IDENTITY)
        baseline = evaluation.baseline_clusters(
            {**row, "feed": row["feed_type"]} for row in identities.iterator(chunk_size=10_000)
        )
        naive = evaluation.pairwise_scores({k: baseline[k] for k in held}, held)
        self.stdout.write(f"{len(held):,} records scored against {folder / 'truth_records.csv'}")
        self.stdout.write(f"{'':<34}{'precision':>10}{'recall':>10}{'F1':>10}")
        for name, scores in (
            ("trustplan (Splink)", ours),
            ("baseline: name + date of birth", naive),
        ):
            self.stdout.write(
                f"{name:<34}{scores.precision:>10.5f}{scores.recall:>10.5f}{scores.f1:>10.5f}"
            )
        for attribute in ("ethnicity", "sex"):
            self.stdout.write(f"Linkage errors by {attribute} (missed-link and false-link rates):")
            for rates in evaluation.rates_by_group(
                {k: predicted[k] for k in held}, held, truth.group_of(attribute)
            ):
                self.stdout.write(
                    f"  {rates.group or 'not recorded':<14}{rates.people:>8,} people  "
                    f"missed {rates.missed_link_rate:.5f}  false {rates.false_link_rate:.5f}"
                )

    def _export(self, options: dict[str, Any]) -> None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["feed", "record_id", "person_id"])
        links = PersonLink.objects.order_by("feed_type", "record_id")
        rows = links.values_list("feed_type", "record_id", "person_id")
        writer.writerows([spreadsheet_safe(c) for c in row] for row in rows.iterator())
        options["out"].write_text(out.getvalue(), encoding="utf-8")
        self.stdout.write(f"Wrote {links.count():,} links to {options['out']}.")

    def _decide(self, options: dict[str, Any]) -> None:
        ids = sorted([options["id_l"], options["id_r"]])
        for record in ids:
            feed, _, record_id = record.partition(":")
            if not HubRecord.objects.filter(feed_type=feed, record_id=record_id).exists():
                raise CommandError(f"No stored record is {record!r} (write it as feed:record_id).")
        decision, _ = ReviewDecision.objects.update_or_create(
            id_l=ids[0],
            id_r=ids[1],
            defaults={"decision": options["decision"], "reason": options["reason"]},
        )
        self.stdout.write(
            f"Recorded: {decision.get_decision_display()}. The next `hub link` respects it."
        )

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
        self.stdout.write(
            f"Wrote {len(rows):,} quarantined rows of load {load.pk} to {options['out']}."
        )
