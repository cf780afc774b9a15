"""The synthetic city's places: thirteen fictional localities (wards), their postcode sectors
and streets, and the addresses households live at.

Every postcode is in the area "ZZ", which no UK postcode uses, and every street name is made
up, so no synthetic address can be mistaken for a real one. (The NHS's pseudo-postcodes, such as
ZZ99 3VZ for no fixed abode, are in district 99; the city's districts are 1 to 13.) Postcodes
otherwise have the real shape (``ZZ4 2HX``: district, sector digit, two unit letters from the
twenty the Royal Mail uses in that position), so validation and postcode-sector lookups treat
them as they would real ones. Localities differ in deprivation, which the household and needs
generators use: hotspot maps then have hotspots to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Final

from trustplan.hubcore.synth.identifiers import make_uprn

POSTCODE_AREA: Final = "ZZ"
UNIT_LETTERS: Final = "ABDEFGHJLNPQRSTUWXYZ"
"""The letters a postcode's last two characters are drawn from (no C, I, K, M, O or V)."""


@dataclass(frozen=True, slots=True)
class Locality:
    """A ward. ``deprivation`` runs from 0 (least) to 1 (most deprived); ``weight`` is its
    relative share of the city's households."""

    name: str
    district: int
    sectors: tuple[int, ...]
    deprivation: float
    weight: float

    @property
    def postcode_sectors(self) -> tuple[str, ...]:
        return tuple(f"{POSTCODE_AREA}{self.district} {sector}" for sector in self.sectors)


