"""The checked records an import yields: the contract with the database.

Every record comes from a row that broke no rule. The text fields that the database stores as
blank strings are blank strings here, never None, so that a record compares equal to what is
stored and re-importing the same file changes nothing. Indicator definitions, observations and
targets carry the sheet and row they came from, so that a change can be traced back to the line
of the file.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from trustplan.periods import Period
from trustplan.vocabulary import AreaKind, ComparisonMethod, ObservationStatus, ToleranceKind

__all__ = [
    "INDICATOR_KEY",
    "MAX_DECIMALS",
    "MAX_KEY_LENGTH",
    "AreaKind",
    "AreaRecord",
    "ComparisonMethod",
    "GroupMemberRecord",
    "IndicatorRecord",
    "ObservationRecord",
    "ObservationStatus",
    "TargetRecord",
    "ToleranceKind",
]


INDICATOR_KEY = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""An indicator key is kebab-case, as a plan file's are: ``first-time-entrants``."""
# The database's limits on an indicator's key and on its decimal places.
MAX_KEY_LENGTH = 80
MAX_DECIMALS = 6


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class IndicatorRecord(Record):
    """An indicator's definition, as the database stores it.

    The choices are their stored strings, and a blank ``polarity`` or ``frequency`` is "" (not
    defined), so that a definition compares equal to the stored one and re-importing it changes
    nothing. ``key`` is kebab-case, as a plan file's indicator keys are.
    """

    key: str = Field(pattern=INDICATOR_KEY, max_length=MAX_KEY_LENGTH)
    name: str = Field(min_length=1)
    polarity: str = ""
    unit: str = ""
    frequency: str = ""
    value_type: str
    multiplier: float = Field(default=1.0, gt=0)
    decimals: int = Field(default=1, ge=0, le=MAX_DECIMALS)
    comparison_method: str = ComparisonMethod.CI_95.value
    fingertips_id: int | None = Field(default=None, ge=1)
    source: str = ""
    definition: str = ""
    sheet: str
    row: int


class ObservationRecord(Record):
    """One indicator's value for one area and period. A missing value is None, never 0.

    ``area_name`` and ``area_kind`` are set when the row may create its area (the code is new
    to the database); ``area_kind`` is then the kind given, or the one its code tells.
    """

    indicator: str
    area_code: str
    area_name: str | None = None
    area_kind: AreaKind | None = None
    period: Period
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    lower_ci_95: float | None = None
    upper_ci_95: float | None = None
    lower_ci_99_8: float | None = None
    upper_ci_99_8: float | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    source: str = ""
    note: str = ""
    sheet: str
    row: int


class TargetRecord(Record):
    """A value to reach by a date; ``tolerance`` is in units, or a fraction (0.05 is 5%)."""

    indicator: str
    area_code: str
    due: dt.date
    value: float
    tolerance_kind: ToleranceKind = ToleranceKind.NONE
    tolerance: float = Field(default=0.0, ge=0)
    label: str = ""
    source: str = ""
    sheet: str
    row: int


class AreaRecord(Record):
    code: str
    name: str
    kind: AreaKind
    parent_code: str | None = None


class GroupMemberRecord(Record):
    """A member of a comparator group; the group is itself an area of kind comparator_group."""

    group_code: str
    group_name: str | None = None
    group_kind: str | None = None
    member_code: str
    rank: int | None = Field(default=None, ge=1)
