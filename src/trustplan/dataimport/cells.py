"""Read one cell as the thing its column holds: a number, an area code, a period, a date, a
choice such as a kind of area or an indicator's polarity.

Each reader accepts what analysts' spreadsheets actually contain (``1,234``, ``12.3%``, an
Excel date cell, ``31/03/2014``, ``High is good``) and raises `ValueError` (or `PeriodError`)
for anything else, so that the rules can report the cell as written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import TypeVar

from trustplan.dataimport.records import INDICATOR_KEY, MAX_DECIMALS, MAX_KEY_LENGTH
from trustplan.dataimport.tables import Cell, Percent, cell_text
from trustplan.periods import Period, PeriodError, PeriodKind, parse_period
from trustplan.vocabulary import AreaKind, ObservationStatus, ToleranceKind

__all__ = [
    "area_code",
    "area_kind",
    "choice",
    "counting_number",
    "decimals",
    "due_date",
    "indicator_key",
    "kind_from_code",
    "multiplier",
    "number",
    "period",
    "show",
    "status",
    "tolerance",
    "whole_number",
]

NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
WITH_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
ONS_CODE = re.compile(r"[A-Za-z]\d{8}")
GROUP_CODE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
MAX_CODE_LENGTH = 40  # the database's limit
ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]00:00(?::00)?)?")
UK_DATE = re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?: 00:00(?::00)?)?")
# The ONS prefixes whose kind of area is certain (docs/data-import.md).
KIND_BY_PREFIX = {
    "E92": AreaKind.COUNTRY,
    "E12": AreaKind.REGION,
    "E06": AreaKind.LOCAL_AUTHORITY,
    "E07": AreaKind.LOCAL_AUTHORITY,
    "E08": AreaKind.LOCAL_AUTHORITY,
    "E09": AreaKind.LOCAL_AUTHORITY,
    "E10": AreaKind.LOCAL_AUTHORITY,
    "E05": AreaKind.WARD,
}
E = TypeVar("E", bound=StrEnum)


def number(cell: Cell) -> float | None:
    """A number, or None for a blank cell. ``1,234`` is 1234; ``12.3%`` is 12.3, as shown.

    Raises:
        ValueError: the cell holds text that is not a number (including "NaN" and "inf").
    """
    match cell:
        case None:
            return None
        case bool():
            raise ValueError(cell)
        case Percent():
            return cell.shown
        case int() | float():
            value = float(cell)
        case str():
            text = cell.replace("\u2212", "-").strip()
            text = text.removesuffix("%").rstrip()
            if WITH_THOUSANDS.fullmatch(text):
                text = text.replace(",", "")
            if not NUMBER.fullmatch(text):
                raise ValueError(cell)
            value = float(text)
        case _:
            raise ValueError(cell)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def whole_number(cell: Cell) -> int | None:
    """A whole number (an ID, a rank), or None for a blank cell.

    Raises:
        ValueError: not a number, or not a whole one.
    """
    value = number(cell)
    if value is None:
        return None
    if not value.is_integer() or isinstance(cell, Percent):
        raise ValueError(cell)
    return int(value)


def counting_number(cell: Cell) -> int | None:
    """A whole number from 1 (a group member's rank, a Fingertips ID), or None for a blank cell.

    Raises:
        ValueError: not a whole number from 1.
    """
    value = whole_number(cell)
    if value is not None and value < 1:
        raise ValueError(cell)
    return value


def area_code(cell: Cell) -> str | None:
    """An area code as stored: an ONS code in capitals, or a group code as written.

    Returns None when the cell is not a code: not a letter and 8 digits, nor letters, digits
    and single hyphens of at most 40 characters.
    """
    text = cell_text(cell)
    if ONS_CODE.fullmatch(text):
        return text.upper()
    if GROUP_CODE.fullmatch(text) and len(text) <= MAX_CODE_LENGTH:
        return text
    return None


def kind_from_code(code: str) -> AreaKind | None:
    """The kind of area an ONS code's prefix tells, if it tells one."""
    if not ONS_CODE.fullmatch(code):
        return None
    return KIND_BY_PREFIX.get(code[:3].upper())


def choice(choices: type[E], cell: Cell) -> E | None:
    """One of a set of choices, forgiving capitals, spaces and hyphens, so that the label an
    analyst reads ("Local authority", "High is good") is the choice it names; None when blank.

    Raises:
        ValueError: not one of the choices.
    """
    text = cell_text(cell)
    if not text:
        return None
    return choices(re.sub(r"[\s\-]+", "_", text.lower()))


def area_kind(cell: Cell) -> AreaKind | None:
    """A kind of area ("Local authority"); None when blank.

    Raises:
        ValueError: not a kind of area trustplan has.
    """
    return choice(AreaKind, cell)


def indicator_key(cell: Cell) -> str | None:
    """An indicator's key as written, or None for a blank cell. Not lower-cased: a definition
    fixes the key that plan files and data files name, so it is taken only as it is meant.

    Raises:
        ValueError: not kebab-case (``first-time-entrants``), or longer than 80 characters.
    """
    text = cell_text(cell)
    if not text:
        return None
    if not re.fullmatch(INDICATOR_KEY, text) or len(text) > MAX_KEY_LENGTH:
        raise ValueError(cell)
    return text


def multiplier(cell: Cell) -> float:
    """An indicator's multiplier (100 for a percentage, 10000 per 10,000); 1 when blank.

    Raises:
        ValueError: not a number above 0.
    """
    value = number(cell)
    if value is None:
        return 1.0
    if value <= 0:
        raise ValueError(cell)
    return value


def decimals(cell: Cell) -> int:
    """How many decimal places an indicator is published to, from 0 to 6; 1 when blank.

    Raises:
        ValueError: not a whole number from 0 to 6.
    """
    value = whole_number(cell)
    if value is None:
        return 1
    if not 0 <= value <= MAX_DECIMALS:
        raise ValueError(cell)
    return value


def status(cell: Cell) -> ObservationStatus:
    """``final`` (also when blank) or ``provisional``.

    Raises:
        ValueError: anything else.
    """
    text = cell_text(cell).lower()
    return ObservationStatus(text) if text else ObservationStatus.FINAL


def tolerance(cell: Cell) -> tuple[ToleranceKind, float]:
    """A target's amber band: ``2`` in the indicator's units, ``5%`` as a fraction (0.05).

    Raises:
        ValueError: not a number or percentage, or negative.
    """
    if cell is None:
        return ToleranceKind.NONE, 0.0
    if isinstance(cell, Percent):
        kind, amount = ToleranceKind.RELATIVE, cell.fraction
    elif isinstance(cell, str) and cell.rstrip().endswith("%"):
        shown = number(cell)
        kind, amount = ToleranceKind.RELATIVE, float(f"{(shown or 0.0) / 100:.12g}")
    else:
        kind, amount = ToleranceKind.ABSOLUTE, number(cell) or 0.0
    if amount < 0:
        raise ValueError(cell)
    return kind, amount


def text_date(text: str) -> dt.date | None:
    """A date written as text (2014-03-31, or 31/03/2014 as a UK spreadsheet saves it).

    Raises:
        PeriodError: written like a date, but no such day exists.
    """
    match = ISO_DATE.fullmatch(text) or UK_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise PeriodError(f"{text!r} is not a date: there is no such day") from None


def period(cell: Cell, prefer: PeriodKind | None = None) -> Period:
    """A period; a date (an Excel date cell, or a date saved as text) is read as its month.

    Raises:
        PeriodError: not a period, with examples of how to write one.
    """
    if isinstance(cell, dt.date):
        return parse_period(cell)
    text = cell_text(cell)
    date = text_date(text)
    if date is not None:
        return parse_period(date)
    return parse_period(text, prefer=prefer)


def due_date(cell: Cell, prefer: PeriodKind | None = None) -> dt.date:
    """The date a target is due: a date, or a period meaning its last day.

    Raises:
        PeriodError: neither a date nor a period.
    """
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = cell_text(cell)
    return text_date(text) or parse_period(text, prefer=prefer).end


def show(value: float) -> str:
    """A number for a message: whole numbers without a point, others to 10 figures."""
    return str(int(value)) if value.is_integer() else f"{value:.10g}"
