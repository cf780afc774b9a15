"""The ground truth: who every record really is, what every person's true identity is, and what
every family really needs.

The truth files are not feeds and must never be loaded as one: they exist to score the hub.
``truth_records.csv`` maps each feed record to its person (linkage precision and recall);
``truth_people.csv`` holds each person's true identity, with their family and household (family
grouping); ``truth_families.csv`` holds each family's true needs and marks the planted
agenda-pack families (criteria and work-list evaluation). True values are those at the end of
the window: the surname after any marriage, the locality of the address after any move.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from trustplan.hubcore.synth.needs import FamilyPlan
from trustplan.hubcore.synth.places import LOCALITIES, locality_outline
from trustplan.hubcore.synth.population import Population

RECORDS_FILE: Final = "truth_records.csv"
RECORDS_COLUMNS: Final = ("feed", "record_id", "person_id")
PEOPLE_FILE: Final = "truth_people.csv"
PEOPLE_COLUMNS: Final = (
    "person_id",
    "family_id",
    "household_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "is_child",
    "expectant",
    "locality",
)
FAMILIES_FILE: Final = "truth_families.csv"
FAMILIES_COLUMNS: Final = (
    "family_id",
    "household_id",
    "locality",
    "needs",
    "agenda_example",
    "agenda_child",
    "agenda_sibling",
)
LOCALITIES_FILE: Final = "localities.csv"
LOCALITIES_COLUMNS: Final = ("postcode_sector", "locality")
OUTLINES_FILE: Final = "localities.geojson"
OUTLINES_NOTE: Final = (
    "Fictional localities of a trustplan synthetic city. The coordinates are a made-up plane "
    "(10 units to a grid square), not longitude and latitude: draw them with an identity "
    "projection."
)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def write_people(population: Population, path: Path) -> None:
    end = population.window.end
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PEOPLE_COLUMNS)
        for person in population.people:
            writer.writerow(
                (
                    person.person_id,
                    person.family.family_id,
                    person.household.household_id,
                    person.first_name,
                    person.last_name,
                    person.date_of_birth.isoformat(),
                    person.sex,
                    person.ethnicity,
                    _flag(person.is_child),
                    _flag(person.expectant),
                    person.address_on(end).locality,
                )
            )


def family_rows(plans: Iterable[FamilyPlan], end_locality: str) -> Iterable[tuple[str, ...]]:
    """``truth_families.csv`` rows for one household's families; ``needs`` is a semicolon-
    separated list in the order of ``needs.NEEDS``."""
    for plan in plans:
        planted = plan.planted
        yield (
            plan.family.family_id,
            plan.family.household.household_id,
            end_locality,
            ";".join(plan.needs),
            _flag(planted is not None),
            planted.child.person_id if planted else "",
            planted.sibling.person_id if planted else "",
        )


def write_localities(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LOCALITIES_COLUMNS)
        for locality in LOCALITIES:
            for sector in locality.postcode_sectors:
                writer.writerow((sector, locality.name))


def write_outlines(path: Path) -> None:
    """The localities' outlines as a GeoJSON FeatureCollection, one Polygon per locality with
    its name in ``properties.locality``. The coordinates are a made-up plane, and the file says
    so in its ``description``."""
    features = [
        {
            "type": "Feature",
            "properties": {"locality": locality.name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[list(point) for point in locality_outline(locality.name)]],
            },
        }
        for locality in LOCALITIES
    ]
    collection = {"type": "FeatureCollection", "description": OUTLINES_NOTE, "features": features}
    path.write_text(json.dumps(collection, indent=1) + "\n", encoding="utf-8")
