"""`trustplan hub load|agreement|agreements|loads|quarantine`: agreements and feed loads."""

from __future__ import annotations

import csv
import io
from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.db import transaction

from trustplan.audit import chain
from trustplan.cli import iso_date
from trustplan.documents.cells import spreadsheet_safe
from trustplan.hub.loading import LoadRefused, load_feed
from trustplan.hub.models import DataSharingAgreement, FeedLoad
from trustplan.hubcore.feeds import FEEDS
from trustplan.measures.judging import as_of
from trustplan.partners.models import Organisation

Article6 = DataSharingAgreement.Article6
Article9 = DataSharingAgreement.Article9


def register(sub: _SubParsersAction[Any]) -> None:
    load = sub.add_parser("load", help="Check and load one feed file (all or nothing).")
    load.add_argument("feed_type", choices=sorted(FEEDS), metavar="FEED_TYPE")
    load.add_argument("file", type=Path)
    agreement = sub.add_parser("agreement", help="Add a data-sharing agreement.")
    agreement.add_argument("--title", required=True)
    agreement.add_argument("--feeds", required=True, help="Feed types, comma-separated.")
    agreement.add_argument(
        "--party", action="append", default=[], help="A controller's organisation key."
    )
    agreement.add_argument(
        "--processor",
        action="append",
        default=[],
        help="The organisation key of a party that processes the data for the controllers.",
    )
    agreement.add_argument(
        "--lawful-basis", required=True, help="The lawful bases explained: the law relied on."
    )
    agreement.add_argument(
        "--article-6",
        choices=[choice.value for choice in Article6],
        help="UK GDPR Article 6(1) basis: a to f (e: public task).",
    )
    agreement.add_argument(
        "--article-9",
        choices=[choice.value for choice in Article9],
        help="UK GDPR Article 9(2) condition: a to j, or none for no special category data.",
    )
    agreement.add_argument(
        "--schedule-1", default="", help="The DPA 2018 Schedule 1 condition, where one is needed."
    )
    agreement.add_argument("--purposes", required=True)
    agreement.add_argument("--from", dest="starts_on", type=iso_date, required=True)
    agreement.add_argument("--to", dest="ends_on", type=iso_date, required=True)
    agreement.add_argument("--review-on", type=iso_date, help="When the parties review it next.")
    agreement.add_argument("--retention-days", type=int, required=True)
    agreement.add_argument(
        "--grace-days",
        type=int,
        default=0,
        help="Days after it ends that records may still be kept, to return or delete them.",
    )
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


# The option that sets each of an agreement's lawful-basis fields, for its messages.
BASIS_OPTIONS = {
    "article_6_basis": "--article-6",
    "article_9_condition": "--article-9",
    "dpa_schedule_1_condition": "--schedule-1",
}


def _organisations(keys: list[str]) -> list[Organisation]:
    found = list(Organisation.objects.filter(key__in=keys))
    missing = sorted(set(keys) - {o.key for o in found})
    if missing:
        raise CommandError(f"No organisation has the key(s): {', '.join(missing)}.")
    return found


def agreement(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    """Add an agreement; every problem with the options refuses it, and nothing is added."""
    feeds = [f.strip() for f in options["feeds"].split(",") if f.strip()]
    unknown = sorted(set(feeds) - set(FEEDS))
    if unknown:
        raise CommandError(f"Unknown feed type(s): {', '.join(unknown)}.")
    if options["ends_on"] < options["starts_on"]:
        raise CommandError("--to is before --from.")
    if options["retention_days"] < 1:
        raise CommandError("--retention-days must be 1 or more.")
    if options["grace_days"] < 0:
        raise CommandError("--grace-days must be 0 or more.")
    parties = _organisations(options["party"])
    processors = _organisations(options["processor"])
    both = sorted({p.key for p in parties} & {p.key for p in processors})
    if both:
        raise CommandError(
            f"{', '.join(both)}: a party is a controller (--party) or a processor "
            "(--processor), not both."
        )
    agreement = DataSharingAgreement(
        title=options["title"],
        feeds=feeds,
        lawful_basis=options["lawful_basis"],
        article_6_basis=options["article_6"] or "",
        article_9_condition=options["article_9"] or "",
        dpa_schedule_1_condition=options["schedule_1"].strip(),
        purposes=options["purposes"],
        starts_on=options["starts_on"],
        ends_on=options["ends_on"],
        review_on=options["review_on"],
        retention_days=options["retention_days"],
        grace_days=options["grace_days"],
    )
    problems = [
        f"{problem} (give {BASIS_OPTIONS[field]})" for field, problem in agreement.basis_problems()
    ]
    if agreement.review_on is None:
        problems.append("no review date is given (give --review-on YYYY-MM-DD)")
    elif agreement.review_on < agreement.starts_on:
        problems.append("--review-on is before --from")
    if problems:
        raise CommandError(f"The agreement was not added: {'; '.join(problems)}.")
    with transaction.atomic():
        agreement.save()
        agreement.parties.set([*parties, *processors])
        agreement.processors.set(processors)
    stdout.write(f"Added agreement {agreement.pk}: {agreement.title}.")


def _bases(a: DataSharingAgreement) -> str:
    bases = [
        a.get_article_6_basis_display() if a.article_6_basis else "no Article 6 basis",
        a.get_article_9_condition_display() if a.article_9_condition else "no Article 9 condition",
    ]
    if a.dpa_schedule_1_condition:
        bases.append(f"DPA 2018 Schedule 1: {a.dpa_schedule_1_condition}")
    return "; ".join(bases)


def agreements(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    """Each agreement, its bases and parties, with a line starting "!" for each thing needing
    attention: a review that is due, or a lawful basis that is missing."""
    on = as_of()
    for a in DataSharingAgreement.objects.prefetch_related("parties", "processors"):
        grace = f" (+{a.grace_days} days after it ends)" if a.grace_days else ""
        stdout.write(
            f"{a.pk}  {a.title}: {', '.join(a.feeds)}; {a.starts_on} to {a.ends_on}; "
            f"kept {a.retention_days} days{grace}"
        )
        stdout.write(f"    {_bases(a)}")
        processing = {p.pk for p in a.processors.all()}
        controllers = [p.key for p in a.parties.all() if p.pk not in processing]
        stdout.write(
            f"    controllers: {', '.join(controllers) or 'none recorded'}; "
            f"processors: {', '.join(p.key for p in a.processors.all()) or 'none'}; "
            f"review on {a.review_on or 'not recorded'}"
        )
        review = a.review_problem(on)
        if review is not None:
            stdout.write(f"    ! review: {review}")
        for _, problem in a.basis_problems():
            stdout.write(f"    ! lawful basis: {problem}")


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
    chain.record_export(
        None, "feed_load", f"{len(rows):,} quarantined rows as CSV", object_id=str(load.pk)
    )
    stdout.write(f"Wrote {len(rows):,} quarantined rows of load {load.pk} to {options['out']}.")


ACTIONS = {
    "load": load,
    "agreement": agreement,
    "agreements": agreements,
    "loads": loads,
    "quarantine": quarantine,
}
