"""Read each data row once into a draft: every cell parsed, and what could not be parsed noted.

A draft holds everything the rules need to judge a row without reading a cell again, and what
a clean row's record is built from. It never raises: a cell that cannot be read is recorded as
such (a field in ``not_numbers``, a code of None, a period error) for the rules to report.

Fingertips downloads hold more than trustplan follows; their breakdown rows (a non-blank
``Category Type``) and rows for indicators no catalogue entry follows are counted and skipped
here, before any rule sees them, as docs/data-import.md says.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from trustplan.dataimport import cells
from trustplan.dataimport.catalogue import Catalogue, IndicatorSpec
from trustplan.dataimport.columns import Layout, TableKind
from trustplan.dataimport.records import (
    AreaRecord,
    GroupMemberRecord,
    IndicatorRecord,
    ObservationRecord,
    TargetRecord,
)
from trustplan.dataimport.tables import Cell, Sheet, cell_text, column_letter
from trustplan.periods import Period, PeriodError, PeriodKind
from trustplan.vocabulary import (
    AreaKind,
    ComparisonMethod,
    Frequency,
    ObservationStatus,
    Polarity,
    ToleranceKind,
    ValueType,
)

__all__ = [
    "AreaDraft",
    "Draft",
    "IndicatorDraft",
    "MemberDraft",
    "ObservationDraft",
    "RowRef",
    "SheetDrafts",
    "TargetDraft",
    "draft_sheet",
]

OBSERVATION_NUMBERS = (
    "value",
    "numerator",
    "denominator",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
)
FINGERTIPS_SOURCE = "OHID Fingertips"
SKIPPED_BREAKDOWN = "not for trustplan: a breakdown (Category Type is set)"
SKIPPED_UNFOLLOWED = "not for trustplan: an indicator trustplan does not follow"
SKIPPED_BLANK = "blank rows"
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class RowRef:
    """A data row with where it is: its sheet, row number, table and cells."""

    sheet: str
    number: int
    layout: Layout
    header: tuple[str, ...]
    cells: tuple[Cell, ...]

    @property
    def table(self) -> TableKind:
        return self.layout.kind

    def cell(self, field: str) -> Cell:
        index = self.layout.fields.get(field)
        return None if index is None else self.cells[index]

    def text(self, field: str) -> str:
        return cell_text(self.cell(field))

    def column(self, field: str) -> str:
        """The field's column as the file's header writes it."""
        index = self.layout.fields.get(field)
        return self.layout.display_name(field) if index is None else self.header[index]

    def values(self) -> dict[str, str]:
        """The row's cells as text by column, for the rejected-row report."""
        return {
            name or f"column {column_letter(index)}": cell_text(cell)
            for index, (name, cell) in enumerate(zip(self.header, self.cells, strict=True))
        }

    def where(self, other: RowRef) -> str:
        """This row as seen from ``other``: "row 5", or "row 5 of sheet 'targets'"."""
        if other.sheet == self.sheet:
            return f"row {self.number}"
        return f"row {self.number} of sheet {self.sheet!r}"


def _known(value: T | None, what: str) -> T:
    """A field of a row that broke no rule, which therefore has been read."""
    if value is None:
        raise ValueError(f"a record was built from a row whose {what} could not be read")
    return value


@dataclass(frozen=True, kw_only=True)
class Draft:
    """What every kind of row shares: its place, and its numbers and area codes as read.

    ``blank`` lists the required fields left blank; ``codes`` maps each area-code field that
    is filled in to its code (None when it is not a code); ``must_exist`` lists the code fields
    whose area must be stored already or created by this file.
    """

    ref: RowRef
    blank: tuple[str, ...] = ()
    numbers: Mapping[str, float] = field(default_factory=dict)
    not_numbers: tuple[str, ...] = ()
    codes: Mapping[str, str | None] = field(default_factory=dict)
    must_exist: tuple[str, ...] = ()
    spec: IndicatorSpec | None = None
    indicator_text: str = ""

    @property
    def key(self) -> tuple[object, ...] | None:
        """What may appear only once in a file; None when the row's key cannot be read."""
        return None

    @property
    def key_text(self) -> str:
        return ""

    @property
    def creates(self) -> str | None:
        """The code of the area this row creates if it is new."""
        return None

    def code(self, field: str) -> str | None:
        return self.codes.get(field)


