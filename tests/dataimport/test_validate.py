"""Whole files through `read_import`: realistic mixes of good and bad rows, Fingertips
downloads, workbooks of several tables, and files that cannot be read at all."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from openpyxl import Workbook

from tests.dataimport.builders import (
    ENGLAND,
    FINGERTIPS_HEADER,
    INDICATOR_HEADER,
    PORTSMOUTH,
    SOUTH_EAST,
    SOUTHAMPTON,
    catalogue,
    csv_bytes,
    fingertips_row,
    indicator_row,
    xlsx_bytes,
)
from trustplan.dataimport import (
    AreaKind,
    AreaRecord,
    Catalogue,
    GroupMemberRecord,
    IndicatorRecord,
    ObservationStatus,
    ToleranceKind,
    read_import,
)
from trustplan.periods import PeriodKind

GLD = "good-level-of-development"
FTE = "first-time-entrants"

MIXED = [
    [
        "indicator",
        "area_code",
        "area_name",
        "period",
        "value",
        "numerator",
        "denominator",
        "lower_ci_95",
        "upper_ci_95",
        "status",
        "source",
        "note",
    ],
    [FTE, PORTSMOUTH, "", "2017/18", 410.2, 74, 18040, 322.5, 515.0, "", "YJB 2019", ""],
    [FTE, PORTSMOUTH, "", "2018/19", "", 61, 18210, "", "", "final", "YJB 2019", ""],
    [FTE, PORTSMOUTH, "", "2019/2O", 290.0, "", "", "", "", "", "YJB 2020", ""],  # letter O
    [FTE, ENGLAND, "", "2019/20", 208.0, "", "", "", "", "provisional", "YJB 2020", ""],
    [FTE, "E06000045", "", "2019/20", 250.0, "", "", "", "", "", "", ""],  # unknown area
    [],
    [GLD, PORTSMOUTH, "", "2018/19", 68.1, 1540, 2261, 66.2, 70.0, "", "DfE EYFSP", ""],
    [GLD, PORTSMOUTH, "", "2019/20", "", "", "", "", "", "", "DfE EYFSP", "not collected: Covid"],
    [GLD, PORTSMOUTH, "", "2017/18", "68,5", 1600, 2300, "", "", "", "", ""],  # decimal comma
    [GLD, PORTSMOUTH, "", "2018/19", 68.1, 1540, 2261, "", "", "", "", ""],  # duplicate
    ["school-readiness", SOUTH_EAST, "", "2018/19", 71.9, "", "", "", "", "", "", ""],
    [GLD, SOUTH_EAST, "", "2016/17", 102.0, "", "", "", "", "final!", "", ""],
    [GLD, "E06000046", "Isle of Wight", "2018/19", 66.0, "", "", "", "", "", "", ""],
]


def test_a_realistic_file_reports_every_bad_row_not_just_the_first() -> None:
    batch = read_import(csv_bytes(MIXED), "kpis.csv", catalogue())
    assert not batch.ok
    assert [(r.row, r.column, r.rule) for r in batch.rejections] == [
        (4, "period", "UnparseablePeriod"),
        (6, "area_code", "UnknownArea"),
        (10, "value", "NotANumber"),
        (11, None, "DuplicateRow"),
        (12, "indicator", "UnknownIndicator"),
        (13, "value", "ValueOutOfRange"),
        (13, "status", "BadStatus"),
    ]
    assert batch.rejected_rows == 6
    assert all(r.sheet == "kpis.csv" for r in batch.rejections)
    assert batch.rejections[0].values["period"] == "2019/2O"
    # The good rows are read too, so the report can say how much of the file was fine.
    assert [o.row for o in batch.observations] == [2, 3, 5, 8, 9, 14]
    assert batch.rows_read == 12
    assert batch.skipped == {"blank rows": 1}


def test_a_good_file_is_ok_and_its_records_hold_what_it_says() -> None:
    good = [row for i, row in enumerate(MIXED) if i in {0, 1, 2, 4, 6, 7, 8, 13}]
    batch = read_import(csv_bytes(good), "kpis.csv", catalogue())
    assert batch.ok, [str(r) for r in batch.rejections]
    assert batch.file_format == "csv"
    assert batch.sha256 == hashlib.sha256(csv_bytes(good)).hexdigest()
    first, calculated, england, *_, wight = batch.observations
    assert first.indicator == FTE
    assert first.period.kind is PeriodKind.FINANCIAL_YEAR
    assert (first.value, first.numerator, first.denominator) == (410.2, 74.0, 18040.0)
    assert (first.lower_ci_95, first.upper_ci_95, first.source) == (322.5, 515.0, "YJB 2019")
    assert calculated.value == pytest.approx(61 / 18210 * 100_000)
    assert england.status is ObservationStatus.PROVISIONAL
    assert (wight.area_name, wight.area_kind) == ("Isle of Wight", AreaKind.LOCAL_AUTHORITY)
    assert batch.observations[3].period.kind is PeriodKind.ACADEMIC_YEAR
    no_data = batch.observations[4]
    assert (no_data.value, no_data.note) == (None, "not collected: Covid")
    assert batch.notes == [
        "The value of 1 row was calculated as numerator ÷ denominator × the indicator's multiplier."
    ]


def test_rejections_carry_their_place_and_row_for_the_report() -> None:
    batch = read_import(csv_bytes(MIXED[:5]), "kpis.csv", catalogue())
    [rejection] = batch.rejections
    assert str(rejection).startswith("sheet 'kpis.csv', row 4, column 'period': The period")
    as_dict = rejection.as_dict()
    assert as_dict["rule"] == "UnparseablePeriod"
    assert (as_dict["sheet"], as_dict["row"], as_dict["column"]) == ("kpis.csv", 4, "period")
    assert as_dict["values"]["indicator"] == FTE
    assert list(as_dict["values"]) == MIXED[0]


def test_a_fingertips_download_is_read_with_breakdowns_and_other_indicators_skipped() -> None:
    rows = [
        FINGERTIPS_HEADER,
        fingertips_row(
            {
                "Area Code": ENGLAND,
                "Area Name": "England",
                "Area Type": "England",
                "Parent Code": "",
                "Parent Name": "",
                "Value": 71.8,
                "Count": 469_000,
                "Denominator": 653_000,
                "Lower CI 95.0 limit": 71.7,
                "Upper CI 95.0 limit": 71.9,
                "Lower CI 99.8 limit": 71.6,
                "Upper CI 99.8 limit": 72.0,
            }
        ),
        fingertips_row(
            {
                "Area Code": SOUTH_EAST,
                "Area Name": "South East region",
                "Area Type": "Region",
                "Value": 74.0,
                "Count": 74,
                "Denominator": 100,
                "Lower CI 95.0 limit": 65,
                "Upper CI 95.0 limit": 80,
                "Lower CI 99.8 limit": 60,
                "Upper CI 99.8 limit": 85,
            }
        ),
        fingertips_row(),
        fingertips_row({"Category Type": "LA deprivation deciles", "Category": "Most deprived"}),
        fingertips_row({"Indicator ID": 93085, "Time period": "2019"}),
        fingertips_row({"Indicator ID": 90630, "Time period": "2019"}),
        fingertips_row(
            {
                "Time period": "2019/20",
                "Value": "",
                "Count": "",
                "Denominator": "",
                "Lower CI 95.0 limit": "",
                "Upper CI 95.0 limit": "",
                "Lower CI 99.8 limit": "",
                "Upper CI 99.8 limit": "",
                "Value note": "Data not collected in 2019/20 due to COVID-19",
            }
        ),
        fingertips_row(
            {
                "Area Code": "E38000137",
                "Area Name": "NHS Portsmouth CCG",
                "Area Type": "CCGs (from Apr 2021)",
            }
        ),
    ]
    batch = read_import(csv_bytes(rows), "fingertips.csv", catalogue())
    assert batch.ok, [str(r) for r in batch.rejections]
    assert batch.file_format == "fingertips-csv"
    assert batch.skipped == {
        "not for trustplan: a breakdown (Category Type is set)": 1,
        "not for trustplan: an indicator trustplan does not follow": 2,
    }
    assert any("(IDs 90630, 93085)" in note for note in batch.notes)
    england, region, portsmouth, not_collected, ccg = batch.observations
    assert {o.indicator for o in batch.observations} == {GLD}
    assert england.area_kind is AreaKind.COUNTRY
    assert region.area_kind is AreaKind.REGION
    assert (portsmouth.area_name, portsmouth.area_kind) == ("Portsmouth", AreaKind.LOCAL_AUTHORITY)
    assert ccg.area_kind is AreaKind.OTHER
    assert portsmouth.period.label == "AY 2018/19"  # the indicator is reported by academic year
    assert (portsmouth.value, portsmouth.numerator, portsmouth.denominator) == (68.1, 1540, 2261)
    assert (portsmouth.lower_ci_95, portsmouth.upper_ci_95) == (66.2, 70.0)
    assert (portsmouth.lower_ci_99_8, portsmouth.upper_ci_99_8) == (65.1, 71.0)
    assert portsmouth.source == "OHID Fingertips"
    assert (not_collected.value, not_collected.note) == (
        None,
        "Data not collected in 2019/20 due to COVID-19",
    )


def test_fingertips_rows_are_checked_like_any_other() -> None:
    rows = [
        FINGERTIPS_HEADER,
        fingertips_row({"Value": 168.1}),
        fingertips_row({"Indicator ID": "ninety", "Time period": "2017/18"}),
        fingertips_row({"Time period": "", "Value": ""}),
    ]
    batch = read_import(csv_bytes(rows), "fingertips.csv", catalogue())
    assert [(r.row, r.column, r.rule) for r in batch.rejections] == [
        (2, "Value", "ValueOutOfRange"),
        (2, "Value", "ValueDisagreesWithCounts"),
        (2, "Upper CI 95.0 limit", "ConfidenceLimitsOutOfOrder"),
        (2, "Upper CI 99.8 limit", "ConfidenceLimitsOutOfOrder"),
        (3, "Indicator ID", "NotANumber"),
        (4, "Time period", "BlankCell"),
    ]
    assert batch.rejections[-1].message == (
        "The Time period cell is blank, but every row of a Fingertips download needs one."
    )


def test_a_fingertips_workbook_sheet_may_have_any_name() -> None:
    data = xlsx_bytes({"School readiness": [FINGERTIPS_HEADER, fingertips_row()]})
    batch = read_import(data, "download.xlsx", catalogue())
    assert batch.ok
    assert batch.file_format == "fingertips-xlsx"
    assert batch.observations[0].sheet == "School readiness"


def test_a_workbook_of_every_table() -> None:
    data = xlsx_bytes(
        {
            "read me": [["This workbook was filled in by hand."], ["anything", "at", "all"]],
            "areas": [
                ["Area Code", "Area Name", "Area Kind", "Parent Code"],
                [SOUTHAMPTON, "Southampton", "", SOUTH_EAST],
                ["E10000014", "Hampshire", "local authority", SOUTH_EAST],
            ],
            "comparator groups": [
                ["group_code", "group_name", "group_kind", "member_code", "rank"],
                [
                    "SN-PORTSMOUTH",
                    "Portsmouth statistical neighbours",
                    "statistical_neighbours",
                    SOUTHAMPTON,
                    1,
                ],
                [
                    "SN-PORTSMOUTH",
                    "Portsmouth statistical neighbours",
                    "statistical_neighbours",
                    "E10000014",
                    2,
                ],
            ],
            "observations": [
                ["indicator", "area_code", "period", "value"],
                [FTE, "SN-PORTSMOUTH", dt.datetime(2020, 9, 1), 230.5],
                [FTE, SOUTHAMPTON, dt.date(2020, 9, 30), 250.0],
            ],
            "targets": [
                ["indicator", "area_code", "due", "target", "tolerance", "label", "source"],
                [
                    GLD,
                    PORTSMOUTH,
                    dt.datetime(2014, 3, 31),
                    70,
                    "5%",
                    "March 2014 target",
                    "CTP 2011-14",
                ],
                [GLD, SOUTHAMPTON, "2013/14", 69.5, 1.5, "", ""],
                [FTE, PORTSMOUTH, "Mar 2013", 400, "", "", ""],
            ],
        }
    )
    batch = read_import(data, "everything.xlsx", catalogue())
    assert batch.ok, [str(r) for r in batch.rejections]
    assert batch.file_format == "xlsx"
    assert batch.areas == [
        AreaRecord(
            code=SOUTHAMPTON, name="Southampton", kind="local_authority", parent_code=SOUTH_EAST
        ),
        AreaRecord(
            code="E10000014", name="Hampshire", kind="local_authority", parent_code=SOUTH_EAST
        ),
    ]
    assert batch.group_members == [
        GroupMemberRecord(
            group_code="SN-PORTSMOUTH",
            group_name="Portsmouth statistical neighbours",
            group_kind="statistical_neighbours",
            member_code=SOUTHAMPTON,
            rank=1,
        ),
        GroupMemberRecord(
            group_code="SN-PORTSMOUTH",
            group_name="Portsmouth statistical neighbours",
            group_kind="statistical_neighbours",
            member_code="E10000014",
            rank=2,
        ),
    ]
    # Excel date cells are read as their month.
    assert [o.period.label for o in batch.observations] == ["Sep 2020", "Sep 2020"]
    assert [o.period.kind for o in batch.observations] == [PeriodKind.MONTH] * 2
    march, academic, financial = batch.targets
    assert (march.due, march.tolerance_kind, march.tolerance) == (
        dt.date(2014, 3, 31),
        ToleranceKind.RELATIVE,
        0.05,
    )
    assert (march.label, march.source, march.sheet, march.row) == (
        "March 2014 target",
        "CTP 2011-14",
        "targets",
        2,
    )
    assert academic.due == dt.date(2014, 8, 31)  # an academic-year indicator's 2013/14
    assert (academic.tolerance_kind, academic.tolerance) == (ToleranceKind.ABSOLUTE, 1.5)
    assert (financial.due, financial.tolerance_kind) == (dt.date(2013, 3, 31), ToleranceKind.NONE)


def test_a_percentage_cell_is_read_as_the_percentage_shown() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(["indicator", "area_code", "period", "value"])
    sheet.append([GLD, PORTSMOUTH, "2019/20", 0.681])
    sheet["D2"].number_format = "0.0%"
    out = io.BytesIO()
    workbook.save(out)
    batch = read_import(out.getvalue(), "book.xlsx", catalogue())
    assert batch.observations[0].value == 68.1


def test_a_windows_1252_file_keeps_its_pound_signs_and_accents() -> None:
    rows = [
        ["indicator", "area_code", "period", "value", "source", "note"],
        [FTE, PORTSMOUTH, "2019/20", 250, "Café £ survey", "naïve estimate"],
    ]
    batch = read_import(csv_bytes(rows, encoding="cp1252"), "excel.csv", catalogue())
    assert batch.ok
    assert (batch.observations[0].source, batch.observations[0].note) == (
        "Café £ survey",
        "naïve estimate",
    )
    assert any("read as Windows-1252" in note for note in batch.notes)


def test_a_byte_order_mark_does_not_spoil_the_first_column() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes(
        [["indicator", "area_code", "period", "value"], [FTE, PORTSMOUTH, "2019/20", 250]]
    )
    batch = read_import(data, "bom.csv", catalogue())
    assert batch.ok
    assert batch.notes == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty."),
        (
            b"indicator,area_code,period,value\r\n",
            "header.csv",
            "'header.csv' has a header but no rows of data, so there is nothing to import.",
        ),
        (b"indicator,area_code,area_code\r\nx,y,z\r\n", "twice.csv", "names the same column twice"),
        (b"name,address\r\nA,B\r\n", "people.csv", "trustplan cannot tell what 'people.csv' holds"),
        (b"%PDF-1.7\n\x00\x01binary", "report.pdf", "neither a CSV text file nor an XLSX workbook"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_message_and_nothing_else(
    data: bytes, name: str, message: str
) -> None:
    batch = read_import(data, name, catalogue())
    assert not batch.ok
    assert batch.file_error is not None
    assert message in batch.file_error
    assert batch.rejections == []
    assert batch.observations == []
    assert batch.sha256 == hashlib.sha256(data).hexdigest()


def test_a_truncated_workbook_gets_one_message() -> None:
    rows = [["indicator", "area_code", "period", "value"]]
    rows += [[FTE, PORTSMOUTH, f"{year}/{(year + 1) % 100:02d}", 250] for year in range(2000, 2020)]
    data = xlsx_bytes({"observations": rows})
    assert read_import(data, "whole.xlsx", catalogue()).ok
    batch = read_import(data[: len(data) // 2], "half.xlsx", catalogue())
    assert batch.file_format == "xlsx"
    assert batch.file_error is not None
    assert "truncated, corrupt, or not an XLSX file" in batch.file_error


def test_a_workbook_with_headers_only_has_nothing_to_import() -> None:
    data = xlsx_bytes(
        {
            "observations": [["indicator", "area_code", "period", "value"]],
            "targets": [["indicator", "area_code", "due", "target"]],
        }
    )
    batch = read_import(data, "empty.xlsx", catalogue())
    assert batch.file_error == (
        "The workbook has no rows of data in any sheet, so there is nothing to import."
    )


def test_the_export_format_imports_again_unchanged() -> None:
    """The measures export writes the template's columns, protecting formula-like text."""
    rows = [
        [
            "indicator",
            "area_code",
            "area_name",
            "period",
            "value",
            "numerator",
            "denominator",
            "lower_ci_95",
            "upper_ci_95",
            "lower_ci_99_8",
            "upper_ci_99_8",
            "status",
            "source",
            "note",
        ],
        [
            FTE,
            PORTSMOUTH,
            "Portsmouth",
            "2019/20",
            334.98077969174,
            61,
            18210,
            "",
            "",
            "",
            "",
            "final",
            "YJB",
            "'- revised",
        ],
    ]
    batch = read_import(csv_bytes(rows), "export.csv", catalogue())
    assert batch.ok, [str(r) for r in batch.rejections]
    [record] = batch.observations
    assert record.value == 334.98077969174
    assert record.note == "- revised"


