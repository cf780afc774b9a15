"""The tables trustplan reads, their columns, and how a sheet is recognised as one of them.

Column names are matched ignoring case, spaces, underscores, dots and hyphens, so that
``Area Code``, ``area_code`` and ``AREA-CODE`` are one column, and the Fingertips heading
``Lower CI 95.0 limit`` is matched without fuss about its dot. A column that is not known is
reported, never ignored, because a misspelt column would otherwise lose its data silently;
only the Fingertips download, whose extra columns are expected, is let off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "FINGERTIPS_COLUMNS",
    "READ_ME_SHEET",
    "TABLES",
    "ColumnSpec",
    "Layout",
    "TableKind",
    "TableSpec",
    "is_read_me",
    "kind_of_columns",
    "kind_of_sheet",
    "lay_out",
    "normalise",
]


def normalise(name: str) -> str:
    """A column or sheet name reduced to what is compared: ``Area Code`` is ``areacode``."""
    return re.sub(r"[\s_.\-]+", "", name.casefold())


class TableKind(StrEnum):
    INDICATORS = "indicators"
    OBSERVATIONS = "observations"
    TARGETS = "targets"
    AREAS = "areas"
    GROUPS = "comparator groups"
    FINGERTIPS = "Fingertips download"


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a template table, with what the template's read-me says of it."""

    name: str
    required: bool
    meaning: str


@dataclass(frozen=True)
class TableSpec:
    kind: TableKind
    columns: tuple[ColumnSpec, ...]

    @property
    def sheet_name(self) -> str:
        return self.kind.value

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


AREA_KINDS_TEXT = "country, region, local_authority, ward, comparator_group or other"

INDICATORS = TableSpec(
    TableKind.INDICATORS,
    (
        ColumnSpec(
            "key",
            True,
            "The indicator's key, as plan files and the other sheets name it: lower-case words "
            "joined by hyphens, like first-time-entrants.",
        ),
        ColumnSpec("name", True, "What is measured, in a few words."),
        ColumnSpec(
            "polarity",
            False,
            "high_is_good, low_is_good or no_judgement; blank when not defined.",
        ),
        ColumnSpec("unit", False, "e.g. % or per 10,000 aged 10-17."),
        ColumnSpec(
            "frequency",
            False,
            "How often it is reported: monthly, quarterly, termly, annual or academic_year.",
        ),
        ColumnSpec(
            "value_type",
            True,
            "proportion, rate, count, mean, dsr (directly standardised rate), ratio or score; "
            "decides which values are possible.",
        ),
        ColumnSpec(
            "multiplier",
            False,
            "100 for a percentage, 10000 for a rate per 10,000; 1 when blank.",
        ),
        ColumnSpec("decimals", False, "Decimal places it is published to, 0 to 6; 1 when blank."),
        ColumnSpec(
            "comparison_method",
            False,
            "How an area is compared with a benchmark: ci_95 (when blank), ci_two_level, "
            "quintiles or none.",
        ),
        ColumnSpec(
            "fingertips_id",
            False,
            "Its OHID Fingertips indicator ID, so that Fingertips downloads are matched to it.",
        ),
        ColumnSpec("source", False, "Who publishes it."),
        ColumnSpec("definition", False, "Exactly what is counted, and of whom."),
    ),
)