@dataclass(frozen=True, kw_only=True)
class IndicatorDraft(Draft):
    """An indicator's definition. ``unreadable`` lists the fields whose cell holds something
    that is not what its column takes, each reported by its own rule; a blank optional cell
    takes its default (a multiplier of 1, 1 decimal place, the ci_95 comparison)."""

    indicator_key: str | None = None
    name: str = ""
    polarity: Polarity | None = None
    unit: str = ""
    frequency: Frequency | None = None
    value_type: ValueType | None = None
    multiplier: float = 1.0
    decimals: int = 1
    comparison_method: ComparisonMethod = ComparisonMethod.CI_95
    fingertips_id: int | None = None
    source: str = ""
    definition: str = ""
    unreadable: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[object, ...] | None:
        return None if self.indicator_key is None else ("indicator", self.indicator_key)

    @property
    def key_text(self) -> str:
        return f"indicator key {self.indicator_key!r}"

    def record(self) -> IndicatorRecord:
        return IndicatorRecord(
            key=_known(self.indicator_key, "key"),
            name=self.name,
            polarity=self.polarity.value if self.polarity is not None else "",
            unit=self.unit,
            frequency=self.frequency.value if self.frequency is not None else "",
            value_type=_known(self.value_type, "value type").value,
            multiplier=self.multiplier,
            decimals=self.decimals,
            comparison_method=self.comparison_method.value,
            fingertips_id=self.fingertips_id,
            source=self.source,
            definition=self.definition,
            sheet=self.ref.sheet,
            row=self.ref.number,
        )


@dataclass(frozen=True, kw_only=True)
class ObservationDraft(Draft):
    area_name: str = ""
    area_kind: AreaKind | None = None
    area_kind_bad: bool = False
    period: Period | None = None
    period_error: str | None = None
    status: ObservationStatus | None = ObservationStatus.FINAL
    source: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[object, ...] | None:
        area = self.code("area_code")
        if self.spec is None or area is None or self.period is None:
            return None
        return ("observation", self.spec.key, area, self.period.kind, self.period.start)

    @property
    def key_text(self) -> str:
        spec, period = _known(self.spec, "indicator"), _known(self.period, "period")
        return (
            f"indicator {spec.key!r}, area {self.code('area_code')!r} and period {period.label!r}"
        )

    @property
    def creates(self) -> str | None:
        return self.code("area_code") if self.area_name else None

    @property
    def calculated_value(self) -> float | None:
        """The value, or numerator ÷ denominator × multiplier when the value is blank."""
        value = self.numbers.get("value")
        numerator = self.numbers.get("numerator")
        denominator = self.numbers.get("denominator")
        if value is not None or numerator is None or not denominator or self.spec is None:
            return value
        return numerator / denominator * self.spec.multiplier

    def record(self) -> ObservationRecord:
        area_code = _known(self.code("area_code"), "area code")
        kind = self.area_kind
        if self.area_name and kind is None:
            kind = cells.kind_from_code(area_code) or AreaKind.OTHER
        return ObservationRecord(
            indicator=_known(self.spec, "indicator").key,
            area_code=area_code,
            area_name=self.area_name or None,
            area_kind=kind,
            period=_known(self.period, "period"),
            value=self.calculated_value,
            numerator=self.numbers.get("numerator"),
            denominator=self.numbers.get("denominator"),
            lower_ci_95=self.numbers.get("lower_ci_95"),
            upper_ci_95=self.numbers.get("upper_ci_95"),
            lower_ci_99_8=self.numbers.get("lower_ci_99_8"),
            upper_ci_99_8=self.numbers.get("upper_ci_99_8"),
            status=_known(self.status, "status"),
            source=self.source,
            note=self.note,
            sheet=self.ref.sheet,
            row=self.ref.number,
        )


