"""Reading single cells: numbers, codes, kinds of area, periods, due dates, tolerances, and the
parts of an indicator's definition."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import pytest

from trustplan.dataimport import cells
from trustplan.dataimport.tables import Cell, Percent
from trustplan.periods import PeriodError, PeriodKind
from trustplan.vocabulary import (
    AreaKind,
    ComparisonMethod,
    Frequency,
    ObservationStatus,
    Polarity,
    ToleranceKind,
    ValueType,
)


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (None, None),
        (12, 12.0),
        (12.5, 12.5),
        ("12.5", 12.5),
        (" -3 ", -3.0),
        ("\u22123", -3.0),
        ("+4", 4.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1,234", 1234.0),
        ("12,345,678.9", 12345678.9),
        ("12.3%", 12.3),
        (Percent(0.123), 12.3),
    ],
)
def test_numbers_as_spreadsheets_hold_them(cell: Cell, number: float | None) -> None:
    assert cells.number(cell) == number


@pytest.mark.parametrize(
    "cell", ["abc", "12a", "1,5", "1,23", "NaN", "inf", "-Infinity", "1e999", "c", "..", True]
)
def test_text_that_is_not_a_number_is_refused(cell: Cell) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the reader raises a bare ValueError
        cells.number(cell)


def test_whole_numbers_and_counting_numbers() -> None:
    assert cells.whole_number("90631") == 90631
    assert cells.whole_number(90631.0) == 90631
    assert cells.counting_number(None) is None
    assert cells.counting_number(3) == 3
    assert cells.counting_number("90,631") == 90631
    for bad in ("1.5", 0, -1, "first", Percent(0.03)):
        with pytest.raises(ValueError):  # noqa: PT011
            cells.counting_number(bad)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("E06000044", "E06000044"),
        ("e06000044", "E06000044"),
        ("SN-PORTSMOUTH", "SN-PORTSMOUTH"),
        ("cipfa-2019", "cipfa-2019"),
        ("E06 000044", None),
        ("Portsmouth City", None),
        ("-SN", None),
        ("SN--X", None),
        ("X" * 41, None),
    ],
)
def test_area_codes(cell: Cell, code: str | None) -> None:
    assert cells.area_code(cell) == code


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("E92000001", AreaKind.COUNTRY),
        ("E12000008", AreaKind.REGION),
        ("E06000044", AreaKind.LOCAL_AUTHORITY),
        ("E07000086", AreaKind.LOCAL_AUTHORITY),
        ("E08000001", AreaKind.LOCAL_AUTHORITY),
        ("E09000001", AreaKind.LOCAL_AUTHORITY),
        ("E10000014", AreaKind.LOCAL_AUTHORITY),
        ("E05002444", AreaKind.WARD),
        ("E38000001", None),
        ("SN-PORTSMOUTH", None),
    ],
)
def test_the_kind_of_area_an_ons_code_tells(code: str, kind: AreaKind | None) -> None:
    assert cells.kind_from_code(code) == kind


def test_kinds_of_area_forgive_capitals_and_spaces() -> None:
    assert cells.area_kind("Local authority") is AreaKind.LOCAL_AUTHORITY
    assert cells.area_kind("comparator-group") is AreaKind.COMPARATOR_GROUP
    assert cells.area_kind(None) is None
    with pytest.raises(ValueError):  # noqa: PT011
        cells.area_kind("county")


@pytest.mark.parametrize(
    ("choices", "cell", "expected"),
    [
        (Polarity, "High is good", Polarity.HIGH_IS_GOOD),
        (Polarity, "low-is-good", Polarity.LOW_IS_GOOD),
        (Frequency, "Academic year", Frequency.ACADEMIC_YEAR),
        (ValueType, "DSR", ValueType.DSR),
        (ComparisonMethod, "CI 95", ComparisonMethod.CI_95),
        (ComparisonMethod, None, None),
    ],
)
def test_choices_forgive_capitals_spaces_and_hyphens(
    choices: type[StrEnum], cell: Cell, expected: StrEnum | None
) -> None:
    assert cells.choice(choices, cell) is expected


def test_a_choice_not_offered_is_refused() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        cells.choice(ValueType, "percentage")


@pytest.mark.parametrize("cell", ["first-time-entrants", "ks4-progress-8", "a"])
def test_indicator_keys_are_kebab_case(cell: str) -> None:
    assert cells.indicator_key(cell) == cell


@pytest.mark.parametrize(
    "cell",
    ["First-Time-Entrants", "first_time", "first--time", "-first", "first-", "a b", "x" * 81, 12.5],
)
def test_other_keys_are_refused_not_corrected(cell: Cell) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        cells.indicator_key(cell)


def test_a_key_may_be_80_characters_and_blank_is_none() -> None:
    assert cells.indicator_key("x" * 80) == "x" * 80
    assert cells.indicator_key(None) is None


def test_multipliers_are_above_zero_and_one_when_blank() -> None:
    assert cells.multiplier(None) == 1.0
    assert cells.multiplier("10,000") == 10_000.0
    assert cells.multiplier(0.5) == 0.5
    for bad in (0, -100, "per cent"):
        with pytest.raises(ValueError):  # noqa: PT011
            cells.multiplier(bad)


def test_decimals_are_whole_numbers_from_0_to_6_and_one_when_blank() -> None:
    assert cells.decimals(None) == 1
    assert [cells.decimals(places) for places in (0, "6", 2.0)] == [0, 6, 2]
    for bad in (7, -1, 1.5, "two"):
        with pytest.raises(ValueError):  # noqa: PT011
            cells.decimals(bad)


def test_status_is_final_when_blank() -> None:
    assert cells.status(None) is ObservationStatus.FINAL
    assert cells.status("Provisional") is ObservationStatus.PROVISIONAL
    with pytest.raises(ValueError):  # noqa: PT011
        cells.status("draft")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (None, (ToleranceKind.NONE, 0.0)),
        ("2", (ToleranceKind.ABSOLUTE, 2.0)),
        (0.5, (ToleranceKind.ABSOLUTE, 0.5)),
        ("5%", (ToleranceKind.RELATIVE, 0.05)),
        ("7 %", (ToleranceKind.RELATIVE, 0.07)),
        (Percent(0.05), (ToleranceKind.RELATIVE, 0.05)),
    ],
)
def test_tolerances(cell: Cell, expected: tuple[ToleranceKind, float]) -> None:
    assert cells.tolerance(cell) == expected


@pytest.mark.parametrize("cell", ["two", "-2", "-5%", "%"])
def test_bad_tolerances(cell: Cell) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        cells.tolerance(cell)


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        (dt.datetime(2020, 9, 1), "Sep 2020"),
        (dt.date(2020, 9, 17), "Sep 2020"),
        ("2020-09-17", "Sep 2020"),
        ("17/09/2020", "Sep 2020"),
        ("01/09/2020 00:00", "Sep 2020"),
        (2020, "2020"),
        (2020.0, "2020"),
        ("2019/20", "2019/20"),
    ],
)
def test_periods_including_date_cells_and_dates_saved_as_text(cell: Cell, label: str) -> None:
    assert cells.period(cell).label == label


def test_an_academic_indicator_reads_a_year_pair_as_an_academic_year() -> None:
    assert cells.period("2019/20", PeriodKind.ACADEMIC_YEAR).label == "AY 2019/20"


def test_a_date_that_does_not_exist_is_not_a_period() -> None:
    with pytest.raises(PeriodError, match="no such day"):
        cells.period("31/02/2020")


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        (dt.datetime(2014, 3, 31), dt.date(2014, 3, 31)),
        (dt.date(2014, 3, 31), dt.date(2014, 3, 31)),
        ("2014-03-31", dt.date(2014, 3, 31)),
        ("31/03/2014", dt.date(2014, 3, 31)),
        ("2013/14", dt.date(2014, 3, 31)),
        ("Mar 2014", dt.date(2014, 3, 31)),
        ("2014 Q1", dt.date(2014, 3, 31)),
    ],
)
def test_due_dates_are_dates_or_the_last_day_of_a_period(cell: Cell, due: dt.date) -> None:
    assert cells.due_date(cell) == due


def test_a_due_academic_year_ends_in_august() -> None:
    assert cells.due_date("2013/14", PeriodKind.ACADEMIC_YEAR) == dt.date(2014, 8, 31)


@pytest.mark.parametrize(("value", "text"), [(3.0, "3"), (2261.0, "2261"), (1 / 3, "0.3333333333")])
def test_show(value: float, text: str) -> None:
    assert cells.show(value) == text
