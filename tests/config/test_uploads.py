"""Every upload is checked for size and type, by name and content, before anything reads it,
with a message naming the file: the data upload page, the API's import and the needs
assessment's grouping file, all through ``trustplan.uploads``."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import client_for
from trustplan.access.models import ApiToken
from trustplan.measures.models import DataImport
from trustplan.uploads import (
    CSV,
    XLSX,
    YAML,
    UploadError,
    UploadTooLargeError,
    check_upload,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "trustplan"
LIMIT = 10_000
GOOD_CSV = b"indicator,area_code,period,value\nfte,E06000044,2022/23,290\n"


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["indicator", "area_code", "period", "value"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def check(name: str, data: bytes, kinds: tuple[Any, ...] = (CSV, XLSX), limit: int = LIMIT) -> Any:
    return check_upload(SimpleUploadedFile(name, data), kinds=kinds, limit=limit)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("data.csv", GOOD_CSV),
        ("DATA.CSV", "\ufeffindicator,area\r\nfte,Southsea £\r\n".encode()),  # UTF-8 with BOM
        ("excel.csv", "area\nCaf\u00e9 \u00a3\n".encode("cp1252")),  # Excel's "CSV"
        ("unicode.csv", "area\tvalue\nCaf\u00e9\t1\n".encode("utf-16")),  # Excel's Unicode text
        ("C:\\Users\\ana\\data.xlsx", workbook()),
    ],
)
def test_text_csv_and_real_workbooks_are_accepted_and_returned_whole(
    name: str, data: bytes
) -> None:
    upload = SimpleUploadedFile(name, data)
    assert check_upload(upload, kinds=(CSV, XLSX), limit=100_000) == data
    assert upload.read() == data  # left at the start for whatever reads it next


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("data.txt", GOOD_CSV, "The file must be a .csv or .xlsx file: data.txt is not"),
        ("data", GOOD_CSV, "The file must be a .csv or .xlsx file: data is not"),
        ("empty.csv", b"", "empty.csv is empty"),
        ("big.csv", b"a,b\n" * 2_501, "big.csv is 0.01 MB: the file must be smaller than 0.01 MB"),
        ("nul.csv", b"a,b\n1,\x002\n", "nul.csv is not a text file: line 2 holds a control"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "image.csv is not a text file: line 2 holds"),
        ("odd.csv", b"a,\x81\x8d\n", "odd.csv is not a CSV text file: it is neither UTF-8 nor"),
        ("book.csv", workbook(), "book.csv is named .csv but is an Excel workbook"),
        ("text.xlsx", GOOD_CSV, "text.xlsx is named .xlsx but is not an Excel workbook"),
        ("cut.xlsx", workbook()[:200], "cut.xlsx is named .xlsx but is not an Excel workbook: the"),
        (
            "letter.xlsx",
            zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
            "letter.xlsx is named .xlsx but is not an Excel workbook (it may be another kind",
        ),
        (
            "bomb.xlsx",
            zipped({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"0" * 200_000}),
            "bomb.xlsx would expand to 0.2 MB when opened, more than the 0.1 MB trustplan reads",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_naming_it(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(UploadError) as refused:
        check(name, data)
    assert str(refused.value).startswith(message)


def test_too_big_is_its_own_kind_of_refusal_checked_before_reading() -> None:
    class Unreadable(SimpleUploadedFile):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("read before its size was checked")

    with pytest.raises(UploadTooLargeError):
        check_upload(Unreadable("big.csv", b"x" * (LIMIT + 1)), kinds=(CSV,), limit=LIMIT)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("groups.yml", b"groups: []\n", None),
        ("groups.yaml", "groups: [{title: Caf\u00e9}]\n".encode(), None),
        ("groups.txt", b"groups: []\n", "The file must be a .yaml or .yml file: groups.txt is not"),
        ("groups.yaml", "title: Caf\u00e9\n".encode("latin-1"), "groups.yaml is not UTF-8 text"),
        ("groups.yaml", b"groups:\n  - \x1b[31m\n", "groups.yaml is not a text file: line 2"),
    ],
)
def test_yaml_files_must_be_utf8_text(name: str, data: bytes, message: str | None) -> None:
    if message is None:
        assert check(name, data, kinds=(YAML,)) == data
        return
    with pytest.raises(UploadError, match=re.escape(message)):
        check(name, data, kinds=(YAML,))


# Every upload uses the checks.


def test_every_upload_in_the_code_goes_through_the_shared_checks() -> None:
    """A form's FileField or an API File parameter is only in modules that call check_upload."""
    uploading = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and re.search(r"forms\.FileField\(|File\[UploadedFile\]", path.read_text(encoding="utf-8"))
    }
    assert uploading == {"measures/forms.py", "needs/forms.py", "api/routes.py"}
    for module in uploading:
        assert "check_upload(" in (SRC / module).read_text(encoding="utf-8"), module


