"""The synthetic city's people: households at addresses in fictional localities, families inside
them, and each person's true identity through the window.

Identity changes over a window, and the linkage must cope with it: some households move (the
old and the new address, with the day of the move), some people marry and take their partner's
surname (the old surname, the new one, and the day), and babies are born. ``Person`` answers
"what was true on this day" (``last_name_on``, ``address_on``), which is what an agency should
have recorded then. Children with any school term in the window have a UPN, allocated by the
school they started at; everyone has a distinct NHS number from the test range.

Everything is drawn from one seeded ``random.Random``, in a fixed order, so a seed always makes
the same city.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from trustplan.hubcore.synth.households import Composer, Member, Sketch
from trustplan.hubcore.synth.identifiers import MAX_PEOPLE, draw_nhs_numbers, make_upn
from trustplan.hubcore.synth.places import LOCALITIES, Address, AddressBook, Locality
from trustplan.hubcore.synth.seeds import stage_rng
from trustplan.hubcore.synth.window import Term, Window, age_on, random_day


@dataclass(slots=True, eq=False)
class Person:
    """One person and their true identity. ``last_name`` is the surname at the end of the
    window; ``previous_last_name`` the one before ``renamed_on`` if they changed it in the
    window. ``due_on`` is set for a woman expecting a baby at the end of the window."""

    person_id: str
    first_name: str
    last_name: str
    sex: str
    date_of_birth: date
    ethnicity: str
    nhs_number: str
    household: Household
    family: Family
    is_child: bool
    parent: bool
    upn: str = ""
    sixth_form: bool = False
    due_on: date | None = None
    previous_last_name: str = ""
    renamed_on: date | None = None

    @property
    def expectant(self) -> bool:
        return self.due_on is not None

    def last_name_on(self, day: date) -> str:
        if self.renamed_on is not None and day < self.renamed_on:
            return self.previous_last_name
        return self.last_name

    def address_on(self, day: date) -> Address:
        return self.household.address_on(day)

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)

    def in_school(self, term: Term) -> bool:
        """On a school roll that term: Reception to Year 11, and sixth form if they stay on."""
        year_group = age_on(self.date_of_birth, date(term.academic_year, 8, 31)) - 4
        return 0 <= year_group <= 11 or (self.sixth_form and year_group in (12, 13))


@dataclass(slots=True, eq=False)
class Family:
    """Parents (one or two, or none for a lone adult) and the children they look after, plus
    any grown-up children still at home."""

    family_id: str
    household: Household
    members: list[Person] = field(default_factory=list)

    @property
    def adults(self) -> list[Person]:
        return [person for person in self.members if not person.is_child]

    @property
    def children(self) -> list[Person]:
        return [person for person in self.members if person.is_child]


@dataclass(slots=True, eq=False)
class Household:
    """People at one address. ``addresses`` holds one address, or the old and the new if the
    household moved on ``moved_on``; ``locality`` is where it lived when the window began."""

    household_id: str
    kind: str
    locality: Locality
    addresses: tuple[Address, ...]
    moved_on: date | None = None
    families: list[Family] = field(default_factory=list)

    @property
    def members(self) -> Iterator[Person]:
        for family in self.families:
            yield from family.members

    def address_on(self, day: date) -> Address:
        if self.moved_on is not None and day >= self.moved_on:
            return self.addresses[-1]
        return self.addresses[0]


@dataclass(frozen=True)
class Population:
    """Everyone, household by household, in the order their ids were given."""

    window: Window
    households: tuple[Household, ...]
    people: tuple[Person, ...]

    @property
    def families(self) -> Iterator[Family]:
        for household in self.households:
            yield from household.families


def build_population(people: int, seed: int, window: Window) -> Population:
    """``people`` people in households, deterministically from ``seed``."""
    if not 1 <= people <= MAX_PEOPLE:
        raise ValueError(f"a synthetic city has 1 to {MAX_PEOPLE} people")
    rng = stage_rng(seed, "population")
    composer = Composer(rng, window.end)
    book = AddressBook(rng)
    weights = [locality.weight for locality in LOCALITIES]
    nhs_numbers = iter(draw_nhs_numbers(people, rng))
    households: list[Household] = []
    everyone: list[Person] = []
    family_count = 0
    while len(everyone) < people:
        locality = rng.choices(LOCALITIES, weights=weights)[0]
        sketch = composer.household(locality.deprivation, people - len(everyone))
        household = _place(rng, book, sketch, locality, window, len(households) + 1)
        for members in sketch.families:
            family_count += 1
            family = Family(f"F{family_count:07d}", household)
            household.families.append(family)
            for member in members:
                person = _person(member, len(everyone) + 1, household, family, window)
                person.nhs_number = next(nhs_numbers)
                family.members.append(person)
                everyone.append(person)
        _life_events(rng, household, window)
        households.append(household)
    _allocate_upns(rng, everyone, window)
    return Population(window, tuple(households), tuple(everyone))


def _place(
    rng: random.Random,
    book: AddressBook,
    sketch: Sketch,
    locality: Locality,
    window: Window,
    number: int,
) -> Household:
    """A household at a new address; some move once during the window, renters in deprived
    localities most often, usually within their locality."""
    addresses: tuple[Address, ...] = (book.new_address(locality),)
    moved_on = None
    if rng.random() < 0.06 + 0.08 * locality.deprivation:
        moved_on = random_day(
            rng, window.start + timedelta(days=30), window.end - timedelta(days=30)
        )
        destination = locality if rng.random() < 0.65 else rng.choice(LOCALITIES)
        addresses = (addresses[0], book.new_address(destination))
    return Household(f"H{number:07d}", sketch.kind, locality, addresses, moved_on)


def _person(
    member: Member, number: int, household: Household, family: Family, window: Window
) -> Person:
    return Person(
        person_id=f"P{number:07d}",
        first_name=member.first_name,
        last_name=member.last_name,
        sex=member.sex,
        date_of_birth=member.date_of_birth,
        ethnicity=member.ethnicity,
        nhs_number="",
        household=household,
        family=family,
        is_child=age_on(member.date_of_birth, window.end) < 18,
        parent=member.parent,
        previous_last_name=member.previous_last_name,
    )


def _life_events(rng: random.Random, household: Household, window: Window) -> None:
    """The day of each marriage in the window, and pregnancies running past its end."""
    for person in household.members:
        if person.previous_last_name:
            person.renamed_on = random_day(rng, window.start, window.end)
        age = person.age_on(window.end)
        if person.sex == "F" and 17 <= age <= 44:
            chance = 0.035 if 20 <= age <= 39 else 0.012
            if rng.random() < chance * (1 + 0.3 * household.locality.deprivation):
                person.due_on = window.end + timedelta(weeks=rng.randint(1, 34))


def _allocate_upns(rng: random.Random, everyone: list[Person], window: Window) -> None:
    """A UPN for every child on a school roll in any term of the window, allocated by a primary
    school in their locality in the year they started Reception."""
    serials: dict[tuple[int, int], int] = {}
    for person in everyone:
        if person.age_on(window.end) > 21:
            continue
        person.sixth_form = rng.random() < 0.55
        if not any(person.in_school(term) for term in window.terms):
            continue
        born = person.date_of_birth
        reception = born.year + 4 + ((born.month, born.day) > (8, 31))
        district = person.household.locality.district
        establishment = 2000 + district * 20 + rng.randrange(8)
        while serials.get((establishment, reception), 0) >= 1000:
            establishment += 8
        serial = serials.get((establishment, reception), 0)
        serials[(establishment, reception)] = serial + 1
        person.upn = make_upn(establishment, reception, serial)