def test_fingertips_rows_for_each_sex_are_duplicates_and_the_message_says_why() -> None:
    rows = [FINGERTIPS_HEADER, fingertips_row({"Sex": "Male"}), fingertips_row({"Sex": "Female"})]
    batch = read_import(csv_bytes(rows), "fingertips.csv", catalogue())
    [rejection] = batch.rejections
    assert (rejection.row, rejection.rule) == (3, "DuplicateRow")
    assert rejection.message.endswith(
        "as row 2; a file may give each only once. The rows are for different Sex or Age "
        "(Male/5 yrs and Female/5 yrs); trustplan follows one of them, so delete the rows for "
        "the others."
    )


def test_a_sheet_with_a_header_and_no_rows_holds_nothing_to_check() -> None:
    data = xlsx_bytes(
        {
            "observations": [
                ["indicator", "area_code", "period", "value"],
                [FTE, PORTSMOUTH, "2019/20", 250],
            ],
            "targets": [["indicator", "area_code", "due", "targt"]],  # unused, misspelt
            "Sheet1": [["notes to self"]],
        }
    )
    batch = read_import(data, "book.xlsx", catalogue())
    assert batch.ok
    assert batch.notes == ["Sheet 'Sheet1' has no rows of data and was skipped."]


# --- indicator definitions with their data ---------------------------------------------------

