"""Board packs built from the database, frozen, and read back from their files."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.measures.conftest import PORTSMOUTH, load, observations_csv
from trustplan.delivery.models import ActionUpdate
from trustplan.documents import pdf, spreadsheet, word
from trustplan.documents.content import Rating
from trustplan.reports import packs
from trustplan.reports.models import PackSnapshot


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_the_live_pack_holds_kpis_delivery_commentary_and_risks(reporting) -> None:
    pack = packs.live_pack(reporting["board"], reporting["quarter"])
    assert (pack.board, pack.quarter, pack.state) == (
        "Safeguarding Board",
        "2023-Q3",
        "Draft: not approved",
    )
    (priority,) = pack.priorities
    assert [(k.number, k.latest, k.rag) for k in priority.kpis] == [
        ("1", "290.0 per 100000 aged 10-17", Rating.AMBER),
        ("2", None, Rating.NOT_RATED),
    ]
    assert [k.number for k in priority.kpis_exceptions_first()] == ["2", "1"]  # no data first
    actions = {a.number: a for a in priority.actions()}
    assert actions["1.1"].rating == Rating.AMBER
    assert actions["1.1"].narrative == "Two triage staff short."
    assert actions["1.2"].update_state == "Not submitted"
    assert priority.commentary is not None
    assert priority.commentary.needs_to_improve == "Repeat referrals are rising."
    # Action 1.1 was due on 31 December 2023 and is not complete: overdue, so red.
    assert priority.objectives[0].rating_rule == "Red because 1 of 1 action is red (1 overdue)."
    assert priority.rating == Rating.RED
    assert priority.rating_rule == "Red because 1 of 1 objective is red."


def test_an_action_due_in_the_quarter_and_not_done_is_overdue(reporting) -> None:
    (priority,) = packs.live_pack(reporting["board"], reporting["quarter"]).priorities
    owned = next(a for a in priority.actions() if a.number == "1.1")
    assert owned.due_this_quarter  # due 31 December 2023
    assert owned.overdue


def test_the_pack_in_word_lists_exceptions_first_with_their_ratings(reporting) -> None:
    data = word.board_pack_docx(packs.live_pack(reporting["board"], reporting["quarter"]))
    document = Document(io.BytesIO(data))
    kpi_table = next(
        t for t in document.tables if t.rows[0].cells[0].text.strip() in ("Number", "No.")
    )
    rows = [[cell.text for cell in row.cells] for row in kpi_table.rows[1:]]
    assert [row[0] for row in rows] == ["2", "1"]
    assert "Domestic abuse" in rows[0][1]
    assert "Amber" in " ".join(rows[1])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Triage decisions within a day." in text
    assert "Draft: not approved" in text


def test_the_data_appendix_holds_the_series_as_numbers(reporting) -> None:
    data = spreadsheet.board_pack_xlsx(packs.live_pack(reporting["board"], reporting["quarter"]))
    book = load_workbook(io.BytesIO(data))
    kpis = list(book["KPIs"].iter_rows(values_only=True))
    numbers = [row[1] for row in kpis[1:]]
    assert numbers == ["2", "1"]
    series = list(book["Series"].iter_rows(values_only=True))[1:]
    assert [round(row[4], 1) for row in series] == PORTSMOUTH  # calculated from the counts
    assert [row[7] for row in series] == [round(v * 170) for v in PORTSMOUTH]


def test_publishing_freezes_the_pack_and_a_data_revision_never_changes_it(reporting) -> None:
    snapshot = packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    assert (snapshot.version, snapshot.pack().state) == (1, "Published, version 1")
    before = {
        f.__name__: f(snapshot.pack())
        for f in (pdf.board_pack_pdf, word.board_pack_docx, spreadsheet.board_pack_xlsx)
    }
    revised = [*PORTSMOUTH[:-1], 250.0]  # 2022/23 revised from 290 to 250
    assert load(observations_csv({"E06000044": revised})).record.outcome == "applied"
    live = packs.live_pack(reporting["board"], reporting["quarter"])
    assert live.priorities[0].kpis[0].latest == "250.0 per 100000 aged 10-17"
    stored = PackSnapshot.objects.get(pk=snapshot.pk)
    assert stored.is_intact()
    after = {
        f.__name__: f(stored.pack())
        for f in (pdf.board_pack_pdf, word.board_pack_docx, spreadsheet.board_pack_xlsx)
    }
    assert after == before
    assert "290.0 per 100000 aged 10-17" in pdf_text(after["board_pack_pdf"])


def test_publishing_again_makes_version_2_and_keeps_version_1(reporting) -> None:
    first = packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    second = packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    assert [s.version for s in PackSnapshot.objects.filter(board=reporting["board"])] == [2, 1]
    assert first.content != second.content
    assert packs.latest_snapshot(reporting["board"], reporting["quarter"]) == second


def test_a_pack_cannot_be_published_while_an_update_awaits_review(reporting) -> None:
    waiting = ActionUpdate.objects.get(quarter=reporting["quarter"], action=reporting["ownerless"])
    waiting.rating, waiting.status = "green", "in_progress"
    waiting.submit(by=reporting["admin"])
    with pytest.raises(packs.PublishBlockedError, match=r"Action 1\.2's update is awaiting review"):
        packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    assert not PackSnapshot.objects.exists()


@pytest.mark.parametrize(
    ("likelihood", "impact", "rating"),
    [
        (5, 3, "red"),
        (3, 5, "red"),
        (2, 4, "amber"),
        (2, 7, "amber"),
        (1, 5, "green"),
        (7, 1, "green"),
    ],
)
def test_risks_are_rated_by_the_five_by_five_bands(likelihood, impact, rating) -> None:
    assert packs.risk_rating(likelihood * impact) == Rating(rating)
