"""Numbers as a board reads them: the indicator's decimals and unit, rounded as Excel rounds.

Rounding is half away from zero on the value as written (Excel's ROUND, which council
spreadsheets use): 14.25 prints as 14.3, and 2.675 as 2.68, although neither is exactly that in
binary. The rounded figure is a :class:`~decimal.Decimal`, so judgements made on printed values
(:mod:`trustplan.assessment.targets`, :mod:`trustplan.assessment.travel`) and the text agree.

A unit starting with "%" is written against the number ("14.2%") and a difference in it is in
points ("2.2 points", i.e. percentage points); any other unit follows after a space
("312.4 per 10,000").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from trustplan.assessment.inputs import IndicatorSpec
from trustplan.stats.intervals import Interval


def rounded(number: float, decimals: int) -> Decimal:
    """``number`` rounded half away from zero to ``decimals`` places (a negative zero is 0)."""
    result = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result


def _places(number: float) -> int:
    """The decimal places ``number`` was written with: 2 for 0.25, 0 for 5.0."""
    return max(0, -int(Decimal(repr(number)).normalize().as_tuple().exponent))


def long_date(day: dt.date) -> str:
    """A date in the GOV.UK style: "29 December 2021"."""
    return f"{day.day} {day:%B %Y}"


def probability(value: float) -> str:
    """A probability to two places ("0.81"), but never a certainty it is not: a probability that
    rounds to 0 or 1 is "below 0.01" or "above 0.99"."""
    printed = rounded(value, 2)
    if printed == 0:
        return "below 0.01"
    if printed == 1:
        return "above 0.99"
    return f"{printed:.2f}"


@dataclass(frozen=True)
class NumberFormat:
    """How one indicator's values are printed."""

    decimals: int
    unit: str

    @classmethod
    def of(cls, indicator: IndicatorSpec) -> NumberFormat:
        """The format an indicator's definition asks for."""
        return cls(indicator.decimals, indicator.unit.strip())

    @property
    def is_percentage(self) -> bool:
        """Whether values are percentages, so differences are in points."""
        return self.unit.startswith("%")

    def rounded(self, number: float) -> Decimal:
        """``number`` rounded to the indicator's decimals (see the module docstring)."""
        return rounded(number, self.decimals)

    def number(self, number: float) -> str:
        """The bare number with thousands separators: "1,234.5"."""
        return f"{self.rounded(number):,.{self.decimals}f}"

    def value(self, number: float) -> str:
        """The number with its unit: "14.2%", "312.4 per 10,000", "1,234"."""
        return self._with_unit(self.number(number))

    def interval(self, interval: Interval) -> str:
        """An interval's limits: "12.9% to 15.6%"."""
        return f"{self.value(interval.lower)} to {self.value(interval.upper)}"

    def difference(self, number: float) -> str:
        """The size of a difference: "2.2 points" for percentages, else the value with its unit."""
        text = self.number(abs(number))
        if self.is_percentage:
            return f"{text} point{'' if text == '1' else 's'}"
        return self._with_unit(text)

    def tolerance(self, amount: float) -> str:
        """An absolute tolerance band, printed with as many places as it was set with.

        "the 0.5-point tolerance" for percentages, else "the tolerance of 5.0 per 10,000".
        """
        places = max(self.decimals, _places(amount))
        text = f"{rounded(amount, places):,.{places}f}"
        if self.is_percentage:
            return f"the {text}-point tolerance"
        return f"the tolerance of {self._with_unit(text)}"

    def _with_unit(self, text: str) -> str:
        if not self.unit:
            return text
        if self.is_percentage:
            return f"{text}{self.unit}"
        return f"{text} {self.unit}"
