"""How tightly a Plan on a Page is set in print, from how much its longest column holds."""

from __future__ import annotations

from trustplan.plans.layout import print_density


def test_short_columns_print_at_the_regular_size() -> None:
    assert print_density([["Education Strategy", "Attainment", "Inclusion"]]) == "regular"


def test_the_longest_column_decides() -> None:
    assert print_density([["x" * 100], ["y" * 1_000]]) == "compact"
    assert print_density([["x" * 100], ["y" * 1_701]]) == "dense"


def test_no_columns() -> None:
    assert print_density([]) == "regular"