LOCALITIES: Final = (
    Locality("Northfield", 1, (1, 2, 3), 0.25, 1.0),
    Locality("Harbourside", 2, (1, 2, 4), 0.85, 1.2),
    Locality("Eastmoor", 3, (1, 3, 5), 0.55, 1.0),
    Locality("Copperhill", 4, (2, 3), 0.15, 0.7),
    Locality("Kestrel Down", 5, (1, 2, 6), 0.35, 0.9),
    Locality("Lanternwick", 6, (1, 2, 3, 4), 0.75, 1.3),
    Locality("Gullhaven", 7, (2, 5), 0.45, 0.8),
    Locality("Saltings Reach", 8, (1, 3, 4), 0.9, 1.1),
    Locality("Ropewalk", 9, (1, 2), 0.65, 0.8),
    Locality("Ashcombe Vale", 10, (3, 4, 7), 0.1, 0.9),
    Locality("Fennel Green", 11, (1, 5), 0.3, 0.7),
    Locality("Wharfside", 12, (2, 3, 4), 0.7, 1.0),
    Locality("Larkmoor", 13, (1, 2, 8), 0.5, 0.9),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_STEMS: Final = _words(
    "Alder Anchor Barley Beacon Bramble Cedar Chapel Clover Cobble Copper Dockyard Drift Elm "
    "Falcon Ferry Fisher Foundry Granary Gull Harbour Hawthorn Hazel Heron Juniper Kestrel "
    "Lantern Laurel Linden Maple Mariner Meadow Mill Orchard Osprey Oyster Pebble Pier Quay "
    "Reed Rope Rowan Sail Saltings Sandpiper Shingle Signal Sorrel Tannery Thistle Tide Wharf "
    "Willow Wren Yew Bosun Capstan Compass Cormorant Curlew Ember Fathom Gannet Guillemot "
    "Halyard Jetty Keel Larch Lugger Marram Netmaker Otter Plover Puffin Rigger Samphire "
    "Skiff Spindle Tern Teasel Tiller Weaver"
)
_SUFFIXES: Final = _words(
    "Road Street Avenue Close Lane Way Gardens Crescent Drive Terrace Place Grove Walk Rise"
)
_BLOCK_SUFFIXES: Final = ("Court", "House", "Heights")
HOUSES_PER_STREET: Final = 90
HOUSES_PER_UNIT: Final = 15


@dataclass(frozen=True, slots=True)
class Address:
    """Where a household lives: first line of address, postcode, UPRN and locality."""

    line: str
    postcode: str
    uprn: str
    locality: str


@dataclass(slots=True)
class _Street:
    name: str
    sector: str
    units: list[str]
    block: bool
    next_number: int = 1


@dataclass(slots=True)
class _LocalityStreets:
    locality: Locality
    open: list[_Street] = field(default_factory=list)
    names_used: set[str] = field(default_factory=set)
    units_used: set[str] = field(default_factory=set)


class AddressBook:
    """Hands out distinct addresses, each with its own UPRN, filling a locality's streets as
    households arrive and opening new streets as they fill."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._streets = {loc.name: _LocalityStreets(loc) for loc in LOCALITIES}
        self._uprns = 0

    def new_address(self, locality: Locality) -> Address:
        streets = self._streets[locality.name]
        while len(streets.open) < 4:
            streets.open.append(self._new_street(streets))
        street = self._rng.choice(streets.open)
        number = street.next_number
        street.next_number += 1
        if street.next_number > HOUSES_PER_STREET:
            streets.open.remove(street)
        unit = street.units[(number - 1) // HOUSES_PER_UNIT]
        line = f"Flat {number} {street.name}" if street.block else f"{number} {street.name}"
        self._uprns += 1
        uprn = make_uprn(self._uprns * 7 + self._rng.randrange(7))
        return Address(line, f"{street.sector}{unit}", uprn, locality.name)

    def _new_street(self, streets: _LocalityStreets) -> _Street:
        rng = self._rng
        block = rng.random() < 0.15
        while True:
            suffix = rng.choice(_BLOCK_SUFFIXES if block else _SUFFIXES)
            name = f"{rng.choice(_STEMS)} {suffix}"
            if name not in streets.names_used:
                streets.names_used.add(name)
                break
        sector = rng.choice(streets.locality.postcode_sectors)
        units: list[str] = []
        attempts = 0
        while len(units) < HOUSES_PER_STREET // HOUSES_PER_UNIT:
            unit = f"{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"
            attempts += 1
            # A very large city runs out of a sector's 400 units; then streets share them.
            if sector + unit not in streets.units_used or attempts > 50:
                streets.units_used.add(sector + unit)
                units.append(unit)
        return _Street(name, sector, units, block)


# The localities' outlines, for hotspot maps. The city has no real geography, so its map is a
# made-up plane, not longitude and latitude: a 4 by 4 grid of 10-unit squares with the harbour
# (water) in three of the bottom row's, each corner and edge midpoint nudged by a fixed amount so
# that the outlines look drawn rather than ruled. Neighbours share every vertex of their common
# edge, so the outlines tile the city without overlapping.
MAP_CELL: Final = 10.0
MAP_CELLS: Final = {
    "Ashcombe Vale": (0, 3),
    "Northfield": (1, 3),
    "Copperhill": (2, 3),
    "Kestrel Down": (3, 3),
    "Fennel Green": (0, 2),
    "Larkmoor": (1, 2),
    "Gullhaven": (2, 2),
    "Eastmoor": (3, 2),
    "Lanternwick": (0, 1),
    "Ropewalk": (1, 1),
    "Wharfside": (2, 1),
    "Saltings Reach": (3, 1),
    "Harbourside": (1, 0),
}
"""Each locality's (column, row) on the grid, row 0 at the bottom (south)."""


def _nudge(a: int, b: int) -> float:
    """A fixed offset of -1.6 to 1.6 units for lattice point (a, b): no randomness, so every
    city draws the same map."""
    return ((a * 7 + b * 3) % 5 - 2) * 0.8


def _corner(i: int, j: int) -> tuple[float, float]:
    return (i * MAP_CELL + _nudge(i, j), j * MAP_CELL + _nudge(j, i))


def _midpoint(first: tuple[int, int], second: tuple[int, int]) -> tuple[float, float]:
    """The middle of a grid edge, pushed across the edge by an amount fixed by the edge itself,
    so both localities either side of it draw the same point."""
    (x1, y1), (x2, y2) = _corner(*first), _corner(*second)
    push = _nudge(first[0] + second[0], first[1] + second[1]) * 0.75
    across = (0.0, push) if first[1] == second[1] else (push, 0.0)
    return ((x1 + x2) / 2 + across[0], (y1 + y2) / 2 + across[1])


def locality_outline(name: str) -> list[tuple[float, float]]:
    """The locality's outline as a closed ring, anticlockwise (GeoJSON's right-hand rule)."""
    column, row = MAP_CELLS[name]
    corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
    ring: list[tuple[float, float]] = []
    for first, second in zip(corners, [*corners[1:], corners[0]], strict=True):
        ring.append(_corner(*first))
        ring.append(_midpoint(*sorted([first, second])))
    ring.append(ring[0])
    return [(round(x, 2), round(y, 2)) for x, y in ring]
