"""One small synthetic city per session, written once and read by every test, with its
population rebuilt in memory (the same seed gives the same people) to compare against."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from trustplan.hubcore.synth import (
    DEFAULT_END,
    DEFAULT_START,
    CitySummary,
    Population,
    build_population,
    make_window,
    write_city,
)

PEOPLE = 4000
SEED = 11
FEED_NAMES = (
    "school_attendance",
    "exclusions",
    "police_incidents",
    "youth_justice",
    "health_appointments",
    "social_care",
    "early_help",
    "housing",
    "worklessness",
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class City:
    folder: Path
    summary: CitySummary
    population: Population
    feeds: dict[str, list[dict[str, str]]]
    owner: dict[tuple[str, str], str]
    """(feed, record_id) -> person_id, from truth_records.csv."""

    def person_rows(self, feed: str) -> list[tuple[str, dict[str, str]]]:
        return [(self.owner[feed, row["record_id"]], row) for row in self.feeds[feed]]

    def event_day(self, feed: str, row: dict[str, str]) -> date:
        """The day the agency recorded the person: the event's date, or the term's start."""
        if feed == "school_attendance":
            terms = {term.label: term for term in self.population.window.terms}
            return terms[row["term"]].start
        column = next(
            c
            for c in (
                "incident_date",
                "exclusion_date",
                "outcome_date",
                "appointment_date",
                "event_date",
                "start_date",
            )
            if c in row
        )
        return date.fromisoformat(row[column])


def load_city(folder: Path, summary: CitySummary, people: int, seed: int) -> City:
    population = build_population(people, seed, make_window(DEFAULT_START, DEFAULT_END))
    feeds = {name: read_csv(folder / f"{name}.csv") for name in FEED_NAMES}
    owner = {
        (row["feed"], row["record_id"]): row["person_id"]
        for row in read_csv(folder / "truth_records.csv")
    }
    return City(folder, summary, population, feeds, owner)


@pytest.fixture(scope="session")
def city(tmp_path_factory: pytest.TempPathFactory) -> City:
    folder = tmp_path_factory.mktemp("city")
    summary = write_city(PEOPLE, SEED, folder)
    return load_city(folder, summary, PEOPLE, SEED)


@pytest.fixture(scope="session")
def clean_city(tmp_path_factory: pytest.TempPathFactory) -> City:
    folder = tmp_path_factory.mktemp("clean")
    summary = write_city(1000, SEED, folder, error_rate=0)
    return load_city(folder, summary, 1000, SEED)
