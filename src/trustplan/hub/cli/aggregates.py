"""`trustplan hub hotspots|outcomes|kpis`: the hub's aggregate outputs, suppressed.

Every figure printed or written here has been through ``trustplan.disclosure.suppress``: a
count of 1 to 4, or a figure that would give one away, is ``[c]``.
"""

from __future__ import annotations

import datetime as dt
from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.disclosure import FOOTNOTE
from trustplan.hub import aggregates
from trustplan.hub.kpis import DEFAULT_MAPPING, KpiError, read_mapping, write_kpis
from trustplan.hub.models import FamilyRun
from trustplan.hubcore.hotspots import Hotspots
from trustplan.hubcore.outcomes import Outcomes


def register(sub: _SubParsersAction[Any]) -> None:
    hotspots = sub.add_parser(
        "hotspots", help="Families meeting each rule set by locality, suppressed."
    )
    hotspots.add_argument("--out", type=Path, help="Write the table to F.csv or F.xlsx.")
    hotspots.add_argument(
        "--geojson", type=Path, help="Store the localities' outlines (GeoJSON) for the map."
    )
    hotspots.add_argument(
        "--name-property",
        default=aggregates.NAME_PROPERTY,
        help="The GeoJSON property that names each locality (default: locality).",
    )
    sub.add_parser("outcomes", help="Progress after early help, 6 and 12 months on, suppressed.")
    kpis = sub.add_parser("kpis", help="Write the hub's counts to the plan's indicators.")
    kpis.add_argument("--as-at", type=dt.date.fromisoformat, required=True, metavar="DATE")
    kpis.add_argument(
        "--dry-run", action="store_true", help="Show what would change; change nothing."
    )
    kpis.add_argument(
        "--mapping",
        type=Path,
        default=DEFAULT_MAPPING,
        help="Which indicator each count feeds (default: the demonstration plan's).",
    )


def _run() -> FamilyRun:
    run = aggregates.current_run()
    if run is None:
        raise CommandError("There is no family run yet: run `trustplan hub families` first.")
    return run


def hotspots(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    if options["geojson"] is not None:
        path: Path = options["geojson"]
        try:
            outlines = aggregates.store_outlines(
                path.read_text(encoding="utf-8"), options["name_property"]
            )
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path}: {error}") from error
        stdout.write(f"Stored {len(outlines)} localities' outlines for the hotspot map.")
        if options["out"] is None and aggregates.current_run() is None:
            return
    _run()
    found = aggregates.current_hotspots()
    if found is None:
        raise CommandError("The current family run has no localities or rule sets to count.")
    out: Path | None = options["out"]
    if out is not None:
        if out.suffix.lower() == ".xlsx":
            out.write_bytes(aggregates.hotspots_xlsx(found))
        else:
            out.write_text(aggregates.hotspots_csv(found), encoding="utf-8", newline="")
        stdout.write(f"Wrote the hotspots table to {out}.")
        return
    _print_hotspots(stdout, found)


def _print_hotspots(stdout: OutputWrapper, found: Hotspots) -> None:
    stdout.write(f"Hotspots as at {found.as_at.isoformat()}: families meeting each rule set, by")
    stdout.write("locality, including families already open to early help or social care.")
    for rule in found.rules:
        stdout.write("")
        stdout.write(f"{rule.title} ({rule.rule_key})")
        stdout.write(f"  {'locality':<24}{'families':>10}{'meeting':>10}{'per 1,000':>11}  95% CI")
        for row in (*rule.rows, rule.partnership):
            figure = row.rate
            rate = "" if figure is None else figure.text
            interval = getattr(figure, "interval", "")
            line = (
                f"  {row.locality:<24}{row.families.text:>10}{row.meeting.text:>10}"
                f"{rate:>11}  {interval}"
            )
            stdout.write(line.rstrip())
    stdout.write("")
    stdout.write(FOOTNOTE)


def outcomes(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    _run()
    found = aggregates.current_outcomes()
    if found is None:  # pragma: no cover - _run() has checked there is a run
        raise CommandError("There is no family run yet.")
    _print_outcomes(stdout, found)


def _print_outcomes(stdout: OutputWrapper, found: Outcomes) -> None:
    stdout.write(
        f"Outcomes as at {found.on.isoformat()}: {found.closed.text} families whose early help "
        "support had closed."
    )
    for rule in found.rules:
        stdout.write("")
        stdout.write(f"{rule.title} ({rule.rule_key})")
        for checkpoint in rule.checkpoints:
            share = checkpoint.share
            shown = "" if share is None else f" ({share.text}%)"
            interval = getattr(share, "interval", "")
            stdout.write(
                f"  {checkpoint.months} months after support closed: {checkpoint.due.text} "
                f"families; {checkpoint.measured.text} with a need at the start; "
                f"{checkpoint.sustained.text} with significant and sustained progress{shown}"
                + (f", 95% CI {interval}%" if interval else "")
            )
            stdout.write(
                f"    {'need':<28}{f'{checkpoint.months} months before':>18}"
                f"{f'{checkpoint.months} months after':>18}"
            )
            for need in checkpoint.needs:
                stdout.write(f"    {need.indicator:<28}{need.before.text:>18}{need.after.text:>18}")
    stdout.write("")
    stdout.write(FOOTNOTE)


def kpis(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    run = _run()
    try:
        mapping = read_mapping(options["mapping"])
        counts, outcome = write_kpis(
            options["as_at"],
            facts=aggregates.linked_facts(run),
            mapping=mapping,
            dry_run=options["dry_run"],
        )
    except KpiError as error:
        raise CommandError(str(error)) from error
    stdout.write(f"The hub's counts as at {options['as_at'].isoformat()}:")
    for count in counts:
        fed = mapping.indicators.get(count.key)
        stdout.write(
            f"  {count.value.text:>8}  {count.key}" + (f"  -> {fed}" if fed else "  (not written)")
        )
    record = outcome.record
    if not outcome.batch.ok:
        reasons = "; ".join(rejection.message for rejection in outcome.batch.rejections)
        raise CommandError(f"The values were not imported: {outcome.batch.file_error or reasons}")
    changes = ", ".join(f"{v} {k}" for k, v in record.counts.items() if v and "rows" not in k)
    stdout.write(
        f"Import {record.pk} ({record.get_outcome_display().lower()}): {changes or 'no change'}."
    )
    stdout.write(FOOTNOTE)


ACTIONS = {"hotspots": hotspots, "outcomes": outcomes, "kpis": kpis}
