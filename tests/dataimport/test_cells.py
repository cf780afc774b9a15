"""Reading single cells: numbers, codes, kinds of area, periods, due dates and tolerances."""

from __future__ import annotations

import datetime as dt

import pytest

from trustplan.dataimport import cells
from trustplan.dataimport.records import AreaKind, ObservationStatus, ToleranceKind
from trustplan.dataimport.tables import Cell, Percent
from trustplan.periods import PeriodError, PeriodKind


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


def test_whole_numbers_and_ranks() -> None:
    assert cells.whole_number("90631") == 90631
    assert cells.whole_number(90631.0) == 90631
    assert cells.rank(None) is None
    assert cells.rank(3) == 3
    for bad in ("1.5", 0, -1, "first"):
        with pytest.raises(ValueError):  # noqa: PT011
            cells.rank(bad)


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
