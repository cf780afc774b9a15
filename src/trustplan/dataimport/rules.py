"""Why a row is rejected: one small class per rule in docs/data-import.md.

Each rule's docstring is the message it reports, formatted with the details of each case, so a
rule and its wording are read together. A rule looks at one drafted row (`trustplan.dataimport
.rows`), which holds every cell already read, and yields a `Rejection` naming the sheet, row
and column, for every way the row breaks it. A row may break several rules; all are reported,
because an analyst fixing a file wants every problem at once, not one per upload.

The header rules (`UnknownSheet`, `UnknownColumn`, `MissingColumn`) judge a sheet's header
rather than its rows; a sheet whose header is wrong has its rows left unchecked, since every
row would otherwise repeat the header's problem.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from trustplan.dataimport.catalogue import Catalogue
from trustplan.dataimport.cells import show
from trustplan.dataimport.columns import TABLES, Layout, TableKind, normalise
from trustplan.dataimport.rows import (
    AreaDraft,
    Draft,
    IndicatorDraft,
    MemberDraft,
    ObservationDraft,
    RowRef,
    TargetDraft,
)
from trustplan.dataimport.tables import Sheet, column_letter
from trustplan.vocabulary import AreaKind, ComparisonMethod, Frequency, Polarity, ValueType

__all__ = ["ROW_RULES", "Context", "Rejection", "Rule", "check_header", "check_row"]


@dataclass(frozen=True)
class Rejection:
    """One reason one row (or a sheet's header) cannot be imported.

    ``row`` is the spreadsheet row number (the header's for a header problem, None for a whole
    sheet); ``column`` is the column as the file's header writes it; ``values`` is the row's
    cells as text, so the report shows the row as the analyst wrote it.
    """

    sheet: str
    row: int | None
    column: str | None
    rule: str
    message: str
    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        parts = [f"sheet {self.sheet!r}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "rule": self.rule,
            "message": self.message,
            "values": dict(self.values),
        }


@dataclass
class Context:
    """What the rules know beyond one row: the catalogue (with the file's valid definitions
    laid over it once they are checked), the areas this file creates, the first row seen with
    each key (for `DuplicateRow` and `DuplicateFingertipsId`), and the file's rejected
    definitions by the key they give, so a row naming one is told why it is unknown."""

    catalogue: Catalogue
    created_areas: frozenset[str] = frozenset()
    first_rows: dict[tuple[object, ...], RowRef] = field(default_factory=dict)
    indicator_hints: dict[str, str] = field(default_factory=dict)
    rejected_definitions: Mapping[str, RowRef] = field(default_factory=dict)


class Rule:
    # A concrete rule's docstring is its message template; see the module docstring.

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        """Yield a rejection for every way the row breaks this rule."""
        yield from ()

    def message(self, **details: object) -> str:
        template = " ".join((type(self).__doc__ or "").split())
        return template.format(**details)

    def reject(self, ref: RowRef, field: str | None, **details: object) -> Rejection:
        return Rejection(
            ref.sheet,
            ref.number,
            None if field is None else ref.column(field),
            type(self).__name__,
            self.message(**details),
            ref.values(),
        )


TABLE_PHRASES = {
    TableKind.INDICATORS: "an indicators table",
    TableKind.OBSERVATIONS: "an observations table",
    TableKind.TARGETS: "a targets table",
    TableKind.AREAS: "an areas table",
    TableKind.GROUPS: "a comparator groups table",
    TableKind.FINGERTIPS: "a Fingertips download",
}


def _choices(choices: type[StrEnum]) -> str:
    return ", ".join(choice.value for choice in choices)


KINDS_TEXT = _choices(AreaKind)


# --- every table -----------------------------------------------------------------------------


class BlankCell(Rule):
    """The {column} cell is blank, but every row of {table} needs one."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        for name in draft.blank:
            column = draft.ref.column(name)
            yield self.reject(draft.ref, name, column=column, table=TABLE_PHRASES[draft.ref.table])


class UnknownIndicator(Rule):
    """No indicator has the key {text!r}{hint}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        table = draft.ref.table
        named = table in {TableKind.OBSERVATIONS, TableKind.TARGETS} and draft.indicator_text
        if named and draft.spec is None:
            yield self.reject(
                draft.ref,
                "indicator",
                text=draft.indicator_text,
                hint=_indicator_hint(draft.indicator_text, context),
            )


def _indicator_hint(text: str, context: Context) -> str:
    """Say that the file's definition of the key was rejected, else suggest the nearest key;
    remembered, as a file often repeats one wrong key."""
    hint = context.indicator_hints.get(text)
    if hint is None:
        rejected = context.rejected_definitions
        definition = rejected.get(text) or rejected.get(text.lower())
        if definition is not None:
            hint = (
                f": row {definition.number} of sheet {definition.sheet!r} defines it, but that "
                "row was rejected, so fix it first"
            )
        elif close := difflib.get_close_matches(
            text.lower(), list(context.catalogue.indicators), n=1
        ):
            hint = f" (did you mean {close[0]!r}?)"
        else:
            hint = "; write the indicator's key as the plan file gives it"
        context.indicator_hints[text] = hint
    return hint


class BadAreaCode(Rule):
    """The {column} {text!r} is not an area code: write an ONS code (a letter and 8 digits, like
    E06000044) or a comparator group's code (letters, digits and hyphens, up to 40
    characters)."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        for name, code in draft.codes.items():
            if code is None:
                column = draft.ref.column(name)
                yield self.reject(draft.ref, name, column=column, text=draft.ref.text(name))


class UnknownArea(Rule):
    """Area {code!r} is not known to trustplan, and this file does not create it{hint}:
    {remedy}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        for name in draft.must_exist:
            code = draft.code(name)
            if code is None or code in context.catalogue.area_codes:
                continue
            if code in context.created_areas:
                continue
            yield self.reject(
                draft.ref, name, code=code, hint=_ons_hint(code), remedy=_area_remedy(draft)
            )


def _ons_hint(code: str) -> str:
    """Point out a mistyped ONS code: a letter and the wrong number of digits."""
    digits = len(code) - 1
    if re.fullmatch(r"[A-Za-z]\d+", code) and digits != 8:
        return f" (it has {digits} digit{'' if digits == 1 else 's'}; an ONS code has 8)"
    return ""


def _area_remedy(draft: Draft) -> str:
    if isinstance(draft, ObservationDraft):
        name = draft.ref.column("area_name")
        return f"give its name in {name} to create it"
    return "add it to an areas sheet (or import an areas file) first"


class BadAreaKind(Rule):
    """The {column} {text!r} is not a kind of area: write one of {kinds}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        bad = (isinstance(draft, ObservationDraft) and draft.area_kind_bad) or (
            isinstance(draft, AreaDraft) and draft.kind_bad
        )
        if bad:
            column = draft.ref.column("area_kind")
            text = draft.ref.text("area_kind")
            yield self.reject(draft.ref, "area_kind", column=column, text=text, kinds=KINDS_TEXT)


class NotANumber(Rule):
    """The {column} must be a number, but the cell holds {text!r}{hint}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        for name in draft.not_numbers:
            hint = ""
            if name == "value":
                hint = (
                    "; to record that there is no value, leave it blank and say why in "
                    f"{draft.ref.column('note')}"
                )
            column = draft.ref.column(name)
            yield self.reject(draft.ref, name, column=column, text=draft.ref.text(name), hint=hint)


class DuplicateRow(Rule):
    """This row has the same {key} as {other}; a file may give each only once{hint}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        key = draft.key
        if key is None:
            return
        first = context.first_rows.setdefault(key, draft.ref)
        if first is not draft.ref:
            other = first.where(draft.ref)
            hint = _breakdown_hint(first, draft.ref)
            yield self.reject(draft.ref, None, key=draft.key_text, other=other, hint=hint)


