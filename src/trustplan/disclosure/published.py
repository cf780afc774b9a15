"""What an aggregate output may print: a count, a suppression marker, or a rate.

Every published figure is one of these typed values, so that no output can print a suppressed
count by mistake: a ``Suppressed`` figure has no value to print, only ``[c]``.

The marker is the Government Analysis Function's shorthand for confidential figures, "[c]"
("Symbols in tables, definitions and help", Government Analysis Function, 2021). Outputs print
one marker for both reasons and one footnote (``FOOTNOTE``), never the reason cell by cell: a
reader told which hidden cell is the small one, and which is its cover, could narrow the small
one down (a cover is never 1 to 4, so a hidden pair adding up to 3 would give both away).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeAlias

from trustplan.stats.intervals import CONFIDENCE_95, wilson_interval

MARKER: Final = "[c]"
SMALL: Final = range(1, 5)
"""Counts of 1 to 4 are never published. Zero is published (see docs/disclosure.md)."""
FOOTNOTE: Final = (
    "[c] Not shown to protect confidentiality: a count of 1 to 4, or a figure withheld so that "
    "such a count cannot be worked out from the totals. Rates are not shown where their count is "
    "not. Zero is shown."
)


class Reason(StrEnum):
    """Why a figure is withheld. Kept for the record and the tests; outputs print ``[c]``."""

    PRIMARY = "primary"
    """A count of 1 to 4."""
    SECONDARY = "secondary"
    """Withheld so that a count of 1 to 4 cannot be worked out by subtraction."""


@dataclass(frozen=True, slots=True)
class Shown:
    """A count that may be published."""

    value: int

    @property
    def text(self) -> str:
        return f"{self.value:,}"

    @property
    def shown(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A figure that must not be published, and why."""

    reason: Reason

    @property
    def value(self) -> None:
        return None

    @property
    def text(self) -> str:
        return MARKER

    @property
    def shown(self) -> bool:
        return False


Published: TypeAlias = Shown | Suppressed


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate per ``per`` with its confidence limits, from published counts."""

    value: float
    lower: float
    upper: float
    per: int

    @property
    def text(self) -> str:
        return f"{self.value:,.1f}"

    @property
    def interval(self) -> str:
        return f"{self.lower:,.1f} to {self.upper:,.1f}"

    @property
    def shown(self) -> bool:
        return True


def rate(
    numerator: Published,
    denominator: Published,
    *,
    per: int = 1000,
    confidence: float = CONFIDENCE_95,
) -> Rate | Suppressed | None:
    """``numerator`` per ``per`` of ``denominator``, with the Wilson score interval; withheld
    when either count is, since a rate and one count give the other away; ``None`` when the
    denominator is 0 (no rate to give).

    Method: Wilson (1927) score interval without continuity correction, as recommended by
    Newcombe (1998) and PHEindicatormethods ``phe_proportion``
    (:func:`trustplan.stats.intervals.wilson_interval`), scaled by ``per``.
    """
    if isinstance(numerator, Suppressed):
        return numerator
    if isinstance(denominator, Suppressed):
        return denominator
    if denominator.value == 0:
        return None
    interval = wilson_interval(numerator.value, denominator.value, confidence).scaled(per)
    return Rate(per * numerator.value / denominator.value, interval.lower, interval.upper, per)
