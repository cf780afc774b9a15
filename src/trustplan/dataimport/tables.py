"""Read a file's bytes into sheets of cells, whatever spreadsheet program wrote it.

A CSV file is one sheet, named after the file; an XLSX workbook is one sheet per worksheet.
Each data row keeps its 1-based spreadsheet row number, so that every problem can be reported
where the analyst will look for it. Cells keep their Python types (an Excel date cell stays a
date, a number stays a number); text is trimmed, and blank rows are dropped but counted.

What this module refuses is a file that cannot be read as a table at all (empty, neither CSV nor
XLSX, a truncated workbook, a header naming one column twice, a formula whose value was never
calculated): it raises one `FileError` with a message for the analyst, and nothing is imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PureWindowsPath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from trustplan.dataimport.columns import normalise

__all__ = [
    "Cell",
    "FileError",
    "Percent",
    "Row",
    "Sheet",
    "Tables",
    "cell_text",
    "column_letter",
    "read_tables",
]


class FileError(Exception):
    """A file that cannot be read as a table at all; the message is for the analyst."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Percent:
    """A number cell that Excel shows as a percentage: 0.123 formatted ``0.0%`` shows "12.3%".

    The analyst sees, and means, 12.3 (per 100), so such a cell is read as the number shown.
    Kept distinct from a plain number because a tolerance shown as "5%" is a relative one.
    """

    fraction: float

    @property
    def shown(self) -> float:
        """The number Excel shows before the % sign, without binary-fraction noise."""
        return float(f"{self.fraction * 100:.12g}")


Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | Percent | None


