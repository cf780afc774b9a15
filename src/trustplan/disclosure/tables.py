"""The counts an output publishes, and how they add up.

Suppression needs to know which published figures add up to which, because those sums are what
a reader could subtract. A ``Table`` is a set of named counts and the ``Line`` s between them:
each line says its ``parts`` add up to its ``total``. ``grid`` builds the usual two-way table
(cells, row totals, column totals and the grand total); ``combine`` joins tables, so that figures
published side by side are protected together.

A one-row grid's column totals are its cells, and a one-column grid's row totals are its cells:
they are lines of one part, so a cell and its copy are always withheld together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, TypeAlias

Key: TypeAlias = tuple[str, ...]
TOTAL: Final = ""
"""The label of a total in a grid's keys; row and column labels must not be empty."""


@dataclass(frozen=True)
class Line:
    """``parts`` add up to ``total``."""

    parts: tuple[Key, ...]
    total: Key

    @property
    def entries(self) -> tuple[Key, ...]:
        return (*self.parts, self.total)


@dataclass(frozen=True)
class Table:
    """Named non-negative counts and the lines between them; ``ValueError`` if a line does not
    add up or names a count the table does not have."""

    counts: Mapping[Key, int]
    lines: tuple[Line, ...] = field(default=())

    def __post_init__(self) -> None:
        for key, value in self.counts.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"the count {key!r} is not a whole number of 0 or more")
        for line in self.lines:
            missing = [key for key in line.entries if key not in self.counts]
            if missing:
                raise ValueError(f"a line names {missing[0]!r}, which the table does not have")
            if sum(self.counts[part] for part in line.parts) != self.counts[line.total]:
                raise ValueError(f"the parts of {line.total!r} do not add up to it")

    @property
    def totals(self) -> frozenset[Key]:
        """The counts that are some line's total: kept in view before the others."""
        return frozenset(line.total for line in self.lines)


def cell(row: str, column: str, name: str = "") -> Key:
    """The key of a grid's cell; ``TOTAL`` as the row or column names a total."""
    return (name, row, column)


def grid(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    name: str = "",
) -> Table:
    """A two-way table of ``counts`` (one sequence per row) with its row totals, column totals
    and grand total, under keys ``cell(row, column, name)``."""
    if not rows or not columns:
        raise ValueError("a table needs at least one row and one column")
    labels = [*rows, *columns]
    if TOTAL in labels or len(set(rows)) != len(rows) or len(set(columns)) != len(columns):
        raise ValueError("row and column labels must be distinct and not empty")
    if len(counts) != len(rows) or any(len(row) != len(columns) for row in counts):
        raise ValueError("give one count for each row and column")
    values: dict[Key, int] = {}
    for row, row_counts in zip(rows, counts, strict=True):
        for column, value in zip(columns, row_counts, strict=True):
            values[cell(row, column, name)] = value
        values[cell(row, TOTAL, name)] = sum(row_counts)
    for index, column in enumerate(columns):
        values[cell(TOTAL, column, name)] = sum(row[index] for row in counts)
    values[cell(TOTAL, TOTAL, name)] = sum(sum(row) for row in counts)
    all_rows, all_columns = [*rows, TOTAL], [*columns, TOTAL]
    lines = [
        Line(tuple(cell(row, column, name) for column in columns), cell(row, TOTAL, name))
        for row in all_rows
    ] + [
        Line(tuple(cell(row, column, name) for row in rows), cell(TOTAL, column, name))
        for column in all_columns
    ]
    return Table(values, tuple(lines))


def combine(tables: Iterable[Table], same: Iterable[tuple[Key, Key]] = ()) -> Table:
    """One table of ``tables``, whose keys must be distinct, with each pair in ``same`` (two keys
    for one figure, such as the same row total in two grids) tied by a line of one part."""
    values: dict[Key, int] = {}
    lines: list[Line] = []
    for table in tables:
        clash = values.keys() & table.counts.keys()
        if clash:
            raise ValueError(f"two tables both have {min(clash)!r}")
        values.update(table.counts)
        lines.extend(table.lines)
    lines.extend(Line((first,), second) for first, second in same)
    return Table(values, tuple(lines))


def grids(
    rows: Sequence[str], breakdowns: Mapping[str, tuple[Sequence[str], Sequence[Sequence[int]]]]
) -> Table:
    """Several grids of the same rows, each breaking down the same row totals another way (one
    per rule set, say: families meeting it or not, by locality). Their row totals and grand
    totals are one figure each, so a total withheld in one grid is withheld in all."""
    if not breakdowns:
        raise ValueError("give at least one breakdown")
    tables = [
        grid(rows, columns, counts, name=name) for name, (columns, counts) in breakdowns.items()
    ]
    first, *others = breakdowns
    same = [
        (cell(row, TOTAL, other), cell(row, TOTAL, first))
        for other in others
        for row in [*rows, TOTAL]
    ]
    return combine(tables, same)
