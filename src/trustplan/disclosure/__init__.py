"""Disclosure control for every aggregate output: pages, reports, exports and the API.

A pure core with no Django. Build a :class:`Table` of the counts an output publishes (``grid``
for a two-way table with totals, ``grids`` for several breakdowns of the same rows, ``combine``
for anything else), ``suppress`` it, and print each figure's ``text``: the count, or ``[c]``
with ``FOOTNOTE`` under the table. ``rate`` gives a rate only where its counts are shown.
``disclose_value`` says which figures of one stored indicator value (a count, or a rate or
percentage and its counts) may be published.

The rule, with its sources, is in docs/disclosure.md: counts of 1 to 4 are withheld (zero is
shown), then as many more figures as it takes for none of them to be worked out from the rest.
"""

from trustplan.disclosure.published import (
    FOOTNOTE,
    MARKER,
    SMALL,
    Published,
    Rate,
    Reason,
    Shown,
    Suppressed,
    rate,
)
from trustplan.disclosure.suppression import Disclosed, suppress
from trustplan.disclosure.tables import TOTAL, Key, Line, Table, cell, combine, grid, grids
from trustplan.disclosure.values import ValueFigures, disclose_value

__all__ = [
    "FOOTNOTE",
    "MARKER",
    "SMALL",
    "TOTAL",
    "Disclosed",
    "Key",
    "Line",
    "Published",
    "Rate",
    "Reason",
    "Shown",
    "Suppressed",
    "Table",
    "ValueFigures",
    "cell",
    "combine",
    "disclose_value",
    "grid",
    "grids",
    "rate",
    "suppress",
]
