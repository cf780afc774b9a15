"""PDF renderings of report content, typeset by Typst from the templates in ``typst/``.

The content goes to Typst as JSON through ``sys.inputs`` and the templates insert its strings as
text, so user text with ``#``, ``$`` or ``*`` in it can neither break a template nor run as code.
Only the vendored Liberation Sans is used (metric-compatible with the Arial councils write in,
and the same on every machine), and the PDF's timestamp comes from the content: the same content
always gives byte-for-byte the same PDF. A withheld figure is already ``[c]`` in the content;
the templates print ``trustplan.disclosure.FOOTNOTE`` under any table that shows one.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import as_file, files
from typing import Literal

import typst

from trustplan.disclosure import FOOTNOTE
from trustplan.documents.content import (
    AnnualReport,
    BoardPack,
    Content,
    NeedsAssessmentDoc,
    PlanOnAPage,
    Rating,
    Scorecard,
)

__all__ = [
    "annual_report_pdf",
    "board_pack_pdf",
    "needs_assessment_pdf",
    "plan_on_a_page_pdf",
    "scorecard_pdf",
]

RATINGS = json.dumps({rating.value: rating.label for rating in Rating})
PLAN_ON_A_PAGE_DATE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
"""A Plan on a Page shows no date, so it gets a fixed one: the same plan, the same bytes."""


def _render(template: str, content: Content, timestamp: dt.datetime, **inputs: str) -> bytes:
    # Compiled from the template's path, not its text, so ``#import "common.typ"`` resolves.
    package = files("trustplan.documents")
    with as_file(package / "typst") as templates, as_file(package / "fonts") as fonts:
        return typst.compile(
            templates / template,
            root=templates,
            format="pdf",
            font_paths=[fonts],
            ignore_system_fonts=True,
            sys_inputs={
                "content": content.model_dump_json(),
                "ratings": RATINGS,
                "footnote": FOOTNOTE,
                **inputs,
            },
            timestamp=timestamp,
        )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def board_pack_pdf(pack: BoardPack) -> bytes:
    """The quarterly report to a board, A4 portrait, dated when it was frozen (or its data)."""
    if pack.frozen_at is None:
        timestamp = _midnight(pack.as_of)
    elif pack.frozen_at.tzinfo is None:
        timestamp = pack.frozen_at.replace(tzinfo=dt.UTC)
    else:
        timestamp = pack.frozen_at.astimezone(dt.UTC)
    # The templates show KPIs in the order given; the content's own rule puts exceptions first.
    ordered = pack.model_copy(
        update={
            "priorities": [
                priority.model_copy(update={"kpis": priority.kpis_exceptions_first()})
                for priority in pack.priorities
            ]
        }
    )
    return _render("board_pack.typ", ordered, timestamp)


def annual_report_pdf(report: AnnualReport) -> bytes:
    """The annual progress report in the council's committee-report form, A4 portrait."""
    return _render("annual_report.typ", report, _midnight(report.as_of))


def plan_on_a_page_pdf(page: PlanOnAPage, paper: Literal["a4", "a3"] = "a4") -> bytes:
    """The whole plan on exactly one landscape sheet, its text shrunk as far as it must be."""
    return _render("plan_on_a_page.typ", page, PLAN_ON_A_PAGE_DATE, paper=paper)


def scorecard_pdf(card: Scorecard) -> bytes:
    """Every KPI in one A4 landscape table, exceptions shaded."""
    return _render("scorecard.typ", card, _midnight(card.as_of))


def needs_assessment_pdf(doc: NeedsAssessmentDoc) -> bytes:
    """A needs assessment, A4 portrait, dated when it was approved (a draft, its data's date)."""
    if doc.approved_at is None:
        timestamp = _midnight(doc.as_of)
    elif doc.approved_at.tzinfo is None:
        timestamp = doc.approved_at.replace(tzinfo=dt.UTC)
    else:
        timestamp = doc.approved_at.astimezone(dt.UTC)
    return _render("needs_assessment.typ", doc, timestamp)
