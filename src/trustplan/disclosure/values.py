"""Which figures of one stored indicator value an output may publish.

The indicator store holds values that are counts of people, or are made from them:

- a **count** (value type ``count``) is itself a count of children, young people or families,
  or of episodes about them;
- a **proportion**'s numerator and denominator are counts of people: those with something, of
  a cohort;
- a **rate** and a directly standardised rate (``dsr``) count people or events about them (the
  numerator) in a population (the denominator);
- a standardised **ratio**'s numerator is the observed count (its denominator, the expected
  count, is modelled and counts nobody);
- a **mean**'s denominator is the number of people averaged;
- a **score** counts nobody.

An indicator with no value type recorded could be any of these, so its numerator and denominator
are treated as counts of people.

The counts of one value go through :func:`trustplan.disclosure.suppress` as one table:

- the value itself, for a count;
- the numerator, for every type that has one as a count; for a proportion or a crude rate stored
  as its value and denominator only, the numerator is worked out from them (value ×
  denominator ÷ multiplier), since a reader can work it out too;
- the denominator, where it counts people;
- for a proportion with both, the complement (denominator − numerator: those without), with
  the line numerator + complement = denominator, because "396 of 400" tells a reader that 4 did
  not ("Figures that can be worked out count as published", docs/disclosure.md; the ONS's
  "Statistical disclosure control policy" asks that no figure be recoverable by differencing).

The value, and its confidence limits, are withheld when any of its counts is: a rate and one of
its counts give the other away (docs/disclosure.md, rule 5). Each stored value is protected on
its own. The store does not record which values add up to which (a month's snapshot count does
not add up to a year's), so none is a published total, as with the hub's KPI counts.

A count that is not a whole number (a count averaged over a period, say) is rounded half up, and
one above 0 but below 1 counts as 1: no positive count of people is printed as if it were none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from trustplan.disclosure.suppression import suppress
from trustplan.disclosure.tables import Key, Line, Table
from trustplan.vocabulary import ValueType

VALUE: Final[Key] = ("value",)
NUMERATOR: Final[Key] = ("numerator",)
COMPLEMENT: Final[Key] = ("complement",)
DENOMINATOR: Final[Key] = ("denominator",)

NUMERATOR_COUNTS: Final = frozenset(
    {ValueType.COUNT, ValueType.PROPORTION, ValueType.RATE, ValueType.DSR, ValueType.RATIO, None}
)
"""Value types whose numerator counts people or events about them (``None``: not recorded)."""
DENOMINATOR_COUNTS: Final = frozenset(
    {ValueType.PROPORTION, ValueType.RATE, ValueType.DSR, ValueType.MEAN, None}
)
"""Value types whose denominator counts people."""
WORKED_OUT: Final = frozenset({ValueType.PROPORTION, ValueType.RATE})
"""Value types whose numerator a reader can work out from the value and the denominator."""


@dataclass(frozen=True, slots=True)
class ValueFigures:
    """Whether each figure of one stored value may be published.

    ``value`` covers the value and its confidence limits. A figure the value does not have is
    "shown": there is nothing to withhold.
    """

    value: bool
    numerator: bool
    denominator: bool

    @property
    def withheld(self) -> bool:
        """Whether anything of the value is withheld (the value is, whenever any count is)."""
        return not (self.value and self.numerator and self.denominator)


SHOWN: Final = ValueFigures(value=True, numerator=True, denominator=True)


def whole(count: float) -> int:
    """A stored count as a whole number: rounded half up, never below 0, and 1 for a count
    above 0 that rounds to 0."""
    if count <= 0:
        return 0
    return max(1, math.floor(count + 0.5))


def disclose_value(
    value_type: ValueType | None,
    *,
    value: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
    multiplier: float = 1.0,
) -> ValueFigures:
    """Which figures of one value may be published (see the module's rule)."""
    counts: dict[Key, int] = {}
    lines: list[Line] = []
    if value_type is ValueType.COUNT and value is not None:
        counts[VALUE] = whole(value)
    worked_out = numerator
    if (
        worked_out is None
        and value_type in WORKED_OUT
        and value is not None
        and denominator is not None
        and multiplier > 0
    ):
        worked_out = value * denominator / multiplier
    if worked_out is not None and value_type in NUMERATOR_COUNTS:
        counts[NUMERATOR] = whole(worked_out)
    if denominator is not None and value_type in DENOMINATOR_COUNTS:
        counts[DENOMINATOR] = whole(denominator)
    if (
        value_type is ValueType.PROPORTION
        and NUMERATOR in counts
        and DENOMINATOR in counts
        and counts[NUMERATOR] <= counts[DENOMINATOR]
    ):
        counts[COMPLEMENT] = counts[DENOMINATOR] - counts[NUMERATOR]
        lines.append(Line((NUMERATOR, COMPLEMENT), DENOMINATOR))
    if not counts:
        return SHOWN
    disclosed = suppress(Table(counts, tuple(lines)))
    shown = {key: figure.shown for key, figure in disclosed.published.items()}
    return ValueFigures(
        value=all(shown.values()),
        numerator=shown.get(NUMERATOR, True) or numerator is None,
        denominator=shown.get(DENOMINATOR, True),
    )
