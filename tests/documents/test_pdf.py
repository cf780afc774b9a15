"""The PDFs say what the content says, in the order a reader needs, the same bytes every time."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Literal

import pytest
from pypdf import PdfReader

from tests.documents import examples
from trustplan.charts import Observation, sparkline, to_svg
from trustplan.documents.content import Commentary, PlanOnAPagePriority, PriorityPack
from trustplan.documents.pdf import (
    annual_report_pdf,
    board_pack_pdf,
    plan_on_a_page_pdf,
    scorecard_pdf,
)

TYPST_SPECIAL = r"Costs #1 & $5 *not bold* _not italic_ <tag> @ref \n [x] {y} // not a comment = h"
INFORMATION_ONLY = "THIS ITEM IS FOR INFORMATION ONLY"
A4_LANDSCAPE = (842, 595)
A3_LANDSCAPE = (1191, 842)


def normalise(text: str) -> str:
    """Extracted text on one line, quotes made plain and words broken after a hyphen rejoined."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"(?<=\w-)\s+", "", " ".join(text.split()))


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return normalise(" ".join(page.extract_text() for page in reader(data).pages))


def assert_in_order(text: str, *phrases: str) -> None:
    """Each phrase occurs in ``text``, each after the one before."""
    position = 0
    for phrase in phrases:
        found = text.find(phrase, position)
        assert found >= 0, f"{phrase!r} not found after: {text[position - 80 : position + 400]!r}"
        position = found + len(phrase)


def page_size(data: bytes) -> tuple[int, int]:
    box = reader(data).pages[0].mediabox
    return round(box.width), round(box.height)


@pytest.fixture(scope="module")
def pack_pdf() -> bytes:
    return board_pack_pdf(examples.board_pack())


@pytest.fixture(scope="module")
def pack_text(pack_pdf: bytes) -> str:
    return text_of(pack_pdf)


@pytest.fixture(scope="module")
def annual_text() -> str:
    return text_of(annual_report_pdf(examples.annual_report()))


@pytest.fixture(scope="module")
def scorecard_pdf_bytes() -> bytes:
    return scorecard_pdf(examples.scorecard())


def test_board_pack_title_block(pack_text: str) -> None:
    assert_in_order(
        pack_text,
        "Portsmouth Children's Trust",
        "Quarterly report to the Portsmouth Safeguarding Children Board Executive",
        "Quarter 1 2021/22 (April to June 2021)",
        "Published, version 2",
        "Data as at 15 July 2021",
        "Portsmouth",
        "Priority 2: Safeguarding",
    )
    assert "synthetic" not in pack_text


def test_board_pack_sections_in_order_for_each_priority(pack_text: str) -> None:
    sections = [
        "1. Data and performance indicators",
        "What the data say",
        "2. Progress of the delivery plan",
        "3. What's going well and what needs to improve",
        "4. Risks",
    ]
    assert_in_order(
        pack_text,
        "Priority 2: Safeguarding",
        "Overall rating Red Red: a KPI is red and an objective is red",
        *sections,
        "Priority 4: Social, Emotional and Mental Health",
        *sections,
    )


def test_board_pack_kpis_exceptions_first_with_reasons(pack_text: str) -> None:
    assert "5 indicators: 1 Red, 1 Amber, 2 Green, 1 Not rated." in pack_text
    assert_in_order(
        pack_text,
        "Early help assessments completed within 45 days Exception: Special-cause concern",
        "Re-referrals to children's social care within 12 months "
        "Exception: Red rating; Special-cause concern",
        "Missing episodes followed by a return home interview within 72 hours Exception: No data",
        "No data No target Not rated",
        "Child protection plans that are a second or subsequent plan",
        "First-time entrants",
    )
    assert_in_order(pack_text, "Referrals to CAMHS seen within 18 weeks", "Early attachment")
    assert "Special cause: concern (high)" in pack_text
    assert "Better than England (77.9%)" in pack_text


