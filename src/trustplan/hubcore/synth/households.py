"""Who lives together: household compositions with their members' names, sexes, birth dates and
ethnicities, before anyone has an identifier or an address.

The mix of household types follows the broad shape of English census households (about three
in ten one person, a quarter couples without children, a fifth couples with dependent children,
lone parents, multi-generation households and sharers), shifted by the locality's deprivation
towards lone parents and multi-generation households and younger mothers. Families inside a
household are kept apart where they really are separate (grandparents and their adult
daughter's family; sharers), because the hub must find families, not just addresses.

Surnames are assigned as they are in life, which is what makes family linkage hard: partners
often but not always share a surname, children usually carry their father's, a lone mother's
children often do not carry hers, and Polish surnames change form with sex. Ethnicity follows
the broad proportions of a southern English city (about four in five White) and picks the
community a person's names come from; a child of parents of different ethnic groups is Mixed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from trustplan.hubcore.synth.names import COMMUNITIES, Community, first_name, surname_for
from trustplan.hubcore.synth.window import age_on

ETHNICITIES: Final = ("White", "Mixed", "Asian", "Black", "Other", "Not known")
_ADULT_ETHNICITY_WEIGHTS: Final = (0.805, 0.02, 0.085, 0.045, 0.02, 0.025)
_COMMUNITY_BY_ETHNICITY: Final = {
    "White": (("english", 0.84), ("irish", 0.05), ("polish", 0.11)),
    "Mixed": (
        ("english", 0.6),
        ("west_african", 0.15),
        ("south_asian", 0.1),
        ("irish", 0.05),
        ("arabic", 0.05),
        ("chinese", 0.05),
    ),
    "Asian": (("south_asian", 0.82), ("chinese", 0.18)),
    "Black": (("west_african", 0.5), ("somali", 0.3), ("english", 0.2)),
    "Other": (("arabic", 0.75), ("english", 0.25)),
    "Not known": (
        ("english", 0.75),
        ("polish", 0.1),
        ("south_asian", 0.05),
        ("west_african", 0.05),
        ("irish", 0.05),
    ),
}


@dataclass(slots=True)
class Member:
    """A person as a household is composed: identity at the end of the window, and (if they
    married during it) the surname they had before."""

    first_name: str
    last_name: str
    sex: str
    date_of_birth: date
    ethnicity: str
    community: Community
    parent: bool = False
    previous_last_name: str = ""


@dataclass(slots=True)
class Sketch:
    """A household's families, each a list of members, parents first."""

    kind: str
    families: list[list[Member]]

    @property
    def size(self) -> int:
        return sum(len(family) for family in self.families)


