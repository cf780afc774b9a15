"""Fixtures for the statistics tests: the shared reference suite, read by path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# ../shared/reference beside the project, as CI lays it out; TRUSTPLAN_REFERENCE_DIR overrides.
REFERENCE_DIR = Path(
    os.environ.get("TRUSTPLAN_REFERENCE_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "reference"
)


@pytest.fixture
def reference_dir() -> Path:
    """The reference suite folder; the test is skipped (and fails in CI) when it is absent."""
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"reference suite not found at {REFERENCE_DIR}")
    return REFERENCE_DIR
