"""Reading bytes into sheets: encodings, delimiters, cell types, and files that cannot be read."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tests.dataimport.builders import csv_bytes, xlsx_bytes
from trustplan.dataimport.tables import Cell, FileError, Percent, cell_text, read_tables


def test_a_csv_file_is_one_sheet_named_after_the_file_with_spreadsheet_row_numbers() -> None:
    tables = read_tables(csv_bytes([["a", "b"], ["1", "x"], ["2", "y"]]), "C:\\Users\\me\\data.csv")
    [sheet] = tables.sheets
    assert tables.file_format == "csv"
    assert sheet.name == "data.csv"
    assert sheet.header == ("a", "b")
    assert sheet.header_row == 1
    assert [(row.number, row.cells) for row in sheet.rows] == [(2, ("1", "x")), (3, ("2", "y"))]


def test_text_is_trimmed_blank_cells_are_none_and_blank_rows_are_skipped_but_counted() -> None:
    data = b"  a , b \n\n 1 ,  \n,\n\n2,y\n\n\n"
    [sheet] = read_tables(data, "data.csv").sheets
    assert sheet.header == ("a", "b")
    assert [(row.number, row.cells) for row in sheet.rows] == [(3, ("1", None)), (6, ("2", "y"))]
    assert sheet.blank_rows == 3  # rows 2, 4 and 5; the blank lines after the data are the end


def test_a_quoted_cell_with_a_line_break_is_one_spreadsheet_row() -> None:
    data = b'a,b\n"two\nlines",1\nnext,2\n'
    [sheet] = read_tables(data, "data.csv").sheets
    assert [(row.number, row.cells[0]) for row in sheet.rows] == [(2, "two\nlines"), (3, "next")]


def test_utf8_with_a_byte_order_mark_reads_without_a_note() -> None:
    tables = read_tables("\ufeffname,place\nZoë,Portsmouth\n".encode(), "bom.csv")
    assert tables.sheets[0].header == ("name", "place")
    assert tables.sheets[0].rows[0].cells == ("Zoë", "Portsmouth")
    assert tables.notes == ()


def test_windows_1252_is_read_with_a_note_saying_so() -> None:
    data = "source,note\nDfE,cost £5 per café\n".encode("cp1252")
    tables = read_tables(data, "excel.csv")
    assert tables.sheets[0].rows[0].cells == ("DfE", "cost £5 per café")
    [note] = tables.notes
    assert "read as Windows-1252" in note
    assert "line 2 holds a character that is not" in note


def test_utf16_text_from_excel_is_read_with_its_tabs() -> None:
    data = "a\tb\n1\t2\n".encode("utf-16")
    tables = read_tables(data, "unicode.txt")
    assert tables.sheets[0].rows[0].cells == ("1", "2")
    assert any("UTF-16" in note for note in tables.notes)


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_semicolon_and_tab_delimiters_are_detected_from_the_header(
    delimiter: str, name: str
) -> None:
    data = delimiter.join(["indicator", "area_code", "value"]) + "\n"
    data += delimiter.join(["x", "E06000044", "1,5"]) + "\n"
    tables = read_tables(data.encode(), "data.csv")
    assert tables.sheets[0].rows[0].cells == ("x", "E06000044", "1,5")
    assert tables.notes == (f"The columns are separated by {name}.",)


def test_a_formula_protecting_apostrophe_is_removed() -> None:
    [sheet] = read_tables(b"note\n'=not a formula\n'plain\n", "data.csv").sheets
    assert [row.cells for row in sheet.rows] == [("=not a formula",), ("'plain",)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \r\n \n", "The file is empty."),
        (b"\xef\xbb\xbf", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "neither a CSV text file nor an XLSX workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97-2003 (.xls)"),
    ],
)
def test_files_that_cannot_be_read_get_one_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(FileError) as raised:
        read_tables(data, "upload.bin")
    assert message in raised.value.message


def test_text_named_as_a_workbook_is_refused() -> None:
    with pytest.raises(FileError, match="named as an Excel workbook but is not one"):
        read_tables(b"indicator,area_code\n", "data.xlsx")


def test_a_truncated_workbook_is_refused() -> None:
    data = xlsx_bytes({"observations": [["indicator", "area_code"], ["x", "E06000044"]] * 50})
    with pytest.raises(FileError, match="truncated, corrupt, or not an XLSX file"):
        read_tables(data[: len(data) // 2], "data.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FileError, match="not an XLSX file"):
        read_tables(out.getvalue(), "archive.zip")


def test_a_header_naming_a_column_twice_is_refused_naming_both_columns() -> None:
    with pytest.raises(FileError) as raised:
        read_tables(
            csv_bytes([["indicator", "Area Code", "value", "area_code"], ["x"] * 4]), "d.csv"
        )
    assert raised.value.message == (
        "Sheet 'd.csv': the header (row 1) names the same column twice: 'Area Code' in column B "
        "and 'area_code' in column D. Remove or rename one of them."
    )


def test_workbook_cells_keep_their_types_and_each_sheet_its_name() -> None:
    data = xlsx_bytes(
        {
            "observations": [
                ["indicator", "period", "value", "note"],
                ["x", dt.datetime(2020, 9, 1), 12, "  padded  "],
                [],
                ["y", "2020/21", 0.5, None],
            ],
            "targets": [["indicator", "due"], ["x", dt.date(2014, 3, 31)]],
        }
    )
    tables = read_tables(data, "book.xlsx")
    assert tables.file_format == "xlsx"
    observations, targets = tables.sheets
    assert (observations.name, targets.name) == ("observations", "targets")
    assert [(row.number, row.cells) for row in observations.rows] == [
        (2, ("x", dt.datetime(2020, 9, 1), 12, "padded")),
        (4, ("y", "2020/21", 0.5, None)),
    ]
    assert observations.blank_rows == 1
    assert targets.rows[0].cells[1] == dt.datetime(2014, 3, 31)


def test_a_cell_shown_as_a_percentage_is_read_as_the_number_shown() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["value", "literal"])
    sheet.append([0.123, 5])
    sheet["A2"].number_format = "0.0%"
    sheet["B2"].number_format = '0"%"'  # shows "5%" without multiplying by 100
    out = io.BytesIO()
    workbook.save(out)
    tables = read_tables(out.getvalue(), "book.xlsx")
    [row] = tables.sheets[0].rows
    assert row.cells == (Percent(0.123), 5)
    assert row.cells[0] == Percent(0.123)
    assert Percent(0.123).shown == 12.3
    assert tables.notes == (
        "Cells formatted as percentages were read as the number shown: 12.3% as 12.3.",
    )


def test_a_formula_with_no_calculated_value_is_refused_naming_its_cell() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(["indicator", "value"])
    sheet.append(["x", 1])
    sheet.append(["x", "=B2*2"])  # openpyxl saves formulas without a calculated value
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(FileError) as raised:
        read_tables(out.getvalue(), "book.xlsx")
    assert raised.value.message.startswith(
        "Sheet 'observations', cell B3 holds the formula '=B2*2' but no calculated value"
    )


def test_an_unnamed_column_with_data_is_kept_and_empty_trailing_columns_are_dropped() -> None:
    data = csv_bytes([["a", "", "b", "", ""], ["1", "", "2", "", ""], ["3", "stray", "4", "", ""]])
    [sheet] = read_tables(data, "data.csv").sheets
    assert sheet.header == ("a", "", "b")
    assert sheet.rows[1].cells == ("3", "stray", "4")


def test_a_row_longer_than_the_header_widens_it_so_its_data_is_not_lost() -> None:
    [sheet] = read_tables(b"a,b\n1,2,extra\n", "data.csv").sheets
    assert sheet.header == ("a", "b", "")
    assert sheet.rows[0].cells == ("1", "2", "extra")


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        (True, "TRUE"),
        (12.0, "12"),
        (12.5, "12.5"),
        (Percent(0.05), "5%"),
        (dt.datetime(2020, 9, 1), "2020-09-01"),
        (dt.datetime(2020, 9, 1, 13, 30), "2020-09-01T13:30:00"),
        (dt.date(2014, 3, 31), "2014-03-31"),
        ("text", "text"),
    ],
)
def test_cell_text_shows_a_cell_as_the_analyst_would_read_it(cell: Cell, text: str) -> None:
    assert cell_text(cell) == text