class Composer:
    """Composes households for a city whose window ends on ``end``."""

    def __init__(self, rng: random.Random, end: date) -> None:
        self.rng = rng
        self.end = end
        self._kinds: dict[str, Callable[[float], Sketch]] = {
            "single": self._single,
            "couple": self._couple,
            "couple_children": self._couple_children,
            "lone_parent": self._lone_parent,
            "couple_adult_children": self._couple_adult_children,
            "multi_generation": self._multi_generation,
            "sharers": self._sharers,
        }

    def household(self, deprivation: float, at_most: int) -> Sketch:
        """A household of at most ``at_most`` people, its type drawn for this deprivation."""
        if at_most <= 4:
            return self._small(at_most)
        d = deprivation
        weights = (
            0.29,
            0.27 - 0.05 * d,
            0.20 - 0.05 * d,
            0.045 + 0.08 * d,
            0.07,
            0.025 + 0.03 * d,
            0.06,
        )
        while True:
            kind = self.rng.choices(tuple(self._kinds), weights=weights)[0]
            sketch = self._kinds[kind](d)
            if sketch.size <= at_most:
                return sketch

    def _small(self, size: int) -> Sketch:
        if size == 1:
            return self._single(0.5)
        if size == 2:
            return self._couple(0.5)
        return self._sharers(0.5, size)

    # Compositions -------------------------------------------------------------------------

    def _single(self, d: float) -> Sketch:
        age = self._adult_age(
            ((20, 34, 0.28), (35, 49, 0.18), (50, 64, 0.22), (65, 79, 0.2), (80, 95, 0.12))
        )
        sex = "F" if self.rng.random() < (0.5 if age < 65 else 0.62) else "M"
        return Sketch("single", [[self._adult(sex, age, self._ethnicity())]])

    def _couple(self, d: float) -> Sketch:
        age = self._adult_age(((22, 34, 0.25), (35, 49, 0.2), (50, 64, 0.27), (65, 88, 0.28)))
        woman, man = self._partners(age)
        return Sketch("couple", [[woman, man]])

    def _couple_children(self, d: float) -> Sketch:
        eldest = self.rng.randrange(18)
        mother_at_first = self._clamp(self.rng.gauss(30 - 4 * d, 5), 18, 42)
        woman, man = self._partners(eldest + mother_at_first)
        count = self.rng.choices((1, 2, 3, 4, 5), weights=(0.38, 0.40, 0.15, 0.05, 0.02))[0]
        surname = man.last_name if self.rng.random() < 0.85 else woman.last_name
        children = self._children(eldest, count, (woman, man), surname)
        return Sketch("couple_children", [[woman, man, *children]])

    def _lone_parent(self, d: float) -> Sketch:
        eldest = self.rng.randrange(18)
        at_first = self._clamp(self.rng.gauss(26 - 4 * d, 5), 16, 42)
        sex = "F" if self.rng.random() < 0.9 else "M"
        parent = self._adult(sex, max(18, eldest + at_first), self._ethnicity(), parent=True)
        if self.rng.random() < 0.4:  # the children carry their absent parent's surname
            other = COMMUNITIES[self._community_key(parent.ethnicity)]
            surname = surname_for(other.surnames.draw(self.rng), "M", other)
        else:
            surname = parent.last_name
        count = self.rng.choices((1, 2, 3, 4), weights=(0.48, 0.34, 0.13, 0.05))[0]
        children = self._children(eldest, count, (parent,), surname)
        return Sketch("lone_parent", [[parent, *children]])

    def _couple_adult_children(self, d: float) -> Sketch:
        woman, man = self._partners(self.rng.randint(44, 66))
        family = [woman, man]
        mother_age = age_on(woman.date_of_birth, self.end)
        eldest = self.rng.randint(18, min(27, mother_age - 18))
        for age in (eldest, eldest - self.rng.randint(1, 4)):
            if age >= 18 and (age == eldest or self.rng.random() < 0.45):
                family.append(self._child_of((woman, man), age, man.last_name))
        if self.rng.random() < 0.35:
            family.append(self._child_of((woman, man), self.rng.randint(12, 17), man.last_name))
        return Sketch("couple_adult_children", [family])

    def _multi_generation(self, d: float) -> Sketch:
        eldest = self.rng.randrange(16)
        at_first = self._clamp(self.rng.gauss(25 - 3 * d, 4), 17, 38)
        parent_age = max(18, eldest + at_first)
        grand_age = parent_age + self._clamp(self.rng.gauss(28, 4), 18, 40)
        if self.rng.random() < 0.7:
            grandmother, grandfather = self._partners(grand_age)
            grandparents = [grandmother, grandfather]
            surname = grandfather.last_name
        else:
            grandmother = self._adult("F", grand_age, self._ethnicity())
            grandparents = [grandmother]
            surname = grandmother.last_name
        sex = "F" if self.rng.random() < 0.7 else "M"
        adult_child = self._child_of(tuple(grandparents), parent_age, surname, sex=sex)
        adult_child.parent = True
        family = [adult_child]
        if self.rng.random() < 0.45:
            partner = self._adult(
                "M" if sex == "F" else "F",
                parent_age + self.rng.randint(-3, 5),
                self._ethnicity(),
                parent=True,
            )
            family.append(partner)
        father = family[-1] if sex == "F" else adult_child
        count = self.rng.choices((1, 2, 3), weights=(0.5, 0.35, 0.15))[0]
        family.extend(self._children(eldest, count, tuple(family), father.last_name))
        return Sketch("multi_generation", [grandparents, family])

    def _sharers(self, d: float, size: int | None = None) -> Sketch:
        size = size or self.rng.choices((2, 3, 4), weights=(0.5, 0.35, 0.15))[0]
        families = [
            [self._adult(self.rng.choice("FM"), self.rng.randint(19, 40), self._ethnicity())]
            for _ in range(size)
        ]
        return Sketch("sharers", families)

    # People -------------------------------------------------------------------------------

    def _partners(self, woman_age: int) -> tuple[Member, Member]:
        """A woman and a man who live as a couple, parents of any children."""
        woman = self._adult("F", woman_age, self._ethnicity(), parent=True)
        if self.rng.random() < 0.88:
            ethnicity, community = woman.ethnicity, woman.community
        else:
            ethnicity = self._ethnicity()
            community = COMMUNITIES[self._community_key(ethnicity)]
        man_age = max(18, woman_age + round(self.rng.gauss(2.5, 3)))
        man = self._adult("M", man_age, ethnicity, community=community, parent=True)
        married_name = surname_for(man.last_name, "F", man.community)
        if self.rng.random() < 0.65:  # she carries his surname
            woman.last_name = married_name
        elif self.rng.random() < 0.06:  # they marry during the window and she takes it
            woman.previous_last_name = woman.last_name
            woman.last_name = married_name
        return woman, man

    def _children(
        self, eldest: int, count: int, parents: tuple[Member, ...], surname: str
    ) -> list[Member]:
        children: list[Member] = []
        age = eldest
        for _ in range(count):
            if age < 0:
                break
            if children and self.rng.random() < 0.015:  # twins share a birthday
                twin = self._child_of(parents, age, surname)
                twin.date_of_birth = children[-1].date_of_birth
                children.append(twin)
            else:
                children.append(self._child_of(parents, age, surname))
            age -= self.rng.randint(1, 6)
        return children

    def _child_of(
        self, parents: tuple[Member, ...], age: int, surname: str, sex: str | None = None
    ) -> Member:
        sex = sex or ("M" if self.rng.random() < 0.512 else "F")
        ethnicities = {parent.ethnicity for parent in parents} - {"Not known"}
        ethnicity = "Mixed" if len(ethnicities) > 1 else parents[0].ethnicity
        community = self.rng.choice(parents).community
        born = self._birth_date(age)
        family_name = surname_for(surname, sex, community)
        return Member(
            first_name(self.rng, community, sex, born.year),
            family_name,
            sex,
            born,
            ethnicity,
            community,
        )

    def _adult(
        self,
        sex: str,
        age: int,
        ethnicity: str,
        community: Community | None = None,
        parent: bool = False,
    ) -> Member:
        community = community or COMMUNITIES[self._community_key(ethnicity)]
        born = self._birth_date(age)
        surname = surname_for(community.surnames.draw(self.rng), sex, community)
        name = first_name(self.rng, community, sex, born.year)
        return Member(name, surname, sex, born, ethnicity, community, parent)

    def _ethnicity(self) -> str:
        return self.rng.choices(ETHNICITIES, weights=_ADULT_ETHNICITY_WEIGHTS)[0]

    def _community_key(self, ethnicity: str) -> str:
        options = _COMMUNITY_BY_ETHNICITY[ethnicity]
        return self.rng.choices([key for key, _ in options], [w for _, w in options])[0]

    def _adult_age(self, bands: tuple[tuple[int, int, float], ...]) -> int:
        low, high, _ = self.rng.choices(bands, weights=[band[2] for band in bands])[0]
        return self.rng.randint(low, high)

    def _birth_date(self, age: int) -> date:
        """A birth date making the person ``age`` on the last day of the window."""
        end = self.end
        latest = date(end.year - age, end.month, min(end.day, 28 if end.month == 2 else 31))
        return latest - timedelta(days=self.rng.randrange(365))

    @staticmethod
    def _clamp(value: float, low: int, high: int) -> int:
        return max(low, min(high, round(value)))