def test_the_upload_page_refuses_a_binary_file_named_csv_naming_it(kpi_data: dict) -> None:
    before = DataImport.objects.count()
    upload = SimpleUploadedFile("figures.csv", b"\x00\x01\x02binary")
    page = client_for(kpi_data, "analyst").post("/data/imports/new/", {"file": upload})
    assert "figures.csv is not a text file: line 1 holds a control character" in page.text
    assert DataImport.objects.count() == before


@override_settings(TRUSTPLAN_MAX_UPLOAD_BYTES=1_000)
def test_the_upload_page_refuses_a_file_over_the_limit(kpi_data: dict) -> None:
    upload = SimpleUploadedFile("year.csv", GOOD_CSV * 30)
    page = client_for(kpi_data, "analyst").post("/data/imports/new/", {"file": upload})
    assert "year.csv is 0.00177 MB: the file must be smaller than 0.001 MB" in page.text


def api_client(user: Any) -> Client:
    _, token = ApiToken.issue(user, "script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_refuses_a_file_that_is_not_what_its_name_says_with_415(kpi_data: dict) -> None:
    response = api_client(kpi_data["analyst"]).post(
        "/api/imports", {"file": SimpleUploadedFile("d.xlsx", GOOD_CSV)}
    )
    assert response.status_code == 415
    assert response.json() == {"detail": "d.xlsx is named .xlsx but is not an Excel workbook"}
    assert not DataImport.objects.filter(file_name="d.xlsx").exists()


@override_settings(TRUSTPLAN_MAX_UPLOAD_BYTES=1_000)
def test_the_api_refuses_a_file_over_the_limit_with_413(kpi_data: dict) -> None:
    response = api_client(kpi_data["analyst"]).post(
        "/api/imports", {"file": SimpleUploadedFile("d.csv", GOOD_CSV * 30)}
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("d.csv is 0.00177 MB: the file must be smaller")


def test_the_grouping_upload_refuses_a_file_that_is_not_yaml_text(
    needs_data: dict[str, Any],
) -> None:
    page = client_for(needs_data, "analyst").post(
        reverse("needs:list", args=["test-plan"]),
        {
            "as_of": "2023-08-01",
            "grouping": "upload",
            "groups_file": SimpleUploadedFile("groups.xlsx", workbook()),
        },
    )
    assert "The file must be a .yaml or .yml file: groups.xlsx is not." in page.text


def test_the_grouping_upload_refuses_one_over_a_megabyte(needs_data: dict[str, Any]) -> None:
    page = client_for(needs_data, "analyst").post(
        reverse("needs:list", args=["test-plan"]),
        {
            "as_of": "2023-08-01",
            "grouping": "upload",
            "groups_file": SimpleUploadedFile("groups.yaml", b"#" * 1_000_001),
        },
    )
    assert "groups.yaml is 1 MB: the file must be smaller than 1 MB." in page.text
