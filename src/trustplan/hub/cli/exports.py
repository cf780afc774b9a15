"""`trustplan hub export links|families|flags --out F`: the hub's current links, families and
flags as CSV, every cell protected against formula injection.

* ``links``: ``feed, record_id, person_id``, by the latest link run;
* ``families``: ``person_id, family_id``, by the latest family run;
* ``flags``: ``family_id, rule, criteria`` (the indicators met, separated by semicolons), by the
  latest family run: every family meeting a rule set, including those already open to a
  service (their family's record says so).
"""

from __future__ import annotations

import csv
import io
from argparse import _SubParsersAction
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.audit import chain
from trustplan.documents.cells import spreadsheet_safe
from trustplan.hub.families import latest_family_run
from trustplan.hub.models import FamilyMember, FamilyRun, Flag, PersonLink


def register(sub: _SubParsersAction[Any]) -> None:
    export = sub.add_parser("export", help="Write the current links, families or flags as CSV.")
    export.add_argument("what", choices=sorted(_WRITERS))
    export.add_argument("--out", type=Path, required=True)


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        count += 1
    path.write_text(out.getvalue(), encoding="utf-8")
    return count


def _current_run() -> FamilyRun:
    run = latest_family_run()
    if run is None:
        raise CommandError("No families are grouped yet: run `trustplan hub families` first.")
    return run


def _links(path: Path) -> str:
    links = PersonLink.objects.order_by("feed_type", "record_id")
    rows = links.values_list("feed_type", "record_id", "person_id").iterator()
    return f"{_write(path, ('feed', 'record_id', 'person_id'), rows):,} links"


def _families(path: Path) -> str:
    run = _current_run()
    members = FamilyMember.objects.filter(family__run=run).order_by(
        "person_id", "family__family_id"
    )
    rows = members.values_list("person_id", "family__family_id").iterator()
    count = _write(path, ("person_id", "family_id"), rows)
    return f"{count:,} family members of family run {run.pk}"


def _flags(path: Path) -> str:
    run = _current_run()
    flags = Flag.objects.filter(family__run=run).order_by("family__family_id", "rule_set")
    rows = (
        (family_id, rule_set, ";".join(criteria))
        for family_id, rule_set, criteria in flags.values_list(
            "family__family_id", "rule_set", "criteria"
        ).iterator()
    )
    count = _write(path, ("family_id", "rule", "criteria"), rows)
    return f"{count:,} flags of family run {run.pk}"


_WRITERS = {"links": _links, "families": _families, "flags": _flags}


def export(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    path: Path = options["out"]
    written = _WRITERS[options["what"]](path)
    chain.record_export(None, options["what"], f"{written} as CSV")
    stdout.write(f"Wrote {written} to {path}.")


ACTIONS = {"export": export}
