"""The period the synthetic city covers, and the school terms inside it.

School attendance is reported by term, so a child's falling attendance is a run of terms; the
terms are those of an English school year (autumn, spring, summer), with plausible dates and
numbers of possible sessions (two a day). Only terms wholly inside the window are reported: a
half-observed term would look like a fall.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

DEFAULT_START: Final = date(2022, 4, 1)
DEFAULT_END: Final = date(2024, 3, 31)

# (season, first month/day, last month/day, possible sessions)
_TERMS: Final = (
    ("Autumn", (9, 5), (12, 20), 144),
    ("Spring", (1, 4), (3, 27), 116),
    ("Summer", (4, 17), (7, 21), 120),
)


@dataclass(frozen=True, slots=True)
class Term:
    """A school term. ``academic_year`` is the year it starts in September."""

    label: str
    academic_year: int
    start: date
    end: date
    sessions: int


@dataclass(frozen=True, slots=True)
class Window:
    """The first and last days the feeds cover, and the school terms wholly inside them."""

    start: date
    end: date
    terms: tuple[Term, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def years(self) -> float:
        return self.days / 365.25


def make_window(start: date, end: date) -> Window:
    if end <= start:
        raise ValueError("the window must end after it starts")
    terms = []
    for academic_year in range(start.year - 1, end.year + 1):
        for season, (m1, d1), (m2, d2), sessions in _TERMS:
            year = academic_year if season == "Autumn" else academic_year + 1
            term = Term(
                f"{season} {academic_year}/{(academic_year + 1) % 100:02d}",
                academic_year,
                date(year, m1, d1),
                date(year, m2, d2),
                sessions,
            )
            if start <= term.start and term.end <= end:
                terms.append(term)
    return Window(start, end, tuple(terms))


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A day drawn evenly from ``first`` to ``last`` inclusive (``first`` if they cross)."""
    span = (last - first).days
    return first if span <= 0 else first + timedelta(days=rng.randrange(span + 1))


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day``."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday
