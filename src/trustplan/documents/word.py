"""Word renderings: the quarterly board pack and the annual report in the council's committee form.

Councils edit these before they go to a board, so everything is plain Word that an officer can
change: text in paragraphs with the built-in Heading styles (the navigation pane and a table of
contents pick them up), tables as real Word tables whose header row repeats on every page, and a
picture only for a sparkline, whose numbers the table also gives in words. A rating is always a
shaded cell *and* its word, because colour must never be the only cue (WCAG 2.2, 1.4.1) and a
pack is often printed in black and white.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

import docx
import vl_convert
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from trustplan.disclosure import FOOTNOTE
from trustplan.documents.content import (
    ActionRow,
    AnnualPriority,
    AnnualReport,
    BoardPack,
    KpiRow,
    NeedsAssessmentDoc,
    NeedsLineDoc,
    ObjectiveRow,
    PriorityPack,
    Rating,
    RiskRow,
)
from trustplan.documents.packaging import save_docx

__all__ = ["annual_report_docx", "board_pack_docx", "needs_assessment_docx"]

T = TypeVar("T")

FONT: Final = "Arial"
BLACK: Final = RGBColor(0x0B, 0x0C, 0x0C)
TABLE_TEXT: Final = "Table text"
TABLE_TEXT_ID: Final = "TableText"
"""Table paragraphs name their style by id: python-docx's lookup by name costs a millisecond a
cell, most of the time a board pack takes."""
HEADER_FILL: Final = "E5E6E7"

RATING_FILLS: Final = {
    Rating.RED: "F4CDC6",
    Rating.AMBER: "FCD6C3",
    Rating.GREEN: "CCE2D8",
    Rating.BLUE: "BBD4EA",
    Rating.NOT_RATED: "FFFFFF",
}
"""GOV.UK tag colours: pale enough that black text on them is easy to read (AA)."""

RATING_ORDER: Final = [Rating.RED, Rating.AMBER, Rating.GREEN, Rating.BLUE, Rating.NOT_RATED]

GOING_WELL: Final = "What's going well"
NEEDS_TO_IMPROVE: Final = "What needs to improve"
INFORMATION_ONLY: Final = "THIS ITEM IS FOR INFORMATION ONLY"
INFORMATION_ONLY_NOTE: Final = (
    '(Please note that "Information Only" reports do not require Equality Impact Assessments, '
    "Legal or Finance Comments as no decision is being taken)"
)
SECTION_100D: Final = "Background list of documents: Section 100D of the Local Government Act 1972"
DISCLOSURE: Final = (
    "The following documents disclose facts or matters, which have been relied upon to a "
    "material extent by the author in preparing this report:"
)

NOT_XML: Final = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Control characters XML cannot hold; pasted text carries them and they would stop the render."""


# Text --------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """``text`` as Word can store it: Word's own line break (vertical tab) becomes a newline."""
    return NOT_XML.sub("", text.replace("\x0b", "\n"))


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def rating_summary(counts: Mapping[Rating, int]) -> str:
    """``"2 Red, 1 Amber, 4 Green"``: the non-zero counts, worst first."""
    return ", ".join(f"{counts[r]} {r.label}" for r in RATING_ORDER if counts.get(r))


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of free text as people type it: separated by blank lines."""
    return [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


# Document and styles -----------------------------------------------------------------------------


def _restyle(style: ParagraphStyle, size: float, *, bold: bool = False) -> None:
    """Arial in black at ``size``, replacing the template's theme font and colour."""
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold or None
    font.color.rgb = BLACK
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _styled(style: object) -> ParagraphStyle:
    if not isinstance(style, ParagraphStyle):
        raise TypeError(f"expected a paragraph style, got {style!r}")
    return style