CLA = "children-looked-after"  # a rate per 10,000, whole numbers, annual; Fingertips ID 90803
READINESS = "school-readiness"


def test_a_workbook_defines_indicators_and_gives_their_data_to_an_empty_catalogue() -> None:
    """The observations sheet comes first; the definitions are still checked first."""
    data = xlsx_bytes(
        {
            "observations": [
                [
                    "indicator",
                    "area_code",
                    "area_name",
                    "period",
                    "value",
                    "numerator",
                    "denominator",
                ],
                [READINESS, PORTSMOUTH, "Portsmouth", "2019/20", 68.1, 1540, 2261],
                [READINESS, ENGLAND, "England", "2019/20", 71.8, "", ""],
                [CLA, PORTSMOUTH, "", "2019/20", 87, "", ""],
            ],
            "indicators": [
                INDICATOR_HEADER,
                indicator_row(),
                indicator_row(
                    {
                        "key": READINESS,
                        "name": "School readiness",
                        "polarity": "High is good",
                        "unit": "%",
                        "frequency": "Academic year",
                        "value_type": "proportion",
                        "multiplier": 100,
                        "decimals": 1,
                        "comparison_method": "",
                        "fingertips_id": "",
                        "source": "DfE EYFSP",
                        "definition": "",
                    }
                ),
            ],
            "targets": [
                ["indicator", "area_code", "due", "target", "tolerance"],
                [READINESS, PORTSMOUTH, "2020/21", 70, "2%"],
            ],
        }
    )
    batch = read_import(data, "definitions.xlsx", Catalogue.of([]))
    assert batch.ok, [str(r) for r in batch.rejections]
    assert batch.indicators == [
        IndicatorRecord(
            key=CLA,
            name="Children looked after",
            polarity="no_judgement",
            unit="per 10,000 aged 0-17",
            frequency="annual",
            value_type="rate",
            multiplier=10_000,
            decimals=0,
            comparison_method="ci_95",
            fingertips_id=90803,
            source="DfE SSDA903",
            definition="Children looked after at 31 March, per 10,000 children aged 0-17.",
            sheet="indicators",
            row=2,
        ),
        IndicatorRecord(
            key=READINESS,
            name="School readiness",
            polarity="high_is_good",
            unit="%",
            frequency="academic_year",
            value_type="proportion",
            multiplier=100,
            decimals=1,
            comparison_method="ci_95",
            fingertips_id=None,
            source="DfE EYFSP",
            definition="",
            sheet="indicators",
            row=3,
        ),
    ]
    readiness, england, cla = batch.observations
    assert [(o.value, o.area_kind) for o in (readiness, england)] == [
        (68.1, AreaKind.LOCAL_AUTHORITY),
        (71.8, AreaKind.COUNTRY),
    ]
    assert readiness.period.kind is PeriodKind.ACADEMIC_YEAR  # the file's frequency is used
    assert cla.period.kind is PeriodKind.FINANCIAL_YEAR
    assert [t.due for t in batch.targets] == [dt.date(2021, 8, 31)]
    assert batch.rows_read == 6


