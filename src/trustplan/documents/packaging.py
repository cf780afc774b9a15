"""Saving Word and Excel files so that the same content always gives the same bytes.

A frozen report is rendered again whenever someone downloads it, and a reader (or a test, or an
audit) must be able to tell that two downloads are the same document. python-docx and openpyxl
stamp the clock into each zip entry and into the core properties, so here the properties are set
from the content (when its data were frozen) and the zip is rewritten with fixed entry metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any, Final

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from openpyxl.writer.excel import ExcelWriter

EPOCH: Final = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry: every entry gets it, whatever the clock says."""

FILE_ATTRIBUTES: Final = 0o100644 << 16
"""A regular file readable by all (Unix mode in the high 16 bits), as every entry's attributes."""

MAX_TITLE: Final = 255
"""Word rejects a core property longer than this."""


def deterministic_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with fixed times and attributes, entries in their order.

    Entry order matters to Office (``[Content_Types].xml`` comes first), so it is kept.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = FILE_ATTRIBUTES
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def utc_naive(moment: dt.date | dt.datetime) -> dt.datetime:
    """``moment`` as a naive UTC datetime, the form both libraries write (a date is midnight).

    A naive datetime is taken to be UTC already.
    """
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def save_docx(
    document: Document, *, title: str, author: str, moment: dt.date | dt.datetime
) -> bytes:
    """The Word file of ``document``, created and modified at ``moment``, byte for byte stable."""
    properties = document.core_properties
    properties.title = title[:MAX_TITLE]
    properties.author = author[:MAX_TITLE]
    properties.comments = ""
    properties.last_modified_by = ""
    properties.revision = 1
    properties.created = properties.modified = utc_naive(moment)
    _drop_template_thumbnail(document)
    out = io.BytesIO()
    document.save(out)
    return deterministic_zip(out.getvalue())


def _drop_template_thumbnail(document: Document) -> None:
    """Remove python-docx's template preview, which file browsers would show for every report."""
    relationships = document.part.package.rels
    for key in [k for k, r in relationships.items() if r.reltype == RT.THUMBNAIL]:
        del relationships[key]


def save_xlsx(workbook: Any, *, title: str, author: str, moment: dt.date | dt.datetime) -> bytes:
    """The Excel file of ``workbook``, created and modified at ``moment``, byte for byte stable.

    openpyxl's own ``save`` stamps ``modified`` with the clock, so its writer is used directly.
    """
    properties = workbook.properties
    properties.title = title[:MAX_TITLE]
    properties.creator = author[:MAX_TITLE]
    properties.lastModifiedBy = None
    properties.created = properties.modified = utc_naive(moment)
    out = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return deterministic_zip(out.getvalue())
