"""The demonstration definitions of the 2020-23 plan's indicators, read from ``indicators.yaml``.

The plan names its KPIs in words ("Quality of assessments and plans"); a chart needs a measure.
``indicators.yaml`` (shipped in this package, so the definitions are data a reader can review
without reading code) gives each indicator key of ``examples/portsmouth-2020-23/plan.yaml`` one
concrete, plausible measure: what is counted, which way is better, its unit and reporting period,
and the England and Portsmouth levels around 2019 that the generator starts from. Every
definition is labelled synthetic in its own text, because it is made up for the demonstration and
must never be mistaken for a published statistic.

A YAML file rather than Python constants: the lead merges the plan-facing fields into plan files,
and analysts can change a level or a frequency without touching the generator. Each entry is
validated here so that a mistake (a percentage level above 100, a mean without its standard
deviation) fails when the file is read, naming the indicator, not as odd data later.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping
from typing import Annotated, Final, Self

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from trustplan.periods import PeriodKind
from trustplan.vocabulary import ComparisonMethod, Frequency, Polarity, ValueType

SYNTHETIC_PREFIX: Final = "Synthetic demonstration measure"
"""Every definition starts with these words, so the label travels with the text wherever it goes."""

DEFAULT_VOLATILITY: Final = 0.04
"""Period-to-period variation beyond sampling, on the log or logit scale (about 4% relative)."""

IDENTITY_VOLATILITY_PER_SD: Final = 0.02
"""For averages, the same variation as a fraction of the individual-level standard deviation."""


PERIOD_KINDS: Final[Mapping[Frequency, tuple[PeriodKind, ...]]] = {
    Frequency.MONTHLY: (PeriodKind.MONTH,),
    Frequency.QUARTERLY: (PeriodKind.FINANCIAL_QUARTER, PeriodKind.CALENDAR_QUARTER),
    Frequency.TERMLY: (PeriodKind.ACADEMIC_TERM,),
    Frequency.ANNUAL: (PeriodKind.FINANCIAL_YEAR, PeriodKind.CALENDAR_YEAR),
    Frequency.ACADEMIC_YEAR: (PeriodKind.ACADEMIC_YEAR,),
}
"""The period kinds each frequency may be reported in; the first is the default."""

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class DemoIndicator(BaseModel):
    """One indicator's demonstration definition, and the levels its synthetic data start from.

    ``england`` and ``portsmouth`` are the levels around 2019/20 in the indicator's units; for a
    count, England's is the national total. ``denominator`` is Portsmouth's typical denominator
    per period (people, pupils, sessions or cases; for an average, the number of individuals),
    scaled to other areas by their child population. ``sd`` is an average's standard deviation
    between individuals. ``annual_change`` is England's change per year in the indicator's units.
    ``volatility`` is the variation from period to period beyond sampling (on the log or logit
    scale; for an average, in its units).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Key
    name: Text
    polarity: Polarity
    value_type: ValueType
    unit: Text
    multiplier: int = Field(gt=0)
    decimals: int = Field(ge=0, le=4)
    frequency: Frequency
    period_kind: PeriodKind | None = None
    comparison_method: ComparisonMethod | None = None
    england: float
    portsmouth: float
    denominator: int | None = Field(default=None, gt=0)
    sd: float | None = Field(default=None, gt=0)
    annual_change: float = 0.0
    volatility: float | None = Field(default=None, ge=0)
    definition: Text

    @property
    def averaged(self) -> bool:
        """Whether the value is an average of individuals' values (a mean or a score)."""
        return self.value_type in (ValueType.MEAN, ValueType.SCORE)

    @property
    def reporting_kind(self) -> PeriodKind:
        """The period kind the data are reported in."""
        return self.period_kind or PERIOD_KINDS[self.frequency][0]

    @property
    def comparison(self) -> ComparisonMethod:
        """How the indicator is benchmarked: counts of differently sized areas are not compared."""
        if self.comparison_method is not None:
            return self.comparison_method
        return (
            ComparisonMethod.NONE if self.value_type is ValueType.COUNT else ComparisonMethod.CI_95
        )

    @property
    def process_volatility(self) -> float:
        """``volatility``, or the default for the indicator's scale."""
        if self.volatility is not None:
            return self.volatility
        if self.sd is not None:  # an average, the only kind of value with an sd
            return IDENTITY_VOLATILITY_PER_SD * self.sd
        return DEFAULT_VOLATILITY

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = [*self._level_problems(), *self._shape_problems()]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _level_problems(self) -> list[str]:
        levels = {"england": self.england, "portsmouth": self.portsmouth}
        if self.value_type is ValueType.PROPORTION:
            return [
                f"{name} must lie strictly between 0 and the multiplier {self.multiplier}"
                for name, level in levels.items()
                if not 0 < level < self.multiplier
            ]
        if self.value_type in (ValueType.RATE, ValueType.COUNT):
            return [f"{name} must be above 0" for name, level in levels.items() if level <= 0]
        return []

    def _shape_problems(self) -> list[str]:
        problems = []
        if (self.value_type is ValueType.COUNT) != (self.denominator is None):
            problems.append("a count has no denominator, and every other value type has one")
        if self.averaged != (self.sd is not None):
            problems.append(
                "a mean or score needs sd (its individual-level standard deviation), and only it"
            )
        if self.period_kind is not None and self.period_kind not in PERIOD_KINDS[self.frequency]:
            allowed = ", ".join(kind.value for kind in PERIOD_KINDS[self.frequency])
            problems.append(f"a {self.frequency.value} indicator is reported in {allowed}")
        if not self.definition.startswith(SYNTHETIC_PREFIX):
            problems.append(f"the definition must start {SYNTHETIC_PREFIX!r}")
        return problems


class CatalogueError(ValueError):
    """``indicators.yaml`` is not a valid catalogue; the message names the indicator and field."""


@functools.cache
def load_catalogue() -> Mapping[str, DemoIndicator]:
    """Every demonstration definition in ``indicators.yaml``, by indicator key, in file order.

    Raises:
        CatalogueError: an entry is missing a field, has an unknown one, or is inconsistent.
    """
    resource = importlib.resources.files(__package__ or __name__).joinpath("indicators.yaml")
    return parse_catalogue(resource.read_text(encoding="utf-8"))


def parse_catalogue(text: str) -> dict[str, DemoIndicator]:
    """Read a catalogue in the ``indicators.yaml`` format.

    Raises:
        CatalogueError: as :func:`load_catalogue`.
    """
    document = yaml.safe_load(text)
    entries = document.get("indicators") if isinstance(document, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise CatalogueError("the catalogue must hold an 'indicators' mapping of key to definition")
    catalogue = {}
    for key, fields in entries.items():
        if not isinstance(fields, dict):
            raise CatalogueError(f"{key}: a definition must be a mapping of field to value")
        try:
            catalogue[str(key)] = DemoIndicator(key=key, **fields)
        except ValidationError as exc:
            reasons = "; ".join(
                f"{'.'.join(str(part) for part in error['loc']) or 'entry'}: {error['msg']}"
                for error in exc.errors(include_url=False)
            )
            raise CatalogueError(f"{key}: {reasons}") from None
    return catalogue