def _breakdown_hint(first: RowRef, second: RowRef) -> str:
    """Fingertips gives some indicators for each sex or age band under one ID; say so."""
    if TableKind.FINGERTIPS not in {first.table, second.table}:
        return ""
    breakdowns = [(ref.text("sex"), ref.text("age")) for ref in (first, second)]
    if breakdowns[0] == breakdowns[1]:
        return ""
    shown = " and ".join("/".join(part for part in b if part) or "none" for b in breakdowns)
    return (
        f". The rows are for different Sex or Age ({shown}); trustplan follows one of them, "
        "so delete the rows for the others"
    )


# --- indicators ------------------------------------------------------------------------------


class UnreadableDefinition(Rule):
    # A rule for one cell of an indicator's definition that holds something its column does not
    # take; ``choices`` fills the message's {choices}, for a column that takes one of a few.
    field_name: ClassVar[str]
    choices: ClassVar[str] = ""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, IndicatorDraft) and self.field_name in draft.unreadable:
            ref, name = draft.ref, self.field_name
            yield self.reject(
                ref, name, column=ref.column(name), text=ref.text(name), choices=self.choices
            )


class BadKey(UnreadableDefinition):
    """The {column} {text!r} is not an indicator key: write lower-case letters and digits, with
    single hyphens between words (like first-time-entrants), up to 80 characters."""

    field_name = "key"


class BadPolarity(UnreadableDefinition):
    """The {column} {text!r} is not a polarity: write one of {choices} (blank means not
    defined)."""

    field_name = "polarity"
    choices = _choices(Polarity)


class BadFrequency(UnreadableDefinition):
    """The {column} {text!r} is not a frequency: write one of {choices} (blank means not
    defined)."""

    field_name = "frequency"
    choices = _choices(Frequency)


class BadValueType(UnreadableDefinition):
    """The {column} {text!r} is not a value type: write one of {choices}."""

    field_name = "value_type"
    choices = _choices(ValueType)


class BadMultiplier(UnreadableDefinition):
    """The {column} {text!r} is not a multiplier: write a number above 0, like 100 for a
    percentage or 10000 for a rate per 10,000 (blank means 1)."""

    field_name = "multiplier"


class BadDecimals(UnreadableDefinition):
    """The {column} {text!r} is not a number of decimal places: write a whole number from 0 to 6
    (blank means 1)."""

    field_name = "decimals"


class BadComparisonMethod(UnreadableDefinition):
    """The {column} {text!r} is not a comparison method: write one of {choices} (blank means
    ci_95)."""

    field_name = "comparison_method"
    choices = _choices(ComparisonMethod)


class BadFingertipsId(UnreadableDefinition):
    """The {column} {text!r} is not a Fingertips indicator ID: write the whole number
    Fingertips gives the indicator (like 90631), or leave it blank."""

    field_name = "fingertips_id"


class DuplicateFingertipsId(Rule):
    """Fingertips ID {fingertips_id} {holder}: an ID may belong to only one indicator, so that
    each row of a Fingertips download is matched to one."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if not isinstance(draft, IndicatorDraft) or draft.fingertips_id is None:
            return
        fingertips_id, key = draft.fingertips_id, draft.ref.text("key")
        stored = context.catalogue.by_fingertips_id.get(fingertips_id)
        if stored is not None and stored.key != key:
            holder = (
                f"already belongs to indicator {stored.key!r} (to move it, import {stored.key!r} "
                "without it first)"
            )
            yield self.reject(
                draft.ref, "fingertips_id", fingertips_id=fingertips_id, holder=holder
            )
        first = context.first_rows.setdefault(("fingertips_id", fingertips_id), draft.ref)
        if first is not draft.ref and first.text("key") != key:
            holder = f"is also given to indicator {first.text('key')!r} in {first.where(draft.ref)}"
            yield self.reject(
                draft.ref, "fingertips_id", fingertips_id=fingertips_id, holder=holder
            )


# --- observations ----------------------------------------------------------------------------


class UnparseablePeriod(Rule):
    """The {column} cannot be read: {error}{hint}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, ObservationDraft) and draft.period_error:
            yield self._reject(draft.ref, "period", draft.period_error, "")
        if isinstance(draft, TargetDraft) and draft.due_error:
            hint = "; or write the date it is due, like 2014-03-31"
            yield self._reject(draft.ref, "due", draft.due_error, hint)

    def _reject(self, ref: RowRef, name: str, error: str, hint: str) -> Rejection:
        return self.reject(ref, name, column=ref.column(name), error=error.rstrip("."), hint=hint)


