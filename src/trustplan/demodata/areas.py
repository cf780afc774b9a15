"""The places the demonstration has data for: Portsmouth, its benchmarks and a neighbour group.

The area codes are real ONS codes (GSS codes, as published in ONS's register of geographic
codes), so that the demonstration exercises the same code checks as real data. The child
populations are rounded approximations of ONS mid-2019 estimates of people aged 0 to 17; the
generator uses them only to scale denominators and counts between areas.

The statistical-neighbour group is illustrative: ten English unitary authorities of a broadly
similar kind to Portsmouth (urban, mostly southern, several coastal or port cities). It is NOT
the Department for Education's published children's services statistical neighbour list for
Portsmouth, and its ranks are invented. Bournemouth, Christchurch and Poole (E06000058) was
formed in April 2019, so its series before then is as synthetic as everything else here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from trustplan.vocabulary import AreaKind


@dataclass(frozen=True)
class DemoArea:
    """An area of the demonstration. ``children`` is its approximate population aged 0 to 17;
    None for a region listed only as the parent of a neighbour, which gets no data."""

    code: str
    name: str
    kind: AreaKind
    parent_code: str | None
    children: int | None


@dataclass(frozen=True)
class ComparatorGroup:
    """A named group of areas whose own average is imported as the area ``code``.

    ``members`` are area codes, nearest first (rank 1 is the first).
    """

    code: str
    name: str
    kind: str
    members: tuple[str, ...]


ENGLAND: Final = "E92000001"
SOUTH_EAST: Final = "E12000008"
PORTSMOUTH: Final = "E06000044"
NEIGHBOURS_CODE: Final = "SN-PORTSMOUTH"

_SOUTH_WEST = "E12000009"
_EAST = "E12000006"
_EAST_MIDLANDS = "E12000004"

NEIGHBOURS: Final = (
    DemoArea("E06000045", "Southampton", AreaKind.LOCAL_AUTHORITY, SOUTH_EAST, 50_000),
    DemoArea("E06000026", "Plymouth", AreaKind.LOCAL_AUTHORITY, _SOUTH_WEST, 53_000),
    DemoArea("E06000023", "Bristol, City of", AreaKind.LOCAL_AUTHORITY, _SOUTH_WEST, 97_000),
    DemoArea("E06000043", "Brighton and Hove", AreaKind.LOCAL_AUTHORITY, SOUTH_EAST, 52_000),
    DemoArea(
        "E06000058",
        "Bournemouth, Christchurch and Poole",
        AreaKind.LOCAL_AUTHORITY,
        _SOUTH_WEST,
        73_000,
    ),
    DemoArea("E06000030", "Swindon", AreaKind.LOCAL_AUTHORITY, _SOUTH_WEST, 53_000),
    DemoArea("E06000035", "Medway", AreaKind.LOCAL_AUTHORITY, SOUTH_EAST, 65_000),
    DemoArea("E06000038", "Reading", AreaKind.LOCAL_AUTHORITY, SOUTH_EAST, 37_000),
    DemoArea("E06000032", "Luton", AreaKind.LOCAL_AUTHORITY, _EAST, 59_000),
    DemoArea("E06000015", "Derby", AreaKind.LOCAL_AUTHORITY, _EAST_MIDLANDS, 59_000),
)
"""Portsmouth's illustrative statistical neighbours, nearest first."""

GROUP: Final = ComparatorGroup(
    code=NEIGHBOURS_CODE,
    name="Portsmouth statistical neighbours (illustrative demonstration group)",
    kind="statistical_neighbours",
    members=tuple(area.code for area in NEIGHBOURS),
)

AREAS: Final = (
    DemoArea(ENGLAND, "England", AreaKind.COUNTRY, None, 11_990_000),
    DemoArea(SOUTH_EAST, "South East", AreaKind.REGION, ENGLAND, 1_960_000),
    DemoArea(_SOUTH_WEST, "South West", AreaKind.REGION, ENGLAND, None),
    DemoArea(_EAST, "East of England", AreaKind.REGION, ENGLAND, None),
    DemoArea(_EAST_MIDLANDS, "East Midlands", AreaKind.REGION, ENGLAND, None),
    DemoArea(PORTSMOUTH, "Portsmouth", AreaKind.LOCAL_AUTHORITY, SOUTH_EAST, 44_000),
    *NEIGHBOURS,
    DemoArea(NEIGHBOURS_CODE, GROUP.name, AreaKind.COMPARATOR_GROUP, None, None),
)
"""Every area the import files name: parents before children, the group last."""

AREAS_BY_CODE: Final = {area.code: area for area in AREAS}


def size(area: DemoArea) -> float:
    """The area's child population relative to Portsmouth's, which scales its denominators.

    Raises:
        ValueError: the area has no population (a parent region or the group), so no data.
    """
    portsmouth = AREAS_BY_CODE[PORTSMOUTH].children
    if area.children is None or portsmouth is None:
        raise ValueError(f"{area.name} ({area.code}) has no population: it gets no data")
    return area.children / portsmouth
