"""The ordinary contact everyone has with services: the background the hub must see through.

Every child on a school roll has an attendance record every term; babies have health visiting
reviews; pregnant women have maternity appointments; many people see a paediatrician, school
nurse or mental health service; some adults claim out-of-work benefits, are victims of or
witnesses to crime, or are referred to children's social care and no further action follows.
Signals of need are rare inside this background, as they are in a real city, and the background
has its own noise (a missed CAMHS appointment, a suspension, a police contact) that must not be
mistaken for a pattern.

Rates are per person per year unless said otherwise, of the same order as English published
figures (attendance about 94 per cent, a suspension for a few per cent of secondary pupils a
year, two or three per cent of children referred to social care a year); they shape the data
and are not estimates of anything.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from trustplan.hubcore.synth import events as ev
from trustplan.hubcore.synth.events import Event
from trustplan.hubcore.synth.population import Household, Person
from trustplan.hubcore.synth.window import Window, random_day

_HEALTH_VISITING_DAYS: Final = (12, 49, 300, 800)
"""Ages in days of the universal health visiting reviews (new birth, 6-8 weeks, 1 and 2 years);
about a quarter of families also have extra ("universal plus") visits."""
_ANTENATAL_WEEKS: Final = (10, 12, 16, 20, 25, 28, 31, 34, 36, 38)


@dataclass(frozen=True, slots=True)
class Absence:
    """A pupil's share of sessions missed, term by term: ``base``, rising by ``step`` in each
    of ``fall_terms`` terms from term ``fall_from`` and staying there. ``exact`` turns off the
    term-to-term noise, so a planted fall is a fall."""

    base: float
    fall_from: int = 99
    step: float = 0.0
    fall_terms: int = 0
    exact: bool = False

    def rate(self, term_index: int) -> float:
        falls = max(0, min(term_index - self.fall_from + 1, self.fall_terms))
        return min(0.9, self.base + falls * self.step)


def usual_absence(rng: random.Random, deprivation: float) -> Absence:
    """Most pupils miss a few per cent of sessions; a few miss many more."""
    return Absence(base=min(0.6, rng.betavariate(1.5, 24) + 0.015 * deprivation))


def school_attendance(
    rng: random.Random, person: Person, absence: Absence, window: Window
) -> list[Event]:
    rows = []
    for index, term in enumerate(window.terms):
        if not person.in_school(term):
            continue
        possible = term.sessions - 2 * rng.randrange(3)
        rate = absence.rate(index)
        if not absence.exact:
            rate = max(0.0, rate + rng.gauss(0, 0.015 + rate / 4))
        missed = min(possible, round(possible * rate))
        rows.append(ev.attendance(person, term, possible, missed))
    return rows


def _happens(rng: random.Random, per_year: float, window: Window) -> bool:
    return rng.random() < per_year * window.years


def _day(rng: random.Random, person: Person, window: Window) -> date:
    """A day in the window on which ``person`` has been born."""
    return random_day(rng, max(window.start, person.date_of_birth), window.end)


def health(rng: random.Random, person: Person, window: Window, quiet: bool) -> list[Event]:
    """Universal and common health contacts. ``quiet`` (a planted family) leaves out CAMHS,
    whose missed appointments are the planted signal."""
    rows: list[Event] = []
    born = person.date_of_birth
    extra = rng.randint(1, 4) if rng.random() < 0.25 else 0
    for age_days in _HEALTH_VISITING_DAYS:
        day = born + timedelta(days=age_days + rng.randint(-3, 20))
        if window.start <= day <= window.end:
            count = 1 + (extra if age_days == _HEALTH_VISITING_DAYS[1] else 0)
            rows += ev.course(
                rng, person, "health_visiting", day, count, (14, 42), 0.06, window.end
            )
    age = person.age_on(window.end)
    pupil = person.is_child and any(person.in_school(term) for term in window.terms)
    if pupil and _happens(rng, 0.2, window):
        day = _day(rng, person, window)
        rows += ev.course(rng, person, "school_nursing", day, 1, (1, 1), 0.05, window.end)
    if person.is_child and _happens(rng, 0.08, window):
        day = _day(rng, person, window)
        count = rng.randint(1, 4)
        rows += ev.course(rng, person, "paediatrics", day, count, (28, 70), 0.1, window.end)
    if not quiet and 6 <= age <= 18 and _happens(rng, 0.02, window):
        day = random_day(rng, max(window.start, _birthday(born, 5)), window.end)
        rows += ev.course(rng, person, "camhs", day, rng.randint(2, 8), (7, 21), 0.1, window.end)
    if not person.is_child and age <= 85 and _happens(rng, 0.045, window):
        day = _day(rng, person, window)
        count = rng.randint(3, 10)
        rows += ev.course(rng, person, "adult_mental_health", day, count, (7, 21), 0.12, window.end)
    if not person.is_child and age <= 70 and _happens(rng, 0.004, window):
        day = _day(rng, person, window)
        count = rng.randint(3, 8)
        rows += ev.course(rng, person, "substance_misuse", day, count, (7, 14), 0.25, window.end)
    return rows


def maternity(rng: random.Random, mother: Person, due: date, window: Window) -> list[Event]:
    """Antenatal appointments before ``due`` (a birth in the window, or a pregnancy running
    past it) and a postnatal one after a birth, those inside the window."""
    rows = []
    days = [due - timedelta(weeks=40 - week, days=rng.randint(-4, 4)) for week in _ANTENATAL_WEEKS]
    if due <= window.end:
        days.append(due + timedelta(days=rng.randint(5, 14)))
    for day in days:
        if window.start <= day <= window.end:
            rows += ev.course(rng, mother, "maternity", day, 1, (1, 1), 0.04, window.end)
    return rows


def police_and_courts(rng: random.Random, person: Person, window: Window) -> list[Event]:
    """Everyday police contact (victims, witnesses, a little anti-social behaviour), and the
    rare youth caution."""
    rows = []
    age = person.age_on(window.end)
    chances: tuple[tuple[float, str, str], ...]
    if not person.is_child:
        chances = (
            (0.05, "crime", "victim"),
            (0.015, "crime", "witness"),
            (0.005, "asb", "subject"),
            (0.005, "crime", "suspect"),
        )
    elif age >= 10:
        chances = (
            (0.01, "crime", "victim"),
            (0.003, "missing", "subject"),
            (0.004, "crime", "suspect"),
        )
    else:
        chances = ()
    for per_year, kind, role in chances:
        if _happens(rng, per_year, window):
            rows.append(ev.police(person, _day(rng, person, window), kind, role))
    if person.is_child and age >= 11 and _happens(rng, 0.002, window):
        rows.append(ev.youth_justice(person, _day(rng, person, window), "caution"))
    return rows


def school_and_care(rng: random.Random, person: Person, window: Window) -> list[Event]:
    """Occasional suspensions, and social care contacts that go no further."""
    rows: list[Event] = []
    if not person.is_child:
        return rows
    terms = [term for term in window.terms if person.in_school(term)]
    secondary = any(person.age_on(term.start) >= 11 for term in terms)
    if terms and _happens(rng, 0.03 if secondary else 0.004, window):
        term = rng.choice(terms)
        day = random_day(rng, term.start, term.end)
        rows.append(ev.exclusion(person, day, "suspension", rng.choice((1, 1, 2, 3, 0.5))))
    if _happens(rng, 0.025, window):
        day = _day(rng, person, window)
        rows.append(ev.social_care(person, "contact", day, day))
    return rows


def work_and_housing(rng: random.Random, household: Household, window: Window) -> list[Event]:
    """Out-of-work benefit spells for some working-age adults, more in deprived localities,
    and the occasional homelessness presentation."""
    rows: list[Event] = []
    deprivation = household.locality.deprivation
    for person in household.members:
        age = person.age_on(window.end)
        if 18 <= age <= 66 and rng.random() < 0.04 + 0.08 * deprivation:
            rows.append(benefit_spell(rng, person, window, already=0.4))
    adults = [person for person in household.members if not person.is_child]
    if adults and _happens(rng, 0.003, window):
        rows.append(
            ev.housing(adults[0], _day(rng, adults[0], window), "homelessness_presentation")
        )
    return rows


def benefit_spell(rng: random.Random, person: Person, window: Window, already: float) -> Event:
    """A claim starting in the window, or (with chance ``already``) open when it starts; many
    end within it."""
    adult = _birthday(person.date_of_birth, 18)
    if rng.random() < already and adult < window.start:
        start = random_day(rng, max(adult, window.start - timedelta(days=1100)), window.start)
        end = window.start + timedelta(days=rng.randint(1, 900))
    else:
        start = random_day(rng, max(adult, window.start), window.end - timedelta(days=14))
        end = start + timedelta(days=rng.randint(30, 900))
    kind = rng.choices(
        ("out_of_work_benefit", "universal_credit_no_work_requirements", "other"),
        weights=(0.45, 0.4, 0.15),
    )[0]
    return ev.benefit(person, start, end if end <= window.end else None, kind)


def _birthday(born: date, years: int) -> date:
    return date(born.year + years, born.month, min(born.day, 28) if born.month == 2 else born.day)
