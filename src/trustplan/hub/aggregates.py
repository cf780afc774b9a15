"""The hub's aggregate outputs from its store: hotspots, outcomes and the localities' outlines.

Every figure leaves through ``trustplan.disclosure.suppress`` (in ``trustplan.hubcore``'s
``hotspots``, ``outcomes`` and ``kpis``); nothing here returns a family id or a person. The
pages, the downloads and the ``hub`` command all call these functions, so they agree.

- Hotspots are counted from the current (latest) family run's families and flags.
- Outcomes need each family's events over time, so they are measured on the linked facts of
  that run (``trustplan.hub.families.linked_facts``), as at the run's date.
- The localities' outlines for the map are a GeoJSON file kept in the data folder
  (``TRUSTPLAN_DATA_DIR/hub/localities.geojson``), stored by ``trustplan hub hotspots
  --geojson FILE``. Boundaries are not person-level data and change rarely, so a file beside
  the database is the simplest honest home for them; on a server with several machines, store
  it on each, or on the shared data folder.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Final

from django.conf import settings
from django.db.models import Count

from trustplan.documents.cells import spreadsheet_safe
from trustplan.documents.packaging import save_xlsx
from trustplan.documents.spreadsheet import add_sheet, new_workbook
from trustplan.hub.models import Family, FamilyRun, Flag, Locality
from trustplan.hubcore.hotspot_charts import Geometry, read_outlines
from trustplan.hubcore.hotspots import (
    CSV_HEADER,
    NOT_KNOWN,
    Hotspots,
    LocalityCount,
    csv_rows,
    hotspots,
)
from trustplan.hubcore.outcomes import Outcomes, outcomes
from trustplan.hubcore.rules import Facts, RuleSet, shipped_rule_sets

OUTLINES_FILE: Final = "localities.geojson"
NAME_PROPERTY: Final = "locality"


def current_run() -> FamilyRun | None:
    """The latest family run: hotspots and outcomes are drawn from it."""
    return FamilyRun.objects.order_by("-started_at", "-pk").first()


@cache
def _shipped() -> dict[str, RuleSet]:
    return shipped_rule_sets()


def rule_titles(run: FamilyRun) -> dict[str, str]:
    """The run's rule sets (key: title), in the run's order; a rule set trustplan does not ship
    is titled by its key. Rule sets that flagged families but are not listed come last."""
    keys = [str(entry["key"]) for entry in run.rule_sets if isinstance(entry, dict)]
    flagged = Flag.objects.filter(family__run=run).values_list("rule_set", flat=True).distinct()
    keys += sorted(set(flagged) - set(keys))
    shipped = _shipped()
    return {key: shipped[key].title if key in shipped else key for key in keys}


def locality_counts(run: FamilyRun) -> list[LocalityCount]:
    """Every locality's families in ``run`` and the families meeting each rule set, by name,
    then the families with no locality (if any). Localities with no families are listed."""
    families = {
        row["locality__name"]: row["n"]
        for row in Family.objects.filter(run=run).values("locality__name").annotate(n=Count("pk"))
    }
    meeting: dict[str | None, dict[str, int]] = {}
    flags = (
        Flag.objects.filter(family__run=run)
        .values("family__locality__name", "rule_set")
        .annotate(n=Count("family", distinct=True))
    )
    for row in flags:
        meeting.setdefault(row["family__locality__name"], {})[row["rule_set"]] = row["n"]
    names: list[str | None] = list(Locality.objects.order_by("name").values_list("name", flat=True))
    if None in families:
        names.append(None)
    return [
        LocalityCount(
            NOT_KNOWN if name is None else name, families.get(name, 0), meeting.get(name, {})
        )
        for name in names
    ]


def current_hotspots() -> Hotspots | None:
    """The current run's hotspots, suppressed; ``None`` before the first family run."""
    run = current_run()
    if run is None:
        return None
    titles = rule_titles(run)
    counts = locality_counts(run)
    if not titles or not counts:
        return None
    return hotspots(counts, titles, run.as_at)


def hotspots_csv(found: Hotspots) -> str:
    """The suppressed hotspot tables as CSV, every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows([spreadsheet_safe(value) for value in row] for row in csv_rows(found))
    return out.getvalue()


def hotspots_xlsx(found: Hotspots) -> bytes:
    """The same table as an Excel workbook, counts and rates as numbers."""
    workbook = new_workbook()
    widths = (34, 24, 12, 18, 24, 12, 12, 60)
    rows = ([*row[:2], *map(_number, row[2:7]), *row[7:]] for row in csv_rows(found))
    add_sheet(workbook, "hotspots", list(zip(CSV_HEADER, widths, strict=True)), rows)
    return save_xlsx(workbook, title="Hub hotspots", author="trustplan", moment=found.as_at)


def _number(text: str) -> object:
    """A count or rate as a number, so that it sorts and sums; ``[c]`` and blanks as text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def outlines_path() -> Path:
    return Path(settings.DATA_DIR) / "hub" / OUTLINES_FILE


def store_outlines(text: str, name_property: str = NAME_PROPERTY) -> dict[str, Geometry]:
    """Check a GeoJSON file of the localities' outlines and keep it for the map, each feature
    named by ``name_property``. ``ValueError`` (from ``read_outlines``) if it is not one."""
    outlines = read_outlines(text, name_property)
    features = [
        {"type": "Feature", "properties": {NAME_PROPERTY: name}, "geometry": geometry}
        for name, geometry in outlines.items()
    ]
    path = outlines_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(document), encoding="utf-8")
    return outlines


def stored_outlines() -> dict[str, Geometry] | None:
    """The stored outlines, or ``None`` if none have been stored."""
    path = outlines_path()
    if not path.is_file():
        return None
    return read_outlines(path.read_text(encoding="utf-8"))


def progress_rule_sets(run: FamilyRun) -> list[RuleSet]:
    """The run's rule sets that trustplan ships and that define progress (the shipped wording:
    a partnership's own rule set is not stored with the run)."""
    shipped = _shipped()
    return [
        shipped[key]
        for key in rule_titles(run)
        if key in shipped and shipped[key].progress is not None
    ]


def current_outcomes(facts: Facts | None = None) -> Outcomes | None:
    """Outcomes after early help as at the current run's date, suppressed; ``None`` before the
    first family run. ``facts`` defaults to the run's linked facts."""
    run = current_run()
    if run is None:
        return None
    if facts is None:
        facts = linked_facts(run)
    return outcomes(progress_rule_sets(run), facts, run.as_at)


def linked_facts(run: FamilyRun) -> Facts:
    """The run's people and their events, as ``trustplan.hub.families`` builds them."""
    from trustplan.hub import families

    return families.linked_facts(run)
