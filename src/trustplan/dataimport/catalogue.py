"""What the validator needs to know from the database, passed in as plain data.

The import is checked without a database: the caller (``trustplan.measures.importing``) reads
the indicators and area codes once and hands them over as a `Catalogue`. A file may define
indicators as well as give their data; its valid definitions are laid over the stored ones
(`Catalogue.with_definitions`) before its data rows are checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from trustplan.dataimport.records import IndicatorRecord
from trustplan.vocabulary import Frequency, ValueType

__all__ = ["Catalogue", "Frequency", "IndicatorSpec", "ValueType"]


class IndicatorSpec(BaseModel):
    """An indicator as far as checking its data needs: its kind of number and its units."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(min_length=1)
    value_type: ValueType = ValueType.SCORE
    multiplier: float = Field(default=1.0, gt=0)
    decimals: int = Field(default=1, ge=0)
    frequency: Frequency | None = None
    fingertips_id: int | None = None

    @classmethod
    def defined_by(cls, record: IndicatorRecord) -> IndicatorSpec:
        """What checking data needs of a definition read from a file."""
        return cls(
            key=record.key,
            value_type=ValueType(record.value_type),
            multiplier=record.multiplier,
            decimals=record.decimals,
            frequency=Frequency(record.frequency) if record.frequency else None,
            fingertips_id=record.fingertips_id,
        )

    @property
    def half_unit(self) -> float:
        """Half a unit of the last decimal place shown: how far rounding can move a value."""
        return 0.5 * 10.0**-self.decimals

    @property
    def maximum(self) -> float | None:
        """The largest possible value: a proportion cannot exceed its multiplier (100%)."""
        return self.multiplier if self.value_type is ValueType.PROPORTION else None

    @property
    def may_be_negative(self) -> bool:
        """Means and scores may be below zero (Progress 8); counts, rates and ratios may not."""
        return self.value_type in {ValueType.SCORE, ValueType.MEAN}


@dataclass(frozen=True)
class Catalogue:
    """The indicators (by key and by Fingertips ID) and the area codes already stored."""

    indicators: Mapping[str, IndicatorSpec]
    by_fingertips_id: Mapping[int, IndicatorSpec]
    area_codes: frozenset[str]

    @classmethod
    def of(cls, specs: Iterable[IndicatorSpec], area_codes: Iterable[str] = ()) -> Catalogue:
        """Index the indicators.

        Raises:
            ValueError: two indicators share a key or a Fingertips ID, which the database
                does not allow, so the caller has passed something other than its contents.
        """
        indicators: dict[str, IndicatorSpec] = {}
        by_fingertips_id: dict[int, IndicatorSpec] = {}
        for spec in specs:
            if spec.key in indicators:
                raise ValueError(f"two indicators have the key {spec.key!r}")
            indicators[spec.key] = spec
            if spec.fingertips_id is not None:
                if spec.fingertips_id in by_fingertips_id:
                    raise ValueError(f"two indicators have Fingertips ID {spec.fingertips_id}")
                by_fingertips_id[spec.fingertips_id] = spec
        return cls(indicators, by_fingertips_id, frozenset(area_codes))

    def with_definitions(self, specs: Iterable[IndicatorSpec]) -> Catalogue:
        """The catalogue as a file's own definitions leave it: each replaces any stored one of
        its key, so the file's rows are checked against the definition they arrive with.

        Raises:
            ValueError: two of the indicators would share a Fingertips ID, which the rules
                (`DuplicateFingertipsId`) keep out of a file's valid definitions.
        """
        defined = {spec.key: spec for spec in specs}
        kept = (spec for key, spec in self.indicators.items() if key not in defined)
        return Catalogue.of([*kept, *defined.values()], self.area_codes)

    def indicator(self, text: str) -> IndicatorSpec | None:
        """The indicator with this key; keys are lower case, so capitals are forgiven."""
        return self.indicators.get(text) or self.indicators.get(text.lower())