@dataclass(frozen=True, kw_only=True)
class TargetDraft(Draft):
    due: dt.date | None = None
    due_error: str | None = None
    tolerance: tuple[ToleranceKind, float] | None = (ToleranceKind.NONE, 0.0)
    label: str = ""
    source: str = ""

    @property
    def key(self) -> tuple[object, ...] | None:
        area = self.code("area_code")
        if self.spec is None or area is None or self.due is None:
            return None
        return ("target", self.spec.key, area, self.due)

    @property
    def key_text(self) -> str:
        spec = _known(self.spec, "indicator")
        return f"indicator {spec.key!r}, area {self.code('area_code')!r} and due date {self.due}"

    def record(self) -> TargetRecord:
        tolerance_kind, tolerance = _known(self.tolerance, "tolerance")
        return TargetRecord(
            indicator=_known(self.spec, "indicator").key,
            area_code=_known(self.code("area_code"), "area code"),
            due=_known(self.due, "due date"),
            value=self.numbers["target"],
            tolerance_kind=tolerance_kind,
            tolerance=tolerance,
            label=self.label,
            source=self.source,
            sheet=self.ref.sheet,
            row=self.ref.number,
        )


@dataclass(frozen=True, kw_only=True)
class AreaDraft(Draft):
    name: str = ""
    kind: AreaKind | None = None
    kind_bad: bool = False

    @property
    def key(self) -> tuple[object, ...] | None:
        code = self.code("area_code")
        return None if code is None else ("area", code)

    @property
    def key_text(self) -> str:
        return f"area code {self.code('area_code')!r}"

    @property
    def creates(self) -> str | None:
        return self.code("area_code")

    def record(self) -> AreaRecord:
        code = _known(self.code("area_code"), "area code")
        return AreaRecord(
            code=code,
            name=self.name,
            kind=self.kind or cells.kind_from_code(code) or AreaKind.OTHER,
            parent_code=self.code("parent_code"),
        )


@dataclass(frozen=True, kw_only=True)
class MemberDraft(Draft):
    group_name: str = ""
    group_kind: str = ""
    rank: int | None = None
    rank_bad: bool = False

    @property
    def key(self) -> tuple[object, ...] | None:
        group, member = self.code("group_code"), self.code("member_code")
        return None if group is None or member is None else ("member", group, member)

    @property
    def key_text(self) -> str:
        return f"group {self.code('group_code')!r} and member {self.code('member_code')!r}"

    @property
    def creates(self) -> str | None:
        return self.code("group_code")

    def record(self) -> GroupMemberRecord:
        return GroupMemberRecord(
            group_code=_known(self.code("group_code"), "group code"),
            group_name=self.group_name or None,
            group_kind=self.group_kind or None,
            member_code=_known(self.code("member_code"), "member code"),
            rank=self.rank,
        )


@dataclass
class SheetDrafts:
    """A sheet's rows as drafts, with the rows skipped and why."""

    drafts: list[Draft] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unfollowed_ids: set[int] = field(default_factory=set)


def draft_sheet(sheet: Sheet, layout: Layout, catalogue: Catalogue) -> SheetDrafts:
    """Read every data row of a sheet whose header is good."""
    result = SheetDrafts()
    if sheet.blank_rows:
        result.skipped[SKIPPED_BLANK] += sheet.blank_rows
    for row in sheet.rows:
        ref = RowRef(sheet.name, row.number, layout, sheet.header, row.cells)
        match layout.kind:
            case TableKind.INDICATORS:
                result.drafts.append(_indicator(ref))
            case TableKind.OBSERVATIONS:
                result.drafts.append(_observation(ref, catalogue))
            case TableKind.FINGERTIPS:
                _fingertips(ref, catalogue, result)
            case TableKind.TARGETS:
                result.drafts.append(_target(ref, catalogue))
            case TableKind.AREAS:
                result.drafts.append(_area(ref))
            case TableKind.GROUPS:
                result.drafts.append(_member(ref))
    return result


def _blank(ref: RowRef, *fields: str) -> tuple[str, ...]:
    return tuple(f for f in fields if ref.cell(f) is None)


