"""Fixtures for the statistics tests: the shared reference suite, read by path."""

from __future__ import annotations

from pathlib import Path

import pytest

REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


@pytest.fixture
def reference_dir() -> Path:
    """The reference suite folder; the test is skipped (and fails in CI) when it is absent."""
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"reference suite not found at {REFERENCE_DIR}")
    return REFERENCE_DIR
