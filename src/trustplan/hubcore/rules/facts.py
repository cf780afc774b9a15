"""The facts a rule set is evaluated on: linked people in families, and their events.

A ``Person`` is one linked person with the family the hub placed them in. An event is one
accepted feed record, attributed to its person, with the feed's event columns as typed values.
Each feed has its own event class, named after the feed's contract and carrying the same column
names, so a rule's ``where: {incident_type: domestic_abuse}`` reads the column the agency sent.

Every event has a ``date``: the day it happened, or the day an episode or claim started. A
school attendance record is for a term, so its date is the term's nominal start (see
:class:`Term`). Episodes (social care, early help) and benefit claims also have an ``end``,
``None`` while they are open.

:func:`facts_from_city` builds the facts of a synthetic city on its *true* linkage (the truth
files), for tests and for measuring rules against the truth. :func:`event_from_columns` builds one
event from a feed's columns as the hub stores them (``HubRecord.event``), for the hub itself.

These are person-level data: nothing here logs a value, and no error message repeats one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Final, Literal

from trustplan.hubcore.feeds import FEEDS, read_feed
from trustplan.hubcore.feeds.contracts import Identity

Sex = Literal["F", "M", "U"]

_SEXES: Final[dict[str, Sex]] = {"F": "F", "M": "M", "U": "U"}
SEASONS: Final = ("Autumn", "Spring", "Summer")
_TERM = re.compile(r"(Autumn|Spring|Summer) ([0-9]{4})/([0-9]{2})")
_NOMINAL_START: Final = {"Autumn": (0, 9, 1), "Spring": (1, 1, 1), "Summer": (1, 4, 1)}
"""(years after the academic year's first, month, day) of each term's nominal start."""


@dataclass(frozen=True, slots=True, order=True)
class Term:
    """A school term: the academic year (the calendar year it starts in, in September) and the
    season, 0 Autumn, 1 Spring, 2 Summer. Terms sort in school order."""

    academic_year: int
    season: int

    @classmethod
    def parse(cls, label: str) -> Term:
        """``"Autumn 2023/24"`` as a term; ``ValueError`` (without the text) if it is not one."""
        match = _TERM.fullmatch(label.strip())
        if match is None or int(match[3]) != (int(match[2]) + 1) % 100:
            raise ValueError('not a term such as "Autumn 2023/24"')
        return cls(int(match[2]), SEASONS.index(match[1]))

    @property
    def label(self) -> str:
        return f"{SEASONS[self.season]} {self.academic_year}/{(self.academic_year + 1) % 100:02d}"

    @property
    def ordinal(self) -> int:
        """Terms in a row have ordinals one apart."""
        return self.academic_year * 3 + self.season

    @property
    def start(self) -> date:
        """The term's nominal start: 1 September, 1 January or 1 April. Schools' own dates vary
        by a few days or weeks; a term's records are dated by this, so that a rule's window
        treats every school's term alike."""
        years, month, day = _NOMINAL_START[SEASONS[self.season]]
        return date(self.academic_year + years, month, day)


@dataclass(frozen=True, slots=True)
class Person:
    """A linked person. ``is_child`` says whether they are one of the family's children (a
    dependent child), as the family grouping decided; rules' ``who: children`` means these."""

    person_id: str
    family_id: str
    date_of_birth: date
    is_child: bool
    sex: Sex | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One accepted feed record, attributed to a person. ``feed`` names its feed; ``date`` is
    when it happened (an episode's or claim's start, a term's nominal start)."""

    feed: ClassVar[str]

    person_id: str
    record_id: str
    date: date

    @property
    def source(self) -> tuple[str, str]:
        """The record behind the event: ``(feed, record_id)``."""
        return (self.feed, self.record_id)


@dataclass(frozen=True, slots=True)
class Episode(Event):
    """An event that lasts: ``date`` is its start, ``end`` its end (``None`` while open)."""

    end: date | None

    def open_on(self, day: date) -> bool:
        """Open on ``day``: started by then and not ended before it."""
        return self.date <= day and (self.end is None or self.end >= day)

    def open_between(self, first: date, last: date) -> bool:
        """Open on at least one day from ``first`` to ``last``."""
        return self.date <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True, slots=True)
class SchoolAttendance(Event):
    feed = "school_attendance"
    term: Term
    sessions_possible: int
    sessions_missed: int


@dataclass(frozen=True, slots=True)
class Exclusion(Event):
    feed = "exclusions"
    exclusion_type: str
    days: float


@dataclass(frozen=True, slots=True)
class PoliceIncident(Event):
    feed = "police_incidents"
    incident_type: str
    role: str


@dataclass(frozen=True, slots=True)
class YouthJusticeOutcome(Event):
    feed = "youth_justice"
    outcome: str


@dataclass(frozen=True, slots=True)
class HealthAppointment(Event):
    feed = "health_appointments"
    service: str
    attendance: str


@dataclass(frozen=True, slots=True)
class SocialCareEpisode(Episode):
    feed = "social_care"
    episode_type: str


@dataclass(frozen=True, slots=True)
class EarlyHelpEpisode(Episode):
    feed = "early_help"
    lead_agency: str
    closure_reason: str | None


@dataclass(frozen=True, slots=True)
class HousingEvent(Event):
    feed = "housing"
    event_type: str


@dataclass(frozen=True, slots=True)
class WorklessnessSpell(Episode):
    feed = "worklessness"
    benefit: str


EVENT_TYPES: Final[dict[str, type[Event]]] = {
    cls.feed: cls
    for cls in (
        SchoolAttendance,
        Exclusion,
        PoliceIncident,
        YouthJusticeOutcome,
        HealthAppointment,
        SocialCareEpisode,
        EarlyHelpEpisode,
        HousingEvent,
        WorklessnessSpell,
    )
}
"""The event class of each feed, in the feed specification's order."""

EPISODE_FEEDS: Final = tuple(name for name, cls in EVENT_TYPES.items() if issubclass(cls, Episode))
"""The feeds whose records last (have an end): social care, early help, worklessness."""

_START_COLUMN: Final = {
    "exclusions": "exclusion_date",
    "police_incidents": "incident_date",
    "youth_justice": "outcome_date",
    "health_appointments": "appointment_date",
    "social_care": "start_date",
    "early_help": "start_date",
    "housing": "event_date",
    "worklessness": "start_date",
}


def _day(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError("not a date")


def _optional_day(value: object) -> date | None:
    return None if value is None or value == "" else _day(value)


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("not a choice")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None or value == "" else _text(value)


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("not a whole number")
    return int(value)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("not a number")
    return float(value)


def event_from_columns(
    feed: str, person_id: str, record_id: str, columns: Mapping[str, object]
) -> Event:
    """The event of one accepted record of ``feed``, from its event columns as a feed contract
    gives them (``FeedRecord.model_dump()``) or as the hub stores them (dates as ISO text).
    ``ValueError`` (naming no value) if ``feed`` is unknown or a column is missing or wrong."""
    if feed not in EVENT_TYPES:
        raise ValueError("unknown feed")
    try:
        return _build(feed, person_id, record_id, columns)
    except KeyError as missing:
        raise ValueError(f"{feed} record lacks its {missing.args[0]} column") from None
    except ValueError:
        raise ValueError(f"{feed} record has a column that is not as its contract says") from None


def _build(feed: str, person_id: str, record_id: str, c: Mapping[str, object]) -> Event:
    if feed == "school_attendance":
        term = Term.parse(_text(c["term"]))
        return SchoolAttendance(
            person_id,
            record_id,
            term.start,
            term,
            _whole(c["sessions_possible"]),
            _whole(c["sessions_missed"]),
        )
    start = _day(c[_START_COLUMN[feed]])
    if feed == "exclusions":
        return Exclusion(
            person_id, record_id, start, _text(c["exclusion_type"]), _number(c["days"])
        )
    if feed == "police_incidents":
        incident, role = _text(c["incident_type"]), _text(c["role"])
        return PoliceIncident(person_id, record_id, start, incident, role)
    if feed == "youth_justice":
        return YouthJusticeOutcome(person_id, record_id, start, _text(c["outcome"]))
    if feed == "health_appointments":
        service, attendance = _text(c["service"]), _text(c["attendance"])
        return HealthAppointment(person_id, record_id, start, service, attendance)
    if feed == "housing":
        return HousingEvent(person_id, record_id, start, _text(c["event_type"]))
    end = _optional_day(c.get("end_date"))
    if feed == "social_care":
        return SocialCareEpisode(person_id, record_id, start, end, _text(c["episode_type"]))
    if feed == "early_help":
        lead, reason = _text(c["lead_agency"]), _optional_text(c.get("closure_reason"))
        return EarlyHelpEpisode(person_id, record_id, start, end, lead, reason)
    return WorklessnessSpell(person_id, record_id, start, end, _text(c["benefit"]))


@dataclass(frozen=True)
class FamilyFacts:
    """One family's members and events, the events by feed in date order."""

    family_id: str
    members: Mapping[str, Person]
    events: Mapping[str, Sequence[Event]]


@dataclass(frozen=True)
class Facts:
    """Linked people and their events. Events of a person not in ``people`` are not anyone's
    family's, and rules do not see them (``unplaced`` counts them)."""

    people: Mapping[str, Person]
    events: Sequence[Event] = field(repr=False)

    @cached_property
    def families(self) -> Mapping[str, FamilyFacts]:
        """Each family's facts, grouped once, by family id in the order first seen."""
        members: dict[str, dict[str, Person]] = {}
        for person in self.people.values():
            members.setdefault(person.family_id, {})[person.person_id] = person
        events: dict[str, dict[str, list[Event]]] = {family: {} for family in members}
        for event in self.events:
            owner = self.people.get(event.person_id)
            if owner is not None:
                events[owner.family_id].setdefault(event.feed, []).append(event)
        for by_feed in events.values():
            for rows in by_feed.values():
                rows.sort(key=lambda e: (e.date, e.record_id))
        return {
            family: FamilyFacts(family, people, events[family])
            for family, people in members.items()
        }

    @property
    def unplaced(self) -> int:
        return sum(1 for event in self.events if event.person_id not in self.people)


def read_people(path: Path) -> dict[str, Person]:
    """People from a synthetic city's ``truth_people.csv``."""
    people = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            people[row["person_id"]] = Person(
                row["person_id"],
                row["family_id"],
                date.fromisoformat(row["date_of_birth"]),
                row["is_child"] == "true",
                _SEXES.get(row["sex"]),
            )
    return people


def read_owners(path: Path) -> dict[tuple[str, str], str]:
    """``(feed, record_id) -> person_id`` from a synthetic city's ``truth_records.csv``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["feed"], row["record_id"]): row["person_id"] for row in csv.DictReader(handle)}


def read_events(folder: Path, owners: Mapping[str, str], feed: str) -> Iterable[Event]:
    """The events of one feed file in ``folder`` (``<feed>.csv``), each record checked against
    its contract (rejected rows are left out, as the hub would quarantine them), attributed by
    ``owners`` (record id to person id); records with no owner are left out."""
    path = folder / f"{feed}.csv"
    if not path.exists():
        return
    batch = read_feed(feed, path.read_bytes(), path.name)
    if batch.file_error is not None:
        raise ValueError(f"{path.name}: {batch.file_error}")
    columns = _EVENT_COLUMNS[feed]
    for record in batch.records:
        person_id = owners.get(record.record_id)
        if person_id is None:
            continue
        values = {name: getattr(record, name) for name in columns}
        yield event_from_columns(feed, person_id, record.record_id, values)


_EVENT_COLUMNS: Final = {
    feed: tuple(name for name in model.model_fields if name not in Identity.model_fields)
    for feed, model in FEEDS.items()
}
"""Each feed's event columns: those after the identity columns."""


def facts_from_city(folder: Path) -> Facts:
    """A synthetic city's facts on its true linkage: people and families from
    ``truth_people.csv``, each feed record attributed by ``truth_records.csv``."""
    people = read_people(folder / "truth_people.csv")
    owners = read_owners(folder / "truth_records.csv")
    events: list[Event] = []
    for feed in EVENT_TYPES:
        by_record = {record: person for (name, record), person in owners.items() if name == feed}
        events.extend(read_events(folder, by_record, feed))
    return Facts(people, events)