def _numbers(ref: RowRef, fields: tuple[str, ...]) -> tuple[dict[str, float], tuple[str, ...]]:
    numbers: dict[str, float] = {}
    bad: list[str] = []
    for name in fields:
        try:
            value = cells.number(ref.cell(name))
        except ValueError:
            bad.append(name)
            continue
        if value is not None:
            numbers[name] = value
    return numbers, tuple(bad)


def _codes(ref: RowRef, *fields: str) -> dict[str, str | None]:
    return {f: cells.area_code(ref.cell(f)) for f in fields if ref.cell(f) is not None}


def _prefer(spec: IndicatorSpec | None) -> PeriodKind | None:
    if spec is not None and spec.frequency is Frequency.ACADEMIC_YEAR:
        return PeriodKind.ACADEMIC_YEAR
    return None


def _period(ref: RowRef, spec: IndicatorSpec | None) -> tuple[Period | None, str | None]:
    cell = ref.cell("period")
    return (None, None) if cell is None else _read_period(cell, _prefer(spec))


@functools.lru_cache(maxsize=4096, typed=True)
def _read_period(cell: Cell, prefer: PeriodKind | None) -> tuple[Period | None, str | None]:
    """A period, or why not. Remembered: a file repeats a few periods over many rows."""
    try:
        return cells.period(cell, prefer), None
    except PeriodError as exc:
        return None, str(exc)


def _status(ref: RowRef) -> ObservationStatus | None:
    try:
        return cells.status(ref.cell("status"))
    except ValueError:
        return None


def _given_kind(ref: RowRef, field: str) -> tuple[AreaKind | None, bool]:
    try:
        return cells.area_kind(ref.cell(field)), False
    except ValueError:
        return None, True


def _indicator(ref: RowRef) -> IndicatorDraft:
    unreadable: list[str] = []

    def read(name: str, reader: Callable[[Cell], T], default: T) -> T:
        """The cell as its reader reads it; the default, noted as unreadable, if it cannot."""
        try:
            return reader(ref.cell(name))
        except ValueError:
            unreadable.append(name)
            return default

    def choice(name: str, choices: type[E]) -> E | None:
        return read(name, functools.partial(cells.choice, choices), None)

    return IndicatorDraft(
        ref=ref,
        blank=_blank(ref, "key", "name", "value_type"),
        indicator_key=read("key", cells.indicator_key, None),
        name=ref.text("name"),
        polarity=choice("polarity", Polarity),
        unit=ref.text("unit"),
        frequency=choice("frequency", Frequency),
        value_type=choice("value_type", ValueType),
        multiplier=read("multiplier", cells.multiplier, 1.0),
        decimals=read("decimals", cells.decimals, 1),
        comparison_method=choice("comparison_method", ComparisonMethod) or ComparisonMethod.CI_95,
        fingertips_id=read("fingertips_id", cells.counting_number, None),
        source=ref.text("source"),
        definition=ref.text("definition"),
        unreadable=tuple(unreadable),
    )


def _observation(ref: RowRef, catalogue: Catalogue) -> ObservationDraft:
    text = ref.text("indicator")
    spec = catalogue.indicator(text) if text else None
    numbers, not_numbers = _numbers(ref, OBSERVATION_NUMBERS)
    period, period_error = _period(ref, spec)
    kind, kind_bad = _given_kind(ref, "area_kind")
    area_name = ref.text("area_name")
    return ObservationDraft(
        ref=ref,
        blank=_blank(ref, "indicator", "area_code", "period"),
        numbers=numbers,
        not_numbers=not_numbers,
        codes=_codes(ref, "area_code"),
        must_exist=() if area_name else ("area_code",),
        spec=spec,
        indicator_text=text,
        area_name=area_name,
        area_kind=kind,
        area_kind_bad=kind_bad,
        period=period,
        period_error=period_error,
        status=_status(ref),
        source=ref.text("source"),
        note=ref.text("note"),
    )


