"""Households: people who shared a home at the same time.

Two people are in one household when records place them at the same dwelling (see
:mod:`~trustplan.hubcore.families.addresses`) over periods that overlap; a household is every
person joined to another that way, directly or through others. Time matters because a dwelling
is lived in by one household after another: the family who moved out last year and the one who
moved in since share an address but not a home. A household that moved together is still one:
its people overlapped at the old address and, usually, at the new one.

A household's postcode is that of the newest home any of its people were known at, and so the
one its families are counted under in a locality.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from trustplan.hubcore.families.people import Known


@dataclass(frozen=True, slots=True, repr=False)
class Household:
    """People who shared a home, by person id, and the postcode of their latest home."""

    household_id: str
    members: tuple[str, ...]
    postcode: str | None

    def __repr__(self) -> str:
        return f"Household({self.household_id}, {len(self.members)} people)"


def short_id(prefix: str, seed: str) -> str:
    """``prefix`` and 20 hex digits of the SHA-256 of ``seed``: the same people give the same
    id on every run, as the linker's person ids do."""
    return prefix + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]


class _Union:
    """Union-find over person ids, for joining people who shared a home."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def households(people: Mapping[str, Known], as_at: date) -> list[Household]:
    """Every person in exactly one household, households in the order of their first member."""
    union = _Union()
    stays: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for person in people.values():
        union.find(person.person_id)
        for key, start, end in person.periods(as_at):
            stays[key].append((start, end, person.person_id))
    for periods in stays.values():
        periods.sort()
        open_until, holder = periods[0][1], periods[0][2]
        for start, end, person_id in periods[1:]:
            if start <= open_until:
                union.join(holder, person_id)
                open_until = max(open_until, end)
            else:
                open_until, holder = end, person_id
    groups: dict[str, list[str]] = defaultdict(list)
    for person_id in people:
        groups[union.find(person_id)].append(person_id)
    return [_household(sorted(members), people) for members in groups.values()]


def _household(members: list[str], people: Mapping[str, Known]) -> Household:
    """The household of ``members``; its postcode is that of the newest home any of them was
    seen at (a household that moved is where it moved to, even while some agencies still write
    the old address)."""
    homes = [home for person_id in members if (home := people[person_id].home)]
    newest = max(homes, key=lambda home: (home.first, home.key), default=None)
    return Household(short_id("H", members[0]), tuple(members), newest.postcode if newest else None)
