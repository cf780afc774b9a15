"""Write stored indicator data in the import template's form, so an export can be edited and
imported again (docs/data-import.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from trustplan.dataimport.columns import OBSERVATIONS, TARGETS
from trustplan.documents.cells import spreadsheet_safe
from trustplan.measures.models import Observation, Target

# The columns are the import template's own, so an export imports again unchanged.
OBSERVATION_COLUMNS = list(OBSERVATIONS.names)
TARGET_COLUMNS = list(TARGETS.names)


def observation_rows(observations: Iterable[Observation]) -> Iterator[list[object]]:
    for o in observations:
        row = {
            "indicator": o.indicator.key,
            "area_code": o.area.code,
            "area_name": o.area.name,
            "area_kind": o.area.kind,
            "period": o.period_label,
            **o.values(),
        }
        yield [row[column] for column in OBSERVATION_COLUMNS]


def target_rows(targets: Iterable[Target]) -> Iterator[list[object]]:
    for t in targets:
        tolerance = ""
        if t.tolerance_kind == "absolute":
            tolerance = f"{t.tolerance:g}"
        elif t.tolerance_kind == "relative":
            tolerance = f"{t.tolerance * 100:g}%"
        yield [
            t.indicator.key,
            t.area.code,
            t.due.isoformat(),
            t.value,
            tolerance,
            t.label,
            t.source,
        ]


def to_csv(columns: list[str], rows: Iterable[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


def to_xlsx(sheets: dict[str, tuple[list[str], Iterable[list[object]]]]) -> bytes:
    workbook = Workbook(write_only=True)
    for name, (columns, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append([None if cell is None else spreadsheet_safe(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