def _fingertips(ref: RowRef, catalogue: Catalogue, result: SheetDrafts) -> None:
    """Skip a breakdown or an unfollowed indicator; otherwise draft the row as an observation."""
    if ref.cell("category_type") is not None:
        result.skipped[SKIPPED_BREAKDOWN] += 1
        return
    numbers, not_numbers = _numbers(ref, OBSERVATION_NUMBERS)
    spec: IndicatorSpec | None = None
    try:
        fingertips_id = cells.whole_number(ref.cell("fingertips_id"))
    except ValueError:
        not_numbers = ("fingertips_id", *not_numbers)
    else:
        if fingertips_id is not None:
            spec = catalogue.by_fingertips_id.get(fingertips_id)
            if spec is None:
                result.skipped[SKIPPED_UNFOLLOWED] += 1
                result.unfollowed_ids.add(fingertips_id)
                return
    period, period_error = _period(ref, spec)
    area_name = ref.text("area_name")
    result.drafts.append(
        ObservationDraft(
            ref=ref,
            blank=_blank(ref, "fingertips_id", "area_code", "period"),
            numbers=numbers,
            not_numbers=not_numbers,
            codes=_codes(ref, "area_code"),
            must_exist=() if area_name else ("area_code",),
            spec=spec,
            indicator_text=ref.text("fingertips_id"),
            area_name=area_name,
            area_kind=_fingertips_kind(ref),
            period=period,
            period_error=period_error,
            source=FINGERTIPS_SOURCE,
            note=ref.text("note"),
        )
    )


def _fingertips_kind(ref: RowRef) -> AreaKind | None:
    """The kind of a Fingertips area: by its ONS code, else by its Area Type, else other."""
    code = cells.area_code(ref.cell("area_code"))
    by_code = cells.kind_from_code(code) if code else None
    if by_code is not None:
        return by_code
    area_type = ref.text("area_type").lower()
    if area_type == "england":
        return AreaKind.COUNTRY
    if "region" in area_type:
        return AreaKind.REGION
    if "ward" in area_type:
        return AreaKind.WARD
    if any(word in area_type for word in ("ua", "county", "counties", "district", "authorit")):
        return AreaKind.LOCAL_AUTHORITY
    return AreaKind.OTHER


def _target(ref: RowRef, catalogue: Catalogue) -> TargetDraft:
    text = ref.text("indicator")
    spec = catalogue.indicator(text) if text else None
    numbers, not_numbers = _numbers(ref, ("target",))
    due: dt.date | None = None
    due_error: str | None = None
    if ref.cell("due") is not None:
        try:
            due = cells.due_date(ref.cell("due"), _prefer(spec))
        except PeriodError as exc:
            due_error = str(exc)
    tolerance: tuple[ToleranceKind, float] | None
    try:
        tolerance = cells.tolerance(ref.cell("tolerance"))
    except ValueError:
        tolerance = None
    return TargetDraft(
        ref=ref,
        blank=_blank(ref, "indicator", "area_code", "due", "target"),
        numbers=numbers,
        not_numbers=not_numbers,
        codes=_codes(ref, "area_code"),
        must_exist=("area_code",),
        spec=spec,
        indicator_text=text,
        due=due,
        due_error=due_error,
        tolerance=tolerance,
        label=ref.text("label"),
        source=ref.text("source"),
    )


def _area(ref: RowRef) -> AreaDraft:
    kind, kind_bad = _given_kind(ref, "area_kind")
    return AreaDraft(
        ref=ref,
        blank=_blank(ref, "area_code", "area_name"),
        codes=_codes(ref, "area_code", "parent_code"),
        must_exist=("parent_code",) if ref.cell("parent_code") is not None else (),
        name=ref.text("area_name"),
        kind=kind,
        kind_bad=kind_bad,
    )


def _member(ref: RowRef) -> MemberDraft:
    rank: int | None = None
    rank_bad = False
    try:
        rank = cells.counting_number(ref.cell("rank"))
    except ValueError:
        rank_bad = True
    return MemberDraft(
        ref=ref,
        blank=_blank(ref, "group_code", "member_code"),
        codes=_codes(ref, "group_code", "member_code"),
        must_exist=("member_code",),
        group_name=ref.text("group_name"),
        group_kind=ref.text("group_kind"),
        rank=rank,
        rank_bad=rank_bad,
    )
