"""`trustplan plan`: validate, load, export and describe plan files."""

from __future__ import annotations

import getpass
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trustplan.config.database import require_migrated_database
from trustplan.plancode import PlanDocument, ValidationReport, dump_document, validate_file
from trustplan.plans.exporting import export_document
from trustplan.plans.loading import PlanLoadError, load_plan
from trustplan.plans.models import Plan
from trustplan.plans.reporting import describe_counts, format_report


class Command(BaseCommand):
    help = "Validate, load and export plan files (plan as code). See docs/plan-schema.md."
    # `validate` and `schema` must work without a database; the actions that need one check it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser(
            "validate",
            help="Check a plan file: counts of what it lists and every problem, with its line.",
        )
        validate.add_argument("file", type=Path)
        validate.add_argument("--json", action="store_true", help="Print the report as JSON.")
        validate.add_argument(
            "--strict",
            action="store_true",
            help="Exit non-zero for inconsistencies in the document too, not only errors.",
        )
        load = sub.add_parser(
            "load", help="Create the plan from a file, or update it to match (idempotent)."
        )
        load.add_argument("file", type=Path)
        export = sub.add_parser("export", help="Write a stored plan as a plan file.")
        export.add_argument("slug")
        export.add_argument("--out", type=Path, help="Write to this file instead of the screen.")
        sub.add_parser("schema", help="Print the plan file's JSON Schema.")
        sub.add_parser("list", help="List the stored plans.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "validate":
            self._validate(options["file"], as_json=options["json"], strict=options["strict"])
        elif action == "load":
            self._load(options["file"])
        elif action == "export":
            self._export(options["slug"], options["out"])
        elif action == "schema":
            self.stdout.write(json.dumps(PlanDocument.model_json_schema(), indent=2))
        elif action == "list":
            self._list()

    def _validate(self, file: Path, *, as_json: bool, strict: bool) -> None:
        report = validate_file(file)
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(format_report(report))
        if not report.loadable:
            raise CommandError(f"{file}: {len(report.errors)} error(s); the plan cannot be loaded")
        if strict and report.inconsistencies:
            count = len(report.inconsistencies)
            raise CommandError(f"{file}: {count} inconsistency(ies) in the document (--strict)")

    def _load(self, file: Path) -> None:
        report = validate_file(file)
        if not report.loadable or report.document is None:
            self.stderr.write(format_report(report))
            raise CommandError(f"{file}: not loaded; nothing was changed")
        require_migrated_database()
        try:
            result = load_plan(
                report.document,
                how=f"loaded from {file.name} by {getpass.getuser()} (command line)",
            )
        except PlanLoadError as exc:
            raise CommandError(f"{file}: not loaded; nothing was changed: {exc}") from None
        plan = result.plan
        if result.revision is None:
            self.stdout.write(
                f"Plan {plan.slug} is unchanged: the database already matches {file}."
            )
        else:
            verb = "Created" if result.created else "Updated"
            self.stdout.write(
                f"{verb} plan {plan.slug} ({describe_counts(report)}); "
                f"revision {result.revision.number}."
            )
            self.stdout.write(_describe_changes(result.changes.as_dict()))
        _mention_inconsistencies(self, report, file)

    def _export(self, slug: str, out: Path | None) -> None:
        require_migrated_database()
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"no plan with slug {slug!r} (stored plans: {known})")
        text = dump_document(export_document(plan))
        if out is None:
            self.stdout.write(text, ending="")
        else:
            out.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote plan {slug} to {out}.")

    def _list(self) -> None:
        require_migrated_database()
        for plan in Plan.objects.all():
            public = "public" if plan.is_public else "sign-in required"
            self.stdout.write(f"{plan.slug}\t{plan.title}\t{plan.get_status_display()}\t{public}")


def _describe_changes(changes: dict[str, dict[str, int]]) -> str:
    lines = []
    for verb, counts in changes.items():
        if counts:
            lines.append(f"  {verb}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return "\n".join(lines)


def _mention_inconsistencies(command: BaseCommand, report: ValidationReport, file: Path) -> None:
    if report.inconsistencies:
        command.stdout.write(
            f"Note: the document has {len(report.inconsistencies)} inconsistency(ies); "
            f"see `trustplan plan validate {file}`."
        )