@dataclass(frozen=True)
class Row:
    """A data row: its spreadsheet row number and its cells, one per header column."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Sheet:
    """One table: a CSV file, or one worksheet of a workbook.

    ``header`` holds the column names as written (trimmed; "" for a column with no name).
    ``header_row`` is None for a sheet with nothing in it.
    """

    name: str
    header: tuple[str, ...]
    header_row: int | None
    rows: tuple[Row, ...]
    blank_rows: int = 0

    @property
    def empty(self) -> bool:
        return self.header_row is None


@dataclass(frozen=True)
class Tables:
    """Everything read from one file, with notes on how it was read."""

    file_format: str
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...] = field(default=())


ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
DELIMITER_NAMES = {";": "semicolons", "\t": "tabs"}
# A text cell exported as "'=..." was protected from running as a formula (CSV injection);
# reading it back drops the protecting apostrophe.
FORMULA_PROTECTED = re.compile(r"^'[=+\-@]")
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def read_tables(data: bytes, file_name: str) -> Tables:
    """Read CSV or XLSX bytes into sheets; the format is told by the bytes, not the name.

    Raises:
        FileError: the file cannot be read as a table at all.
    """
    if not data.strip() or data.strip() in (UTF8_BOM, *UTF16_BOMS):
        raise FileError("The file is empty.")
    if data.startswith(ZIP_MAGIC):
        return _read_workbook(data)
    if data.startswith(OLE2_MAGIC):
        raise FileError(
            "The file is an old-style Excel 97-2003 (.xls) workbook, or a password-protected "
            "one, which trustplan cannot read. Save it from Excel as .xlsx or as CSV, "
            "without a password."
        )
    if PureWindowsPath(file_name).suffix.lower() in WORKBOOK_SUFFIXES:
        raise FileError(
            f"{file_name!r} is named as an Excel workbook but is not one: it may be truncated "
            "or corrupt. Save it again from Excel, or save it as CSV."
        )
    # Some browsers send the whole Windows path; the sheet is named after the file alone.
    return _read_csv(data, PureWindowsPath(file_name).name or "file")


def cell_text(cell: Cell) -> str:
    """A cell as the analyst would read it, for messages and the rejected-row report."""
    match cell:
        case None:
            return ""
        case bool():
            return "TRUE" if cell else "FALSE"
        case Percent():
            return f"{cell.shown:g}%"
        case float() if cell.is_integer():
            return str(int(cell))
        case dt.datetime() if cell.time() == dt.time():
            return cell.date().isoformat()
        case dt.date() | dt.time():
            return cell.isoformat()
        case _:
            return str(cell)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 is A, 26 is AA."""
    return str(get_column_letter(index + 1))


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str) -> Tables:
    text, notes = _decode(data)
    delimiter = _delimiter(text)
    if delimiter in DELIMITER_NAMES:
        notes.append(f"The columns are separated by {DELIMITER_NAMES[delimiter]}.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # A CSV record is one spreadsheet row even when a quoted cell holds a line break.
        raw_rows = [
            (number, [_clean(value) for value in record])
            for number, record in enumerate(reader, start=1)
        ]
    except csv.Error as exc:
        raise FileError(f"Line {reader.line_num} cannot be read as CSV: {exc}.") from None
    return Tables("csv", (_sheet(name, raw_rows),), tuple(notes))


def _decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel saves "CSV"."""
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileError(
                "The file starts like UTF-16 text but is not, so its characters cannot be read. "
                "Save it from your spreadsheet as CSV UTF-8."
            ) from None
        return text, ["The file was read as UTF-16 text (Excel's Unicode text)."]
    if b"\x00" in data[:4096]:
        raise FileError(
            "The file is neither a CSV text file nor an XLSX workbook. Save it from your "
            "spreadsheet as CSV (UTF-8) or as an Excel workbook (.xlsx)."
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileError(
            "The file is neither UTF-8 nor Windows-1252 text, so its characters cannot be "
            "read. Save it from your spreadsheet as CSV UTF-8."
        ) from None
    return text, [
        f"The file is not UTF-8 (line {line} holds a character that is not), so it was read as "
        "Windows-1252, the encoding Excel uses for CSV. Check that accented letters and "
        "symbols such as £ read correctly; saving as CSV UTF-8 avoids the question."
    ]


def _delimiter(text: str) -> str:
    """Comma, unless the header line is clearly separated by semicolons or tabs."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _clean(value: object) -> Cell:
    """Text trimmed, with a formula-protecting apostrophe removed; "" becomes None."""
    if isinstance(value, str):
        text = value.strip()
        if FORMULA_PROTECTED.match(text):
            text = text[1:]
        return text or None
    return _typed(value)


def _typed(value: object) -> Cell:
    if value is None or isinstance(
        value, str | int | float | dt.datetime | dt.date | dt.time | dt.timedelta | Percent
    ):
        return value
    return str(value)


# --- XLSX ------------------------------------------------------------------------------------


def _read_workbook(data: bytes) -> Tables:
    check_formulas = _has_formulas(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (data validation and the
            # like); they carry no data, so the analyst need not hear of them.
            warnings.simplefilter("ignore")
            sheets = _read_worksheets(data, check_formulas)
    except FileError:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds of error on a bad file
        raise FileError(
            "The file cannot be read as an Excel workbook: it is truncated, corrupt, or not an "
            f"XLSX file ({type(exc).__name__}: {exc}). Save it again from Excel, or as CSV."
        ) from None
    notes = []
    if any(isinstance(c, Percent) for sheet in sheets for row in sheet.rows for c in row.cells):
        notes.append("Cells formatted as percentages were read as the number shown: 12.3% as 12.3.")
    return Tables("xlsx", sheets, tuple(notes))


def _read_worksheets(data: bytes, check_formulas: bool) -> tuple[Sheet, ...]:
    values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    formulas = (
        load_workbook(io.BytesIO(data), read_only=True, data_only=False) if check_formulas else None
    )
    try:
        return tuple(
            _worksheet(worksheet, None if formulas is None else formulas.worksheets[index])
            for index, worksheet in enumerate(values.worksheets)
        )
    finally:
        values.close()
        if formulas is not None:
            formulas.close()


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula, checked on the raw XML.

    Only then is each formula checked for a calculated value, so the usual workbook, with no
    formulas, is read once.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as part:
                        if FORMULA_ELEMENT.search(part.read()):
                            return True
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise FileError(
            "The file cannot be read as an Excel workbook: it is truncated, corrupt, or not an "
            f"XLSX file ({exc}). Save it again from Excel, or as CSV."
        ) from None
    return False


def _worksheet(worksheet: Any, formulas: Any) -> Sheet:
    name = str(worksheet.title)
    rows = [
        (number, [_xlsx_cell(cell) for cell in row])
        for number, row in enumerate(worksheet.iter_rows(), start=1)
    ]
    if formulas is not None:
        _check_formulas(formulas, name, rows)
    return _sheet(name, rows)


def _xlsx_cell(cell: Any) -> Cell:
    value = cell.value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and _shows_percent(getattr(cell, "number_format", None)):
        return Percent(float(value))
    return _clean(value)


def _shows_percent(number_format: object) -> bool:
    """Whether a number format multiplies by 100 and shows %, as ``0.0%`` does (``0"%"`` not)."""
    if not isinstance(number_format, str):
        return False
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in unquoted


def _check_formulas(formulas: Any, name: str, rows: Sequence[tuple[int, Sequence[Cell]]]) -> None:
    """Refuse a formula with no calculated value: the cell looks blank but is not.

    A workbook written by a program rather than saved by Excel holds formulas without their
    results; reading those cells as blank would silently lose data.
    """
    formula_rows = formulas.iter_rows(values_only=True)
    for (number, values), formula_row in zip(rows, formula_rows, strict=False):
        for column, (value, formula) in enumerate(zip(values, formula_row, strict=False)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                raise FileError(
                    f"Sheet {name!r}, cell {column_letter(column)}{number} holds the formula "
                    f"{formula!r} but no calculated value, so trustplan cannot tell what it "
                    "shows. Open the workbook in Excel and save it, or paste the values in "
                    "place of the formulas."
                )


# --- both ------------------------------------------------------------------------------------


def _sheet(name: str, raw_rows: Iterable[tuple[int, Sequence[Cell]]]) -> Sheet:
    """Take the first non-blank row as the header, and the non-blank rows after it as data."""
    rows = _non_blank(raw_rows)
    header_row: Row | None = None
    data_rows: list[Row] = []
    blank = 0
    for row, blank_before in rows:
        if header_row is None:
            header_row = row
            continue
        blank += blank_before
        data_rows.append(row)
    if header_row is None:
        return Sheet(name, (), None, ())
    header = tuple(cell_text(cell) for cell in header_row.cells)
    header = _trim_unnamed(header, data_rows)
    _refuse_duplicate_columns(name, header, header_row.number)
    width = len(header)
    return Sheet(
        name,
        header,
        header_row.number,
        tuple(_fit(row, width) for row in data_rows),
        blank_rows=blank,
    )


def _non_blank(raw_rows: Iterable[tuple[int, Sequence[Cell]]]) -> Iterator[tuple[Row, int]]:
    """Yield the rows with anything in them, each with how many blank rows came just before.

    Blank rows after the last row of data are not counted: they are the end of the sheet.
    """
    blank = 0
    for number, cells in raw_rows:
        if all(cell is None for cell in cells):
            blank += 1
            continue
        yield Row(number, tuple(cells)), blank
        blank = 0


def _trim_unnamed(header: tuple[str, ...], rows: Sequence[Row]) -> tuple[str, ...]:
    """Widen the header to the last column used; drop trailing unnamed columns that hold nothing.

    Excel often records formatting far to the right of a table; such columns are not data.
    An unnamed column that does hold data is kept, so that it is reported, not ignored.
    """
    named = [index for index, column in enumerate(header) if column]
    width = named[-1] + 1 if named else 0
    for row in rows:
        used = [index for index, cell in enumerate(row.cells) if cell is not None]
        if used:
            width = max(width, used[-1] + 1)
    return tuple(header[i] if i < len(header) else "" for i in range(width))


def _refuse_duplicate_columns(name: str, header: tuple[str, ...], row: int) -> None:
    seen: dict[str, int] = {}
    for index, column in enumerate(header):
        if not column:
            continue
        key = normalise(column)
        if key in seen:
            first = seen[key]
            raise FileError(
                f"Sheet {name!r}: the header (row {row}) names the same column twice: "
                f"{header[first]!r} in column {column_letter(first)} and {column!r} in column "
                f"{column_letter(index)}. Remove or rename one of them."
            )
        seen[key] = index


def _fit(row: Row, width: int) -> Row:
    cells = row.cells[:width] + (None,) * (width - len(row.cells))
    return Row(row.number, cells)
