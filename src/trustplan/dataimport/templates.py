"""The empty import template, for analysts to download and fill in.

The columns come from the same table definitions the importer reads (`columns.TABLES`), so the
template and the importer cannot disagree; the indicators sheet comes first, as definitions
come before the data that use them. The workbook's "read me" sheet lists every column
with what it means; the importer skips that sheet, so a filled-in template imports as it is.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from trustplan.dataimport.columns import READ_ME_SHEET, TABLES, TableKind

__all__ = ["template_csv", "template_xlsx"]

INTRODUCTION = (
    "trustplan indicator data template. Fill in the sheets you need and leave the others "
    "empty; keep each header row as it is, and do not rename the sheets. Indicators defined in "
    "the indicators sheet may be used by the other sheets of the same workbook. Every row is "
    "checked before anything is imported: if any row is wrong, nothing is imported and the "
    "report lists every bad row with its reason. A blank value means no data and needs a note "
    "saying why. The columns are listed below."
)
READ_ME_HEADER = ("sheet", "column", "required", "meaning")
COLUMN_WIDTHS = {"A": 20, "B": 16, "C": 10, "D": 100}


def template_csv(kind: TableKind = TableKind.OBSERVATIONS) -> str:
    """A CSV file with one table's header row and no data (a CSV file holds one table)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(TABLES[kind].names)
    return out.getvalue()


def template_xlsx() -> bytes:
    """A workbook with a sheet for each table, headers only, and a read-me sheet."""
    workbook = Workbook()
    read_me = workbook.active
    read_me.title = READ_ME_SHEET
    read_me.append([INTRODUCTION])
    read_me.append([])
    read_me.append(list(READ_ME_HEADER))
    bold = Font(bold=True)
    for cell in read_me[3]:
        cell.font = bold
    for spec in TABLES.values():
        for column in spec.columns:
            required = "yes" if column.required else ""
            read_me.append([spec.sheet_name, column.name, required, column.meaning])
        sheet = workbook.create_sheet(spec.sheet_name)
        sheet.append(list(spec.names))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
    for letter, width in COLUMN_WIDTHS.items():
        read_me.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
