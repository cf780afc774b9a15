"""What a linked person's records say about them as at a day: their date of birth and sex, the
homes they were known at and when, and the two things the family definitions read besides age
(being on a school roll, and maternity appointments).

Only records dated up to the day count: the grouping is as at that day, and a record from after
it says nothing about who lived where then. A person's records may disagree (a day and month of
birth swapped by one agency), so each value is the one most of their records give.

A person's homes are ordered by the day each was first seen. An agency that never heard of a
move goes on writing the old address after it, so a home is taken to end when the next one is
first seen, not when the old address was last written (:meth:`Known.periods`).

Person-level data: ``repr`` shows the person id only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, TypeVar

from trustplan.hubcore.families.addresses import AddressBook, Place
from trustplan.hubcore.families.records import LinkedRecord
from trustplan.hubcore.rules.facts import HealthAppointment, SchoolAttendance, Sex

DAYS_A_YEAR: Final = 365.2425
_SEXES: Final[dict[str, Sex]] = {"F": "F", "M": "M"}
T = TypeVar("T")


@dataclass(frozen=True, slots=True, repr=False)
class Stay:
    """One home a person was known at: its dwelling key, its postcode (as its records give it
    most often), and the first and last days a record placed them there."""

    key: str
    postcode: str | None
    first: date
    last: date


@dataclass(frozen=True, slots=True, repr=False)
class Known:
    """A linked person as their records show them up to the grouping's day."""

    person_id: str
    date_of_birth: date
    sex: Sex | None
    stays: tuple[Stay, ...]
    """Homes in the order first seen."""
    school_terms: tuple[date, ...]
    """The nominal starts of the terms a school recorded them on its roll."""
    maternity: tuple[date, ...]
    """Days of maternity appointments (antenatal or postnatal), in order."""

    def __repr__(self) -> str:
        return f"Known({self.person_id})"

    def years_older_than(self, other: Known) -> float:
        """The gap between two people's births, in years with the fraction."""
        return (other.date_of_birth - self.date_of_birth).days / DAYS_A_YEAR

    @property
    def home(self) -> Stay | None:
        """The latest home: the one first seen last."""
        return self.stays[-1] if self.stays else None

    def periods(self, as_at: date) -> list[tuple[str, date, date]]:
        """``(dwelling, from, to)`` for each home: from its first sighting until the day before
        the next home's, the latest until ``as_at``."""
        if not self.stays:
            return []
        ends = [stay.first - timedelta(days=1) for stay in self.stays[1:]] + [as_at]
        return [
            (stay.key, stay.first, max(stay.first, end))
            for stay, end in zip(self.stays, ends, strict=True)
        ]


def _most_common(values: Sequence[T]) -> T:
    """The value given most often; a tie goes to the one given first."""
    counts = Counter(values)
    first: dict[T, int] = {}
    for index, value in enumerate(values):
        first.setdefault(value, index)
    return min(counts, key=lambda v: (-counts[v], first[v]))


def known_people(records: Iterable[LinkedRecord], as_at: date) -> dict[str, Known]:
    """Every person with a record dated up to ``as_at``, by person id, in the order first met."""
    held = [record for record in records if record.day <= as_at]
    book = AddressBook(record.address for record in held)
    by_person: dict[str, list[LinkedRecord]] = defaultdict(list)
    for record in held:
        by_person[record.person_id].append(record)
    return {person_id: _known(person_id, rows, book) for person_id, rows in by_person.items()}


def _known(person_id: str, rows: list[LinkedRecord], book: AddressBook) -> Known:
    rows.sort(key=lambda r: (r.day, r.key))
    births = [r.date_of_birth for r in rows]
    sexes = [sex for r in rows if (sex := _SEXES.get(r.sex or ""))]
    places: dict[str, list[tuple[date, Place]]] = defaultdict(list)
    for row in rows:
        place = book.place(row.address)
        if place is not None:
            places[place.key].append((row.day, place))
    stays = [
        Stay(key, seen[0][1].postcode, seen[0][0], seen[-1][0]) for key, seen in places.items()
    ]
    stays.sort(key=lambda s: (s.first, s.last, s.key))
    terms = sorted({r.day for r in rows if isinstance(r.event, SchoolAttendance)})
    maternity = sorted(
        r.day
        for r in rows
        if isinstance(r.event, HealthAppointment) and r.event.service == "maternity"
    )
    return Known(
        person_id=person_id,
        date_of_birth=_most_common(births),
        sex=_most_common(sexes) if sexes else None,
        stays=tuple(stays),
        school_terms=tuple(terms),
        maternity=tuple(maternity),
    )
