"""Reporting periods: parse what people type ("Q3 2020/21", "Sep 2020", "AY 2019/20") into a
period with a kind, a first day and a last day, and print it back in one canonical form.

The English public sector counts in several calendars at once: financial years run April to
March, academic years September to August, and Fingertips pools years ("2017 - 19"). A period
is held as its first and last day so that periods of any kind can be ordered and compared.

Academic terms vary with Easter from school to school; trustplan uses month boundaries: autumn
September to December, spring January to March, summer April to July.

Ambiguous forms are resolved the way English council spreadsheets use them: "2020/21" and
"2020-21" are financial years (an indicator reported by academic year passes ``prefer``), and
"2017 - 19" (spaced, or years not consecutive) is a pooled run of calendar years. "2020-09" is
a month, but "2011-12" is the financial year 2011/12. A two-digit year ("Sep-20") is one of
1969-2068, and the second year of a pair ("1999/00") is the one nearest the first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Period", "PeriodError", "PeriodKind", "parse_period"]


class PeriodError(ValueError):
    """Text that is not a period trustplan recognises; the message says how to write one."""


class PeriodKind(StrEnum):
    MONTH = "month"
    CALENDAR_QUARTER = "calendar_quarter"
    FINANCIAL_QUARTER = "financial_quarter"
    CALENDAR_YEAR = "calendar_year"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    ACADEMIC_TERM = "academic_term"
    ROLLING_12_MONTHS = "rolling_12_months"
    POOLED_YEARS = "pooled_years"
    POOLED_FINANCIAL_YEARS = "pooled_financial_years"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PeriodKind.MONTH: "Month",
    PeriodKind.CALENDAR_QUARTER: "Calendar quarter",
    PeriodKind.FINANCIAL_QUARTER: "Financial quarter",
    PeriodKind.CALENDAR_YEAR: "Calendar year",
    PeriodKind.FINANCIAL_YEAR: "Financial year",
    PeriodKind.ACADEMIC_YEAR: "Academic year",
    PeriodKind.ACADEMIC_TERM: "Academic term",
    PeriodKind.ROLLING_12_MONTHS: "Rolling 12 months",
    PeriodKind.POOLED_YEARS: "Pooled calendar years",
    PeriodKind.POOLED_FINANCIAL_YEARS: "Pooled financial years",
}

TERMS = {"autumn": (9, 12), "spring": (1, 3), "summer": (4, 7)}
EXAMPLES = (
    "'Sep 2020', '2020 Q3', 'Q3 2020/21', '2020', '2020/21', 'AY 2019/20', "
    "'Autumn term 2019/20', '12 months to Mar 2021' or '2017 - 19'"
)


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. Periods order by their first day, then their last."""

    start: dt.date
    end: dt.date
    kind: PeriodKind

    def __init__(self, kind: PeriodKind, start: dt.date, end: dt.date) -> None:
        if end < start:
            raise PeriodError(f"a period cannot end ({end}) before it starts ({start})")
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @property
    def label(self) -> str:
        """The canonical way to write this period, which `parse_period` reads back."""
        start, end = self.start, self.end
        match self.kind:
            case PeriodKind.MONTH:
                return f"{start:%b %Y}"
            case PeriodKind.CALENDAR_QUARTER:
                return f"{start.year} Q{(start.month - 1) // 3 + 1}"
            case PeriodKind.FINANCIAL_QUARTER:
                year = start.year if start.month >= 4 else start.year - 1
                return f"{_two_years(year)} Q{((start.month - 4) % 12) // 3 + 1}"
            case PeriodKind.CALENDAR_YEAR:
                return str(start.year)
            case PeriodKind.FINANCIAL_YEAR:
                return _two_years(start.year)
            case PeriodKind.ACADEMIC_YEAR:
                return f"AY {_two_years(start.year)}"
            case PeriodKind.ACADEMIC_TERM:
                term = next(name for name, (first, _) in TERMS.items() if first == start.month)
                academic = start.year if start.month >= 9 else start.year - 1
                return f"{term.capitalize()} term {_two_years(academic)}"
            case PeriodKind.ROLLING_12_MONTHS:
                return f"12 months to {end:%b %Y}"
            case PeriodKind.POOLED_YEARS:
                return f"{start.year} - {end.year % 100:02d}"
            case PeriodKind.POOLED_FINANCIAL_YEARS:
                return f"{_two_years(start.year)} - {_two_years(end.year - 1)[2:]}"
        raise AssertionError(self.kind)  # pragma: no cover - every kind is matched above

    def __str__(self) -> str:
        return self.label


