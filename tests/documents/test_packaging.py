"""The same content gives byte-identical Word and Excel files, dated by content, not the clock."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Callable

import docx
from openpyxl import load_workbook

from tests.documents import examples
from trustplan.documents.packaging import EPOCH, deterministic_zip, utc_naive
from trustplan.documents.spreadsheet import board_pack_xlsx, scorecard_xlsx
from trustplan.documents.word import annual_report_docx, board_pack_docx


def test_deterministic_zip_fixes_times_keeps_order_and_content() -> None:
    original = io.BytesIO()
    with zipfile.ZipFile(original, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("b.xml", date_time=(2024, 5, 6, 7, 8, 10)), "<b/>")
        archive.writestr(zipfile.ZipInfo("a.xml", date_time=(2025, 1, 2, 3, 4, 6)), "<a/>")
    fixed = deterministic_zip(original.getvalue())
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        entries = archive.infolist()
        assert [e.filename for e in entries] == ["b.xml", "a.xml"]
        assert {e.date_time for e in entries} == {EPOCH}
        assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
        assert len({e.external_attr for e in entries}) == 1
        assert archive.read("a.xml") == b"<a/>"
    assert deterministic_zip(fixed) == fixed


def test_utc_naive_times() -> None:
    assert utc_naive(dt.date(2021, 7, 15)) == dt.datetime(2021, 7, 15)
    summer = dt.timezone(dt.timedelta(hours=1))
    assert utc_naive(dt.datetime(2021, 7, 20, 10, 30, tzinfo=summer)) == dt.datetime(
        2021, 7, 20, 9, 30
    )
    assert utc_naive(dt.datetime(2021, 7, 20, 9, 30)) == dt.datetime(2021, 7, 20, 9, 30)


RENDERS: list[Callable[[], bytes]] = [
    lambda: board_pack_docx(examples.board_pack()),
    lambda: annual_report_docx(examples.annual_report()),
    lambda: board_pack_xlsx(examples.board_pack()),
    lambda: scorecard_xlsx(examples.scorecard()),
]


def test_rendering_twice_gives_identical_bytes_whatever_the_clock() -> None:
    first = [render() for render in RENDERS]
    time.sleep(1.1)  # past the zip format's two-second and the properties' one-second resolution
    assert [render() for render in RENDERS] == first


def test_word_properties_come_from_the_content() -> None:
    document = docx.Document(io.BytesIO(board_pack_docx(examples.board_pack())))
    properties = document.core_properties
    assert properties.title == (
        f"Quarterly report to the {examples.BOARD}: Quarter 1 2021/22 (April to June 2021)"
    )
    assert properties.author == examples.PARTNERSHIP
    assert properties.created == properties.modified == examples.FROZEN_AT
    report = docx.Document(io.BytesIO(annual_report_docx(examples.annual_report())))
    assert report.core_properties.modified == dt.datetime(2022, 5, 31, tzinfo=dt.UTC)


def test_an_unfrozen_pack_is_dated_by_its_data() -> None:
    pack = examples.board_pack().model_copy(update={"frozen_at": None})
    document = docx.Document(io.BytesIO(board_pack_docx(pack)))
    assert document.core_properties.modified == dt.datetime(2021, 7, 15, tzinfo=dt.UTC)


def test_excel_properties_come_from_the_content() -> None:
    workbook = load_workbook(io.BytesIO(board_pack_xlsx(examples.board_pack())))
    assert workbook.properties.created == workbook.properties.modified
    assert workbook.properties.modified == dt.datetime(2021, 7, 20, 9, 30)
    assert workbook.properties.title.startswith("Data appendix: quarterly report to the")
    scorecard = load_workbook(io.BytesIO(scorecard_xlsx(examples.scorecard())))
    assert scorecard.properties.modified == dt.datetime(2021, 7, 15)


def test_no_template_thumbnail_in_the_word_file() -> None:
    with zipfile.ZipFile(io.BytesIO(board_pack_docx(examples.board_pack()))) as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name]