class MissingValue(Rule):
    """There is no value, and no numerator and denominator to calculate it from. To record that
    there is no data, leave {value} blank and say why in {note}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if not isinstance(draft, ObservationDraft) or "value" in draft.not_numbers:
            return
        numbers = draft.numbers
        counts = "numerator" in numbers and "denominator" in numbers
        if "value" not in numbers and not counts and not draft.note:
            ref = draft.ref
            yield self.reject(ref, "value", value=ref.column("value"), note=ref.column("note"))


class NegativeCount(Rule):
    """The {column} is {number}, but a count cannot be negative."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, ObservationDraft):
            for name in ("numerator", "denominator"):
                count = draft.numbers.get(name)
                if count is not None and count < 0:
                    column = draft.ref.column(name)
                    yield self.reject(draft.ref, name, column=column, number=show(count))


class ZeroDenominator(Rule):
    """The {column} is 0 but the numerator is {numerator}: nothing can be calculated as a share
    of a population of none."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, ObservationDraft):
            numerator = draft.numbers.get("numerator")
            if draft.numbers.get("denominator") == 0 and numerator is not None:
                column = draft.ref.column("denominator")
                yield self.reject(
                    draft.ref, "denominator", column=column, numerator=show(numerator)
                )


class NumeratorExceedsDenominator(Rule):
    """The numerator ({numerator}) is larger than the denominator ({denominator}), but indicator
    {indicator!r} is a proportion, which cannot count more events than its population."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if not isinstance(draft, ObservationDraft) or draft.spec is None:
            return
        numerator = draft.numbers.get("numerator")
        denominator = draft.numbers.get("denominator")
        if draft.spec.value_type is not ValueType.PROPORTION:
            return
        if numerator is not None and denominator is not None and 0 < denominator < numerator:
            yield self.reject(
                draft.ref,
                "numerator",
                numerator=show(numerator),
                denominator=show(denominator),
                indicator=draft.spec.key,
            )


