"""The plain values an assessment is made from: one indicator's series for one area, its targets,
its recorded rebases and its comparators.

These mirror the Django models in ``trustplan.measures.models`` field for field, so the web layer
turns rows into them without thought; nothing here imports Django. A missing value is ``None``,
never 0. Blank model fields map as follows: a blank polarity is ``None`` (judged as
``no_judgement``, see :attr:`IndicatorSpec.judged_polarity`), a blank value type is
:attr:`ValueType.SCORE` (no interval is calculated), and a target's tolerance kind "none" is
:data:`trustplan.stats.rag.NO_TOLERANCE`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from trustplan.periods import Period
from trustplan.stats.rag import NO_TOLERANCE, Tolerance
from trustplan.vocabulary import ComparisonMethod, Polarity, ValueType


@dataclass(frozen=True, kw_only=True)
class IndicatorSpec:
    """The indicator's definition, as far as judging its data needs it.

    ``multiplier`` scales a proportion or rate (100 for a percentage, 10,000 for a rate per
    10,000). ``decimals`` and ``unit`` say how values are printed ("14.2%", "312.4 per 10,000").
    ``publication_lag_days`` is how long after a period ends its data are due; None takes the
    default for the series' cadence (see :mod:`trustplan.assessment.series`).
    """

    key: str
    name: str
    polarity: Polarity | None
    value_type: ValueType = ValueType.SCORE
    multiplier: float = 1
    decimals: int = 1
    unit: str = ""
    comparison: ComparisonMethod = ComparisonMethod.CI_95
    publication_lag_days: int | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.multiplier) and self.multiplier > 0):
            raise ValueError(
                f"indicator {self.key!r}: multiplier must be a positive number; "
                f"got {self.multiplier!r}"
            )
        if self.decimals < 0:
            raise ValueError(
                f"indicator {self.key!r}: decimals must be 0 or more; got {self.decimals!r}"
            )
        if self.publication_lag_days is not None and self.publication_lag_days < 0:
            raise ValueError(
                f"indicator {self.key!r}: publication_lag_days must be 0 or more; "
                f"got {self.publication_lag_days!r}"
            )

    @property
    def judged_polarity(self) -> Polarity:
        """The polarity judgements use: an indicator with none recorded is ``no_judgement``.

        trustplan's rule: until an analyst records which direction is better, differences are
        reported as higher or lower, never better or worse, and nothing is rated.
        """
        return Polarity.NO_JUDGEMENT if self.polarity is None else self.polarity


@dataclass(frozen=True, kw_only=True)
class Point:
    """One period's data: the value, its counts and its confidence limits as stored.

    ``value`` None means there are no data for the period; it is never read as 0. Limits come in
    pairs (lower with upper) at 95% and at 99.8%.
    """

    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lower_95: float | None = None
    upper_95: float | None = None
    lower_99_8: float | None = None
    upper_99_8: float | None = None
    provisional: bool = False

    def __post_init__(self) -> None:
        for level, lower, upper in (
            ("95%", self.lower_95, self.upper_95),
            ("99.8%", self.lower_99_8, self.upper_99_8),
        ):
            if (lower is None) != (upper is None):
                raise ValueError(
                    f"{self.period}: the {level} limits come in pairs; "
                    f"got lower {lower!r} and upper {upper!r}"
                )
            if lower is not None and upper is not None and lower > upper:
                raise ValueError(
                    f"{self.period}: the {level} lower limit ({lower!r}) exceeds the upper "
                    f"({upper!r})"
                )
        numbers = (
            self.value,
            self.numerator,
            self.denominator,
            self.lower_95,
            self.upper_95,
            self.lower_99_8,
            self.upper_99_8,
        )
        if any(number is not None and not math.isfinite(number) for number in numbers):
            raise ValueError(f"{self.period}: values must be finite numbers or None")


@dataclass(frozen=True, kw_only=True)
class TargetSpec:
    """A value to reach by a date, with the tolerance band that makes a near miss amber."""

    due: dt.date
    value: float
    tolerance: Tolerance = NO_TOLERANCE
    label: str = ""

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(
                f"the target due {self.due} must be a finite number; got {self.value!r}"
            )

    @property
    def name(self) -> str:
        """How the target is named in sentences: its label, else "March 2014 target"."""
        return self.label.strip() or f"{self.due:%B %Y} target"


@dataclass(frozen=True, kw_only=True)
class RebaseSpec:
    """An analyst's decision to recalculate the SPC limits from a period, and why."""

    period_start: dt.date
    reason: str


@dataclass(frozen=True, kw_only=True)
class AreaValues:
    """Every member area's value for one period, keyed by area code (for quintiles and for the
    data-quality check against other areas)."""

    period: Period
    values: Mapping[str, float | None]


@dataclass(frozen=True, kw_only=True)
class Comparator:
    """A benchmark: England, a region or a group of statistical neighbours.

    ``points`` is the comparator's own series (its value per period); ``areas`` holds the values
    of the areas in the group, when known, for placing the area among them.
    """

    name: str
    points: tuple[Point, ...] = ()
    areas: AreaValues | None = None

    def value_for(self, period: Period) -> float | None:
        """The comparator's value for ``period``, None when it has none."""
        return next((point.value for point in self.points if point.period == period), None)
