"""Which dwelling a record's address is: one key per dwelling, whatever way it was written.

A household is found by people sharing a dwelling, so two spellings of one address must give one
key and two dwellings must never. The Unique Property Reference Number (UPRN) identifies a
dwelling outright (GeoPlace, "The UPRN"), but only some feeds carry it: police, health and
benefit records give the first line and the postcode only. So the key of a record is, in order:

1. its own UPRN;
2. the UPRN recorded by other records with the same first line and postcode;
3. the UPRN recorded with the same first line in the same postcode district, if there is exactly
   one: a mistyped postcode (one letter or the sector digit) stays in its district, and a first
   line with its house or flat number is as good as unique inside a district;
4. otherwise the first line and the postcode district, for the same reasons.

First lines are compared normalised: capitals, punctuation as spaces, and the common street-type
abbreviations written out ("Rd" for "Road", "Ave" for "Avenue"), so "12 Alder Rd" and "12 ALDER
ROAD" agree. A record with no first line or no valid postcode has no key: a postcode alone is a
street, not a home. A dwelling's postcode is the one its records give most often, so that one
mistyped postcode does not move a family to another postcode sector.

Addresses are person-level data: keys are kept inside the grouping and never logged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from trustplan.hubcore.checks import normalise_postcode

STREET_TYPES: Final = {
    "RD": "ROAD",
    "ST": "STREET",
    "AVE": "AVENUE",
    "AV": "AVENUE",
    "CL": "CLOSE",
    "LN": "LANE",
    "GDNS": "GARDENS",
    "CRES": "CRESCENT",
    "DR": "DRIVE",
    "TERR": "TERRACE",
    "TER": "TERRACE",
    "PL": "PLACE",
    "CT": "COURT",
    "GR": "GROVE",
    "SQ": "SQUARE",
    "HTS": "HEIGHTS",
}
"""Common abbreviations of street types, written out. "ST" is read as "STREET" wherever it is:
as "Saint" it is read the same way on every record, so equality is kept."""

_NOT_WORD = re.compile(r"[^A-Z0-9]+")


@dataclass(frozen=True, slots=True, repr=False)
class Written:
    """An address as one record wrote it: the first line, the postcode and the UPRN."""

    line: str | None
    postcode: str | None
    uprn: str | None


def normalise_line(text: str | None) -> str | None:
    """The first line in capitals, punctuation as spaces, street types written out."""
    if not text:
        return None
    words = _NOT_WORD.sub(" ", text.upper()).split()
    return " ".join(STREET_TYPES.get(word, word) for word in words) or None


def normalise_uprn(text: str | None) -> str | None:
    """Digits only, without leading zeros; ``None`` if that leaves nothing."""
    digits = "".join(ch for ch in text or "" if ch.isdigit()).lstrip("0")
    return digits or None


def district(postcode: str) -> str:
    """The outward code of a normalised postcode ("ZZ1 2AB" -> "ZZ1")."""
    return postcode.split(" ")[0]


@dataclass(frozen=True, slots=True, repr=False)
class Place:
    """Where a record says its person lives: the dwelling's key, and the postcode the dwelling's
    records give most often."""

    key: str
    postcode: str | None


class AddressBook:
    """Learns from every record which UPRN each written address means, then gives each record's
    dwelling (see the module's docstring for the order)."""

    def __init__(self, written: Iterable[Written]) -> None:
        addresses = [(normalise_line(a.line), _postcode(a.postcode), a) for a in written]
        by_postcode: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        by_district: dict[tuple[str, str], set[str]] = defaultdict(set)
        for line, postcode, address in addresses:
            uprn = normalise_uprn(address.uprn)
            if uprn is not None and line is not None and postcode is not None:
                by_postcode[(line, postcode)][uprn] += 1
                by_district[(line, district(postcode))].add(uprn)
        self._by_postcode = {key: _commonest(counts) for key, counts in by_postcode.items()}
        self._by_district = {key: min(u) for key, u in by_district.items() if len(u) == 1}
        postcodes: dict[str, Counter[str]] = defaultdict(Counter)
        for line, postcode, address in addresses:
            key = self._key(line, postcode, address.uprn)
            if key is not None and postcode is not None:
                postcodes[key][postcode] += 1
        self._postcode_of = {key: _commonest(counts) for key, counts in postcodes.items()}

    def _key(self, line: str | None, postcode: str | None, uprn_text: str | None) -> str | None:
        uprn = normalise_uprn(uprn_text)
        if uprn is not None:
            return f"U{uprn}"
        if line is None or postcode is None:
            return None
        found = self._by_postcode.get((line, postcode)) or self._by_district.get(
            (line, district(postcode))
        )
        return f"U{found}" if found is not None else f"A{line}|{district(postcode)}"

    def place(self, address: Written) -> Place | None:
        """The record's dwelling, or ``None`` if its address cannot name one."""
        key = self._key(normalise_line(address.line), _postcode(address.postcode), address.uprn)
        return None if key is None else Place(key, self._postcode_of.get(key))


def _commonest(counts: Counter[str]) -> str:
    """The value counted most often; a tie goes to the smallest."""
    return min(counts, key=lambda value: (-counts[value], value))


def _postcode(text: str | None) -> str | None:
    return normalise_postcode(text) if text else None
