"""`trustplan report`: files written whole, and bad requests refused with a clear message."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

from trustplan.reports import packs

QUARTERLY = ["report", "quarterly", "--plan", "test-plan", "--board", "safeguarding-board"]


def test_a_published_pack_is_written_in_each_format(reporting, tmp_path) -> None:
    packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    for fmt in ("pdf", "docx", "xlsx", "html"):
        out = tmp_path / f"pack.{fmt}"
        call_command(
            *QUARTERLY,
            "--quarter",
            "2023-Q3",
            "--format",
            fmt,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    assert "Published, version 1" in (tmp_path / "pack.html").read_text()
    text = "\n".join(p.text for p in Document(str(tmp_path / "pack.docx")).paragraphs)
    assert "Quarterly report to the Safeguarding Board" in text


def test_the_same_frozen_pack_builds_to_the_same_bytes(reporting, tmp_path) -> None:
    packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    for name in ("one.pdf", "two.pdf"):
        call_command(
            *QUARTERLY, "--quarter", "2023-Q3", "--out", str(tmp_path / name), stdout=io.StringIO()
        )
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_an_unpublished_pack_needs_draft(reporting, tmp_path) -> None:
    out = tmp_path / "pack.pdf"
    with pytest.raises(CommandError, match="No published pack for Safeguarding Board"):
        call_command(*QUARTERLY, "--quarter", "2023-Q3", "--out", str(out))
    assert not out.exists()
    call_command(
        *QUARTERLY, "--quarter", "2023-Q3", "--draft", "--out", str(out), stdout=io.StringIO()
    )
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Draft: not approved" in " ".join(text.split())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["report", "quarterly", "--plan", "nope", "--board", "x", "--quarter", "2023-Q3"],
            "No plan is called 'nope' (plans: test-plan)",
        ),
        (
            [*QUARTERLY[:4], "--board", "nope", "--quarter", "2023-Q3"],
            "has no board 'nope' (its boards: safeguarding-board, education-board)",
        ),
        ([*QUARTERLY, "--quarter", "2023-Q7"], "'2023-Q7' is not a quarter"),
        (
            [*QUARTERLY, "--quarter", "2022-Q1"],
            "Quarter 1 2022/23 (April to June 2022) has not been opened",
        ),
        (
            [*QUARTERLY, "--quarter", "2023-Q3", "--version", "4"],
            "No published version 4 of the pack",
        ),
        (
            ["report", "annual", "--plan", "test-plan", "--year", "2023-24"],
            "'2023-24' is not a financial year",
        ),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message(
    reporting, tmp_path, arguments, message
) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(CommandError) as refused:
        call_command(*arguments, "--out", str(out))
    assert message in str(refused.value)
    assert not out.exists()


def test_a_missing_output_folder_is_refused(reporting, tmp_path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "report",
            "plan-on-a-page",
            "--plan",
            "test-plan",
            "--out",
            str(tmp_path / "no" / "p.pdf"),
        )


def test_the_annual_report_and_scorecard_are_written(reporting, tmp_path) -> None:
    call_command(
        "report",
        "annual",
        "--plan",
        "test-plan",
        "--year",
        "2023/24",
        "--meeting-date",
        "2024-06-12",
        "--format",
        "docx",
        "--out",
        str(tmp_path / "annual.docx"),
        stdout=io.StringIO(),
    )
    text = "\n".join(p.text for p in Document(str(tmp_path / "annual.docx")).paragraphs)
    assert "Section 100D of the Local Government Act 1972" in text
    call_command(
        "report",
        "scorecard",
        "--plan",
        "test-plan",
        "--format",
        "xlsx",
        "--out",
        str(tmp_path / "s.xlsx"),
        stdout=io.StringIO(),
    )
    assert (tmp_path / "s.xlsx").read_bytes().startswith(b"PK")


def test_publish_from_the_command_line(reporting) -> None:
    out = io.StringIO()
    call_command(
        "report",
        "publish",
        "--plan",
        "test-plan",
        "--board",
        "safeguarding-board",
        "--quarter",
        "2023-Q3",
        "--by",
        "lead",
        stdout=out,
    )
    assert "Published version 1" in out.getvalue()
    with pytest.raises(CommandError, match="No user is called 'ghost'"):
        call_command(
            "report",
            "publish",
            "--plan",
            "test-plan",
            "--board",
            "safeguarding-board",
            "--quarter",
            "2023-Q3",
            "--by",
            "ghost",
        )
