"""`trustplan bench reports` times each document and checks each frozen pack rebuilds the same."""

from __future__ import annotations

import pytest

from trustplan.reports import packs
from trustplan.reports.benchmarking import run, table


def test_every_published_pack_and_the_annual_report_are_timed_and_rebuild_the_same(
    reporting,
) -> None:
    packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    timings = run(reporting["plan"], "2023/24", say=lambda _: None)
    assert [t.document for t in timings] == [
        "Safeguarding Board: build from the database",
        "Safeguarding Board: PDF",
        "Safeguarding Board: DOCX",
        "Safeguarding Board: XLSX",
        "Annual report: build from the database",
        "Annual report: PDF",
        "Annual report: DOCX",
    ]
    documents = [t for t in timings if t.size]
    assert all(t.same_on_rebuild for t in documents)
    lines = table(timings)
    assert lines[-1].startswith("5 documents;")
    assert "rebuilt identical" in lines[0]


def test_nothing_published_is_a_clear_error(reporting) -> None:
    with pytest.raises(ValueError, match="has no published pack to rebuild"):
        run(reporting["plan"], "2023/24", say=lambda _: None)