def new_a4_document() -> Document:
    """An empty A4 portrait document: Arial 11pt body, black Arial headings, a small table style."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    styles = document.styles
    _restyle(_styled(styles["Normal"]), 11)
    for name, size in [("Title", 24), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)]:
        _restyle(_styled(styles[name]), size, bold=True)
    table_text = _styled(styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH))
    table_text.style_id = TABLE_TEXT_ID
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_after = Pt(0)
    return document


def add_footer(document: Document, text: str) -> None:
    """``text`` and the page number at the foot of every page, so a loose page says what it is."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles[TABLE_TEXT]
    paragraph.add_run(clean(f"{text}. Page "))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    cached = OxmlElement("w:r")
    cached.append(OxmlElement("w:t"))
    cached[0].text = "1"
    field.append(cached)
    paragraph._p.append(field)


def add_text(
    document: Document, text: str, *, bold: bool = False, size: float | None = None
) -> None:
    run = document.add_paragraph().add_run(clean(text))
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)


def add_labelled(document: Document, label: str, text: str) -> None:
    """A paragraph ``Label: text`` with the label in bold, as in a report's key facts."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(clean(text))


def add_bullets(document: Document, items: Iterable[str]) -> None:
    for item in items:
        document.add_paragraph(clean(item), style="List Bullet")


def add_numbered(document: Document, section: int, items: Iterable[str]) -> None:
    """Numbered paragraphs ``3.1``, ``3.2``… as committee reports number them."""
    for number, item in enumerate(items, start=1):
        document.add_paragraph(clean(f"{section}.{number}\t{item}"))


# Tables ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a table: its header, width, and how a row fills its cell."""

    header: str
    width: float
    fill: Callable[[_Cell, T], None]


def write_cell(cell: _Cell, lines: Iterable[str], *, bold: bool = False) -> None:
    """``lines`` as the cell's paragraphs, in the small table text."""
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph._p.style = TABLE_TEXT_ID
        paragraph.add_run(clean(line)).bold = bold or None


def shading(fill: str) -> BaseOxmlElement:
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), fill)
    return element


def shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading(fill),
        *("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    )


def rating_cell(cell: _Cell, rating: Rating) -> None:
    """The rating as its word in bold on its colour: readable without colour, and at a glance."""
    shade(cell, RATING_FILLS[rating])
    write_cell(cell, [rating.label], bold=True)


def lines(value: Callable[[T], str | Sequence[str]]) -> Callable[[_Cell, T], None]:
    """A cell filler writing ``value(row)``: one string, or a paragraph per string."""

    def fill(cell: _Cell, row: T) -> None:
        text = value(row)
        write_cell(cell, [text] if isinstance(text, str) else text)

    return fill


def rated(value: Callable[[T], Rating]) -> Callable[[_Cell, T], None]:
    def fill(cell: _Cell, row: T) -> None:
        rating_cell(cell, value(row))

    return fill


CELL_MARGIN: Final = "57"
"""A tenth of a centimetre (in twentieths of a point) each side, so nine columns fit on A4."""


def _narrow_cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), CELL_MARGIN)
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def table_with_header(document: Document, columns: Sequence[Column[T]], rows: Sequence[T]) -> None:
    """A bordered table of ``rows``; its bold, shaded header row repeats at the top of each page."""
    table: Table = document.add_table(rows=1 + len(rows), cols=len(columns), style="Table Grid")
    table.autofit = False
    _narrow_cell_margins(table)
    for column, grid_column in zip(columns, table.columns, strict=True):
        grid_column.width = Cm(column.width)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for column, cell in zip(columns, header.cells, strict=True):
        cell.width = Cm(column.width)
        shade(cell, HEADER_FILL)
        write_cell(cell, [column.header], bold=True)
    for row, table_row in zip(rows, table.rows[1:], strict=True):
        for column, cell in zip(columns, table_row.cells, strict=True):
            cell.width = Cm(column.width)
            column.fill(cell, row)
    document.add_paragraph()


def add_confidentiality_footnote(document: Document, withheld: bool) -> None:
    """The one footnote (``trustplan.disclosure.FOOTNOTE``) under a table that shows ``[c]``."""
    if withheld:
        paragraph = document.add_paragraph()
        paragraph.add_run(FOOTNOTE).font.size = Pt(8)


