"""A needs assessment as report content, and the files it downloads as.

The page and both files are made from the same ``NeedsAssessmentDoc``, so what an analyst sees
is what the PDF and the Word file say. Its generated sentences already show a small count of
people as ``[c]`` (``trustplan.needs.generating``); a document that shows one carries the
confidentiality footnote.
"""

from __future__ import annotations

from trustplan.assessment.formatting import long_date
from trustplan.assessment.needs import RULE
from trustplan.disclosure import MARKER
from trustplan.documents import pdf, word
from trustplan.documents.content import (
    NeedsAssessmentDoc,
    NeedsGroupDoc,
    NeedsLineDoc,
    NotClassifiedDoc,
)
from trustplan.needs.models import NeedsAssessment, NeedsLine
from trustplan.plans.models import Finding
from trustplan.reports.rendering import DOCX, PDF, Format

FORMATS: dict[str, Format[NeedsAssessmentDoc]] = {
    "pdf": Format("pdf", PDF, pdf.needs_assessment_pdf),
    "docx": Format("docx", DOCX, word.needs_assessment_docx),
}


def state(assessment: NeedsAssessment) -> str:
    """ "Draft: not approved", or who approved it and when."""
    if assessment.is_draft or assessment.approved_at is None:
        return "Draft: not approved"
    by = assessment.approved_by
    who = f" by {by.get_full_name() or by.get_username()}" if by is not None else ""
    return f"Approved{who} on {long_date(assessment.approved_at.date())}"


def build_doc(assessment: NeedsAssessment) -> NeedsAssessmentDoc:
    plan = assessment.plan
    groups = []
    for group in assessment.groups.prefetch_related("lines", "not_classified"):
        lines = list(group.lines.all())
        groups.append(
            NeedsGroupDoc(
                title=group.title,
                encouraging=[_line(line) for line in lines if line.finding == Finding.ENCOURAGING],
                concerning=[_line(line) for line in lines if line.finding == Finding.CONCERNING],
                not_classified=[
                    NotClassifiedDoc(name=item.name, reasons=item.reasons)
                    for item in group.not_classified.all()
                ],
            )
        )
    written = [
        text
        for group in groups
        for line in [*group.encouraging, *group.concerning]
        for text in [line.text, *line.evidence]
    ] + [reason for group in groups for item in group.not_classified for reason in item.reasons]
    return NeedsAssessmentDoc(
        suppressed=any(MARKER in text for text in written),
        partnership=plan.partnership,
        plan_title=plan.title,
        title=assessment.title,
        area=assessment.area,
        as_of=assessment.as_of,
        state=state(assessment),
        approved_at=None if assessment.is_draft else assessment.approved_at,
        synthetic=assessment.synthetic,
        rule=RULE,
        groups=groups,
    )


def _line(line: NeedsLine) -> NeedsLineDoc:
    return NeedsLineDoc(text=line.text, evidence=line.evidence)
