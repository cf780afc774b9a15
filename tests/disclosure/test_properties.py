"""Properties of ``suppress`` over generated tables, each checked by a method of its own:

- no published count is 1 to 4, and every shown figure is the true one;
- every row and column (with its total) has no withheld figure, or two or more;
- no withheld count can be solved for: checked by graph (a withheld cell of a two-way table is
  pinned down exactly when it is a bridge of the graph of withheld cells between the rows and
  columns of the table with its totals) and by the rank of the equations (numpy);
- where a line's total is shown, its withheld parts never add up to 1 to 4.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from trustplan.disclosure import SMALL, TOTAL, Disclosed, Key, Reason, Table, grid, grids, suppress

COUNT = st.one_of(st.integers(0, 6), st.integers(0, 60))


@st.composite
def grids_of_counts(draw: st.DrawFn) -> tuple[list[str], list[str], list[list[int]]]:
    rows = [f"r{i}" for i in range(draw(st.integers(1, 5)))]
    columns = [f"c{j}" for j in range(draw(st.integers(1, 4)))]
    counts = [[draw(COUNT) for _ in columns] for _ in rows]
    return rows, columns, counts


def _bridges(withheld: Sequence[Key]) -> list[Key]:
    """Withheld grid cells whose removal disconnects their row from their column."""
    edges = {key: (("row", key[1]), ("column", key[2])) for key in withheld}
    found = []
    for key, (start, goal) in edges.items():
        others = [edge for other, edge in edges.items() if other != key]
        reached, frontier = {start}, [start]
        while frontier:
            node = frontier.pop()
            for a, b in others:
                for here, there in ((a, b), (b, a)):
                    if here == node and there not in reached:
                        reached.add(there)
                        frontier.append(there)
        if goal not in reached:
            found.append(key)
    return found


def _solvable_by_rank(table: Table, withheld: Sequence[Key]) -> list[Key]:
    index = {key: i for i, key in enumerate(withheld)}
    matrix = np.zeros((len(table.lines), len(withheld)))
    for r, line in enumerate(table.lines):
        for key in line.parts:
            if key in index:
                matrix[r, index[key]] += 1
        if line.total in index:
            matrix[r, index[line.total]] -= 1
    rank = np.linalg.matrix_rank(matrix)
    pinned = []
    for key, i in index.items():
        unit = np.zeros((1, len(withheld)))
        unit[0, i] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            pinned.append(key)
    return pinned


def _check(table: Table, disclosed: Disclosed) -> None:
    withheld = disclosed.withheld
    for key, figure in disclosed.published.items():
        value = table.counts[key]
        if figure.shown:
            assert figure.value == value
            assert value not in SMALL
        elif withheld[key] is Reason.PRIMARY:
            assert value in SMALL
        else:
            assert value not in SMALL
    for line in table.lines:
        hidden = [key for key in line.entries if key in withheld]
        assert len(hidden) != 1
        if line.total not in withheld:
            assert sum(table.counts[key] for key in hidden) not in SMALL
    assert _solvable_by_rank(table, list(withheld)) == []


@settings(max_examples=300, deadline=None)
@given(grids_of_counts())
def test_no_withheld_cell_of_a_two_way_table_can_be_worked_out(
    drawn: tuple[list[str], list[str], list[list[int]]],
) -> None:
    rows, columns, counts = drawn
    table = grid(rows, columns, counts)
    disclosed = suppress(table)
    _check(table, disclosed)
    assert _bridges(list(disclosed.withheld)) == []


@st.composite
def breakdowns(draw: st.DrawFn) -> tuple[list[str], dict[str, tuple[list[str], list[list[int]]]]]:
    """Two or three "meets / does not meet" splits of the same rows' totals."""
    rows = [f"r{i}" for i in range(draw(st.integers(1, 5)))]
    totals = [draw(COUNT) for _ in rows]
    split = {}
    for name in ["one", "two", "three"][: draw(st.integers(2, 3))]:
        meets = [draw(st.integers(0, total)) for total in totals]
        split[name] = (["meets", "not"], [[m, t - m] for m, t in zip(meets, totals, strict=True)])
    return rows, split


@settings(max_examples=200, deadline=None)
@given(breakdowns())
def test_breakdowns_sharing_their_totals_are_protected_together(
    drawn: tuple[list[str], dict[str, tuple[list[str], list[list[int]]]]],
) -> None:
    rows, split = drawn
    table = grids(rows, split)
    disclosed = suppress(table)
    _check(table, disclosed)
    first = next(iter(split))
    for name in split:
        for row in [*rows, TOTAL]:
            assert disclosed[(name, row, TOTAL)] == disclosed[(first, row, TOTAL)]