def add_information_only_notice(document: Document) -> None:
    """The council's boxed notice (a one-cell bordered table) that no decision is being taken."""
    cell = document.add_table(rows=1, cols=1, style="Table Grid").rows[0].cells[0]
    cell.paragraphs[0].add_run(INFORMATION_ONLY).bold = True
    cell.add_paragraph(INFORMATION_ONLY_NOTE)
    document.add_paragraph()


# KPI columns, shared by the board pack and the annual report -------------------------------------


def _latest(kpi: KpiRow) -> list[str]:
    return [kpi.latest or "No data", *([kpi.latest_period] if kpi.latest_period else [])]


def _latest_with_sparkline(cell: _Cell, kpi: KpiRow) -> None:
    write_cell(cell, _latest(kpi))
    if kpi.sparkline_svg:
        png = vl_convert.svg_to_png(kpi.sparkline_svg, scale=2)
        paragraph = cell.add_paragraph()
        paragraph._p.style = TABLE_TEXT_ID
        picture = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(2.2))
        picture._inline.docPr.set("descr", clean(_sparkline_description(kpi)))


SVG_TITLE: Final = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)


def _sparkline_description(kpi: KpiRow) -> str:
    """The picture's alternative text: the SVG's own title (the charts package writes the first,
    latest, highest and lowest values there), else what the picture is of."""
    found = SVG_TITLE.search(kpi.sparkline_svg or "")
    return html.unescape(found.group(1)) if found else f"Sparkline of {kpi.title}"


def _indicator(kpi: KpiRow) -> list[str]:
    return [kpi.title, *(f"Exception: {reason}" for reason in kpi.exception_reasons)]


def _worded(text: str | None, fallback: str = "Not available") -> str:
    """``text``, or words saying it is missing: an empty cell would leave a reader guessing."""
    return text or fallback


NUMBER_COLUMN: Final = 1.3
RATING_COLUMN: Final = 1.7

KPI_COLUMNS: Final[list[Column[KpiRow]]] = [
    Column("Number", NUMBER_COLUMN, lines(lambda k: k.number)),
    Column("Indicator", 3.0, lines(_indicator)),
    Column("Latest", 2.5, _latest_with_sparkline),
    Column("Target", 1.5, lines(lambda k: _worded(k.target, "Not set"))),
    Column("RAG", RATING_COLUMN, rated(lambda k: k.rag)),
    Column("Variation", 1.6, lines(lambda k: _worded(k.variation_label))),
    Column("Assurance", 1.85, lines(lambda k: _worded(k.assurance_label))),
    Column("Direction", 1.6, lines(lambda k: _worded(k.direction_label))),
    Column("Benchmark", 1.95, lines(lambda k: _worded(k.benchmark_label))),
]

COMPACT_KPI_COLUMNS: Final[list[Column[KpiRow]]] = [
    Column("Number", NUMBER_COLUMN, lines(lambda k: k.number)),
    Column("Indicator", 7.5, lines(lambda k: k.title)),
    Column("Latest", 3.5, lines(_latest)),
    Column("Target", 3.0, lines(lambda k: _worded(k.target, "Not set"))),
    Column("RAG", RATING_COLUMN, rated(lambda k: k.rag)),
]


# The quarterly board pack ------------------------------------------------------------------------


def _due(action: ActionRow) -> list[str]:
    return [long_date(action.due) if action.due else "No date", *(["Overdue"] * action.overdue)]


def _owner(action: ActionRow) -> str:
    return f"{action.owner} ({action.organisation})" if action.organisation else action.owner


ACTION_COLUMNS: Final[list[Column[ActionRow]]] = [
    Column("Number", NUMBER_COLUMN, lines(lambda a: a.number)),
    Column("Action", 4.2, lines(lambda a: a.title)),
    Column("Owner", 2.6, lines(_owner)),
    Column("Due", 2.0, lines(_due)),
    Column("Status", 1.9, lines(lambda a: a.status)),
    Column("RAG", RATING_COLUMN, rated(lambda a: a.rating)),
    Column("Update", 3.3, lines(lambda a: paragraphs_of(a.narrative) or [a.update_state])),
]


def _review(risk: RiskRow) -> str:
    if risk.review_date is None:
        return "Not set"
    return long_date(risk.review_date) + " (overdue)" * risk.review_overdue