OBSERVATIONS = TableSpec(
    TableKind.OBSERVATIONS,
    (
        ColumnSpec("indicator", True, "The indicator's key, as in the plan file."),
        ColumnSpec(
            "area_code",
            True,
            "ONS code (E06000044 Portsmouth, E92000001 England, E12000008 South East) or a "
            "comparator group's code.",
        ),
        ColumnSpec("area_name", False, "Creates the area if its code is new."),
        ColumnSpec(
            "area_kind",
            False,
            f"{AREA_KINDS_TEXT}; when blank, taken from the code (E92 country, E12 region, "
            "E06-E10 local authority, E05 ward).",
        ),
        ColumnSpec(
            "period",
            True,
            "As people write it: Sep 2020, 2020 Q3, Q3 2020/21, 2020/21, AY 2019/20, "
            "Autumn term 2019/20, 2020, 12 months to Mar 2021, 2017 - 19. A date cell is read "
            "as its month.",
        ),
        ColumnSpec(
            "value",
            False,
            "The value. Needed unless numerator and denominator are given (it is then "
            "calculated). Blank means no data and needs a note saying why.",
        ),
        ColumnSpec("numerator", False, "Count of events."),
        ColumnSpec("denominator", False, "Count of the population."),
        ColumnSpec("lower_ci_95", False, "Lower 95% confidence limit, if the source gives it."),
        ColumnSpec("upper_ci_95", False, "Upper 95% confidence limit."),
        ColumnSpec("lower_ci_99_8", False, "Lower 99.8% confidence limit."),
        ColumnSpec("upper_ci_99_8", False, "Upper 99.8% confidence limit."),
        ColumnSpec("status", False, "final (when blank) or provisional."),
        ColumnSpec("source", False, "e.g. DfE SFR 2021, or SYNTHETIC for made-up data."),
        ColumnSpec("note", False, "Anything the reader should know; why a value is blank."),
    ),
)
TARGETS = TableSpec(
    TableKind.TARGETS,
    (
        ColumnSpec("indicator", True, "The indicator's key."),
        ColumnSpec("area_code", True, "The area the target is for."),
        ColumnSpec(
            "due",
            True,
            "The date the target is to be met by (2014-03-31), or a period (2013/14), meaning "
            "its last day.",
        ),
        ColumnSpec("target", True, "The value to reach."),
        ColumnSpec(
            "tolerance",
            False,
            "Amber band around the target: 2 (in the indicator's units) or 5% (of the target).",
        ),
        ColumnSpec("label", False, "e.g. March 2014 target."),
        ColumnSpec("source", False, "Where the target was set."),
    ),
)
AREAS = TableSpec(
    TableKind.AREAS,
    (
        ColumnSpec("area_code", True, "ONS code or comparator group code."),
        ColumnSpec("area_name", True, "The area's name."),
        ColumnSpec("area_kind", True, f"{AREA_KINDS_TEXT}; when blank, taken from the code."),
        ColumnSpec("parent_code", False, "The code of the area this one lies in."),
    ),
)
GROUPS = TableSpec(
    TableKind.GROUPS,
    (
        ColumnSpec("group_code", True, "The group's code; the group is an area itself."),
        ColumnSpec("group_name", False, "The group's name."),
        ColumnSpec("group_kind", False, "e.g. statistical_neighbours or cipfa_nearest_neighbours."),
        ColumnSpec("member_code", True, "A member area's code; one row per member."),
        ColumnSpec("rank", False, "1 is the nearest neighbour."),
    ),
)
TABLES: Mapping[TableKind, TableSpec] = {
    spec.kind: spec for spec in (INDICATORS, OBSERVATIONS, TARGETS, AREAS, GROUPS)
}
# With key and name, any one of these tells an indicators table (docs/data-import.md).
DEFINITION_COLUMNS = frozenset(
    normalise(name) for name in INDICATORS.names if name not in {"key", "name"}
)

# The Fingertips long format's headings that trustplan reads, and the field each fills.
FINGERTIPS_COLUMNS: Mapping[str, str] = {
    "Indicator ID": "fingertips_id",
    "Area Code": "area_code",
    "Area Name": "area_name",
    "Area Type": "area_type",
    "Sex": "sex",
    "Age": "age",
    "Time period": "period",
    "Value": "value",
    "Count": "numerator",
    "Denominator": "denominator",
    "Lower CI 95.0 limit": "lower_ci_95",
    "Upper CI 95.0 limit": "upper_ci_95",
    "Lower CI 99.8 limit": "lower_ci_99_8",
    "Upper CI 99.8 limit": "upper_ci_99_8",
    "Value note": "note",
    "Category Type": "category_type",
}
FINGERTIPS_REQUIRED = ("fingertips_id", "area_code", "period", "value")
READ_ME_SHEET = "read me"