def test_a_files_indicators_are_checked_by_their_own_definition() -> None:
    data = xlsx_bytes(
        {
            "indicators": [INDICATOR_HEADER, indicator_row({"value_type": "proportion"})],
            "observations": [
                ["indicator", "area_code", "period", "value", "numerator", "denominator"],
                [CLA, PORTSMOUTH, "2019/20", 87, 20, 10],
                [CLA, PORTSMOUTH, "2020/21", 10_001, "", ""],
            ],
        }
    )
    batch = read_import(data, "book.xlsx", Catalogue.of([], area_codes=[PORTSMOUTH]))
    assert [(r.row, r.rule) for r in batch.rejections] == [
        (2, "NumeratorExceedsDenominator"),
        (2, "ValueDisagreesWithCounts"),
        (3, "ValueOutOfRange"),
    ]
    assert "a proportion per 10000 is from 0 to 10000" in batch.rejections[-1].message


def test_a_definition_in_the_file_overrides_the_stored_one_for_the_files_rows() -> None:
    """Stored, good-level-of-development is a proportion by academic year; redefined here as a
    score by financial year, its negative value and its 2019/20 are read the new way."""
    score = {"key": GLD, "value_type": "score", "frequency": "annual", "fingertips_id": ""}
    data = xlsx_bytes(
        {
            "indicators": [INDICATOR_HEADER, indicator_row(score)],
            "observations": [
                ["indicator", "area_code", "period", "value"],
                [GLD, PORTSMOUTH, "2019/20", -0.4],
            ],
        }
    )
    batch = read_import(data, "book.xlsx", catalogue())
    assert batch.ok, [str(r) for r in batch.rejections]
    [record] = batch.observations
    assert (record.value, record.period.kind) == (-0.4, PeriodKind.FINANCIAL_YEAR)
    without = read_import(
        xlsx_bytes(
            {
                "observations": [
                    ["indicator", "area_code", "period", "value"],
                    [GLD, PORTSMOUTH, "2019/20", -0.4],
                ]
            }
        ),
        "book.xlsx",
        catalogue(),
    )
    assert [r.rule for r in without.rejections] == ["ValueOutOfRange"]


