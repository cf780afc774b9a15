"""Plain-English pieces of an explanation: numbers, dates, percentages, who.

Explanations are read by practitioners deciding whether to offer a family help, so they say what
the records show in ordinary words ("two police domestic-abuse call-outs to the home within 90
days (12 May and 3 July 2023)") and nothing else: no names, no record values beyond dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Final

_WORDS: Final = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LISTED_DATES: Final = 5
"""Up to this many dates are listed; more are given as a span."""


def number(n: int) -> str:
    """Nought to nine in words, 10 and over in figures (GOV.UK style)."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def day(d: date, *, year: bool = True) -> str:
    """``12 May 2023``."""
    text = f"{d.day} {_MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def join(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def dates(days: Sequence[date]) -> str:
    """Distinct days in order: ``12 May and 3 July 2023`` (the year once if they share it),
    ``12 May 2023 and 3 January 2024``, or ``from 12 May 2023 to 9 March 2024`` when there are
    more than a handful."""
    distinct = sorted(set(days))
    if not distinct:
        return ""
    if len(distinct) > LISTED_DATES:
        return f"from {day(distinct[0])} to {day(distinct[-1])}"
    if len({d.year for d in distinct}) == 1:
        return join([day(d, year=False) for d in distinct[:-1]] + [day(distinct[-1])])
    return join([day(d) for d in distinct])


def percent(value: Fraction) -> str:
    """``96.5%``, or ``97%`` when the tenth is nought."""
    text = f"{float(value):.1f}"
    return f"{text.removesuffix('.0')}%"


def plural(n: int, noun: str) -> str:
    """``one child``, ``three children``."""
    forms = {"child": "children", "family member": "family members", "sibling": "siblings"}
    return f"{number(n)} {noun if n == 1 else forms.get(noun, noun + 's')}"


def article(noun: str) -> str:
    """``a child``, ``an adult``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
