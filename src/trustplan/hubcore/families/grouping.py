"""Group linked people into households and families as at a day: the grouping's one entry.

:func:`group_families` reads each person's records (:mod:`.people`), joins people who shared a
home at the same time into households (:mod:`.households`), splits each household into its
families (:mod:`.split`) and gives each family a stable id (:mod:`.ids`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from trustplan.hubcore.checks import postcode_sector
from trustplan.hubcore.families.households import Household, households
from trustplan.hubcore.families.ids import stable_ids
from trustplan.hubcore.families.people import Known, known_people
from trustplan.hubcore.families.records import LinkedRecord
from trustplan.hubcore.families.split import Member, split_household


@dataclass(frozen=True, slots=True)
class Family:
    """A family the grouping found: its id, its household, its members (adults first) and the
    postcode sector of its home (``""`` if no record gave a postcode)."""

    family_id: str
    household_id: str
    members: tuple[Member, ...]
    postcode_sector: str

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(member.person_id for member in self.members)


@dataclass(frozen=True, repr=False)
class Grouping:
    """Everyone known as at ``as_at``, their households, and the families among them."""

    as_at: date
    people: Mapping[str, Known]
    households: tuple[Household, ...]
    families: tuple[Family, ...]

    def __repr__(self) -> str:
        return (
            f"Grouping(as at {self.as_at}: {len(self.people)} people, "
            f"{len(self.households)} households, {len(self.families)} families)"
        )

    def family_of(self) -> dict[str, str]:
        """Person id -> family id, for the people in a family."""
        return {p: family.family_id for family in self.families for p in family.people}


def group_families(
    records: Iterable[LinkedRecord],
    as_at: date,
    previous: Mapping[str, Collection[str]] | None = None,
) -> Grouping:
    """The households and families of the people in ``records`` as at ``as_at``. ``previous``
    (family id -> person ids, from the last run) lets families keep their ids."""
    people = known_people(records, as_at)
    found: list[tuple[Household, tuple[Member, ...]]] = []
    homes = households(people, as_at)
    for household in homes:
        members = [people[p] for p in household.members]
        found.extend((household, family) for family in split_household(members, as_at))
    ids = stable_ids(
        {str(n): [m.person_id for m in family] for n, (_, family) in enumerate(found)},
        previous or {},
    )
    families = tuple(
        Family(ids[str(n)], household.household_id, family, _sector(household.postcode))
        for n, (household, family) in enumerate(found)
    )
    return Grouping(as_at, people, tuple(homes), families)


def _sector(postcode: str | None) -> str:
    return postcode_sector(postcode) if postcode else ""
