"""The rule sets' input on the hub's own linkage: linked people in the families the grouping
found, and every record's event attributed to its person.

This is what the hub evaluates its rule sets on, in place of a synthetic city's truth
(``rules.facts_from_city``). Only people in a family are in ``Facts.people``; the events of
everyone else (a lone adult, a couple without children) are left unplaced, so no rule sees them,
because the hub's criteria are for families.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from trustplan.hubcore.families.grouping import Grouping
from trustplan.hubcore.families.people import Known, known_people
from trustplan.hubcore.families.records import LinkedRecord
from trustplan.hubcore.rules.facts import Facts, Person


@dataclass(frozen=True, slots=True)
class Placed:
    """A person's place in a family, as a stored run holds it."""

    person_id: str
    family_id: str
    is_child: bool


def facts_from_linked(records: Sequence[LinkedRecord], grouping: Grouping) -> Facts:
    """The facts of ``grouping``'s families: each member as a rules ``Person`` (date of birth
    and sex as most of their records give them) and the events of ``records``."""
    placed = (
        Placed(member.person_id, family.family_id, member.is_child)
        for family in grouping.families
        for member in family.members
    )
    return _facts(records, placed, grouping.people)


def facts_from_placed(
    records: Sequence[LinkedRecord], placed: Iterable[Placed], as_at: date
) -> Facts:
    """The facts of families stored earlier (a run as at ``as_at``), on ``records``. A person
    with no record dated by ``as_at`` any more is left out."""
    return _facts(records, placed, known_people(records, as_at))


def _facts(
    records: Sequence[LinkedRecord], placed: Iterable[Placed], known: Mapping[str, Known]
) -> Facts:
    people = {
        p.person_id: Person(
            p.person_id,
            p.family_id,
            known[p.person_id].date_of_birth,
            p.is_child,
            known[p.person_id].sex,
        )
        for p in placed
        if p.person_id in known
    }
    return Facts(people, [record.event for record in records])
