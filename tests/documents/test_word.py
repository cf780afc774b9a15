"""The Word board pack and annual report, read back with python-docx: what they say, in what order.

Each document is rendered once per module and read as a sequence of blocks (paragraphs with their
style, tables with their cells' text), as a reader scrolling through it would meet them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.documents import examples
from trustplan.documents.content import Commentary, Rating
from trustplan.documents.word import (
    DISCLOSURE,
    INFORMATION_ONLY,
    INFORMATION_ONLY_NOTE,
    RATING_FILLS,
    SECTION_100D,
    annual_report_docx,
    board_pack_docx,
)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def headings(document: Document) -> list[Heading]:
    return [
        Heading(int(p.style.name.removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables_headed(document: Document, *headers: str) -> list[Table]:
    """The tables whose header row starts with ``headers``."""
    return [t for t in document.tables if rows(t)[0][: len(headers)] == list(headers)]


def column(table: Table, header: str) -> list[str]:
    index = rows(table)[0].index(header)
    return [row[index] for row in rows(table)[1:]]


def blocks(document: Document) -> Iterator[str]:
    """Each paragraph's text and each table (``TABLE:`` and its first line) in reading order."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text:
                yield block.text
        else:
            yield f"TABLE: {block.rows[0].cells[0].paragraphs[0].text}"


def fill(cell: _Cell) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shading is None else shading.get(qn("w:fill"))


@pytest.fixture(scope="module")
def pack() -> Document:
    return read(board_pack_docx(examples.board_pack()))


@pytest.fixture(scope="module")
def annual() -> Document:
    return read(annual_report_docx(examples.annual_report()))


# The board pack -----------------------------------------------------------------------------------


def test_title_block_names_the_board_quarter_state_and_date(pack: Document) -> None:
    assert texts(pack)[:7] == [
        examples.PARTNERSHIP,
        examples.PLAN_TITLE,
        f"Quarterly report to the {examples.BOARD}",
        "Quarter 1 2021/22 (April to June 2021)",
        "Published, version 2",
        "Data as at 15 July 2021",
        "Area: Portsmouth",
    ]
    assert pack.paragraphs[2].style is not None
    assert pack.paragraphs[2].style.name == "Title"
    assert not any("synthetic" in text for text in texts(pack))


def test_a_draft_of_synthetic_data_says_so() -> None:
    draft = examples.board_pack().model_copy(
        update={"state": "Draft: not approved", "synthetic": True}
    )
    document = read(board_pack_docx(draft))
    state = next(p for p in document.paragraphs if p.text == "Draft: not approved")
    assert state.runs[0].bold
    assert any("synthetic" in text and "Portsmouth's" in text for text in texts(document))
    assert "Draft: not approved" in document.sections[0].footer.paragraphs[0].text


def test_the_rollup_rule_is_stated_once_before_the_priorities() -> None:
    pack = examples.board_pack().model_copy(update={"rollup_rule": "The worst of its parts."})
    found = texts(read(board_pack_docx(pack)))
    rule = "How overall ratings are worked out: The worst of its parts."
    assert found.count(rule) == 1
    assert found.index(rule) < found.index("Priority 2: Safeguarding")


def test_each_priority_has_its_four_sections_in_order(pack: Document) -> None:
    assert headings(pack) == [
        Heading(1, "Priority 2: Safeguarding"),
        Heading(2, "1. Data and performance indicators"),
        Heading(2, "2. Progress of the delivery plan"),
        Heading(3, "Objective 1: Universal services and early help"),
        Heading(3, "Objective 2: An effective Multi-Agency Safeguarding Hub (MASH)"),
        Heading(2, "3. What's going well and what needs to improve"),
        Heading(3, "What's going well"),
        Heading(3, "What needs to improve"),
        Heading(2, "4. Risks"),
        Heading(1, "Priority 4: Social, Emotional and Mental Health"),
        Heading(2, "1. Data and performance indicators"),
        Heading(2, "2. Progress of the delivery plan"),
        Heading(3, "Objective 1: Early attachment"),
        Heading(3, "Objective 2: Wellbeing in education"),
        Heading(2, "3. What's going well and what needs to improve"),
        Heading(2, "4. Risks"),
    ]


