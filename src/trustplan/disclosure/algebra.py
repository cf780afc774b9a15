"""Which withheld counts a reader could still work out exactly from the published ones.

Each line of a table is an equation: its parts add up to its total. Put the published figures'
values in, and the withheld ones are the unknowns of a system of linear equations. A withheld
count can be worked out exactly if and only if its unit vector lies in the row space of that
system's coefficient matrix (the published values only move the right-hand side). This is the
test behind secondary suppression "by Gaussian elimination" (Langsrud, "Secondary cell
suppression by Gaussian elimination: an algorithm suitable for handling issues with zeros and
singletons", Journal of Official Statistics 40(4), 2024; R package GaussSuppression).

The matrix is reduced to reduced row echelon form in exact rational arithmetic, so no rounding
can hide a solvable count. A pivot column whose row has no entry in a free column is fixed by
the equations; every other unknown can move while the published figures stay the same.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from fractions import Fraction

from trustplan.disclosure.tables import Key, Line

Row = dict[int, Fraction]


def solvable(withheld: Collection[Key], lines: Iterable[Line]) -> list[Key]:
    """The withheld counts that the lines pin to one value, in ``withheld``'s order."""
    order = list(withheld)
    index = {key: position for position, key in enumerate(order)}
    pivots: dict[int, Row] = {}
    for line in lines:
        row: Row = {}
        for key, sign in [*((part, 1) for part in line.parts), (line.total, -1)]:
            column = index.get(key)
            if column is not None:
                row[column] = row.get(column, Fraction(0)) + sign
        _add(pivots, {c: v for c, v in row.items() if v != 0})
    return [order[column] for column, row in sorted(pivots.items()) if len(row) == 1]


def _add(pivots: dict[int, Row], row: Row) -> None:
    """Reduce ``row`` by the pivot rows and, if anything is left, make it a new pivot row,
    keeping every pivot row free of the other pivot columns (reduced row echelon form)."""
    for column in [c for c in row if c in pivots]:
        factor = row.get(column, Fraction(0))
        if factor != 0:
            _subtract(row, pivots[column], factor)
    if not row:
        return
    column = min(row)
    scale = row[column]
    new = {c: v / scale for c, v in row.items()}
    for other in pivots.values():
        factor = other.get(column, Fraction(0))
        if factor != 0:
            _subtract(other, new, factor)
    pivots[column] = new


def _subtract(row: Row, pivot: Row, factor: Fraction) -> None:
    """``row -= factor * pivot``, dropping entries that become zero."""
    for column, value in pivot.items():
        updated = row.get(column, Fraction(0)) - factor * value
        if updated == 0:
            row.pop(column, None)
        else:
            row[column] = updated