def test_board_pack_headlines_follow_the_table(pack_text: str) -> None:
    assert_in_order(
        pack_text,
        "What the data say",
        "2.1 Timeliness fell for the third quarter",
        "2.2 Re-referrals are the highest since 2017",
        "2.3 Repeat child protection plans remain below target.",
        "2. Progress of the delivery plan",
    )


def test_board_pack_delivery_plan(pack_text: str) -> None:
    assert "3 actions due this quarter: 1 amber, 1 green, 1 complete; 1 overdue." in pack_text
    assert "1 action due this quarter: 1 amber; 0 overdue." in pack_text
    assert_in_order(
        pack_text,
        "Objective 1: Universal services and early help",
        "Green Green: every action is complete or on track",
        "No. Action Owner Due Status RAG Update",
        "1.1 Launch the refreshed Portsmouth Thresholds",
        "30 June 2021",
        "Complete",
        "Objective 2: An effective Multi-Agency Safeguarding Hub (MASH)",
        "2.1 Audit re-referrals",
        "(Hampshire Constabulary) 31 May 2021 Overdue Delayed",
        "Not submitted",
    )
    assert "No actions are recorded for this objective." in pack_text


def test_board_pack_commentary_and_risks(pack_text: str) -> None:
    assert_in_order(
        pack_text,
        "What's going well The refreshed Thresholds launched on time and were well received.",
        "Repeat child protection plans stay below target.",
        "What needs to improve Re-referrals rose for a third quarter.",
        "Commentary by Strategic Lead for Safeguarding.",
        "4. Risks",
        "R1 Demand for early help outstrips capacity after schools return 4 4 16 Red",
        "R2",
        "30 June 2021 Overdue",
        "R3",
        "Decreasing",
        "Priority 4",
        "No commentary was submitted for this quarter.",
        "No risks are recorded for this priority.",
    )


def test_board_pack_footer_numbers_pages_and_repeats_state(pack_pdf: bytes) -> None:
    pages = [normalise(page.extract_text()) for page in reader(pack_pdf).pages]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Published, version 2" in page


def test_draft_synthetic_pack_says_so() -> None:
    pack = examples.board_pack().model_copy(
        update={
            "state": "Draft: not approved",
            "synthetic": True,
            "frozen_at": None,
            "rollup_rule": "The worst rating of its parts.",
        }
    )
    text = text_of(board_pack_pdf(pack))
    assert_in_order(
        text,
        "Draft: not approved",
        "Ratings The worst rating of its parts.",
        "The figures in this report are synthetic",
    )


def test_empty_priority_and_scorecard_say_there_is_nothing() -> None:
    pack = examples.board_pack()
    empty = PriorityPack(number="9", title="A new priority")
    text = text_of(board_pack_pdf(pack.model_copy(update={"priorities": [empty]})))
    assert_in_order(
        text,
        "Priority 9: A new priority",
        "Board None named Leads None named Overall rating Not rated",
        "No indicators are reported for this priority.",
        "No headlines were written for this quarter.",
        "0 actions due this quarter; 0 overdue.",
        "No commentary was submitted for this quarter.",
        "No risks are recorded for this priority.",
    )
    card = examples.scorecard().model_copy(update={"rows": []})
    assert "No indicators match this scorecard's filters." in text_of(scorecard_pdf(card))


def test_board_pack_is_byte_identical_and_dated_from_its_content(pack_pdf: bytes) -> None:
    pack = examples.board_pack()
    assert board_pack_pdf(pack) == pack_pdf
    metadata = reader(pack_pdf).metadata
    assert metadata is not None
    assert metadata.title == (
        "Quarterly report to the Portsmouth Safeguarding Children Board Executive: "
        "Quarter 1 2021/22 (April to June 2021)"
    )
    assert metadata.creation_date == examples.FROZEN_AT
    unfrozen = reader(board_pack_pdf(pack.model_copy(update={"frozen_at": None}))).metadata
    assert unfrozen is not None
    assert unfrozen.creation_date == dt.datetime(2021, 7, 15, tzinfo=dt.UTC)