def _two_years(first: int) -> str:
    return f"{first}/{(first + 1) % 100:02d}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month(year: int, month_number: int) -> Period:
    return Period(PeriodKind.MONTH, dt.date(year, month_number, 1), _month_end(year, month_number))


def calendar_quarter(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(PeriodKind.CALENDAR_QUARTER, dt.date(year, first, 1), _month_end(year, first + 2))


def financial_quarter(first_year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 4
    year = first_year + (first_month - 1) // 12
    first_month = (first_month - 1) % 12 + 1
    return Period(
        PeriodKind.FINANCIAL_QUARTER,
        dt.date(year, first_month, 1),
        _month_end(year, first_month + 2),
    )


def financial_year(first_year: int) -> Period:
    return Period(
        PeriodKind.FINANCIAL_YEAR, dt.date(first_year, 4, 1), dt.date(first_year + 1, 3, 31)
    )


def academic_year(first_year: int) -> Period:
    return Period(
        PeriodKind.ACADEMIC_YEAR, dt.date(first_year, 9, 1), dt.date(first_year + 1, 8, 31)
    )


def academic_term(term: str, first_year: int) -> Period:
    first_month, last_month = TERMS[term]
    year = first_year if first_month >= 9 else first_year + 1
    return Period(
        PeriodKind.ACADEMIC_TERM, dt.date(year, first_month, 1), _month_end(year, last_month)
    )


def rolling_12_months(year: int, last_month: int) -> Period:
    first_year, first_month = (year, last_month + 1) if last_month < 12 else (year + 1, 1)
    return Period(
        PeriodKind.ROLLING_12_MONTHS,
        dt.date(first_year - 1, first_month, 1),
        _month_end(year, last_month),
    )


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_PAIR = r"(?P<first>\d{4})\s*[/-]\s*(?P<second>\d{4}|\d{2})"


def _full_year(text: str) -> int:
    """A year as written: two digits are 1969-2068, as ``strptime``'s ``%y`` reads them."""
    year = int(text)
    if year >= 100:
        return year
    return year + (1900 if year >= 69 else 2000)


def _second_year(first: int, text: str) -> int:
    """The later year of a pair ("2019/20", "2017 - 19") whose first year is ``first``.

    Two digits mean the year ending in them nearest to ``first``, so "1999/00" ends in 2000 and
    "2019 - 17" in 2017 (which the callers reject as running backwards), not 2117.
    """
    if len(text) == 4:
        return int(text)
    same_century = (first // 100) * 100 + int(text)
    return min((same_century - 100, same_century, same_century + 100), key=lambda y: abs(y - first))


def _consecutive(first: str, second: str, original: str) -> int:
    start = int(first)
    end = _second_year(start, second)
    if end != start + 1:
        raise PeriodError(
            f"{original!r}: a financial or academic year runs over two consecutive years "
            f"(like '{_two_years(start)}')"
        )
    return start


def _parse_pair(match: re.Match[str], original: str) -> int:
    return _consecutive(match["first"], match["second"], original)


def parse_period(value: str | dt.date, *, prefer: PeriodKind | None = None) -> Period:
    """Read a period from text as people write it, or from a spreadsheet date (its month).

    ``prefer=PeriodKind.ACADEMIC_YEAR`` reads a bare "2019/20" as an academic year; otherwise it
    is a financial year.

    Raises:
        PeriodError: the text is not a period, with examples of what is.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return month(value.year, value.month)
    text = " ".join(str(value).replace("–", "-").replace("—", "-").split()).lower()
    if not text:
        raise PeriodError(f"the period is empty; write it like {EXAMPLES}")
    for pattern, build in _RULES:
        match = re.fullmatch(pattern, text)
        if match:
            period = build(match, str(value), prefer)
            if period is not None:
                return period
    raise PeriodError(f"{value!r} is not a period trustplan recognises; write it like {EXAMPLES}")


def _year_pair_kind(prefer: PeriodKind | None) -> PeriodKind:
    return (
        PeriodKind.ACADEMIC_YEAR
        if prefer is PeriodKind.ACADEMIC_YEAR
        else PeriodKind.FINANCIAL_YEAR
    )


def _year_pair(first: int, prefer: PeriodKind | None) -> Period:
    kind = _year_pair_kind(prefer)
    return academic_year(first) if kind is PeriodKind.ACADEMIC_YEAR else financial_year(first)


def _pooled(match: re.Match[str], original: str, prefer: PeriodKind | None) -> Period | None:
    start = int(match["first"])
    end = _second_year(start, match["second"])
    spaced = match[0] != f"{match['first']}-{match['second']}"
    if end <= start and not spaced and len(match["second"]) == 2:
        raise PeriodError(
            f"{original!r} is neither a month (there is no month {int(match['second'])}) nor "
            "pooled years, which must run forwards; write a month like '2020-09' and pooled "
            "years like '2017 - 19'"
        )
    if end <= start:
        raise PeriodError(f"{original!r}: pooled years must run forwards")
    if end == start + 1 and not spaced:
        return _year_pair(start, prefer)
    return Period(PeriodKind.POOLED_YEARS, dt.date(start, 1, 1), dt.date(end, 12, 31))


def _pooled_financial(match: re.Match[str], original: str, prefer: PeriodKind | None) -> Period:
    first = _consecutive(match["a1"], match["a2"], original)
    last_first = _second_year(first, match["b1"])
    _consecutive(str(last_first), match["b2"], original)
    if last_first <= first:
        raise PeriodError(f"{original!r}: pooled years must run forwards")
    return Period(
        PeriodKind.POOLED_FINANCIAL_YEARS, dt.date(first, 4, 1), dt.date(last_first + 1, 3, 31)
    )


def _term_of_year_pair(match: re.Match[str], original: str, prefer: PeriodKind | None) -> Period:
    return academic_term(match["term"], _parse_pair(match, original))


def _term_of_year(match: re.Match[str], original: str, prefer: PeriodKind | None) -> Period:
    """ "Autumn 2019" is in academic year 2019/20; "Spring 2020" and "Summer 2020" are too."""
    year = int(match["year"])
    return academic_term(match["term"], year if match["term"] == "autumn" else year - 1)


def _span(match: re.Match[str], original: str, prefer: PeriodKind | None) -> Period | None:
    first = (_full_year(match["y1"]), _MONTHS[match["m1"]])
    last = (_full_year(match["y2"]), _MONTHS[match["m2"]])
    months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if months != 12:
        raise PeriodError(
            f"{original!r} covers {months} months; trustplan reads a span of months only as a "
            "rolling 12 months (like 'Apr 2020 - Mar 2021')"
        )
    return rolling_12_months(*last)


_TERM = r"(?P<term>autumn|spring|summer)"
_Builder = Callable[[re.Match[str], str, "PeriodKind | None"], "Period | None"]
_RULES: list[tuple[str, _Builder]] = [
    (rf"{_MONTH}[\s-]*{_YEAR}", lambda m, o, p: month(_full_year(m["year"]), _MONTHS[m["month"]])),
    (r"(?P<year>\d{4})-(?P<m>\d{2})", lambda m, o, p: _iso_month(m["year"], m["m"], o)),
    (r"(?P<m>\d{1,2})/(?P<year>\d{4})", lambda m, o, p: _checked_month(m["year"], m["m"], o)),
    (
        r"(?P<year>\d{4})\s*-?\s*q(?P<q>[1-4])",
        lambda m, o, p: calendar_quarter(int(m["year"]), int(m["q"])),
    ),
    (
        r"q(?P<q>[1-4])\s*(?P<year>\d{4})",
        lambda m, o, p: calendar_quarter(int(m["year"]), int(m["q"])),
    ),
    (
        rf"q(?P<q>[1-4])\s*(?:fy\s*)?{_PAIR}",
        lambda m, o, p: financial_quarter(_parse_pair(m, o), int(m["q"])),
    ),
    (
        rf"(?:fy\s*)?{_PAIR}\s*q(?P<q>[1-4])",
        lambda m, o, p: financial_quarter(_parse_pair(m, o), int(m["q"])),
    ),
    (rf"(?:ay|academic year)\s*{_PAIR}", lambda m, o, p: academic_year(_parse_pair(m, o))),
    (rf"{_PAIR}\s*(?:ay|academic year)", lambda m, o, p: academic_year(_parse_pair(m, o))),
    (rf"(?:fy|financial year)\s*{_PAIR}", lambda m, o, p: financial_year(_parse_pair(m, o))),
    (rf"{_PAIR}\s*(?:fy|financial year)", lambda m, o, p: financial_year(_parse_pair(m, o))),
    (
        r"(?P<first>\d{4})\s*/\s*(?P<second>\d{4}|\d{2})",
        lambda m, o, p: _year_pair(_parse_pair(m, o), p),
    ),
    (
        r"(?P<a1>\d{4})/(?P<a2>\d{2,4})\s*-\s*(?P<b1>\d{2}|\d{4})/(?P<b2>\d{2,4})",
        _pooled_financial,
    ),
    (r"(?P<first>\d{4})\s*-\s*(?P<second>\d{4}|\d{2})", _pooled),
    (rf"{_TERM}(?:\s+term)?\s+{_PAIR}", _term_of_year_pair),
    (rf"{_TERM}(?:\s+term)?\s+(?P<year>\d{{4}})", _term_of_year),
    (r"(?:cy\s*|calendar year\s*)?(?P<year>\d{4})", lambda m, o, p: _calendar_year(int(m["year"]))),
    (
        rf"(?:rolling\s+)?12 months (?:to|ending)\s+{_MONTH}[\s-]*{_YEAR}",
        lambda m, o, p: rolling_12_months(_full_year(m["year"]), _MONTHS[m["month"]]),
    ),
    (
        r"(?P<m1>[a-z]+)[\s-]*(?P<y1>\d{4}|\d{2})\s*(?:-|to)\s*(?P<m2>[a-z]+)[\s-]*(?P<y2>\d{4}|\d{2})",
        lambda m, o, p: _span(m, o, p) if m["m1"] in _MONTHS and m["m2"] in _MONTHS else None,
    ),
]


def _calendar_year(year: int) -> Period:
    return Period(PeriodKind.CALENDAR_YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


def _iso_month(year: str, month_number: str, original: str) -> Period | None:
    """ "2020-09" is a month; "2011-12" is the financial year 2011/12, as spreadsheets mean it."""
    number = int(month_number)
    if number == (int(year) + 1) % 100 or not 1 <= number <= 12:
        return None  # a year pair ("2011-12") or pooled years ("2017-19"), read by later rules
    return month(int(year), number)


def _checked_month(year: str, month_number: str, original: str) -> Period:
    number = int(month_number)
    if not 1 <= number <= 12:
        raise PeriodError(f"{original!r}: there is no month {number}")
    return month(int(year), number)
