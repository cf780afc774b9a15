"""Red/amber/green ratings: a value against its target, and the confidence of meeting one.

- :func:`rag_against_target` rates a period's value against the target for that period, with a
  tolerance band for amber, respecting the indicator's polarity. Meeting the target exactly counts
  as meeting it, as in Fingertips' comparison of a value with a goal ("benchmark against goal":
  value ≥ goal is better when high is good, value ≤ goal when low is good).
- :func:`confidence_rag` turns a probability of meeting a future target (from
  :func:`trustplan.stats.forecast.forecast_target`) into a rating with the calibrated likelihood
  bands of the IPCC guidance note (Mastrandrea et al., 2010): likely (66% or more), about as likely
  as not, unlikely (33% or less).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from trustplan.stats._checks import require_non_negative
from trustplan.vocabulary import Polarity

LIKELY: Final = 0.66
"""A probability at or above this is "likely" (IPCC calibrated language; Mastrandrea et al.)."""

UNLIKELY: Final = 0.33
"""A probability at or below this is "unlikely" (IPCC calibrated language)."""


class Rag(StrEnum):
    """A red/amber/green rating, or none when there is nothing to rate."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_RATED = "not_rated"

    @property
    def description(self) -> str:
        """One line saying what the rating means."""
        return _RAG_DESCRIPTION[self]


_RAG_DESCRIPTION: Final = {
    Rag.GREEN: "green: on track to meet the target",
    Rag.AMBER: "amber: close to the target but not on track",
    Rag.RED: "red: off track for the target",
    Rag.NOT_RATED: "not rated: no value, no target, or no better direction to judge by",
}


class ToleranceKind(StrEnum):
    """How a tolerance band is measured."""

    ABSOLUTE = "absolute"
    RELATIVE = "relative"

    @property
    def description(self) -> str:
        """One line saying how the band's width is found."""
        return _TOLERANCE_DESCRIPTION[self]


_TOLERANCE_DESCRIPTION: Final = {
    ToleranceKind.ABSOLUTE: "a fixed amount in the indicator's own units",
    ToleranceKind.RELATIVE: "a fraction of the target (0.05 is 5% of the target)",
}


@dataclass(frozen=True)
class Tolerance:
    """How far short of the target a value may fall and still be amber rather than red.

    ``amount`` is in the indicator's units for :attr:`ToleranceKind.ABSOLUTE`, or a fraction of
    the target's size for :attr:`ToleranceKind.RELATIVE`.
    """

    amount: float
    kind: ToleranceKind = ToleranceKind.ABSOLUTE

    def __post_init__(self) -> None:
        require_non_negative("Tolerance amount", self.amount)

    def width(self, target: float) -> float:
        """The width of the amber band for ``target``."""
        if self.kind is ToleranceKind.RELATIVE:
            return self.amount * abs(target)
        return self.amount


NO_TOLERANCE: Final = Tolerance(0.0)
"""No amber band: a value either meets its target (green) or does not (red)."""


def rag_against_target(
    value: float | None,
    target: float | None,
    polarity: Polarity,
    tolerance: Tolerance = NO_TOLERANCE,
) -> Rag:
    """Rate ``value`` against ``target``: green if met, amber if within the tolerance, else red.

    Method: a value on or beyond the target in the better direction meets it (Fingertips' goal
    comparison: value ≥ target when high is good, value ≤ target when low is good). A value short
    of the target by no more than the tolerance band (:meth:`Tolerance.width`, edge included) is
    amber; further short is red. Not rated when the value or target is missing or the polarity is
    ``no_judgement``.

    Raises:
        ValueError: if the value or target is not a finite number.
    """
    if value is None or target is None or polarity is Polarity.NO_JUDGEMENT:
        return Rag.NOT_RATED
    _require_finite("value", value)
    _require_finite("target", target)
    shortfall = target - value if polarity is Polarity.HIGH_IS_GOOD else value - target
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= tolerance.width(target):
        return Rag.AMBER
    return Rag.RED


def confidence_rag(
    probability: float | None, *, likely: float = LIKELY, unlikely: float = UNLIKELY
) -> Rag:
    """Rate the probability of meeting a future target: green if likely, red if unlikely.

    Method: the IPCC's calibrated likelihood scale (Mastrandrea et al., 2010, *Guidance note for
    lead authors of the IPCC Fifth Assessment Report on consistent treatment of uncertainties*):
    a probability of at least ``likely`` (66%) is green, at most ``unlikely`` (33%) red, and "about
    as likely as not" in between amber. Not rated when there is no probability (the forecast could
    not be made, or the indicator has no better direction).

    Raises:
        ValueError: if the probability is outside 0 to 1, or the bands are not
            0 ≤ unlikely < likely ≤ 1.
    """
    if not 0 <= unlikely < likely <= 1:
        raise ValueError(
            f"likelihood bands must satisfy 0 <= unlikely < likely <= 1; "
            f"got unlikely={unlikely!r}, likely={likely!r}"
        )
    if probability is None:
        return Rag.NOT_RATED
    if not 0 <= probability <= 1:
        raise ValueError(f"probability must be between 0 and 1; got {probability!r}")
    if probability >= likely:
        return Rag.GREEN
    if probability <= unlikely:
        return Rag.RED
    return Rag.AMBER


def _require_finite(name: str, number: float) -> None:
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number or None; got {number!r}")