RISK_COLUMNS: Final[list[Column[RiskRow]]] = [
    Column("Number", NUMBER_COLUMN, lines(lambda r: r.number)),
    Column("Risk", 2.8, lines(lambda r: paragraphs_of(r.description))),
    Column("Likelihood", 1.7, lines(lambda r: str(r.likelihood))),
    Column("Impact", 1.3, lines(lambda r: str(r.impact))),
    Column("Score", 1.2, lines(lambda r: str(r.score))),
    Column("Rating", 1.5, rated(lambda r: r.rating)),
    Column("Mitigation", 2.7, lines(lambda r: paragraphs_of(r.mitigation))),
    Column("Owner", 1.5, lines(lambda r: r.owner)),
    Column("Review date", 1.8, lines(_review)),
    Column("Trend", 1.2, lines(lambda r: r.trend)),
]


def _title_block(document: Document, pack: BoardPack) -> None:
    add_text(document, pack.partnership, bold=True, size=14)
    add_text(document, pack.plan_title)
    document.add_paragraph(clean(f"Quarterly report to the {pack.board}"), style="Title")
    add_text(document, pack.quarter_label, size=14)
    add_text(document, pack.state, bold=True, size=16)
    add_text(document, f"Data as at {long_date(pack.as_of)}")
    if pack.area:
        add_labelled(document, "Area", pack.area)
    if pack.synthetic:
        add_text(document, synthetic_warning(pack.area), bold=True)
    if pack.rollup_rule:
        add_labelled(document, "How overall ratings are worked out", pack.rollup_rule)


def synthetic_warning(area: str) -> str:
    whose = f"{area}'s" if area else "real"
    return (
        "Warning: the figures in this report are synthetic: made up to demonstrate trustplan. "
        f"They are not {whose} data."
    )


def _priority_heading(
    document: Document, label: str, number: str, title: str, level: int
) -> Paragraph:
    heading: Paragraph = document.add_heading(clean(f"{label} {number}: {title}"), level=level)
    return heading


def add_rating(document: Document, label: str, rating: Rating, rule: str) -> None:
    """``Label: Rating. Why.`` with the rating shaded in its colour, as in the tables.

    A rule that starts with its rating's word (``"Red: an action is overdue"``) is not made to
    say it twice.
    """
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    word = paragraph.add_run(rating.label)
    word.bold = True
    word._r.get_or_add_rPr().insert_element_before(
        shading(RATING_FILLS[rating]),
        *("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout"),
    )
    reason = rule.strip().removeprefix(f"{rating.label}:").strip()
    if reason:
        paragraph.add_run(clean(f". {reason[0].upper()}{reason[1:]}"))


def add_key_facts(
    document: Document, board: str, leads: Sequence[str], rating: Rating, rule: str
) -> None:
    """Who governs and leads a priority, and its overall rating with the reason for it."""
    if board:
        add_labelled(document, "Board", board)
    if leads:
        add_labelled(document, "Leads", ", ".join(leads))
    add_rating(document, "Overall rating", rating, rule)


def _kpi_section(document: Document, priority: PriorityPack) -> None:
    document.add_heading("1. Data and performance indicators", level=2)
    kpis = priority.kpis_exceptions_first()
    if not kpis:
        add_text(document, "No indicators are reported for this priority.")
        return
    exceptions = sum(k.is_exception for k in kpis)
    add_text(
        document,
        f"{plural(len(kpis), 'indicator')}: {rating_summary(Counter(k.rag for k in kpis))}. "
        f"Exceptions (red, special-cause concern or no data) come first: {exceptions}.",
    )
    table_with_header(document, KPI_COLUMNS, kpis)
    add_confidentiality_footnote(document, any(k.suppressed for k in kpis))


def _objective(document: Document, objective: ObjectiveRow) -> None:
    document.add_heading(clean(f"Objective {objective.number}: {objective.title}"), level=3)
    add_rating(document, "Rating", objective.rating, objective.rating_rule)
    if objective.actions:
        table_with_header(document, ACTION_COLUMNS, objective.actions)
    else:
        add_text(document, "No actions are planned for this objective.")