def test_headings_are_word_heading_styles_for_navigation_and_contents(pack: Document) -> None:
    for level in (1, 2, 3):
        style = pack.styles[f"Heading {level}"]
        assert style.builtin
        assert style.style_id == f"Heading{level}"
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        assert style.font.name == "Arial"
    heading = next(
        p for p in pack.paragraphs if p.text == "Priority 4: Social, Emotional and Mental Health"
    )
    assert heading.paragraph_format.page_break_before


def test_page_is_a4_portrait_in_arial_11(pack: Document) -> None:
    section = pack.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = pack.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Arial", Pt(11))


def test_priority_leads_and_overall_rating_with_its_reason(pack: Document) -> None:
    start = texts(pack).index("Priority 2: Safeguarding")
    assert texts(pack)[start + 1 : start + 4] == [
        f"Board: {examples.BOARD}",
        "Leads: Director of Children's Services, Detective Superintendent",
        "Overall rating: Red. A KPI is red and an objective is red",
    ]


def test_kpis_come_exceptions_first_with_their_ratings_and_reasons(pack: Document) -> None:
    kpi_tables = tables_headed(pack, "Number", "Indicator")
    safeguarding, semh = kpi_tables
    assert rows(safeguarding)[0] == [
        "Number",
        "Indicator",
        "Latest",
        "Target",
        "RAG",
        "Variation",
        "Assurance",
        "Direction",
        "Benchmark",
    ]
    assert column(safeguarding, "Number") == ["2.1", "2.2", "2.4", "2.3", "2.5"]
    assert column(safeguarding, "RAG") == ["Amber", "Red", "Not rated", "Green", "Green"]
    assert column(semh, "Number") == ["4.2", "4.1", "4.3", "4.4"]
    indicator = column(safeguarding, "Indicator")
    assert indicator[1].splitlines() == [
        "Re-referrals to children's social care within 12 months",
        "Exception: Red rating",
        "Exception: Special-cause concern",
    ]
    assert "Exception" not in indicator[3]
    assert column(safeguarding, "Latest")[1].startswith("27.5%\nQuarter 1 2021/22")
    assert column(safeguarding, "Latest")[2] == "No data"


def test_summary_counts_kpis_by_rating(pack: Document) -> None:
    assert (
        "5 indicators: 1 Red, 1 Amber, 2 Green, 1 Not rated. "
        "Exceptions (red, special-cause concern or no data) come first: 3."
    ) in texts(pack)


def test_table_text_is_small_so_nine_columns_fit(pack: Document) -> None:
    cell = tables_headed(pack, "Number", "Indicator")[0].rows[1].cells[1]
    style = cell.paragraphs[0].style
    assert style is not None
    assert (style.name, style.font.size) == ("Table text", Pt(9))


def test_rating_cells_are_shaded_and_worded(pack: Document) -> None:
    table = tables_headed(pack, "Number", "Indicator")[0]
    rag = rows(table)[0].index("RAG")
    for row in table.rows[1:]:
        cell = row.cells[rag]
        rating = next(r for r in Rating if r.label == cell.text)
        assert fill(cell) == RATING_FILLS[rating]
        assert cell.paragraphs[0].runs[0].bold


def test_header_rows_repeat_on_every_page(pack: Document) -> None:
    for table in pack.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None
        assert header.find(qn("w:tblHeader")) is not None


def test_sparklines_are_pictures_in_the_kpi_tables(pack: Document) -> None:
    with_sparklines = [
        k for p in examples.board_pack().priorities for k in p.kpis if k.sparkline_svg
    ]
    assert len(pack.inline_shapes) == len(with_sparklines) == 8
    descriptions = [s._inline.docPr.get("descr") for s in pack.inline_shapes]
    assert descriptions[0] == "Sparkline of Early help assessments completed within 45 days"


