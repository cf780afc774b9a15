"""Report pages and files: who sees an unpublished pack, who publishes, what the files hold."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.factories import client_for
from trustplan.reports import packs
from trustplan.reports.models import PackSnapshot

PACKS = "/plans/test-plan/boards/{board}/packs/2023-Q3/"
SAFEGUARDING = PACKS.format(board="safeguarding-board")
EDUCATION = PACKS.format(board="education-board")


@pytest.mark.parametrize("who", ["admin", "analyst", "lead", "member"])
def test_the_boards_members_leads_and_analysts_see_the_unpublished_pack(reporting, who) -> None:
    response = client_for(reporting, who).get(SAFEGUARDING)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Draft: not approved" in content
    assert "Triage decisions within a day." in content


@pytest.mark.parametrize("who", ["viewer", "owner", "other_lead", "outsider"])
def test_nobody_else_sees_a_boards_unpublished_pack(reporting, who) -> None:
    assert client_for(reporting, who).get(SAFEGUARDING).status_code == 403
    assert client_for(reporting, who).get(f"{SAFEGUARDING[:-1]}.pdf").status_code == 403


def test_a_board_member_does_not_see_another_boards_unpublished_pack(reporting) -> None:
    member = client_for(reporting, "member")
    assert member.get(EDUCATION).status_code == 403
    assert member.get(f"{EDUCATION}?draft=1").status_code == 403
    assert member.get(f"{EDUCATION[:-1]}.docx").status_code == 403


def test_once_published_the_pack_is_for_everyone_who_reads_the_plan(reporting) -> None:
    packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    response = client_for(reporting, "viewer").get(SAFEGUARDING)
    assert response.status_code == 200
    assert "Published, version 1" in response.content.decode()
    assert client_for(reporting, "viewer").get(f"{SAFEGUARDING}?draft=1").status_code == 403
    assert client_for(reporting, "outsider").get(SAFEGUARDING).status_code == 403


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 403), ("other_lead", 403), ("member", 403), ("viewer", 403)]
)
def test_only_the_lead_or_an_administrator_publishes(reporting, who, status) -> None:
    assert client_for(reporting, who).post(f"{SAFEGUARDING}publish/").status_code == status
    assert not PackSnapshot.objects.exists()


def test_the_lead_publishes_and_is_taken_to_the_frozen_version(reporting) -> None:
    response = client_for(reporting, "lead").post(f"{SAFEGUARDING}publish/")
    assert response.status_code == 302
    assert response["Location"] == f"{SAFEGUARDING}?version=1"
    snapshot = PackSnapshot.objects.get()
    assert (snapshot.version, snapshot.frozen_by) == (1, reporting["lead"])


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_the_pack_downloads_in_each_format(reporting, fmt, content_type, magic) -> None:
    response = client_for(reporting, "lead").get(f"{SAFEGUARDING[:-1]}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="safeguarding-board-2023-q3-vdraft.{fmt}"'
    )


def test_the_downloaded_pdf_is_the_pack(reporting) -> None:
    data = client_for(reporting, "lead").get(f"{SAFEGUARDING[:-1]}.pdf").content
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "Quarterly report to the Safeguarding Board" in text
    assert "Repeat referrals are rising." in text


def test_an_unknown_format_version_or_quarter_is_not_found(reporting) -> None:
    lead = client_for(reporting, "lead")
    assert lead.get(f"{SAFEGUARDING[:-1]}.exe").status_code == 404
    assert lead.get(f"{SAFEGUARDING}?version=9").status_code == 404
    assert lead.get(f"{SAFEGUARDING}?version=x").status_code == 404
    assert lead.get(SAFEGUARDING.replace("2023-Q3", "2023-Q1")).status_code == 404


def test_the_scorecard_shows_every_kpi_and_filters_by_board(reporting) -> None:
    viewer = client_for(reporting, "viewer")
    everything = viewer.get("/plans/test-plan/scorecard/").content.decode()
    assert all(
        t in everything for t in ("School attendance", "First time entrants", "Domestic abuse")
    )
    one_board = viewer.get("/plans/test-plan/scorecard/?board=education-board").content.decode()
    assert "School attendance" in one_board
    assert "First time entrants" not in one_board
    assert 'href="/indicators/fte/"' in everything  # the deep dive
    assert viewer.get("/plans/test-plan/scorecard/?board=nope").status_code == 404


def test_the_scorecard_downloads_as_excel_and_pdf(reporting) -> None:
    viewer = client_for(reporting, "viewer")
    assert viewer.get("/plans/test-plan/scorecard.xlsx").content.startswith(b"PK")
    assert viewer.get("/plans/test-plan/scorecard.pdf").content.startswith(b"%PDF")


def test_the_annual_report_is_in_committee_form(reporting) -> None:
    content = (
        client_for(reporting, "viewer").get("/plans/test-plan/annual/2023-24/").content.decode()
    )
    for words in (
        "Title of meeting",
        "Health and Wellbeing Board",
        "Wards affected",
        "1. Purpose",
        "THIS ITEM IS FOR INFORMATION ONLY",
        "Section 100D of the Local Government Act 1972",
        "Repeat referrals are rising.",
    ):
        assert words in content
    assert (
        client_for(reporting, "outsider").get("/plans/test-plan/annual/2023-24/").status_code == 403
    )
    assert (
        client_for(reporting, "viewer").get("/plans/test-plan/annual/2023-25/").status_code == 404
    )


@pytest.mark.parametrize(("paper", "width"), [("a4", 842), ("a3", 1191)])
def test_the_plan_on_a_page_is_one_landscape_sheet(reporting, paper, width) -> None:
    data = (
        client_for(reporting, "viewer")
        .get(f"/plans/test-plan/plan-on-a-page.pdf?paper={paper}")
        .content
    )
    (page,) = PdfReader(io.BytesIO(data)).pages
    assert round(float(page.mediabox.width)) == width
    assert "Improve attainment" in page.extract_text() or "Attainment" in page.extract_text()