def _delivery_section(document: Document, priority: PriorityPack) -> None:
    document.add_heading("2. Progress of the delivery plan", level=2)
    actions = priority.actions()
    due = [a for a in actions if a.due_this_quarter]
    overdue = sum(a.overdue for a in actions)
    ratings = f" ({rating_summary(Counter(a.rating for a in due))})" if due else ""
    add_text(
        document,
        f"{plural(len(due), 'action')} due this quarter{ratings}; "
        f"{plural(overdue, 'action')} overdue.",
    )
    for objective in priority.objectives:
        _objective(document, objective)


def _commentary_section(document: Document, priority: PriorityPack) -> None:
    document.add_heading("3. What's going well and what needs to improve", level=2)
    commentary = priority.commentary
    if commentary is None:
        add_text(document, "No commentary was submitted for this quarter.")
        return
    for heading, text in [
        (GOING_WELL, commentary.going_well),
        (NEEDS_TO_IMPROVE, commentary.needs_to_improve),
    ]:
        document.add_heading(heading, level=3)
        for paragraph in paragraphs_of(text):
            document.add_paragraph(clean(paragraph))
    if commentary.author:
        add_labelled(document, "Commentary by", commentary.author)


def _risk_section(document: Document, priority: PriorityPack) -> None:
    document.add_heading("4. Risks", level=2)
    if priority.risks:
        table_with_header(document, RISK_COLUMNS, priority.risks)
    else:
        add_text(document, "No risks are recorded for this priority.")


def _priority(document: Document, priority: PriorityPack) -> None:
    heading = _priority_heading(document, priority.label, priority.number, priority.title, 1)
    heading.paragraph_format.page_break_before = True
    add_key_facts(document, priority.board, priority.leads, priority.rating, priority.rating_rule)
    _kpi_section(document, priority)
    _delivery_section(document, priority)
    _commentary_section(document, priority)
    _risk_section(document, priority)


def board_pack_docx(pack: BoardPack) -> bytes:
    """The quarterly board pack as a Word document the partnership can edit before the board."""
    document = new_a4_document()
    title = f"Quarterly report to the {pack.board}: {pack.quarter_label}"
    add_footer(document, f"{title}. {pack.state}")
    _title_block(document, pack)
    for priority in pack.priorities:
        _priority(document, priority)
    return save_docx(
        document, title=title, author=pack.partnership, moment=pack.frozen_at or pack.as_of
    )


# The annual report in committee-report form ------------------------------------------------------


def _committee_fields(document: Document, report: AnnualReport) -> None:
    """The header of a committee report: label and value in a borderless two-column table."""
    fields = [
        ("Title of meeting:", report.title_of_meeting),
        ("Subject:", report.subject),
        (
            "Date of meeting:",
            long_date(report.date_of_meeting) if report.date_of_meeting else "To be confirmed",
        ),
        ("Report by:", report.report_by),
        ("Wards affected:", report.wards_affected),
    ]
    table: Table = document.add_table(rows=len(fields), cols=2)
    widths = Cm(4.5), Cm(12.5)
    table.columns[0].width, table.columns[1].width = widths
    for (label, value), row in zip(fields, table.rows, strict=True):
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = widths
        label_cell.paragraphs[0].add_run(label).bold = True
        value_cell.paragraphs[0].add_run(clean(value))
    document.add_paragraph()


def _annual_priority(document: Document, priority: AnnualPriority) -> None:
    _priority_heading(document, priority.label, priority.number, priority.title, 2)
    add_key_facts(document, priority.board, priority.leads, priority.rating, priority.rating_rule)
    counts = Counter({Rating(rating): n for rating, n in priority.kpi_ratings.items()})
    add_labelled(
        document,
        "Indicators",
        f"{counts.total()} ({rating_summary(counts)})" if counts.total() else "None reported",
    )
    add_labelled(
        document,
        "Actions",
        f"{priority.actions_complete} of {priority.actions_total} complete",
    )
    for heading, items in [
        (GOING_WELL, priority.going_well),
        (NEEDS_TO_IMPROVE, priority.needs_to_improve),
    ]:
        document.add_heading(heading, level=3)
        add_bullets(document, items or ["None reported."])
    if priority.kpis:
        table_with_header(document, COMPACT_KPI_COLUMNS, priority.kpis)
        add_confidentiality_footnote(document, any(k.suppressed for k in priority.kpis))


