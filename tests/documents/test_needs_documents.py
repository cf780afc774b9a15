"""The needs assessment as PDF and Word, read back: the groups in order, "Encouraging" before
"Concerning" in each, every statement followed by its evidence, and the same bytes every time."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from tests.documents.test_pdf import TYPST_SPECIAL, assert_in_order, text_of
from trustplan.documents.content import (
    NeedsAssessmentDoc,
    NeedsGroupDoc,
    NeedsLineDoc,
    NotClassifiedDoc,
)
from trustplan.documents.pdf import needs_assessment_pdf
from trustplan.documents.word import needs_assessment_docx

ABSENCE = NeedsLineDoc(
    text="Persistent absence: higher than England and rising (14.1% in 2022/23).",
    evidence=[
        "Worse than England (95% confidence): 14.1% (13.7% to 14.5%) against 12.0% in 2022/23.",
        "Recent trend: increasing and getting worse (99.8% significance) over the latest 5 "
        "years, 2018/19 to 2022/23.",
    ],
)
BREASTFEEDING = NeedsLineDoc(
    text="Breastfeeding at 6 to 8 weeks: higher than England (52.0% in 2023/24 Q2).",
    evidence=["Better than England (95% confidence): 52.0% (50.1% to 53.9%) against 47.0%."],
)
# An analyst's own line, with characters Typst would otherwise read as markup.
SMOKING = NeedsLineDoc(text=TYPST_SPECIAL, evidence=["Added by Ana Lyst"])
DOC = NeedsAssessmentDoc(
    partnership="Testshire Children's Trust",
    plan_title="Children's Trust Plan 2020 - 2023",
    title="Needs assessment as at 29 February 2024",
    area="Testshire",
    as_of=dt.date(2024, 2, 29),
    state="Draft: not approved",
    synthetic=True,
    rule="An indicator is concerning when any of its evidence is significantly worse.",
    groups=[
        NeedsGroupDoc(
            title="Pre-birth to 5",
            encouraging=[BREASTFEEDING],
            concerning=[SMOKING],
            not_classified=[
                NotClassifiedDoc(
                    name="MMR vaccination by age 2",
                    reasons=["Similar to England: 90.1% (88.0% to 92.0%) against 90.3%."],
                )
            ],
        ),
        NeedsGroupDoc(title="Young people aged 14-19+", concerning=[ABSENCE]),
    ],
)


@pytest.fixture(scope="module")
def pdf_text() -> str:
    return text_of(needs_assessment_pdf(DOC))


def test_the_pdf_has_section_3s_shape_with_evidence_under_each_statement(pdf_text: str) -> None:
    assert_in_order(
        pdf_text,
        DOC.title,
        DOC.state,
        "29 February 2024",
        DOC.rule,
        "Synthetic data.",
        "PRE-BIRTH TO 5",
        "Encouraging",
        BREASTFEEDING.text,
        BREASTFEEDING.evidence[0],
        "Concerning",
        TYPST_SPECIAL,
        "Added by Ana Lyst",
        "YOUNG PEOPLE AGED 14-19+",
        "Encouraging",
        "None.",
        "Concerning",
        ABSENCE.text,
        ABSENCE.evidence[0],
        ABSENCE.evidence[1],
        "Annex: indicators not classified",
        "Pre-birth to 5",
        "MMR vaccination by age 2",
        "Similar to England",
    )


def test_the_pdf_is_the_same_every_time() -> None:
    assert needs_assessment_pdf(DOC) == needs_assessment_pdf(DOC)


def test_the_docx_has_section_3s_shape_with_evidence_under_each_statement() -> None:
    document = docx.Document(io.BytesIO(needs_assessment_docx(DOC)))
    blocks = [(p.style.name if p.style else "", p.text) for p in document.paragraphs if p.text]
    headings = [text for style, text in blocks if style.startswith("Heading")]
    assert headings == [
        "PRE-BIRTH TO 5",
        "Encouraging",
        "Concerning",
        "YOUNG PEOPLE AGED 14-19+",
        "Encouraging",
        "Concerning",
        "Annex: indicators not classified",
        "Pre-birth to 5",
    ]
    texts = [text for _, text in blocks]
    for line in (BREASTFEEDING, SMOKING, ABSENCE):
        start = texts.index(line.text)
        assert texts[start + 1 : start + 1 + len(line.evidence)] == line.evidence
        assert blocks[start][0] == "List Bullet"
    assert texts.index(ABSENCE.text) > texts.index("YOUNG PEOPLE AGED 14-19+")
    assert "None." in texts


def test_the_docx_is_the_same_every_time_and_dated_by_its_approval() -> None:
    approved = DOC.model_copy(
        update={"state": "Approved", "approved_at": dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC)}
    )
    data = needs_assessment_docx(approved)
    assert data == needs_assessment_docx(approved)
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.created == dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC)
    assert properties.title == DOC.title
