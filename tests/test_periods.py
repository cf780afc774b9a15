"""Reporting periods: every form ``parse_period`` accepts, the labels it prints, and its errors.

The accepted forms are those listed in ``trustplan.periods`` and in ``docs/data-import.md``; each
is checked against its first and last day written out by hand, not against the module's own
builders. Every label must read back as the same period (a property tested over periods of every
kind from 1990 to 2040), because stored observations keep the label and imports read it again.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from trustplan.periods import EXAMPLES, Period, PeriodError, PeriodKind, parse_period

D = dt.date
K = PeriodKind

ACCEPTED = [
    # Calendar and financial quarters.
    ("2020 Q3", K.CALENDAR_QUARTER, D(2020, 7, 1), D(2020, 9, 30)),
    ("2020Q3", K.CALENDAR_QUARTER, D(2020, 7, 1), D(2020, 9, 30)),
    ("2020-Q3", K.CALENDAR_QUARTER, D(2020, 7, 1), D(2020, 9, 30)),
    ("Q3 2020", K.CALENDAR_QUARTER, D(2020, 7, 1), D(2020, 9, 30)),
    ("2020 q1", K.CALENDAR_QUARTER, D(2020, 1, 1), D(2020, 3, 31)),
    ("2020 Q4", K.CALENDAR_QUARTER, D(2020, 10, 1), D(2020, 12, 31)),
    ("Q3 2020/21", K.FINANCIAL_QUARTER, D(2020, 10, 1), D(2020, 12, 31)),
    ("2020/21 Q3", K.FINANCIAL_QUARTER, D(2020, 10, 1), D(2020, 12, 31)),
    ("Q3 2020-21", K.FINANCIAL_QUARTER, D(2020, 10, 1), D(2020, 12, 31)),
    ("Q3 FY 2020/21", K.FINANCIAL_QUARTER, D(2020, 10, 1), D(2020, 12, 31)),
    ("FY 2020/21 Q3", K.FINANCIAL_QUARTER, D(2020, 10, 1), D(2020, 12, 31)),
    ("2020/21 Q1", K.FINANCIAL_QUARTER, D(2020, 4, 1), D(2020, 6, 30)),
    ("2020/21 Q4", K.FINANCIAL_QUARTER, D(2021, 1, 1), D(2021, 3, 31)),
    # Months, as typed and as spreadsheets write them.
    ("Sep 2020", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("September 2020", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("Sept 2020", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("SEP 2020", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("Sep-20", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("Sep-99", K.MONTH, D(1999, 9, 1), D(1999, 9, 30)),
    ("Jan-69", K.MONTH, D(1969, 1, 1), D(1969, 1, 31)),
    ("Jan-68", K.MONTH, D(2068, 1, 1), D(2068, 1, 31)),
    ("Mar 00", K.MONTH, D(2000, 3, 1), D(2000, 3, 31)),
    ("2020-09", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("09/2020", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("9/2020", K.MONTH, D(2020, 9, 1), D(2020, 9, 30)),
    ("Feb 2020", K.MONTH, D(2020, 2, 1), D(2020, 2, 29)),
    ("Feb 2021", K.MONTH, D(2021, 2, 1), D(2021, 2, 28)),
    # Year pairs: financial years unless marked academic.
    ("2019/20", K.FINANCIAL_YEAR, D(2019, 4, 1), D(2020, 3, 31)),
    ("2020-21", K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)),
    ("2011-12", K.FINANCIAL_YEAR, D(2011, 4, 1), D(2012, 3, 31)),
    ("2020/2021", K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)),
    ("2019-2020", K.FINANCIAL_YEAR, D(2019, 4, 1), D(2020, 3, 31)),
    ("FY 2020/21", K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)),
    ("FY2020/21", K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)),
    ("financial year 2020/21", K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)),
    ("2020/21 FY", K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)),
    ("1999/00", K.FINANCIAL_YEAR, D(1999, 4, 1), D(2000, 3, 31)),
    ("1999-00", K.FINANCIAL_YEAR, D(1999, 4, 1), D(2000, 3, 31)),
    ("AY 2019/20", K.ACADEMIC_YEAR, D(2019, 9, 1), D(2020, 8, 31)),
    ("academic year 2019/20", K.ACADEMIC_YEAR, D(2019, 9, 1), D(2020, 8, 31)),
    ("2019/20 AY", K.ACADEMIC_YEAR, D(2019, 9, 1), D(2020, 8, 31)),
    ("AY 2019/2020", K.ACADEMIC_YEAR, D(2019, 9, 1), D(2020, 8, 31)),
    # Academic terms, by month boundaries.
    ("Autumn 2019", K.ACADEMIC_TERM, D(2019, 9, 1), D(2019, 12, 31)),
    ("Autumn term 2019/20", K.ACADEMIC_TERM, D(2019, 9, 1), D(2019, 12, 31)),
    ("Spring 2020", K.ACADEMIC_TERM, D(2020, 1, 1), D(2020, 3, 31)),
    ("Spring term 2019/20", K.ACADEMIC_TERM, D(2020, 1, 1), D(2020, 3, 31)),
    ("Summer 2020", K.ACADEMIC_TERM, D(2020, 4, 1), D(2020, 7, 31)),
    ("Summer term 2019/20", K.ACADEMIC_TERM, D(2020, 4, 1), D(2020, 7, 31)),
    # Calendar years.
    ("2020", K.CALENDAR_YEAR, D(2020, 1, 1), D(2020, 12, 31)),
    ("CY 2020", K.CALENDAR_YEAR, D(2020, 1, 1), D(2020, 12, 31)),
    ("calendar year 2020", K.CALENDAR_YEAR, D(2020, 1, 1), D(2020, 12, 31)),
    # Rolling 12 months.
    ("12 months to Mar 2021", K.ROLLING_12_MONTHS, D(2020, 4, 1), D(2021, 3, 31)),
    ("12 months ending Dec 2020", K.ROLLING_12_MONTHS, D(2020, 1, 1), D(2020, 12, 31)),
    (
        "rolling 12 months ending December 2020",
        K.ROLLING_12_MONTHS,
        D(2020, 1, 1),
        D(2020, 12, 31),
    ),
    ("Apr 2020 - Mar 2021", K.ROLLING_12_MONTHS, D(2020, 4, 1), D(2021, 3, 31)),
    ("Apr 2020 to Mar 2021", K.ROLLING_12_MONTHS, D(2020, 4, 1), D(2021, 3, 31)),
    ("Jan 2020 - Dec 2020", K.ROLLING_12_MONTHS, D(2020, 1, 1), D(2020, 12, 31)),
    ("Apr 99 - Mar 00", K.ROLLING_12_MONTHS, D(1999, 4, 1), D(2000, 3, 31)),
    # Pooled years, as Fingertips writes them.
    ("2017 - 19", K.POOLED_YEARS, D(2017, 1, 1), D(2019, 12, 31)),
    ("2017-19", K.POOLED_YEARS, D(2017, 1, 1), D(2019, 12, 31)),
    ("2017 - 2019", K.POOLED_YEARS, D(2017, 1, 1), D(2019, 12, 31)),
    ("2017 – 19", K.POOLED_YEARS, D(2017, 1, 1), D(2019, 12, 31)),
    ("2017 - 18", K.POOLED_YEARS, D(2017, 1, 1), D(2018, 12, 31)),
    ("1998 - 00", K.POOLED_YEARS, D(1998, 1, 1), D(2000, 12, 31)),
    ("2016/17 - 18/19", K.POOLED_FINANCIAL_YEARS, D(2016, 4, 1), D(2019, 3, 31)),
    ("2016/17-2018/19", K.POOLED_FINANCIAL_YEARS, D(2016, 4, 1), D(2019, 3, 31)),
    ("1998/99 - 00/01", K.POOLED_FINANCIAL_YEARS, D(1998, 4, 1), D(2001, 3, 31)),
]


@pytest.mark.parametrize(("text", "kind", "start", "end"), ACCEPTED)
def test_accepted_form(text: str, kind: PeriodKind, start: dt.date, end: dt.date) -> None:
    assert parse_period(text) == Period(kind, start, end)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("  Sep   2020 ", "Sep 2020"),
        ("\tQ3 2020/21\n", "2020/21 Q3"),
        ("2020 /21", "2020/21"),
        ("2020 / 2021", "2020/21"),
        ("AY 2019 / 20", "AY 2019/20"),
        ("AUTUMN  Term 2019/20", "Autumn term 2019/20"),
        ("12 MONTHS TO MAR 2021", "12 months to Mar 2021"),
    ],
)
def test_spacing_and_case_are_ignored(text: str, label: str) -> None:
    assert parse_period(text).label == label


@pytest.mark.parametrize("separator", ["\u00a0-\u00a0", " –", "– ", "\t-\t", " — "])
def test_a_spaced_dash_between_years_means_pooled_years_however_it_is_spaced(
    separator: str,
) -> None:
    """A non-breaking space, a tab or an en dash pasted from a document still reads as spaced."""
    assert parse_period(f"2017{separator}18") == Period(
        K.POOLED_YEARS, D(2017, 1, 1), D(2018, 12, 31)
    )


@pytest.mark.parametrize("separator", ["-", "–", "—", "/"])
def test_an_unspaced_pair_of_consecutive_years_is_a_financial_year(separator: str) -> None:
    assert parse_period(f"2017{separator}18") == Period(
        K.FINANCIAL_YEAR, D(2017, 4, 1), D(2018, 3, 31)
    )


@pytest.mark.parametrize("text", ["2019/20", "2019-20", "2019/2020"])
def test_prefer_academic_year_reads_a_bare_year_pair_as_an_academic_year(text: str) -> None:
    assert parse_period(text, prefer=K.ACADEMIC_YEAR) == Period(
        K.ACADEMIC_YEAR, D(2019, 9, 1), D(2020, 8, 31)
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("FY 2019/20", K.FINANCIAL_YEAR),
        ("Q3 2019/20", K.FINANCIAL_QUARTER),
        ("2017 - 19", K.POOLED_YEARS),
        ("Sep 2020", K.MONTH),
    ],
)
def test_prefer_changes_only_a_bare_year_pair(text: str, kind: PeriodKind) -> None:
    assert parse_period(text, prefer=K.ACADEMIC_YEAR).kind is kind


@pytest.mark.parametrize("prefer", [None, K.FINANCIAL_YEAR, K.CALENDAR_YEAR])
def test_any_other_preference_leaves_a_bare_year_pair_a_financial_year(
    prefer: PeriodKind | None,
) -> None:
    assert parse_period("2019/20", prefer=prefer).kind is K.FINANCIAL_YEAR


@pytest.mark.parametrize(
    "cell",
    [D(2020, 9, 1), D(2020, 9, 30), dt.datetime(2020, 9, 15, 13, 45), dt.datetime(2020, 9, 30, 23)],
)
def test_an_excel_date_cell_is_read_as_its_month(cell: dt.date) -> None:
    assert parse_period(cell) == Period(K.MONTH, D(2020, 9, 1), D(2020, 9, 30))


def test_an_excel_date_cell_in_february_of_a_leap_year_ends_on_the_29th() -> None:
    assert parse_period(dt.datetime(2024, 2, 10)).end == D(2024, 2, 29)


LABELS = [
    (Period(K.MONTH, D(2020, 9, 1), D(2020, 9, 30)), "Sep 2020"),
    (Period(K.CALENDAR_QUARTER, D(2020, 7, 1), D(2020, 9, 30)), "2020 Q3"),
    (Period(K.FINANCIAL_QUARTER, D(2020, 10, 1), D(2020, 12, 31)), "2020/21 Q3"),
    (Period(K.FINANCIAL_QUARTER, D(2021, 1, 1), D(2021, 3, 31)), "2020/21 Q4"),
    (Period(K.CALENDAR_YEAR, D(2020, 1, 1), D(2020, 12, 31)), "2020"),
    (Period(K.FINANCIAL_YEAR, D(2020, 4, 1), D(2021, 3, 31)), "2020/21"),
    (Period(K.FINANCIAL_YEAR, D(1999, 4, 1), D(2000, 3, 31)), "1999/00"),
    (Period(K.ACADEMIC_YEAR, D(2019, 9, 1), D(2020, 8, 31)), "AY 2019/20"),
    (Period(K.ACADEMIC_TERM, D(2019, 9, 1), D(2019, 12, 31)), "Autumn term 2019/20"),
    (Period(K.ACADEMIC_TERM, D(2020, 1, 1), D(2020, 3, 31)), "Spring term 2019/20"),
    (Period(K.ACADEMIC_TERM, D(2020, 4, 1), D(2020, 7, 31)), "Summer term 2019/20"),
    (Period(K.ROLLING_12_MONTHS, D(2020, 4, 1), D(2021, 3, 31)), "12 months to Mar 2021"),
    (Period(K.POOLED_YEARS, D(2017, 1, 1), D(2019, 12, 31)), "2017 - 19"),
    (Period(K.POOLED_FINANCIAL_YEARS, D(2016, 4, 1), D(2019, 3, 31)), "2016/17 - 18/19"),
]


@pytest.mark.parametrize(("period", "label"), LABELS)
def test_label(period: Period, label: str) -> None:
    assert period.label == label
    assert str(period) == label


def test_every_kind_has_a_label_test_and_a_name() -> None:
    assert {period.kind for period, _ in LABELS} == set(PeriodKind)
    assert all(kind.label for kind in PeriodKind)


# Periods of every kind, 1990 to 2040, written out by their first and last days.


def _month_end(year: int, month: int) -> dt.date:
    return D(year, month, calendar.monthrange(year, month)[1])


YEARS = st.integers(1990, 2039)
MONTHS = st.integers(1, 12)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(list(PeriodKind)))
    year = draw(YEARS)
    match kind:
        case K.MONTH:
            month = draw(MONTHS)
            return Period(kind, D(year, month, 1), _month_end(year, month))
        case K.CALENDAR_QUARTER:
            first = 3 * draw(st.integers(0, 3)) + 1
            return Period(kind, D(year, first, 1), _month_end(year, first + 2))
        case K.FINANCIAL_QUARTER:
            start_year, start_month = draw(
                st.sampled_from([(year, 4), (year, 7), (year, 10), (year + 1, 1)])
            )
            return Period(
                kind, D(start_year, start_month, 1), _month_end(start_year, start_month + 2)
            )
        case K.CALENDAR_YEAR:
            return Period(kind, D(year, 1, 1), D(year, 12, 31))
        case K.FINANCIAL_YEAR:
            return Period(kind, D(year, 4, 1), D(year + 1, 3, 31))
        case K.ACADEMIC_YEAR:
            return Period(kind, D(year, 9, 1), D(year + 1, 8, 31))
        case K.ACADEMIC_TERM:
            first, last = draw(st.sampled_from([(9, 12), (1, 3), (4, 7)]))
            return Period(kind, D(year, first, 1), _month_end(year, last))
        case K.ROLLING_12_MONTHS:
            last = draw(MONTHS)
            end = _month_end(year + 1, last)
            start = D(year, last + 1, 1) if last < 12 else D(year + 1, 1, 1)
            return Period(kind, start, end)
        case K.POOLED_YEARS:
            years = draw(st.integers(2, 5))
            return Period(kind, D(year, 1, 1), D(min(year + years - 1, 2040), 12, 31))
        case K.POOLED_FINANCIAL_YEARS:
            years = draw(st.integers(2, 5))
            return Period(kind, D(year, 4, 1), D(min(year + years, 2041), 3, 31))
    raise AssertionError(kind)


CENTURY = [
    Period(K.FINANCIAL_YEAR, D(1999, 4, 1), D(2000, 3, 31)),
    Period(K.FINANCIAL_QUARTER, D(2000, 1, 1), D(2000, 3, 31)),
    Period(K.ACADEMIC_YEAR, D(1999, 9, 1), D(2000, 8, 31)),
    Period(K.ACADEMIC_TERM, D(2000, 4, 1), D(2000, 7, 31)),
    Period(K.POOLED_YEARS, D(1998, 1, 1), D(2000, 12, 31)),
    Period(K.POOLED_FINANCIAL_YEARS, D(1998, 4, 1), D(2001, 3, 31)),
]


@settings(max_examples=1000)
@given(periods())
@example(CENTURY[0])
@example(CENTURY[1])
@example(CENTURY[2])
@example(CENTURY[3])
@example(CENTURY[4])
@example(CENTURY[5])
def test_every_label_reads_back_as_the_same_period(period: Period) -> None:
    assert parse_period(period.label) == period


@given(periods().filter(lambda period: period.kind is not K.FINANCIAL_YEAR))
def test_every_label_but_a_financial_years_reads_back_under_an_academic_preference(
    period: Period,
) -> None:
    """A financial year's label is the bare "2020/21", which an academic-year indicator reads as
    its own kind by design (``prefer``); every other label names its kind."""
    assert parse_period(period.label, prefer=K.ACADEMIC_YEAR) == period


@given(periods())
def test_the_label_is_canonical(period: Period) -> None:
    assert parse_period(period.label).label == period.label


@given(periods(), periods())
def test_periods_order_by_first_day_then_last(a: Period, b: Period) -> None:
    if (a.start, a.end) != (b.start, b.end):
        assert (a < b) == ((a.start, a.end) < (b.start, b.end))


def test_ordering_of_overlapping_periods() -> None:
    texts = ["2020/21", "Apr 2020", "2020", "2020 Q2", "AY 2019/20", "Spring 2020", "Jan 2020"]
    assert [str(p) for p in sorted(parse_period(t) for t in texts)] == [
        "AY 2019/20",
        "Jan 2020",
        "Spring term 2019/20",
        "2020",
        "Apr 2020",
        "2020 Q2",
        "2020/21",
    ]


def test_periods_with_the_same_days_but_different_kinds_differ() -> None:
    financial = parse_period("2020/21")
    rolling = parse_period("12 months to Mar 2021")
    assert (financial.start, financial.end) == (rolling.start, rolling.end)
    assert financial != rolling
    assert len({financial, rolling}) == 2


def test_the_same_period_written_differently_is_equal_and_hashes_equal() -> None:
    forms = ["2020/21", "2020-21", "FY 2020/21", "2020/2021", "12 months to Mar 2021"]
    assert len({parse_period(text) for text in forms[:4]}) == 1
    assert parse_period(forms[4]) not in {parse_period(text) for text in forms[:4]}


GENERIC = f"is not a period trustplan recognises; write it like {EXAMPLES}"

ERRORS = [
    (
        "2020/22",
        "'2020/22': a financial or academic year runs over two consecutive years (like '2020/21')",
    ),
    (
        "AY 2019/21",
        "'AY 2019/21': a financial or academic year runs over two consecutive years "
        "(like '2019/20')",
    ),
    (
        "Q3 2020/22",
        "'Q3 2020/22': a financial or academic year runs over two consecutive years "
        "(like '2020/21')",
    ),
    (
        "2016/18 - 18/19",
        "'2016/18 - 18/19': a financial or academic year runs over two "
        "consecutive years (like '2016/17')",
    ),
    ("13/2020", "'13/2020': there is no month 13"),
    ("0/2020", "'0/2020': there is no month 0"),
    ("", f"the period is empty; write it like {EXAMPLES}"),
    ("   ", f"the period is empty; write it like {EXAMPLES}"),
    ("Q5 2020", f"'Q5 2020' {GENERIC}"),
    ("hello", f"'hello' {GENERIC}"),
    ("Smarch 2020", f"'Smarch 2020' {GENERIC}"),
    ("Foo 2020 - Bar 2021", f"'Foo 2020 - Bar 2021' {GENERIC}"),
    ("Winter 2020", f"'Winter 2020' {GENERIC}"),
    ("2020-1", f"'2020-1' {GENERIC}"),
    (
        "Jan 2020 - Mar 2020",
        "'Jan 2020 - Mar 2020' covers 3 months; trustplan reads a span of "
        "months only as a rolling 12 months (like 'Apr 2020 - Mar 2021')",
    ),
    (
        "Apr 2020 - Apr 2021",
        "'Apr 2020 - Apr 2021' covers 13 months; trustplan reads a span of "
        "months only as a rolling 12 months (like 'Apr 2020 - Mar 2021')",
    ),
    ("2019 - 17", "'2019 - 17': pooled years must run forwards"),
    (
        "2020-13",
        "'2020-13' is neither a month (there is no month 13) nor pooled years, which must run "
        "forwards; write a month like '2020-09' and pooled years like '2017 - 19'",
    ),
    ("2019-2017", "'2019-2017': pooled years must run forwards"),
    ("2018/19 - 16/17", "'2018/19 - 16/17': pooled years must run forwards"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_error_message(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period(text)
    assert str(raised.value) == message


def test_a_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


def test_the_examples_in_every_message_are_themselves_periods() -> None:
    examples = [part.strip(" '") for part in EXAMPLES.replace(" or ", ", ").split(", ")]
    assert len(examples) == 9
    for text in examples:
        assert parse_period(text).label


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(PeriodError, match=r"cannot end \(2020-01-01\) before it starts"):
        Period(K.MONTH, D(2020, 2, 1), D(2020, 1, 1))