def annual_report_docx(report: AnnualReport) -> bytes:
    """The annual progress report as a committee report, ready for the council's agenda pack."""
    document = new_a4_document()
    add_footer(document, f"{report.title_of_meeting}: {report.subject}")
    _committee_fields(document, report)
    if report.synthetic:
        add_text(document, synthetic_warning(""), bold=True)
    document.add_heading("1. Purpose", level=1)
    add_numbered(document, 1, report.purpose)
    if report.information_only:
        add_information_only_notice(document)
    document.add_heading("2. Background", level=1)
    add_numbered(document, 2, report.background)
    document.add_heading("3. Progress by priority", level=1)
    for priority in report.priorities:
        _annual_priority(document, priority)
    if report.recommendations and not report.information_only:
        document.add_heading("4. Recommendations", level=1)
        add_numbered(document, 4, report.recommendations)
    if report.information_only:
        add_information_only_notice(document)
    add_text(document, "………………………………………………")
    add_text(document, f"Signed by {report.signed_by}")
    add_text(document, SECTION_100D, bold=True)
    add_text(document, DISCLOSURE)
    add_bullets(document, report.background_documents or ["None."])
    return save_docx(document, title=report.subject, author=report.report_by, moment=report.as_of)


# The needs assessment -----------------------------------------------------------------------------

EVIDENCE_SIZE: Final = 9
EVIDENCE_INDENT: Final = Cm(1.27)
"""Evidence sits under its statement, indented to the bullet's text and smaller: clearly the
statement's support, not a statement of its own."""


def _needs_statements(document: Document, label: str, statements: Sequence[NeedsLineDoc]) -> None:
    document.add_heading(label, level=3)
    if not statements:
        add_text(document, "None.")
    for statement in statements:
        document.add_paragraph(clean(statement.text), style="List Bullet")
        for reason in statement.evidence:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = EVIDENCE_INDENT
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.add_run(clean(reason)).font.size = Pt(EVIDENCE_SIZE)


def needs_assessment_docx(doc: NeedsAssessmentDoc) -> bytes:
    """A needs assessment as the 2011-14 plan's section 3 lays it out, each statement followed
    by its evidence, for the partnership to edit and adopt."""
    document = new_a4_document()
    add_footer(document, f"{doc.plan_title}: {doc.title}. {doc.state}")
    add_text(document, doc.partnership, bold=True, size=14)
    add_text(document, doc.plan_title)
    document.add_paragraph(clean(doc.title), style="Title")
    add_text(document, doc.state, bold=True, size=16)
    add_text(document, f"Data as at {long_date(doc.as_of)}")
    if doc.area:
        add_labelled(document, "Area", doc.area)
    if doc.synthetic:
        add_text(document, synthetic_warning(doc.area), bold=True)
    add_labelled(document, "How indicators are classified", doc.rule)
    for group in doc.groups:
        document.add_heading(clean(group.title.upper()), level=2)
        _needs_statements(document, "Encouraging", group.encouraging)
        _needs_statements(document, "Concerning", group.concerning)
    add_confidentiality_footnote(document, doc.suppressed)
    unclassified = [group for group in doc.groups if group.not_classified]
    if unclassified:
        document.add_heading("Annex: indicators not classified", level=2)
        add_text(
            document,
            "These indicators were neither encouraging nor concerning by the rule above, for "
            "the reasons given.",
        )
        for group in unclassified:
            _needs_statements(
                document,
                group.title,
                [
                    NeedsLineDoc(text=item.name, evidence=item.reasons)
                    for item in group.not_classified
                ],
            )
    return save_docx(
        document, title=doc.title, author=doc.partnership, moment=doc.approved_at or doc.as_of
    )
