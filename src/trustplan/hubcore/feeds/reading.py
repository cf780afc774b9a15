"""Read one feed file: its bytes in, a :class:`FeedBatch` out. Bad input never raises.

What is refused, and how much:

* a **file error** refuses the whole file, and nothing in it loads: an unknown feed type, bytes
  that are not UTF-8, an empty file or one with only a header, a header with missing required,
  unknown, repeated or unnamed columns, CSV whose quotation marks do not pair up, and a file
  that ends part-way through a row (a cut-short transfer);
* a **rejection** refuses one row, which goes to quarantine with its reasons: a row with the
  wrong number of values, a record_id already used in the file, or a row that breaks its feed's
  contract (:mod:`~trustplan.hubcore.feeds.contracts`);
* a **warning** keeps the row but says what was left out of it (an NHS number failing its
  check digit) or what looks wrong (an incident before the person's birth).

A batch without a file error is loadable: its records load and its rejections are quarantined,
both in the one transaction that loads the file, so that no row is lost and none half-loaded.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2,
a blank line is a row, and a quoted value with line breaks in it stays within its one row.
No reason ever quotes a value; the raw row is kept beside the reason, for the quarantine.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from trustplan.hubcore.feeds.contracts import FEEDS, FeedRecord, Finding, check_row

__all__ = ["FeedBatch", "Rejection", "RowWarning", "read_feed"]

# How many unknown or missing column names a file error lists, and how much of each.
_MAX_LISTED = 10
_MAX_NAME = 40


@dataclass(frozen=True)
class Rejection:
    """A row refused, with the column at fault (``None`` for the row as a whole) and why.

    ``raw`` is the row as the file gave it, column name to text, for the quarantine: it is
    person-level data, governed as such, and left out of the ``repr`` so that it cannot reach a
    log by accident. A row that breaks several rules has one rejection for each, sharing ``raw``.
    """

    row: int
    column: str | None
    reason: str
    raw: dict[str, str] = field(repr=False, compare=False)


@dataclass(frozen=True)
class RowWarning:
    """Something said about an accepted row: a value left out of it, or one that looks wrong."""

    row: int
    column: str | None
    reason: str


@dataclass(frozen=True)
class FeedBatch:
    """A feed file, checked: the records of its accepted rows, its rejections and warnings.

    ``rows_read`` counts the data rows, accepted or rejected (``blank_rows`` are not among
    them); every row read is either a record or has rejections. With a ``file_error``, nothing
    else is filled in.
    """

    feed_type: str
    file_name: str
    sha256: str
    rows_read: int = 0
    blank_rows: int = 0
    records: list[FeedRecord] = field(default_factory=list, repr=False)
    rejections: list[Rejection] = field(default_factory=list, repr=False)
    warnings: list[RowWarning] = field(default_factory=list, repr=False)
    file_error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file may be loaded: it was read as a whole, with at least one data row.

        Rejected rows do not stop it: they go to quarantine, and the accepted rows load.
        """
        return self.file_error is None

    @property
    def rejected_rows(self) -> int:
        """How many rows were rejected (a row may have several rejections)."""
        return len({rejection.row for rejection in self.rejections})


class _FileError(Exception):
    """A reason to refuse the whole file; the message names rows and columns, never values."""


def read_feed(feed_type: str, data: bytes, file_name: str) -> FeedBatch:
    """Read and check a feed file's bytes against the contract of ``feed_type``."""
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        model = FEEDS.get(feed_type)
        if model is None:
            raise _FileError(f"there is no feed type {feed_type[:_MAX_NAME]!r}: {_listed(FEEDS)}")
        return _Reader(model, file_name, sha256).read(_decode(data))
    except _FileError as error:
        return FeedBatch(feed_type, file_name, sha256, file_error=str(error))


