"""True events: what happened to whom, and when, before any agency records it.

An ``Event`` names its feed, its person, the day the agency recorded the person (``on``: the
event's date, the term's start, an episode's start) and the feed's event columns as text in the
specification's order. The builders below are the only place those columns are spelt out, so a
feed's values cannot drift from its header; ``course`` and ``domestic_abuse_callout`` build the
events that come in groups. The recording (and its errors) is ``feeds``'s job.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from trustplan.hubcore.synth import spec
from trustplan.hubcore.synth.population import Family, Person
from trustplan.hubcore.synth.window import Term


@dataclass(frozen=True, slots=True)
class Event:
    feed: str
    person: Person
    on: date
    values: tuple[str, ...]


def _optional(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def attendance(person: Person, term: Term, possible: int, missed: int) -> Event:
    values = (term.label, str(possible), str(missed))
    return Event(spec.SCHOOL_ATTENDANCE, person, term.start, values)


def exclusion(person: Person, day: date, kind: str, days: float) -> Event:
    shown = f"{days:g}"
    return Event(spec.EXCLUSIONS, person, day, (day.isoformat(), kind, shown))


def police(person: Person, day: date, kind: str, role: str) -> Event:
    return Event(spec.POLICE_INCIDENTS, person, day, (day.isoformat(), kind, role))


def youth_justice(person: Person, day: date, outcome: str) -> Event:
    return Event(spec.YOUTH_JUSTICE, person, day, (day.isoformat(), outcome))


def appointment(person: Person, day: date, service: str, attended: str) -> Event:
    return Event(spec.HEALTH_APPOINTMENTS, person, day, (day.isoformat(), service, attended))


def social_care(person: Person, kind: str, start: date, end: date | None) -> Event:
    return Event(spec.SOCIAL_CARE, person, start, (kind, start.isoformat(), _optional(end)))


def early_help(
    person: Person, start: date, end: date | None, lead_agency: str, reason: str
) -> Event:
    values = (start.isoformat(), _optional(end), lead_agency, reason)
    return Event(spec.EARLY_HELP, person, start, values)


def housing(person: Person, day: date, kind: str) -> Event:
    return Event(spec.HOUSING, person, day, (day.isoformat(), kind))


def benefit(person: Person, start: date, end: date | None, kind: str) -> Event:
    return Event(spec.WORKLESSNESS, person, start, (start.isoformat(), _optional(end), kind))


def course(
    rng: random.Random,
    person: Person,
    service: str,
    first: date,
    count: int,
    gap_days: tuple[int, int],
    did_not_attend: float,
    last: date,
) -> list[Event]:
    """A run of appointments with one service, ``gap_days`` apart, stopping at ``last``; each
    missed (did not attend) with chance ``did_not_attend``, a few cancelled."""
    events = []
    day = first
    for _ in range(count):
        if day > last:
            break
        draw = rng.random()
        attended = (
            "did_not_attend"
            if draw < did_not_attend
            else "cancelled"
            if draw < did_not_attend + 0.04
            else "attended"
        )
        events.append(appointment(person, day, service, attended))
        day += timedelta(days=rng.randint(*gap_days))
    return events


def domestic_abuse_callout(
    rng: random.Random, family: Family, day: date, witnesses: float
) -> list[Event]:
    """A call-out to the home: the victim (usually the woman), the suspect if they live there,
    and children present recorded as witnesses."""
    adults = [a for a in family.adults if a.date_of_birth <= day]
    women = [a for a in adults if a.sex == "F"] or adults
    victim = women[0]
    if rng.random() < 0.1 and len(adults) > 1:
        victim = next(a for a in adults if a is not victim)
    rows = [police(victim, day, "domestic_abuse", "victim")]
    rows += [police(a, day, "domestic_abuse", "suspect") for a in adults[:2] if a is not victim]
    rows += [
        police(child, day, "domestic_abuse", "witness")
        for child in family.children
        if child.date_of_birth < day and rng.random() < witnesses
    ]
    return rows
