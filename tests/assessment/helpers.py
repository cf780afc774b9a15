"""Constructed series for the assessment tests: financial quarters from 2015/16 Q1 on."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from trustplan.assessment.inputs import IndicatorSpec, Point
from trustplan.periods import Period, financial_quarter
from trustplan.vocabulary import Polarity, ValueType

AREA = "E06000044"

# In control: mean 10.012, process limits 9.303 to 10.722, 16 points (2015/16 Q1 to 2018/19 Q4).
FLAT = [10.2, 9.8, 10.1, 9.9, 10.0, 10.3, 9.7, 10.1, 9.9, 10.2, 9.8, 10.0, 10.1, 9.9, 10.0, 10.2]
# A step up of 0.4 after 12 quarters: the last 8 points (from 2018/19 Q1) are above the mean.
SHIFT = [10.0, 10.1, 9.9] * 4 + [10.4, 10.5, 10.3, 10.4, 10.5, 10.3, 10.4, 10.5]

PERCENT = IndicatorSpec(
    key="fte",
    name="First-time entrants",
    polarity=Polarity.LOW_IS_GOOD,
    value_type=ValueType.PROPORTION,
    multiplier=100,
    decimals=1,
    unit="%",
)


def spec(**changes: Any) -> IndicatorSpec:
    """The percentage indicator with some fields changed."""
    return dataclasses.replace(PERCENT, **changes)


def quarter(position: int, *, first_year: int = 2015) -> Period:
    """The financial quarter ``position`` quarters after Q1 of ``first_year``/…"""
    year, index = divmod(position, 4)
    return financial_quarter(first_year + year, index + 1)


def points(values: Sequence[float | None], *, first_year: int = 2015, **fields: Any) -> list[Point]:
    """One point per value, quarter by quarter, with the same extra fields on each."""
    return [
        Point(period=quarter(i, first_year=first_year), value=value, **fields)
        for i, value in enumerate(values)
    ]


def counted(values: Sequence[float], denominator: float = 1000) -> list[Point]:
    """Percentages with numerators and denominators (value = numerator / denominator × 100)."""
    return [
        Point(
            period=quarter(i),
            value=value,
            numerator=round(value * denominator / 100),
            denominator=denominator,
        )
        for i, value in enumerate(values)
    ]
