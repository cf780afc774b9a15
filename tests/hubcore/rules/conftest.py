"""One small synthetic city for the rules tests, written once, with its facts on the true
linkage and its truth files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from trustplan.hubcore.rules import Facts, facts_from_city
from trustplan.hubcore.synth import CitySummary, write_city

PEOPLE = 4000
SEED = 11


@dataclass(frozen=True)
class City:
    folder: Path
    summary: CitySummary
    facts: Facts
    families: dict[str, dict[str, str]]
    """truth_families.csv by family id."""
    owner: dict[tuple[str, str], str]
    """(feed, record_id) -> person_id, from truth_records.csv."""

    @property
    def planted(self) -> set[str]:
        return {f for f, row in self.families.items() if row["agenda_example"] == "true"}

    def with_needs(self, *needs: str, at_least: int = 1) -> set[str]:
        return {
            family
            for family, row in self.families.items()
            if len(set(row["needs"].split(";")) & set(needs)) >= at_least
        }


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def city(tmp_path_factory: pytest.TempPathFactory) -> City:
    folder = tmp_path_factory.mktemp("rules-city")
    summary = write_city(PEOPLE, SEED, folder)
    families = {row["family_id"]: row for row in _rows(folder / "truth_families.csv")}
    owner = {
        (r["feed"], r["record_id"]): r["person_id"] for r in _rows(folder / "truth_records.csv")
    }
    return City(folder, summary, facts_from_city(folder), families, owner)
