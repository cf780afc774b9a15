"""``suppress`` on hand-worked tables: which figures are withheld, why, and which stay shown."""

from __future__ import annotations

import pytest

from trustplan.disclosure import (
    TOTAL,
    Reason,
    Shown,
    Suppressed,
    Table,
    cell,
    combine,
    grid,
    grids,
    suppress,
    suppression,
)
from trustplan.disclosure.algebra import solvable
from trustplan.disclosure.tables import Line


def texts(table: Table) -> dict[tuple[str, ...], str]:
    disclosed = suppress(table)
    return {key: figure.text for key, figure in disclosed.published.items()}


def test_a_table_with_nothing_small_is_shown_whole() -> None:
    table = grid(["a", "b"], ["x", "y"], [[10, 20], [30, 0]])
    disclosed = suppress(table)
    assert disclosed.withheld == {}
    assert disclosed[cell("b", "y")] == Shown(0)
    assert disclosed[cell(TOTAL, TOTAL)] == Shown(60)


def test_zero_is_shown_and_one_to_four_are_withheld() -> None:
    table = Table({("n",): 0, ("m",): 1, ("k",): 4, ("j",): 5})
    disclosed = suppress(table)
    assert [figure.text for figure in disclosed.published.values()] == ["0", "[c]", "[c]", "5"]
    assert disclosed.withheld == {("m",): Reason.PRIMARY, ("k",): Reason.PRIMARY}


def test_a_small_cell_is_covered_in_its_row_and_its_column() -> None:
    # a/x is 3. Row a's only other cell (40) covers it; in column x the smallest other count (12,
    # row c) covers it, and row c then needs its other cell (30) withheld too.
    table = grid(["a", "b", "c"], ["x", "y"], [[3, 40], [20, 17], [12, 30]])
    disclosed = suppress(table)
    assert disclosed.withheld == {
        cell("a", "x"): Reason.PRIMARY,
        cell("a", "y"): Reason.SECONDARY,
        cell("c", "x"): Reason.SECONDARY,
        cell("c", "y"): Reason.SECONDARY,
    }
    assert disclosed[cell("b", "x")] == Shown(20)
    assert disclosed[cell("a", TOTAL)] == Shown(43)
    assert disclosed[cell(TOTAL, "x")] == Shown(35)


def test_a_cover_is_never_a_zero_when_a_count_above_zero_will_do() -> None:
    table = grid(["a"], ["x", "y", "z"], [[3, 0, 7]])
    shown = texts(table)
    assert [shown[cell("a", c)] for c in ("x", "y", "z")] == ["[c]", "0", "[c]"]
    assert shown[cell("a", TOTAL)] == "10"
    # A one-row table's column totals are its cells, withheld with them.
    assert [shown[cell(TOTAL, c)] for c in ("x", "y", "z")] == ["[c]", "0", "[c]"]


def test_a_small_total_is_withheld_and_covered() -> None:
    # Row a adds up to 3: the total is itself small. Its cells 2 and 1 are small too.
    table = grid(["a", "b"], ["x", "y"], [[2, 1], [10, 12]])
    disclosed = suppress(table)
    assert disclosed[cell("a", TOTAL)] == Suppressed(Reason.PRIMARY)
    # Each column now has one withheld cell: both of row b's cells cover them, and row b's
    # total must then go too or column totals would give row a's total away.
    assert disclosed[cell("b", "x")].text == "[c]"
    assert disclosed[cell("b", "y")].text == "[c]"
    grand = disclosed[cell(TOTAL, TOTAL)]
    row_b = disclosed[cell("b", TOTAL)]
    assert not (grand.shown and row_b.shown)


def test_withheld_parts_adding_up_to_a_small_number_get_a_further_cover() -> None:
    # 1 and 2 are withheld; shown beside a total of 20 they would add up to 3, a small group.
    table = Table(
        {("p",): 1, ("q",): 2, ("r",): 17, ("t",): 20},
        (Line((("p",), ("q",), ("r",)), ("t",)),),
    )
    disclosed = suppress(table)
    assert disclosed.withheld == {
        ("p",): Reason.PRIMARY,
        ("q",): Reason.PRIMARY,
        ("r",): Reason.SECONDARY,
    }
    assert disclosed[("t",)] == Shown(20)


def test_a_count_pinned_down_by_a_chain_of_lines_is_freed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rules (a) and (b) leave two withheld cells in every line, as two closed loops (a, c by w, y
    # and b, d by x, z) joined by d/y alone. Adding up rows a and c and columns w and y, less
    # row d's and column y's other figures, pins d/y (5) down. The algebra finds it and withholds
    # d/w (8), which closes a loop through d/y.
    counts = [[5, 30, 8, 0], [10, 5, 9, 1], [7, 10, 1, 50], [8, 7, 5, 8]]
    table = grid(["a", "b", "c", "d"], ["w", "x", "y", "z"], counts)
    disclosed = suppress(table)
    assert solvable(disclosed.withheld, table.lines) == []
    assert disclosed.withheld[cell("d", "w")] == Reason.SECONDARY
    assert disclosed[cell("d", "y")].text == "[c]"

    monkeypatch.setattr(suppression, "_algebra_cover", lambda *args: None)
    by_lines_alone = suppression.suppress(table)
    assert cell("d", "w") not in by_lines_alone.withheld
    assert solvable(by_lines_alone.withheld, table.lines) == [cell("d", "y")]


def test_breakdowns_of_the_same_rows_share_their_totals() -> None:
    table = grids(
        ["a", "b", "c"],
        {
            "first": (["meets", "not"], [[3, 97], [20, 80], [30, 70]]),
            "second": (["meets", "not"], [[50, 50], [40, 60], [35, 65]]),
        },
    )
    disclosed = suppress(table)
    for row in ["a", "b", "c", TOTAL]:
        first, second = disclosed[cell(row, TOTAL, "first")], disclosed[cell(row, TOTAL, "second")]
        assert first == second
    assert disclosed[cell("a", "meets", "first")].text == "[c]"
    assert disclosed[cell("a", "meets", "second")] == Shown(50)


def test_tables_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        Table({("p",): 1, ("t",): 2}, (Line((("p",),), ("t",)),))
    with pytest.raises(ValueError, match="whole number"):
        Table({("p",): -1})
    with pytest.raises(ValueError, match="distinct and not empty"):
        grid(["a", "a"], ["x"], [[1], [2]])
    with pytest.raises(ValueError, match="both have"):
        combine([Table({("p",): 1}), Table({("p",): 1})])


def test_the_same_table_is_always_suppressed_the_same_way() -> None:
    table = grid(["a", "b", "c"], ["x", "y", "z"], [[3, 5, 5], [5, 3, 5], [5, 5, 3]])
    assert suppress(table).withheld == suppress(table).withheld