def _decode(data: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark."""
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        raise _FileError(
            f"the file is not UTF-8: the byte at offset {offset} (line {line}) is not valid "
            'UTF-8; save the file as "CSV UTF-8" and send it again'
        ) from None
    if not text.strip():
        raise _FileError("the file is empty")
    return text


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with its row number; CSV that cannot be parsed is a file error.

    Strict parsing, because a stray quotation mark otherwise runs one value on into the rows
    after it, and those rows would be read as part of one value.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _FileError(_csv_problem(row, str(error))) from None
        yield row, cells


def _csv_problem(row: int, message: str) -> str:
    if "unexpected end of data" in message:
        return f"the file ends part-way through row {row}, inside a quoted value"
    if "field larger than field limit" in message:
        return (
            f"row {row} has a value longer than {csv.field_size_limit():,} characters, "
            "which usually means a quotation mark that is never closed"
        )
    return (
        f"row {row} is not well-formed CSV: a quoted value has text after its closing "
        'quotation mark (a quotation mark inside a value must be doubled: "")'
    )


def _listed(names: Sequence[str] | Mapping[str, object]) -> str:
    shown = [name if len(name) <= _MAX_NAME else f"{name[:_MAX_NAME]}…" for name in names]
    more = len(shown) - _MAX_LISTED
    return ", ".join(shown[:_MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def _is_blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


class _Reader:
    """Reads one file's rows against one contract, gathering what the batch will hold."""

    def __init__(self, model: type[FeedRecord], file_name: str, sha256: str) -> None:
        self.model = model
        self.file_name = file_name
        self.sha256 = sha256
        self.records: list[FeedRecord] = []
        self.rejections: list[Rejection] = []
        self.warnings: list[RowWarning] = []
        self.first_row_of_id: dict[str, int] = {}
        self.rows_read = 0
        self.blank_rows = 0

    def read(self, text: str) -> FeedBatch:
        rows = _rows(text)
        _, header = next(rows)
        columns = self.columns(header)
        ends_cleanly = text.endswith(("\n", "\r"))
        pending = next(rows, None)
        while pending is not None:
            row, cells = pending
            pending = next(rows, None)
            if _is_blank(cells):
                self.blank_rows += 1
                continue
            if pending is None and not ends_cleanly and len(cells) < len(columns):
                raise _FileError(f"the file ends part-way through row {row}")
            self.rows_read += 1
            self.check(row, columns, cells)
        if self.rows_read == 0:
            raise _FileError("the file has a header but no data rows")
        return FeedBatch(
            self.model.feed_type,
            self.file_name,
            self.sha256,
            rows_read=self.rows_read,
            blank_rows=self.blank_rows,
            records=self.records,
            rejections=self.rejections,
            warnings=self.warnings,
        )

    def columns(self, header: Sequence[str]) -> list[str]:
        """The header's column names, trimmed and in lower case, if they suit the feed.

        A first row that names none of the feed's columns may be a row of data, so none of it
        is repeated in the error.
        """
        names = [name.strip().lower() for name in header]
        fields = self.model.model_fields
        if not any(name in fields for name in names):
            raise _FileError(
                f"the first row is not a header for the {self.model.feed_type} feed: it names "
                f"none of its columns, which start {', '.join(list(fields)[:4])}"
            )
        problems = []
        if unnamed := [str(place) for place, name in enumerate(names, start=1) if not name]:
            problems.append(f"the header has no name for column {', '.join(unnamed)}")
        if repeated := sorted({name for name in names if name and names.count(name) > 1}):
            problems.append(f"the header names more than once: {_listed(repeated)}")
        required = [name for name, info in fields.items() if info.is_required()]
        if missing := [name for name in required if name not in names]:
            problems.append(f"the header is missing required columns: {_listed(missing)}")
        if unknown := [name for name in names if name and name not in fields]:
            problems.append(
                f"the header has columns the {self.model.feed_type} feed does not have: "
                f"{_listed(unknown)}"
            )
        if problems:
            raise _FileError("; ".join(problems))
        return names

    def check(self, row: int, columns: list[str], cells: list[str]) -> None:
        raw = dict(zip(columns, cells, strict=False))
        if len(cells) != len(columns):
            for place, extra in enumerate(cells[len(columns) :], start=len(columns) + 1):
                raw[f"(column {place}, no header)"] = extra
            reason = f"the row has {len(cells)} values but the header has {len(columns)} columns"
            self.rejections.append(Rejection(row, None, reason, raw))
            return
        checked = check_row(self.model, raw)
        errors = [*checked.errors, *self.repeated_id(row, raw)]
        if checked.record is None or errors:
            self.rejections.extend(Rejection(row, e.column, e.reason, raw) for e in errors)
            return
        self.records.append(checked.record)
        self.warnings.extend(RowWarning(row, w.column, w.reason) for w in checked.warnings)

    def repeated_id(self, row: int, raw: Mapping[str, str]) -> list[Finding]:
        """A record_id used by an earlier row: the later row is rejected, the first one kept."""
        record_id = raw.get("record_id", "").strip()
        if not record_id:
            return []
        first = self.first_row_of_id.setdefault(record_id, row)
        if first == row:
            return []
        return [Finding("record_id", f"record_id repeats row {first}")]
