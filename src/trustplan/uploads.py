"""The checks every uploaded file passes before anything reads it: its size, and that it is the
kind of file its name says, by its name and by its content.

- CSV: text (UTF-8, UTF-16 with its byte-order mark, or Windows-1252 as Excel saves "CSV",
  exactly as the importer reads it) with no NUL or other control characters, so a binary file
  renamed ``.csv`` is refused; a workbook named ``.csv`` is named as one.
- XLSX: a zip archive holding ``[Content_Types].xml`` and ``xl/workbook.xml`` (so a Word file
  or any other zip renamed ``.xlsx`` is refused) that does not expand beyond ten times the
  upload limit (a "zip bomb").
- YAML: UTF-8 text with no control characters.

Every message names the file. Used by every upload: the data upload page, the API's import
and the needs assessment's grouping file. No Django here: the web forms and the API adapt
``UploadError`` to their own errors.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Protocol

ZIP_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WORKBOOK_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
EXPANSION_LIMIT = 10  # times the upload limit that an XLSX may expand to
# C0 control characters other than tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Kind:
    name: str
    suffixes: tuple[str, ...]


CSV = Kind("CSV", (".csv",))
XLSX = Kind("XLSX", (".xlsx",))
YAML = Kind("YAML", (".yaml", ".yml"))


class UploadError(ValueError):
    """The file is not accepted; the message says why, naming it."""


class UploadTooLargeError(UploadError):
    """The file is larger than the limit."""


class Upload(Protocol):
    """What the checks need of an uploaded file (Django's ``UploadedFile`` has it)."""

    name: str | None
    size: int | None

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, /) -> object: ...


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.3g} MB"


def file_name(name: str | None) -> str:
    """The file's own name: some browsers send the whole Windows path."""
    return PureWindowsPath(name or "").name or "The file"


def kind_of(name: str | None, kinds: Sequence[Kind]) -> Kind:
    """The kind the file's name says it is, among ``kinds``.

    Raises:
        UploadError: its name ends with none of their suffixes.
    """
    lowered = file_name(name).lower()
    for kind in kinds:
        if lowered.endswith(kind.suffixes):
            return kind
    suffixes = " or ".join(suffix for kind in kinds for suffix in kind.suffixes)
    raise UploadError(f"The file must be a {suffixes} file: {file_name(name)} is not")


def check_size(name: str | None, size: int, limit: int) -> None:
    """Raises ``UploadTooLargeError`` or ``UploadError`` if the file is too big or empty."""
    if size > limit:
        raise UploadTooLargeError(
            f"{file_name(name)} is {_megabytes(size)}: the file must be smaller than "
            f"{_megabytes(limit)}"
        )
    if size == 0:
        raise UploadError(f"{file_name(name)} is empty")


def check_content(name: str | None, data: bytes, kind: Kind, limit: int) -> None:
    """Raises ``UploadError`` unless ``data`` is what a file of ``kind`` holds."""
    shown = file_name(name)
    if kind is XLSX:
        _check_workbook(shown, data, limit)
    elif kind is CSV:
        if data.startswith(ZIP_MAGIC):
            raise UploadError(f"{shown} is named .csv but is an Excel workbook or other zip file")
        _check_text(shown, _csv_text(shown, data))
    elif kind is YAML:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadError(f"{shown} is not UTF-8 text, as a YAML file must be") from None
        _check_text(shown, text)


def check_upload(upload: Upload, *, kinds: Sequence[Kind], limit: int) -> bytes:
    """Check an uploaded file's name, size and content; return its content.

    The size is checked before the file is read. The file is left at its start, so whatever
    reads it next reads all of it.

    Raises:
        UploadError: the file is not accepted (``UploadTooLargeError`` if it is too big).
    """
    kind = kind_of(upload.name, kinds)
    if upload.size is not None:
        check_size(upload.name, upload.size, limit)
    data = upload.read(limit + 1)
    upload.seek(0)
    check_size(upload.name, len(data), limit)
    check_content(upload.name, data, kind, limit)
    return data


def _check_workbook(shown: str, data: bytes, limit: int) -> None:
    if not data.startswith(ZIP_MAGIC):
        raise UploadError(f"{shown} is named .xlsx but is not an Excel workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise UploadError(
            f"{shown} is named .xlsx but is not an Excel workbook: the file is damaged or "
            "incomplete"
        ) from None
    names = {member.filename for member in members}
    if not all(part in names for part in WORKBOOK_PARTS):
        raise UploadError(
            f"{shown} is named .xlsx but is not an Excel workbook (it may be another kind of "
            "Office document or zip file)"
        )
    expanded = sum(member.file_size for member in members)
    if expanded > EXPANSION_LIMIT * limit:
        raise UploadError(
            f"{shown} would expand to {_megabytes(expanded)} when opened, more than the "
            f"{_megabytes(EXPANSION_LIMIT * limit)} trustplan reads from one workbook"
        )


def _csv_text(shown: str, data: bytes) -> str:
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError(f"{shown} starts like UTF-16 text but is not text") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError(
        f"{shown} is not a CSV text file: it is neither UTF-8 nor Windows-1252 text. Save it "
        "from your spreadsheet as CSV UTF-8"
    )


def _check_text(shown: str, text: str) -> None:
    found = CONTROL_CHARACTERS.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise UploadError(
            f"{shown} is not a text file: line {line} holds a control character "
            f"(U+{ord(found.group()):04X}) that text does not; it may be a binary file renamed"
        )