def test_a_sparklines_alternative_text_is_the_charts_own_description() -> None:
    pack = examples.board_pack()
    described = examples.RISING.replace(
        "<polyline",
        "<title id='t'>Re-referrals, the latest 6 periods &amp; rising</title><polyline",
    )
    first = pack.priorities[0]
    kpis = [k.model_copy(update={"sparkline_svg": described}) for k in first.kpis[:1]]
    only = pack.model_copy(update={"priorities": [first.model_copy(update={"kpis": kpis})]})
    (picture,) = read(board_pack_docx(only)).inline_shapes
    assert picture._inline.docPr.get("descr") == "Re-referrals, the latest 6 periods & rising"


def test_delivery_plan_actions_by_objective_with_overdue_marked(pack: Document) -> None:
    action_tables = tables_headed(pack, "Number", "Action")
    assert [column(t, "Number") for t in action_tables] == [
        ["1.1", "1.2", "1.3"],
        ["2.1", "2.2"],
        ["1.1"],
    ]
    mash = action_tables[1]
    assert rows(mash)[0] == ["Number", "Action", "Owner", "Due", "Status", "RAG", "Update"]
    assert rows(mash)[1][2:6] == [
        "MASH Practice Lead (Hampshire Constabulary)",
        "31 May 2021\nOverdue",
        "Delayed",
        "Red",
    ]
    assert column(mash, "Update")[1] == "Not submitted"
    assert column(action_tables[0], "Update")[1] == (
        "146 trained so far.\nTwo further cohorts are booked for August and September."
    )
    assert "3 actions due this quarter (1 Amber, 1 Green, 1 Complete); 1 action overdue." in texts(
        pack
    )
    assert "No actions are planned for this objective." in texts(pack)


def test_commentary_paragraphs_or_a_note_that_none_came(pack: Document) -> None:
    order = list(blocks(pack))
    well = order.index("What's going well")
    assert order[well + 1 : well + 6] == [
        "The refreshed Thresholds launched on time and were well received.",
        "Repeat child protection plans stay below target.",
        "What needs to improve",
        "Re-referrals rose for a third quarter.",
        "The MASH audit is overdue and will now report in August.",
    ]
    assert texts(pack).count("No commentary was submitted for this quarter.") == 1


def test_risks_with_scores_and_overdue_reviews(pack: Document) -> None:
    (risks,) = tables_headed(pack, "Number", "Risk")
    assert rows(risks)[0] == [
        "Number",
        "Risk",
        "Likelihood",
        "Impact",
        "Score",
        "Rating",
        "Mitigation",
        "Owner",
        "Review date",
        "Trend",
    ]
    assert column(risks, "Score") == ["16", "12", "6"]
    assert column(risks, "Review date") == [
        "30 September 2021",
        "30 June 2021 (overdue)",
        "31 December 2021",
    ]
    assert texts(pack)[-1] == "No risks are recorded for this priority."


def test_pasted_control_characters_do_not_stop_the_render() -> None:
    pack = examples.board_pack()
    safeguarding = pack.priorities[0].model_copy(
        update={
            "commentary": Commentary(going_well="Line one\x0bline two\x00", needs_to_improve="")
        }
    )
    document = read(board_pack_docx(pack.model_copy(update={"priorities": [safeguarding]})))
    assert "Line one\nline two" in texts(document)


# The annual report --------------------------------------------------------------------------------


def test_committee_fields_come_first_in_a_borderless_table(annual: Document) -> None:
    fields = annual.tables[0]
    assert rows(fields) == [
        ["Title of meeting:", "Health and Wellbeing Board"],
        ["Subject:", "Children's Trust Plan 2020 - 2023: annual progress report 2021/22"],
        ["Date of meeting:", "21 September 2022"],
        ["Report by:", "Director of Children, Families and Education"],
        ["Wards affected:", "All"],
    ]
    assert fields.style is None or fields.style.name == "Normal Table"
    assert next(blocks(annual)) == "TABLE: Title of meeting:"


