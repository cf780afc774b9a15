"""Read and check an indicator-data file: the whole of docs/data-import.md short of the database.

`read_import` turns a file's bytes into an `ImportBatch`: the records of every clean row, every
rejected row with its reasons, the rows skipped and why, and notes on how the file was read. It
never raises on bad input. The caller applies the batch only if `ImportBatch.ok`: an import is
all or nothing, so one bad row stops the file, and the report lists every bad row at once.

A file's indicator definitions are checked before its other rows, whichever sheet comes first,
so that its observations and targets are checked against the definitions they arrive with.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PureWindowsPath

from trustplan.dataimport.catalogue import Catalogue, IndicatorSpec
from trustplan.dataimport.columns import (
    Layout,
    TableKind,
    is_read_me,
    kind_of_columns,
    kind_of_sheet,
    lay_out,
)
from trustplan.dataimport.records import (
    AreaRecord,
    GroupMemberRecord,
    IndicatorRecord,
    ObservationRecord,
    TargetRecord,
)
from trustplan.dataimport.rows import (
    AreaDraft,
    Draft,
    IndicatorDraft,
    MemberDraft,
    ObservationDraft,
    SheetDrafts,
    TargetDraft,
    draft_sheet,
)
from trustplan.dataimport.rules import (
    Context,
    Rejection,
    UnknownSheet,
    check_header,
    check_row,
)
from trustplan.dataimport.tables import FileError, Sheet, Tables, read_tables

__all__ = ["ImportBatch", "read_import"]

MAX_LISTED_IDS = 10


@dataclass
class ImportBatch:
    """What a file holds, checked: records from clean rows, and every rejected row.

    ``file_error`` is set, and everything else empty, when the file cannot be read at all.
    ``skipped`` counts rows left out on purpose (blank rows, Fingertips rows not for
    trustplan), by reason. ``notes`` say how the file was read, where the analyst should know.
    """

    file_name: str
    sha256: str
    file_format: str
    indicators: list[IndicatorRecord] = field(default_factory=list)
    observations: list[ObservationRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    areas: list[AreaRecord] = field(default_factory=list)
    group_members: list[GroupMemberRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    file_error: str | None = None
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        """Whether the batch may be applied: the file was read and no row was rejected."""
        return self.file_error is None and not self.rejections

    @property
    def rejected_rows(self) -> int:
        """How many distinct rows (or headers) were rejected; a row may break several rules."""
        return len({(r.sheet, r.row) for r in self.rejections})


def read_import(data: bytes, file_name: str, catalogue: Catalogue) -> ImportBatch:
    """Read and check one file (CSV or XLSX bytes) against what the database knows."""
    batch = ImportBatch(file_name, hashlib.sha256(data).hexdigest(), _format_from_name(file_name))
    try:
        tables = read_tables(data, file_name)
        _read(tables, catalogue, batch)
    except FileError as exc:
        return ImportBatch(batch.file_name, batch.sha256, batch.file_format, file_error=exc.message)
    return batch


def _format_from_name(file_name: str) -> str:
    return PureWindowsPath(file_name).suffix.lstrip(".").lower() or "unknown"


def _read(tables: Tables, catalogue: Catalogue, batch: ImportBatch) -> None:
    batch.notes.extend(tables.notes)
    workbook = tables.file_format == "xlsx"
    kinds: list[TableKind] = []
    laid_out: list[tuple[Sheet, Layout]] = []
    data_rows = 0
    for sheet in tables.sheets:
        if workbook and (is_read_me(sheet.name) or not sheet.rows):
            # A sheet with no rows of data holds nothing to lose: the template's unused sheets,
            # or Excel's empty "Sheet2". Only a name trustplan does not know is worth a note.
            if kind_of_sheet(sheet.name) is None and not is_read_me(sheet.name):
                batch.notes.append(f"Sheet {sheet.name!r} has no rows of data and was skipped.")
            continue
        data_rows += len(sheet.rows)
        kind = _kind(sheet, workbook)
        if kind is None:
            batch.rejections.append(UnknownSheet().sheet(sheet))
            continue
        kinds.append(kind)
        layout = lay_out(kind, sheet.header, _first_use(sheet))
        header_problems = check_header(sheet, layout)
        if header_problems:
            batch.rejections.extend(header_problems)
            rows = "1 row" if len(sheet.rows) == 1 else f"{len(sheet.rows)} rows"
            batch.notes.append(
                f"The {rows} of sheet {sheet.name!r} were not checked, because its header is "
                "wrong; fix the header and import the file again."
            )
            continue
        laid_out.append((sheet, layout))
    if data_rows == 0:
        raise FileError(_no_rows_message(tables))
    batch.file_format = _file_format(tables, kinds)
    _check(laid_out, catalogue, batch)
    # Header problems were found sheet by sheet before any row was checked; report in the
    # order the analyst reads the file. The sort is stable, so a row's rules keep their order.
    order = {sheet.name: index for index, sheet in enumerate(tables.sheets)}
    batch.rejections.sort(key=lambda r: (order.get(r.sheet, 0), r.row or 0))


def _kind(sheet: Sheet, workbook: bool) -> TableKind | None:
    """The table a sheet holds: a Fingertips download by its columns, whatever its name;
    otherwise a workbook's sheet by its name, and a CSV file by its columns.

    Raises:
        FileError: a CSV file whose columns are not those of any table.
    """
    by_columns = kind_of_columns(sheet.header)
    if by_columns is TableKind.FINGERTIPS:
        return by_columns
    if workbook:
        return kind_of_sheet(sheet.name)
    if by_columns is None:
        raise FileError(
            f"trustplan cannot tell what {sheet.name!r} holds: its columns ("
            + ", ".join(repr(c) for c in sheet.header if c)
            + ") are not those of any table it reads. Indicators need key, name and value_type; "
            "observations indicator, area_code, period and value; targets indicator, "
            "area_code, due and target; areas "
            "area_code, area_name and area_kind; comparator groups group_code and "
            "member_code; a Fingertips download has Indicator ID, Area Code, Time period "
            "and Value."
        )
    return by_columns


def _first_use(sheet: Sheet) -> Mapping[int, int]:
    """For each column, the first row with something in it."""
    first: dict[int, int] = {}
    for row in sheet.rows:
        for index, cell in enumerate(row.cells):
            if cell is not None and index not in first:
                first[index] = row.number
    return first


def _no_rows_message(tables: Tables) -> str:
    if tables.file_format == "xlsx":
        return "The workbook has no rows of data in any sheet, so there is nothing to import."
    sheet = tables.sheets[0]
    if sheet.empty:
        return "The file is empty."
    return f"{sheet.name!r} has a header but no rows of data, so there is nothing to import."


def _file_format(tables: Tables, kinds: list[TableKind]) -> str:
    if kinds and all(kind is TableKind.FINGERTIPS for kind in kinds):
        return f"fingertips-{tables.file_format}"
    return tables.file_format


def _check(laid_out: list[tuple[Sheet, Layout]], catalogue: Catalogue, batch: ImportBatch) -> None:
    """Run every rule on every row, the definitions first; keep a record for each clean row.

    Only a definition that breaks no rule makes its key known to the other rows: a rejected
    one would have them checked against a definition that is not going to be stored.
    """
    definitions = [
        draft_sheet(sheet, layout, catalogue)
        for sheet, layout in laid_out
        if layout.kind is TableKind.INDICATORS
    ]
    _, rejected = _check_rows(_drafts(definitions), Context(catalogue), batch)
    known = catalogue.with_definitions(IndicatorSpec.defined_by(r) for r in batch.indicators)
    data = [
        draft_sheet(sheet, layout, known)
        for sheet, layout in laid_out
        if layout.kind is not TableKind.INDICATORS
    ]
    drafts = _drafts(data)
    created = frozenset(code for draft in drafts if (code := draft.creates) is not None)
    rejected_definitions = {key: d.ref for d in rejected if (key := d.ref.text("key"))}
    kept, _ = _check_rows(
        drafts, Context(known, created, rejected_definitions=rejected_definitions), batch
    )
    calculated = sum(
        isinstance(draft, ObservationDraft)
        and "value" not in draft.numbers
        and draft.calculated_value is not None
        for draft in kept
    )
    sheets = [*definitions, *data]
    batch.rows_read = sum(len(sheet.drafts) for sheet in sheets)
    skipped: Counter[str] = Counter()
    unfollowed: set[int] = set()
    for sheet in sheets:
        skipped.update(sheet.skipped)
        unfollowed |= sheet.unfollowed_ids
    batch.skipped = dict(skipped)
    if calculated:
        batch.notes.append(
            f"The value of {calculated} row{'' if calculated == 1 else 's'} was calculated as "
            "numerator ÷ denominator × the indicator's multiplier."
        )
    if unfollowed:
        listed = ", ".join(str(i) for i in sorted(unfollowed)[:MAX_LISTED_IDS])
        more = (
            f" and {len(unfollowed) - MAX_LISTED_IDS} more"
            if len(unfollowed) > MAX_LISTED_IDS
            else ""
        )
        batch.notes.append(
            f"Rows for Fingertips indicators trustplan does not follow were skipped (IDs "
            f"{listed}{more}). If one should be followed, set its Fingertips ID on the "
            "indicator."
        )


def _drafts(sheets: list[SheetDrafts]) -> list[Draft]:
    return [draft for sheet in sheets for draft in sheet.drafts]


def _check_rows(
    drafts: list[Draft], context: Context, batch: ImportBatch
) -> tuple[list[Draft], list[Draft]]:
    """Check each row, keeping a record of each clean one; return the clean and the rejected."""
    kept: list[Draft] = []
    rejected: list[Draft] = []
    for draft in drafts:
        rejections = check_row(draft, context)
        if rejections:
            batch.rejections.extend(rejections)
            rejected.append(draft)
            continue
        _keep(draft, batch)
        kept.append(draft)
    return kept, rejected


def _keep(draft: Draft, batch: ImportBatch) -> None:
    match draft:
        case IndicatorDraft():
            batch.indicators.append(draft.record())
        case ObservationDraft():
            batch.observations.append(draft.record())
        case TargetDraft():
            batch.targets.append(draft.record())
        case AreaDraft():
            batch.areas.append(draft.record())
        case MemberDraft():
            batch.group_members.append(draft.record())