def test_a_real_sparkline_renders() -> None:
    observations = [
        Observation(f"Q{i}", dt.date(2019, 6, 30) + dt.timedelta(days=91 * i), 40 + i % 3)
        for i in range(8)
    ]
    svg = to_svg(sparkline(observations, label="Early help assessments"))
    pack = examples.board_pack()
    priority = pack.priorities[0]
    kpi = priority.kpis[0].model_copy(update={"sparkline_svg": svg})
    pack = pack.model_copy(update={"priorities": [priority.model_copy(update={"kpis": [kpi]})]})
    assert "Early help assessments completed within 45 days" in text_of(board_pack_pdf(pack))


def test_annual_report_committee_form(annual_text: str) -> None:
    assert_in_order(
        annual_text,
        "Title of meeting: Health and Wellbeing Board",
        "Subject: Children's Trust Plan 2020 - 2023: annual progress report 2021/22",
        "Date of meeting: 21 September 2022",
        "Report by: Director of Children, Families and Education",
        "Wards affected: All",
        "1. Purpose",
        "1.1 To inform the Board of progress",
        INFORMATION_ONLY,
        '(Please note that "Information Only" reports do not require Equality Impact '
        "Assessments, Legal or Finance Comments as no decision is being taken)",
        "2. Background",
        "2.1 The Health and Wellbeing Board has taken on the strategic oversight",
        "2.2 Each priority reports quarterly",
        "3. Progress by priority",
        "3.1 Priority 2: Safeguarding",
        "Rating Red Red: a KPI is red and an objective is red",
        "Indicators 1 Red, 1 Amber, 2 Green, 1 Not rated",
        "Actions 14 of 20 complete",
        "What has gone well • Thresholds relaunched with every partner.",
        "What needs to improve • Re-referrals within 12 months.",
        "No. Indicator Latest Target RAG Direction Benchmark",
        "2.2 Re-referrals to children's social care within 12 months 27.5%",
        "3.2 Priority 4: Social, Emotional and Mental Health",
        "Actions 6 of 11 complete",
        "What needs to improve None recorded.",
        INFORMATION_ONLY,
        "Signed by Director of Children, Families and Education, Portsmouth City Council",
        "Background list of documents: Section 100D of the Local Government Act 1972",
        "The following documents disclose facts or matters, which have been relied upon to a "
        "material extent by the author in preparing this report:",
        "1. Children's Trust Plan 2020 - 2023 (Health and Wellbeing Board, 23 September 2020)",
        "2. Quarterly board packs, 2021/22",
    )
    assert annual_text.count(INFORMATION_ONLY) == 2
    assert "Recommendations" not in annual_text


def test_annual_report_for_decision_has_recommendations_and_no_notice() -> None:
    report = examples.annual_report(information_only=False).model_copy(
        update={"date_of_meeting": None, "background_documents": [], "synthetic": True}
    )
    text = text_of(annual_report_pdf(report))
    assert INFORMATION_ONLY not in text
    assert_in_order(
        text,
        "Date of meeting: To be confirmed",
        "The figures in this report are synthetic",
        "1. Purpose",
        "3. Progress by priority",
        "4. Recommendations",
        "4.1 Note the progress made in 2021/22.",
        "4.2 Ask the Safeguarding Children Board Executive",
        "Signed by",
        "Section 100D of the Local Government Act 1972 None.",
    )


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("priorities", [6, 7])
def test_plan_on_a_page_is_one_landscape_sheet(paper: Literal["a4", "a3"], priorities: int) -> None:
    data = plan_on_a_page_pdf(examples.plan_on_a_page(priorities), paper)
    assert len(reader(data).pages) == 1
    assert page_size(data) == (A4_LANDSCAPE if paper == "a4" else A3_LANDSCAPE)
    text = text_of(data)
    assert_in_order(
        text,
        "Portsmouth Children's Trust",
        "Children's Trust Plan 2020 - 2023: Plan on a Page",
        "Strategic Spine",
        "A. A Deal with Parents",
        "Confident parenting",
        "F. Tackling Racism",
        "Educating children and young people to cherish equality",
        "Priorities",
        "1. Education Strategy",
        "Portsmouth Education Partnership Board",
        "1.1 Attainment and progress",
        "4.11 Loss and bereavement",
        "6. SEND Strategy",
        "6.7 Workforce and practice",
    )
    assert ("7. Covid-19 Response and Recovery" in text) == (priorities == 7)


