"""Layout decisions for printed plan pages."""

from __future__ import annotations

from collections.abc import Iterable

# Characters the longest column of a Plan on a Page may hold at each print size, measured on
# A4 landscape with 6-7 columns: the 2020-23 plan's longest column holds about 400 characters,
# the 2011-14 plan's (fourteen full "what we will do" sentences) about 1,500.
PRINT_DENSITIES = ((900, "regular"), (1_700, "compact"))
DENSEST = "dense"


def print_density(columns: Iterable[Iterable[str]]) -> str:
    """How tightly to set a Plan on a Page in print so that it fits one sheet."""
    longest = max((sum(len(text) for text in column) for column in columns), default=0)
    return next((name for limit, name in PRINT_DENSITIES if longest <= limit), DENSEST)