class ValueOutOfRange(Rule):
    """The {column} ({number}) is outside the range of indicator {indicator!r}: {allowed}."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        name = "target" if isinstance(draft, TargetDraft) else "value"
        value = draft.numbers.get(name)
        if draft.spec is None or value is None:
            return
        spec = draft.spec
        maximum = spec.maximum
        too_low = value < 0 and not spec.may_be_negative
        if too_low or (maximum is not None and value > maximum):
            allowed = (
                f"a {spec.value_type.value} cannot be negative"
                if maximum is None
                else f"a proportion per {show(spec.multiplier)} is from 0 to {show(maximum)}"
            )
            yield self.reject(
                draft.ref,
                name,
                column=draft.ref.column(name),
                number=show(value),
                indicator=spec.key,
                allowed=allowed,
            )


class ValueDisagreesWithCounts(Rule):
    """The {column} ({value}) is not numerator ÷ denominator × {multiplier} = {numerator} ÷
    {denominator} × {multiplier} = {expected}, {precision}."""

    CHECKED = frozenset({ValueType.PROPORTION, ValueType.RATE})

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if not isinstance(draft, ObservationDraft) or draft.spec is None:
            return
        spec = draft.spec
        value = draft.numbers.get("value")
        numerator = draft.numbers.get("numerator")
        denominator = draft.numbers.get("denominator")
        if spec.value_type not in self.CHECKED or value is None or numerator is None:
            return
        if denominator is None or denominator <= 0 or numerator < 0:
            return
        expected = numerator / denominator * spec.multiplier
        # Half a unit of the last decimal place, and a hair more for binary fractions.
        if abs(value - expected) > spec.half_unit * (1 + 1e-9) + 1e-12 * abs(expected):
            places = spec.decimals
            yield self.reject(
                draft.ref,
                "value",
                column=draft.ref.column("value"),
                value=show(value),
                multiplier=show(spec.multiplier),
                numerator=show(numerator),
                denominator=show(denominator),
                expected=f"{expected:.{places + 2}f}",
                precision=(
                    f"to {places} decimal place{'' if places == 1 else 's'}"
                    if places
                    else "to the nearest whole number"
                ),
            )


class ConfidenceLimitsOutOfOrder(Rule):
    """The confidence limits are out of order: {problem}."""

    PAIRS = (("lower_ci_95", "upper_ci_95"), ("lower_ci_99_8", "upper_ci_99_8"))

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if not isinstance(draft, ObservationDraft):
            return
        ref, numbers = draft.ref, draft.numbers
        value = draft.calculated_value
        # A value rounded to the indicator's places may sit a hair outside a limit.
        slack = draft.spec.half_unit if draft.spec is not None else 0.0

        def shown(name: str) -> str:
            return f"{ref.column(name)} ({show(numbers[name])})"

        for lower, upper in self.PAIRS:
            if lower in numbers and upper in numbers and numbers[lower] > numbers[upper]:
                yield self.reject(ref, lower, problem=f"{shown(lower)} is above {shown(upper)}")
                continue
            if value is None:
                continue
            if lower in numbers and numbers[lower] > value + slack:
                problem = f"{shown(lower)} is above the value ({show(value)})"
                yield self.reject(ref, lower, problem=problem)
            if upper in numbers and numbers[upper] < value - slack:
                problem = f"{shown(upper)} is below the value ({show(value)})"
                yield self.reject(ref, upper, problem=problem)
        (inner_lower, inner_upper), (outer_lower, outer_upper) = self.PAIRS
        wider = "the 99.8% interval is the wider one"
        if _above(numbers, outer_lower, inner_lower):
            problem = f"{shown(outer_lower)} is above {shown(inner_lower)}; {wider}"
            yield self.reject(ref, outer_lower, problem=problem)
        if _above(numbers, inner_upper, outer_upper):
            problem = f"{shown(outer_upper)} is below {shown(inner_upper)}; {wider}"
            yield self.reject(ref, outer_upper, problem=problem)


def _above(numbers: Mapping[str, float], higher: str, lower: str) -> bool:
    """Whether both fields are given and the first is above the second."""
    return higher in numbers and lower in numbers and numbers[higher] > numbers[lower]


class BadStatus(Rule):
    """The {column} {text!r} is not a status: write final or provisional (blank means
    final)."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, ObservationDraft) and draft.status is None:
            column, text = draft.ref.column("status"), draft.ref.text("status")
            yield self.reject(draft.ref, "status", column=column, text=text)


# --- targets, groups -------------------------------------------------------------------------


