"""A synthetic city with ground truth, for the family intelligence hub's demo, tests, benchmarks
and linkage evaluation.

The hub cannot be shown, tested or tuned on real person-level data, and a linkage cannot be
scored without knowing who every record really is. This package makes a fictional city whose
feeds look like real agency extracts (the hub's feed specification, with realistic recording
errors) and whose truth is known: who each record is, each person's true identity, each
family's true needs, and the families planted with the September 2020 agenda pack's example
(falling attendance, repeated police call-outs, a sibling missing CAMHS appointments).

``write_city(people, seed, out)`` writes it all. The stages, each a short module:

- ``places``: fictional localities, "ZZ" postcodes, streets and addresses;
- ``names``: names of several communities, nicknames and spellings;
- ``identifiers``: NHS numbers (modulus 11, test range), UPNs (DfE check letter), UPRNs;
- ``households`` and ``population``: people in families and households, moves, marriages,
  pregnancies, school careers;
- ``window``: the period covered and its school terms;
- ``needs`` and ``services``: families' needs and everyone's ordinary service contact, as
  true ``events``;
- ``errors``, ``spec`` and ``feeds``: the feeds' columns and recording errors, and writing them;
- ``truth`` and ``city``: the truth files, and the whole city.

Pure Python, no Django; deterministic for a seed.
"""

from trustplan.hubcore.synth.city import CitySummary, write_city
from trustplan.hubcore.synth.errors import ErrorRates
from trustplan.hubcore.synth.identifiers import (
    MAX_PEOPLE,
    is_valid_nhs_number,
    is_valid_upn,
    nhs_check_digit,
    upn_check_letter,
)
from trustplan.hubcore.synth.needs import NEEDS
from trustplan.hubcore.synth.places import LOCALITIES, POSTCODE_AREA
from trustplan.hubcore.synth.population import Population, build_population
from trustplan.hubcore.synth.spec import FEEDS, FeedSpec
from trustplan.hubcore.synth.window import DEFAULT_END, DEFAULT_START, Window, make_window

__all__ = [
    "DEFAULT_END",
    "DEFAULT_START",
    "FEEDS",
    "LOCALITIES",
    "MAX_PEOPLE",
    "NEEDS",
    "POSTCODE_AREA",
    "CitySummary",
    "ErrorRates",
    "FeedSpec",
    "Population",
    "Window",
    "build_population",
    "is_valid_nhs_number",
    "is_valid_upn",
    "make_window",
    "nhs_check_digit",
    "upn_check_letter",
    "write_city",
]
