"""One small synthetic city for the families tests, written once, with its records on the
true linkage and on the naive baseline's, and its truth."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from trustplan.hubcore import evaluation
from trustplan.hubcore.families import LinkedRecord
from trustplan.hubcore.families.city import records_from_city
from trustplan.hubcore.rules import Facts, facts_from_city
from trustplan.hubcore.synth import write_city

PEOPLE = 3000
SEED = 11


@dataclass(frozen=True)
class City:
    folder: Path
    truth: evaluation.Truth
    facts: Facts
    """The city's facts on its true linkage and true families."""
    records: list[LinkedRecord]
    """Every record, attributed by the truth."""
    baseline: list[LinkedRecord]
    """Every record, attributed by the naive baseline (name and date of birth)."""


@pytest.fixture(scope="session")
def city(tmp_path_factory: pytest.TempPathFactory) -> City:
    folder = tmp_path_factory.mktemp("families-city")
    write_city(PEOPLE, SEED, folder)
    truth = evaluation.load_truth(folder)
    baseline = evaluation.baseline_clusters_from_path(folder)
    return City(
        folder,
        truth,
        facts_from_city(folder),
        list(records_from_city(folder, truth.person_of)),
        list(records_from_city(folder, baseline)),
    )