def test_a_fingertips_download_is_matched_to_an_indicator_the_workbook_defines() -> None:
    data = xlsx_bytes(
        {
            "indicators": [INDICATOR_HEADER, indicator_row({"fingertips_id": 93085})],
            "Fingertips": [
                FINGERTIPS_HEADER,
                fingertips_row(
                    {
                        "Indicator ID": 93085,
                        "Time period": "2019/20",
                        "Value": 87,
                        "Count": "",
                        "Denominator": "",
                        "Lower CI 95.0 limit": "",
                        "Upper CI 95.0 limit": "",
                        "Lower CI 99.8 limit": "",
                        "Upper CI 99.8 limit": "",
                    }
                ),
            ],
        }
    )
    batch = read_import(data, "download.xlsx", Catalogue.of([]))
    assert batch.ok, [str(r) for r in batch.rejections]
    assert [(o.indicator, o.value) for o in batch.observations] == [(CLA, 87)]
    assert batch.file_format == "xlsx"  # not only a Fingertips download
    assert batch.skipped == {}


def test_a_csv_file_of_definitions_is_told_by_its_columns() -> None:
    rows = [
        ["Key", "Name", "Value type", "Multiplier"],
        ["care-leavers-in-touch", "Care leavers", "proportion", 100],
    ]
    batch = read_import(csv_bytes(rows), "catalogue.csv", Catalogue.of([]))
    assert batch.ok, [str(r) for r in batch.rejections]
    [record] = batch.indicators
    assert (record.key, record.value_type, record.multiplier, record.decimals, record.sheet) == (
        "care-leavers-in-touch",
        "proportion",
        100,
        1,
        "catalogue.csv",
    )


def test_a_rejected_definition_of_a_stored_key_leaves_the_stored_one_in_force() -> None:
    data = xlsx_bytes(
        {
            "indicators": [INDICATOR_HEADER, indicator_row({"key": FTE, "decimals": "one"})],
            "observations": [
                ["indicator", "area_code", "period", "value"],
                [FTE, PORTSMOUTH, "2019/20", 250],
            ],
        }
    )
    batch = read_import(data, "book.xlsx", catalogue())
    assert [(r.sheet, r.rule) for r in batch.rejections] == [("indicators", "BadDecimals")]
    assert [o.indicator for o in batch.observations] == [FTE]
