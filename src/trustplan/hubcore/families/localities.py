"""The locality lookup: which locality each postcode sector lies in, read from a CSV file.

A partnership organises early help by locality (a ward, or a group of them), and the hub counts
and lists families by the locality of their home's postcode sector. The lookup is a CSV file
with two columns, ``postcode_sector`` ("PO1 2": the outward code, a space, the inward code's
digit) and ``locality``. The file is used whole or not at all: every problem is reported, each
naming the file, the row (as a spreadsheet numbers it, the header being row 1) and the column,
and no message repeats a value.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Final

COLUMNS: Final = ("postcode_sector", "locality")
LOCALITY_MAX_LENGTH: Final = 100
_SECTOR = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]")
_SPACES = re.compile(r"\s+")
_LISTED: Final = 20
"""How many problems a refusal lists; the count says how many more there are."""


class LocalitiesError(ValueError):
    """A lookup file that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:_LISTED]
        more = len(problems) - len(shown)
        super().__init__("; ".join(shown) + (f"; and {more} more" if more else ""))


@dataclass(frozen=True, slots=True)
class Sector:
    """One row of the lookup: a postcode sector and its locality."""

    sector: str
    locality: str


def normalise_sector(text: str) -> str | None:
    """The sector in capitals with one space ("po1  2" -> "PO1 2"); ``None`` if it is not one."""
    sector = _SPACES.sub(" ", text.strip().upper())
    return sector if _SECTOR.fullmatch(sector) else None


def read_localities(data: bytes, file_name: str) -> list[Sector]:
    """Every row of a lookup file, or ``LocalitiesError`` listing what is wrong with it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LocalitiesError(
            [f"{file_name} is not UTF-8 text (byte {error.start} cannot be decoded)"]
        ) from None
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise LocalitiesError([f"{file_name} cannot be read as CSV ({error})"]) from None
    header = [name.strip() for name in table[0]] if table else []
    missing = [name for name in COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    problems = [f"{file_name} has no {name} column" for name in missing]
    if unknown:
        others = ", ".join(COLUMNS)
        problems.append(f"{file_name} has {len(unknown)} column(s) other than {others}")
    if len(set(header)) != len(header):
        problems.append(f"{file_name} names a column twice")
    if problems:
        raise LocalitiesError(problems)
    at = {name: header.index(name) for name in COLUMNS}
    rows: list[Sector] = []
    first_row: dict[str, tuple[int, str]] = {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{file_name} row {number}: {len(cells)} values, not {len(header)}")
            continue
        sector = normalise_sector(cells[at["postcode_sector"]])
        locality = _SPACES.sub(" ", cells[at["locality"]].strip())
        where = f"{file_name} row {number}, column"
        if sector is None:
            problems.append(f"{where} postcode_sector: not a postcode sector such as PO1 2")
        if not locality:
            problems.append(f"{where} locality: blank")
        elif len(locality) > LOCALITY_MAX_LENGTH:
            problems.append(f"{where} locality: longer than {LOCALITY_MAX_LENGTH} characters")
        if sector is None or not locality or len(locality) > LOCALITY_MAX_LENGTH:
            continue
        earlier = first_row.setdefault(sector, (number, locality))
        if earlier[1] != locality:
            problems.append(
                f"{where} postcode_sector: the sector of row {earlier[0]}, in another locality"
            )
            continue
        rows.append(Sector(sector, locality))
    if not problems and not rows:
        problems.append(f"{file_name} has no rows")
    if problems:
        raise LocalitiesError(problems)
    return rows
