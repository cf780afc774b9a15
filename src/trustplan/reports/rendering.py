"""Turn report content into a file: one table of formats, used by the pages and the CLI alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.template.loader import render_to_string

from trustplan.documents import pdf, spreadsheet, word
from trustplan.documents.content import AnnualReport, BoardPack, Content, PlanOnAPage, Scorecard

C = TypeVar("C", bound=Content)


@dataclass(frozen=True)
class Format(Generic[C]):
    extension: str
    content_type: str
    render: Callable[[C], bytes]


def _html(template: str, name: str) -> Callable[[Content], bytes]:
    """A standalone HTML file of the same content the app's page shows."""

    def render(content: Content) -> bytes:
        return render_to_string(template, {name: content, "standalone": True}).encode()

    return render


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html; charset=utf-8"

PACK_FORMATS: dict[str, Format[BoardPack]] = {
    "pdf": Format("pdf", PDF, pdf.board_pack_pdf),
    "docx": Format("docx", DOCX, word.board_pack_docx),
    "xlsx": Format("xlsx", XLSX, spreadsheet.board_pack_xlsx),
    "html": Format("html", HTML, _html("reports/pack_document.html", "pack")),
}
ANNUAL_FORMATS: dict[str, Format[AnnualReport]] = {
    "pdf": Format("pdf", PDF, pdf.annual_report_pdf),
    "docx": Format("docx", DOCX, word.annual_report_docx),
    "html": Format("html", HTML, _html("reports/annual_document.html", "report")),
}
SCORECARD_FORMATS: dict[str, Format[Scorecard]] = {
    "pdf": Format("pdf", PDF, pdf.scorecard_pdf),
    "xlsx": Format("xlsx", XLSX, spreadsheet.scorecard_xlsx),
    "html": Format("html", HTML, _html("reports/scorecard_document.html", "card")),
}
PAPERS = ("a4", "a3")


def plan_on_a_page(page: PlanOnAPage, paper: str) -> bytes:
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}; got {paper!r}")
    return pdf.plan_on_a_page_pdf(page, "a3" if paper == "a3" else "a4")