def _plan_with(objectives: int, title: str) -> bytes:
    page = examples.plan_on_a_page().model_copy(
        update={
            "priorities": [
                PlanOnAPagePriority(
                    number=str(n),
                    heading="A strategy with a long heading",
                    objectives=[(f"{n}.{i}", title) for i in range(1, objectives + 1)],
                )
                for n in range(1, 9)
            ]
        }
    )
    return plan_on_a_page_pdf(page)


def test_plan_on_a_page_far_too_long_shrinks_its_text_to_one_sheet() -> None:
    data = _plan_with(40, "An objective with a title long enough to wrap in its column")
    assert len(reader(data).pages) == 1
    assert "8.40 An objective with a title" in text_of(data)


def test_plan_on_a_page_too_long_for_any_text_size_is_scaled_to_one_sheet() -> None:
    data = _plan_with(1, "line\n" * 600 + "the last line")
    assert len(reader(data).pages) == 1
    assert text_of(data).endswith("the last line")


def test_plan_on_a_page_is_byte_identical() -> None:
    page = examples.plan_on_a_page()
    assert plan_on_a_page_pdf(page) == plan_on_a_page_pdf(page)


def test_scorecard_lists_every_row_in_a4_landscape(scorecard_pdf_bytes: bytes) -> None:
    assert page_size(scorecard_pdf_bytes) == A4_LANDSCAPE
    text = text_of(scorecard_pdf_bytes)
    assert_in_order(
        text,
        "Scorecard: Children's Trust Plan 2020 - 2023",
        "Data as at 15 July 2021",
        "Showing Board: Portsmouth Safeguarding Children Board Executive",
        "9 indicators: 2 Red, 2 Amber, 3 Green, 2 Not rated. 4 exceptions are shaded and marked.",
        "Priority No. Indicator Latest Target RAG Variation Assurance Direction Benchmark",
        "2. Safeguarding 2.1",
        "Exception: Special-cause concern 82.4%",
        "2.2",
        "2.3",
        "2.4",
        "Exception: No data No data",
        "2.5",
        "4. Social, Emotional and Mental Health 4.1",
        "4.4 Hospital admissions for self-harm",
        "Late: due 30 June 2021",
        "Worse than England (439.2)",
    )
    assert scorecard_pdf(examples.scorecard()) == scorecard_pdf_bytes


def _with_special_text(kind: str) -> bytes:
    if kind == "board pack":
        pack = examples.board_pack()
        priority = pack.priorities[1].model_copy(
            update={
                "title": TYPST_SPECIAL,
                "commentary": Commentary(going_well=TYPST_SPECIAL, needs_to_improve="Nothing"),
            }
        )
        return board_pack_pdf(pack.model_copy(update={"priorities": [priority]}))
    if kind == "annual report":
        return annual_report_pdf(
            examples.annual_report().model_copy(update={"subject": TYPST_SPECIAL})
        )
    if kind == "scorecard":
        card = examples.scorecard()
        return scorecard_pdf(card.model_copy(update={"filters": TYPST_SPECIAL}))
    return plan_on_a_page_pdf(examples.plan_on_a_page().model_copy(update={"title": TYPST_SPECIAL}))


@pytest.mark.parametrize("kind", ["board pack", "annual report", "scorecard", "plan on a page"])
def test_user_text_is_never_typst_markup(kind: str) -> None:
    assert TYPST_SPECIAL in text_of(_with_special_text(kind))
