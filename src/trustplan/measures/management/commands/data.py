"""`trustplan data`: import and export indicator data (docs/data-import.md)."""

from __future__ import annotations

import getpass
import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trustplan.config.database import require_migrated_database
from trustplan.measures import exporting
from trustplan.measures.importing import ImportOutcome, import_file
from trustplan.measures.models import DataImport, Observation, Target
from trustplan.plans.models import Plan

MAX_REJECTIONS_SHOWN = 200


class Command(BaseCommand):
    help = "Import indicator data, targets, areas and comparator groups; export a plan's data."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = sub.add_parser(
            "import", help="Import a CSV or XLSX file: all or nothing, every bad row reported."
        )
        load.add_argument("file", type=Path)
        load.add_argument("--dry-run", action="store_true", help="Show what would change.")
        load.add_argument("--json", action="store_true", help="Print the report as JSON.")
        export = sub.add_parser("export", help="Write a plan's indicator data and targets.")
        export.add_argument("--plan", required=True, help="The plan's slug.")
        export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        export.add_argument("--out", type=Path, help="File to write (default: the screen, CSV).")

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        if options["action"] == "import":
            self._import(options["file"], dry_run=options["dry_run"], as_json=options["json"])
        else:
            self._export(options["plan"], options["format"], options["out"])

    def _import(self, file: Path, *, dry_run: bool, as_json: bool) -> None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: cannot be read: {exc.strerror}") from None
        outcome = import_file(
            data,
            file.name,
            how=f"command line ({getpass.getuser()})",
            dry_run=dry_run,
            progress=None if as_json else self._progress,
        )
        if as_json:
            self.stdout.write(json.dumps(_report(outcome), indent=2, default=str))
        else:
            self.stdout.write(_describe(outcome, file))
        if outcome.record.outcome == DataImport.Outcome.REJECTED:
            raise CommandError(f"{file}: not imported; nothing was changed")

    def _progress(self, what: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r  writing {what}: {done:,} of {total:,} ({done / total:.0%})")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def _export(self, slug: str, file_format: str, out: Path | None) -> None:
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"no plan with slug {slug!r} (stored plans: {known})")
        indicators = {kpi.indicator_id for p in plan.priorities.all() for kpi in p.kpis.all()}
        observations = (
            Observation.objects.filter(indicator_id__in=indicators)
            .select_related("indicator", "area")
            .order_by("indicator__key", "area__code", "period_start")
        )
        targets = Target.objects.filter(indicator_id__in=indicators).select_related(
            "indicator", "area"
        )
        if file_format == "csv":
            text = exporting.to_csv(
                exporting.OBSERVATION_COLUMNS, exporting.observation_rows(observations)
            )
            if out is None:
                self.stdout.write(text, ending="")
                return
            out.write_text(text, encoding="utf-8")
        else:
            if out is None:
                raise CommandError("--format xlsx needs --out FILE")
            out.write_bytes(
                exporting.to_xlsx(
                    {
                        "observations": (
                            exporting.OBSERVATION_COLUMNS,
                            exporting.observation_rows(observations),
                        ),
                        "targets": (exporting.TARGET_COLUMNS, exporting.target_rows(targets)),
                    }
                )
            )
        self.stdout.write(f"Wrote {plan.slug}'s indicator data to {out}.")


def _report(outcome: ImportOutcome) -> dict[str, object]:
    record = outcome.record
    return {
        "file": record.file_name,
        "sha256": record.sha256,
        "format": record.file_format,
        "outcome": record.outcome,
        "counts": record.counts,
        "rejected_rows": record.rejected_rows,
        "changes": record.changes,
        "notes": list(outcome.batch.notes),
        "import_id": record.pk,
    }


def _describe(outcome: ImportOutcome, file: Path) -> str:
    record = outcome.record
    lines = [f"{file}: {record.get_outcome_display()} (import {record.pk})"]
    lines.extend(f"  note: {note}" for note in outcome.batch.notes)
    lines.extend(f"  {what}: {count:,}" for what, count in record.counts.items() if count)
    if record.rejected_rows:
        lines.append(f"  Rejected rows ({len(record.rejected_rows)}):")
        for row in record.rejected_rows[:MAX_REJECTIONS_SHOWN]:
            where = f"{row.get('sheet', '')} row {row['row']}" if row.get("row") else file.name
            column = f" [{row['column']}]" if row.get("column") else ""
            lines.append(f"    - {where}{column}: {row['message']}")
        hidden = len(record.rejected_rows) - MAX_REJECTIONS_SHOWN
        if hidden > 0:
            lines.append(f"    … and {hidden} more (see the import's page, or --json)")
    for change in record.changes[:20]:
        fields = ", ".join(
            f"{name} {values['from']} → {values['to']}"
            for name, values in change["changes"].items()
        )
        lines.append(
            f"  changed {change['indicator']} {change['area']} {change['period']}: {fields}"
        )
    return "\n".join(lines)