def kind_of_sheet(name: str) -> TableKind | None:
    """The table a workbook sheet holds, told by its name."""
    wanted = normalise(name)
    return next((kind for kind in TABLES if normalise(kind.value) == wanted), None)


def is_read_me(name: str) -> bool:
    """The template's read-me sheet describes the columns and holds no data."""
    return normalise(name) == normalise(READ_ME_SHEET)


def kind_of_columns(header: Sequence[str]) -> TableKind | None:
    """The table a header describes, by the columns that tell the tables apart."""
    names = {normalise(column) for column in header}
    if "indicatorid" in names:
        return TableKind.FINGERTIPS
    defines = {"key", "name"} <= names and bool(names & DEFINITION_COLUMNS)
    if defines and not names & {"period", "areacode"}:
        return TableKind.INDICATORS
    if names & {"groupcode", "membercode"}:
        return TableKind.GROUPS
    if "indicator" in names:
        return TableKind.TARGETS if names & {"due", "target"} else TableKind.OBSERVATIONS
    if "areacode" in names and names & {"areaname", "areakind"}:
        return TableKind.AREAS
    return None


@dataclass(frozen=True)
class Layout:
    """Where each field of a table is in a sheet, and what is wrong with its header.

    ``fields`` maps a field (``area_code``) to its column's 0-based index. ``unknown`` holds
    the indices of columns trustplan does not read, and ``unnamed`` the indices of columns
    with no name that hold data, each with the first row that uses it.
    """

    kind: TableKind
    fields: Mapping[str, int]
    missing: tuple[str, ...]
    unknown: tuple[int, ...]
    unnamed: tuple[tuple[int, int], ...]

    @property
    def expected(self) -> tuple[str, ...]:
        if self.kind is TableKind.FINGERTIPS:
            return tuple(FINGERTIPS_COLUMNS)
        return TABLES[self.kind].names

    def display_name(self, field: str) -> str:
        """A field as the table's header writes it: ``period`` is "Time period" in Fingertips."""
        if self.kind is TableKind.FINGERTIPS:
            return next(name for name, f in FINGERTIPS_COLUMNS.items() if f == field)
        return field

    @property
    def header_ok(self) -> bool:
        return not (self.missing or self.unknown or self.unnamed)


def lay_out(kind: TableKind, header: Sequence[str], first_use: Mapping[int, int]) -> Layout:
    """Match a header to a table's columns. ``first_use`` gives, for each column index, the
    first row number with something in that column."""
    if kind is TableKind.FINGERTIPS:
        known = {normalise(name): field for name, field in FINGERTIPS_COLUMNS.items()}
    else:
        known = {normalise(name): name for name in TABLES[kind].names}
    fields: dict[str, int] = {}
    unknown: list[int] = []
    unnamed: list[tuple[int, int]] = []
    for index, column in enumerate(header):
        field = known.get(normalise(column))
        if field is not None:
            fields[field] = index
        elif not column:
            if index in first_use and kind is not TableKind.FINGERTIPS:
                unnamed.append((index, first_use[index]))
        elif kind is not TableKind.FINGERTIPS:
            unknown.append(index)
    return Layout(kind, fields, _missing(kind, fields), tuple(unknown), tuple(unnamed))


def _missing(kind: TableKind, fields: Mapping[str, int]) -> tuple[str, ...]:
    if kind is TableKind.FINGERTIPS:
        return tuple(field for field in FINGERTIPS_REQUIRED if field not in fields)
    missing = [c.name for c in TABLES[kind].columns if c.required and c.name not in fields]
    counts = "numerator" in fields and "denominator" in fields
    if kind is TableKind.OBSERVATIONS and "value" not in fields and not counts:
        missing.append("value")
    return tuple(missing)