def test_an_unset_meeting_date_is_to_be_confirmed() -> None:
    report = examples.annual_report().model_copy(update={"date_of_meeting": None})
    assert rows(read(annual_report_docx(report)).tables[0])[2] == [
        "Date of meeting:",
        "To be confirmed",
    ]


def test_annual_report_sections_in_committee_order(annual: Document) -> None:
    assert headings(annual) == [
        Heading(1, "1. Purpose"),
        Heading(1, "2. Background"),
        Heading(1, "3. Progress by priority"),
        Heading(2, "Priority 2: Safeguarding"),
        Heading(3, "What's going well"),
        Heading(3, "What needs to improve"),
        Heading(2, "Priority 4: Social, Emotional and Mental Health"),
        Heading(3, "What's going well"),
        Heading(3, "What needs to improve"),
    ]
    assert (
        "1.1\tTo inform the Board of progress in the second year of the Children's Trust Plan."
        in texts(annual)
    )


def test_priority_summary_counts_and_compact_kpi_table(annual: Document) -> None:
    order = list(blocks(annual))
    start = order.index("Priority 4: Social, Emotional and Mental Health")
    assert order[start + 3 : start + 11] == [
        "Overall rating: Amber. A KPI is red but no objective is red",
        "Indicators: 4 (1 Red, 1 Amber, 1 Green, 1 Not rated)",
        "Actions: 6 of 11 complete",
        "What's going well",
        "Access to mental health services recovered.",
        "What needs to improve",
        "None reported.",
        "TABLE: Number",
    ]
    compact = tables_headed(annual, "Number", "Indicator", "Latest", "Target", "RAG")
    assert [column(t, "RAG") for t in compact] == [
        ["Amber", "Red", "Green", "Not rated", "Green"],
        ["Amber", "Red", "Green", "Not rated"],
    ]


def test_information_only_notice_is_boxed_after_purpose_and_before_signing(
    annual: Document,
) -> None:
    order = list(blocks(annual))
    notices = [i for i, block in enumerate(order) if block == f"TABLE: {INFORMATION_ONLY}"]
    assert len(notices) == 2
    assert order[notices[0] - 1].startswith("1.1\t")
    assert order[notices[0] + 1] == "2. Background"
    assert order[notices[1] + 2] == (
        "Signed by Director of Children, Families and Education, Portsmouth City Council"
    )
    boxes = [t for t in annual.tables if t.rows[0].cells[0].text.startswith(INFORMATION_ONLY)]
    assert [rows(box) for box in boxes] == [[[f"{INFORMATION_ONLY}\n{INFORMATION_ONLY_NOTE}"]]] * 2
    assert {box.style.name for box in boxes if box.style is not None} == {"Table Grid"}
    assert "Recommendations" not in " ".join(order)


def test_a_decision_report_has_recommendations_and_no_notice() -> None:
    document = read(annual_report_docx(examples.annual_report(information_only=False)))
    assert not any(INFORMATION_ONLY in block for block in blocks(document))
    assert headings(document)[-1] == Heading(1, "4. Recommendations")
    assert (
        "4.2\tAsk the Safeguarding Children Board Executive to report on re-referrals in December."
        in texts(document)
    )


def test_section_100d_block_closes_the_report(annual: Document) -> None:
    assert texts(annual)[-5:] == [
        "Signed by Director of Children, Families and Education, Portsmouth City Council",
        SECTION_100D,
        DISCLOSURE,
        "Children's Trust Plan 2020 - 2023 (Health and Wellbeing Board, 23 September 2020)",
        "Quarterly board packs, 2021/22",
    ]
    assert SECTION_100D == (
        "Background list of documents: Section 100D of the Local Government Act 1972"
    )
    bullets = [p for p in annual.paragraphs if p.text == "Quarterly board packs, 2021/22"]
    assert bullets[0].style is not None
    assert bullets[0].style.name == "List Bullet"
