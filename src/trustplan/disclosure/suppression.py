"""``suppress``: the one disclosure control every aggregate output goes through.

The rule (docs/disclosure.md gives it with its sources):

1. **Primary suppression.** Every count of 1 to 4 is withheld, totals included. Zero is shown.
2. **Secondary suppression**, repeated until nothing changes:

   a. a line (a row or column with its total) with exactly one withheld figure would give it
      away by subtraction, so one more figure of that line is withheld;
   b. a line whose total is shown, and whose withheld parts add up to 1 to 4, would give away
      that small group, so one more part is withheld;
   c. a withheld count that the lines together still pin down exactly (solving them as a
      system of equations, :mod:`trustplan.disclosure.algebra`) gets the cover that frees it.

The cover chosen is the one that hides least: a cell before a total, a count above zero before
a zero (a hidden zero beside a small count adds nothing to the range a reader must allow for),
then the smallest, then the first in the table's order. The result is the same for the same
table every time.

Rule (a) is the usual secondary suppression of official statistics (NHS Digital's former
disclosure control for Hospital Episode Statistics: "checking that other values within the data
cannot be used to recalculate the original small numbers"). Rule (c) closes the gap (a) leaves
in two-way tables, where each line holds two withheld figures and yet a chain of lines pins one
down; the test is Langsrud's (2024) Gaussian elimination.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from trustplan.disclosure.algebra import solvable
from trustplan.disclosure.published import SMALL, Published, Reason, Shown, Suppressed
from trustplan.disclosure.tables import Key, Table

Preference: TypeAlias = Callable[[Key], tuple[bool, bool, int, int]]
"""The sort key of covers: the least revealing first."""


@dataclass(frozen=True)
class Disclosed:
    """A table after suppression: each count as it may be published."""

    table: Table
    published: Mapping[Key, Published]

    def __getitem__(self, key: Key) -> Published:
        return self.published[key]

    @property
    def withheld(self) -> dict[Key, Reason]:
        return {
            key: figure.reason
            for key, figure in self.published.items()
            if isinstance(figure, Suppressed)
        }


def suppress(table: Table) -> Disclosed:
    """Withhold what must be withheld from ``table`` (see the module's rule)."""
    withheld: dict[Key, Reason] = {
        key: Reason.PRIMARY for key, value in table.counts.items() if value in SMALL
    }
    order = {key: position for position, key in enumerate(table.counts)}
    totals = table.totals

    def preference(key: Key) -> tuple[bool, bool, int, int]:
        value = table.counts[key]
        return (key in totals, value == 0, value, order[key])

    while True:
        cover = _line_cover(table, withheld, preference) or _algebra_cover(
            table, withheld, preference
        )
        if cover is None:
            break
        withheld[cover] = Reason.SECONDARY
    published: dict[Key, Published] = {
        key: Suppressed(withheld[key]) if key in withheld else Shown(value)
        for key, value in table.counts.items()
    }
    return Disclosed(table, published)


def _line_cover(table: Table, withheld: Mapping[Key, Reason], preference: Preference) -> Key | None:
    """A cover that rule (a) or (b) needs, or ``None``."""
    for line in table.lines:
        hidden = [key for key in line.entries if key in withheld]
        cover = None
        if len(hidden) == 1:
            cover = _best((key for key in line.entries if key not in withheld), preference)
        elif line.total not in withheld and sum(table.counts[key] for key in hidden) in SMALL:
            cover = _best((key for key in line.parts if key not in withheld), preference)
        if cover is not None:
            return cover
    return None


def _algebra_cover(
    table: Table, withheld: Mapping[Key, Reason], preference: Preference
) -> Key | None:
    """A cover that frees the first withheld count the lines pin down (rule c), or ``None``."""
    pinned = solvable(withheld, table.lines)
    if not pinned:
        return None
    target = pinned[0]
    touching = [line for line in table.lines if any(key in withheld for key in line.entries)]
    candidates = sorted(
        {key for line in touching for key in line.entries if key not in withheld},
        key=preference,
    )
    for candidate in candidates:
        if target not in solvable([*withheld, candidate], table.lines):
            return candidate
    # No single cover frees it: widen the hidden area around it and look again.
    return _best(
        (
            key
            for line in table.lines
            if target in line.entries
            for key in line.entries
            if key not in withheld
        ),
        preference,
    )


def _best(keys: Iterable[Key], preference: Preference) -> Key | None:
    return min(keys, key=preference, default=None)
