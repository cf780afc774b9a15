"""`trustplan hub retention|subject-access`: removing what may no longer be kept, and gathering
everything held on one person (see docs/governance.md)."""

from __future__ import annotations

from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.cli import iso_date
from trustplan.governance.subject_access import SubjectAccessError, person_of_record, write_bundle
from trustplan.hub.retention import RetentionReport, apply_retention
from trustplan.measures.judging import as_of


def register(sub: _SubParsersAction[Any]) -> None:
    retention = sub.add_parser(
        "retention", help="Remove records past their agreement's retention; report what went."
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="Report what would be removed; remove nothing."
    )
    retention.add_argument(
        "--on",
        type=iso_date,
        help="The day to judge retention as at (default: today, or TRUSTPLAN_AS_OF).",
    )
    access = sub.add_parser(
        "subject-access", help="Write everything held on one person as JSON (a SAR bundle)."
    )
    who = access.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", help="The linked person id (P-…).")
    who.add_argument("--record", help="One of their records, as feed:record_id.")
    access.add_argument("--out", type=Path, required=True, help="The JSON file to write.")


def _day(when: Any) -> str:
    return f"{when.day} {when:%B %Y}"


def _report(stdout: OutputWrapper, report: RetentionReport) -> None:
    verb = "would remove" if report.dry_run else "removed"
    loads = len(report.removals)
    stdout.write(
        f"Retention as at {_day(report.on)}"
        + (" (dry run: nothing was removed)" if report.dry_run else "")
        + f": {verb} {report.records:,} records from {loads:,} load{'s' if loads != 1 else ''}."
    )
    for feed, removals in report.by_feed().items():
        stdout.write(f"{feed}:")
        for removal in removals:
            stdout.write(
                f"  load {removal.load_id} (loaded {_day(removal.loaded_on)}): "
                f"{removal.counts()}; {removal.why}."
            )
    if not report.removals:
        stdout.write("Nothing held is past its retention.")
    if report.without_agreement:
        stdout.write(
            f"{report.without_agreement:,} records were stored under no agreement; they are "
            "not removed by retention (see docs/governance.md)."
        )
    if report.removals and not report.dry_run:
        stdout.write(
            "Families and flags are drawn from the links: run `trustplan hub link` and "
            "`trustplan hub families` to draw them from what remains."
        )


def retention(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    on = options["on"] or as_of()
    _report(stdout, apply_retention(on, dry_run=options["dry_run"]))


def subject_access(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    out: Path = options["out"]
    try:
        person = options["person"] or person_of_record(options["record"])
        said = write_bundle(person, out)
    except SubjectAccessError as problem:
        raise CommandError(str(problem)) from problem
    stdout.write(f"Wrote everything held on {person} to {out}: {said}.")


ACTIONS = {"retention": retention, "subject-access": subject_access}
