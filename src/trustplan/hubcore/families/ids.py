"""Family ids that stay the same from run to run while the family's people do.

A practitioner's decision is kept by family id, so a family must keep its id when the hub runs
again on a month's more records. Each family found now inherits the id of the previous run's
family it shares most people with (the largest overlaps are settled first, so two families
cannot inherit one id); a family with no such predecessor gets a fresh id made from its smallest
person id, as the linker makes person ids from record ids, so the same data give the same ids.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from trustplan.hubcore.families.households import short_id


def stable_ids(
    found: Mapping[str, Collection[str]], previous: Mapping[str, Collection[str]]
) -> dict[str, str]:
    """For each family ``found`` (any key -> its person ids), its id: inherited from
    ``previous`` (family id -> person ids) by the largest overlap, or fresh."""
    family_of: dict[str, str] = {}
    for family_id, people in previous.items():
        for person_id in people:
            family_of.setdefault(person_id, family_id)
    overlaps: list[tuple[int, str, str]] = []
    for key, people in found.items():
        shared: dict[str, int] = {}
        for person_id in people:
            if (old := family_of.get(person_id)) is not None:
                shared[old] = shared.get(old, 0) + 1
        overlaps.extend((-count, key, old) for old, count in shared.items())
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for _, key, old in sorted(overlaps):
        if key not in ids and old not in taken:
            ids[key] = old
            taken.add(old)
    used = taken | set(previous)
    for key in sorted(found, key=lambda k: min(found[k], default=k)):
        if key in ids:
            continue
        seed = min(found[key], default=key)
        fresh, salt = short_id("F", seed), 0
        while fresh in used:
            salt += 1
            fresh = short_id("F", f"{seed}#{salt}")
        ids[key] = fresh
        used.add(fresh)
    return ids