class BadTolerance(Rule):
    """The {column} {text!r} is not a tolerance: write a number in the indicator's units (like 2) or
    a percentage of the target (like 5%), and not a negative one."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, TargetDraft) and draft.tolerance is None:
            column, text = draft.ref.column("tolerance"), draft.ref.text("tolerance")
            yield self.reject(draft.ref, "tolerance", column=column, text=text)


class BadRank(Rule):
    """The {column} {text!r} is not a rank: write a whole number from 1 (1 is the
    nearest)."""

    def check(self, draft: Draft, context: Context) -> Iterator[Rejection]:
        if isinstance(draft, MemberDraft) and draft.rank_bad:
            column, text = draft.ref.column("rank"), draft.ref.text("rank")
            yield self.reject(draft.ref, "rank", column=column, text=text)


ROW_RULES: tuple[Rule, ...] = (
    BlankCell(),
    UnknownIndicator(),
    BadAreaCode(),
    UnknownArea(),
    BadAreaKind(),
    UnparseablePeriod(),
    NotANumber(),
    MissingValue(),
    NegativeCount(),
    ZeroDenominator(),
    NumeratorExceedsDenominator(),
    ValueOutOfRange(),
    ValueDisagreesWithCounts(),
    ConfidenceLimitsOutOfOrder(),
    BadStatus(),
    BadTolerance(),
    BadRank(),
    BadKey(),
    BadPolarity(),
    BadFrequency(),
    BadValueType(),
    BadMultiplier(),
    BadDecimals(),
    BadComparisonMethod(),
    BadFingertipsId(),
    DuplicateFingertipsId(),
    DuplicateRow(),
)


def check_row(draft: Draft, context: Context) -> list[Rejection]:
    return [rejection for rule in ROW_RULES for rejection in rule.check(draft, context)]


# --- headers ---------------------------------------------------------------------------------


class UnknownSheet(Rule):
    """The workbook has a sheet {name!r}, which trustplan does not read: name the sheets
    {names} (a Fingertips download's sheet may have any name)."""

    def sheet(self, sheet: Sheet) -> Rejection:
        names = ", ".join(repr(spec.sheet_name) for spec in TABLES.values())
        return Rejection(
            sheet.name, None, None, type(self).__name__, self.message(name=sheet.name, names=names)
        )


class UnknownColumn(Rule):
    """The column {column} is not one trustplan reads in {table}; its columns are
    {expected}."""

    def header(self, sheet: Sheet, layout: Layout) -> Iterator[Rejection]:
        expected = ", ".join(layout.expected)
        table = TABLE_PHRASES[layout.kind]
        for index in layout.unknown:
            name = sheet.header[index]
            yield self._reject(sheet, name, column=repr(name), table=table, expected=expected)
        for index, first_row in layout.unnamed:
            column = (
                f"{column_letter(index)}, which has no name in the header but holds data "
                f"(from row {first_row}),"
            )
            where = f"column {column_letter(index)}"
            yield self._reject(sheet, where, column=column, table=table, expected=expected)

    def _reject(self, sheet: Sheet, location: str, **details: object) -> Rejection:
        rule = type(self).__name__
        return Rejection(sheet.name, sheet.header_row, location, rule, self.message(**details))


class MissingColumn(Rule):
    """{table} needs a column {column!r}, and the header has none{hint}."""

    def header(self, sheet: Sheet, layout: Layout) -> Iterator[Rejection]:
        unknown = [sheet.header[index] for index in layout.unknown]
        for name in layout.missing:
            column = layout.display_name(name)
            close = difflib.get_close_matches(
                normalise(column), {normalise(u): u for u in unknown}, n=1, cutoff=0.6
            )
            hint = ""
            if close:
                spelt = next(u for u in unknown if normalise(u) == close[0])
                hint = f" (is {spelt!r} meant to be it?)"
            elif name == "value" and layout.kind is TableKind.OBSERVATIONS:
                hint = " (or numerator and denominator columns, to calculate it from)"
            table = TABLE_PHRASES[layout.kind].capitalize()
            yield Rejection(
                sheet.name,
                sheet.header_row,
                column,
                type(self).__name__,
                self.message(table=table, column=column, hint=hint),
            )


def check_header(sheet: Sheet, layout: Layout) -> list[Rejection]:
    """The header's problems: columns trustplan does not know, and required ones missing."""
    return [*UnknownColumn().header(sheet, layout), *MissingColumn().header(sheet, layout)]
