"""Reading the shared reference suite by path, so that each reference row becomes its own test.

The rows are read when the tests are collected. When the suite is absent a single placeholder
case is produced instead; every reference test also requests the ``reference_dir`` fixture, which
then skips it with a clear message. Nothing from the suite is copied into this repository.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from tests.stats.conftest import REFERENCE_DIR

Row = dict[str, str]

PHE = "pheindicatormethods"
FINGERTIPS = "fingertips"

# testthat 3rd edition's default tolerance, sqrt(.Machine$double.eps), stated in the PHE .md files.
# Applied here to every value, which is stricter than testthat's mean over a column.
PHE_TOLERANCE = 1.5e-8


def read_csv(relative_path: str) -> list[Row]:
    """The rows of a reference CSV file (path relative to the reference folder)."""
    with (REFERENCE_DIR / relative_path).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_json(relative_path: str) -> Any:
    """A reference JSON file, parsed."""
    with (REFERENCE_DIR / relative_path).open(encoding="utf-8") as handle:
        return json.load(handle)


def available(relative_path: str) -> bool:
    return (REFERENCE_DIR / relative_path).is_file()


def placeholder() -> list[Any]:
    """The single case used when the suite is absent; ``reference_dir`` skips it."""
    return [pytest.param(None, id="reference-suite-absent")]


def csv_cases(relative_path: str, case_id: Callable[[Row], str]) -> list[Any]:
    """One pytest param per row of a reference CSV file, with a readable id."""
    if not available(relative_path):
        return placeholder()
    return [pytest.param(row, id=case_id(row)) for row in read_csv(relative_path)]


def params(cases: Iterable[tuple[str, object]]) -> list[Any]:
    """pytest params from (id, case) pairs; the placeholder when there are none."""
    built = [pytest.param(case, id=case_id) for case_id, case in cases]
    return built or placeholder()


def number(text: str | None) -> float | None:
    """A CSV cell as a number; empty cells and R's NA are missing."""
    if text is None or text.strip() in {"", "NA"}:
        return None
    return float(text)


def required(text: str | None) -> float:
    """A CSV cell that must hold a number."""
    value = number(text)
    if value is None:
        raise AssertionError(f"expected a number in the reference file, found {text!r}")
    return value
