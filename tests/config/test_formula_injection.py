"""CSV and formula injection: every spreadsheet trustplan writes, given text that a spreadsheet
would run ("=HYPERLINK(…)", "+cmd…", "-1+1", "@SUM(…)") in every text field it takes from
people or feeds, writes it as text that cannot run.

The exports walked here are every one in the code (the last test keeps the list whole):

- the rejected rows of an import (CSV, web);
- ``trustplan data export`` (CSV and XLSX);
- the hub's hotspots (CSV and XLSX, web and ``trustplan hub hotspots --out``);
- ``trustplan hub export links|families|flags`` and ``trustplan hub quarantine`` (CSV);
- the board pack's data appendix and the scorecard (XLSX, ``trustplan.documents``);
- ``trustplan hub extract --pseudonymised`` (CSV);
- the audit log search's export (CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook
from pydantic import BaseModel

from tests.documents import examples
from tests.factories import client_for, make_user
from trustplan.access.models import Role
from trustplan.documents.spreadsheet import board_pack_xlsx, scorecard_xlsx
from trustplan.hub.models import (
    DataSharingAgreement,
    Family,
    FamilyMember,
    FamilyRun,
    FeedLoad,
    Flag,
    HubRecord,
    LinkRun,
    Locality,
    PersonLink,
    QuarantinedRow,
)
from trustplan.measures.models import Area, DataImport, Target

SRC = Path(__file__).resolve().parents[2] / "src" / "trustplan"
# Short enough for every column they are put in (a family id holds 40 characters).
PAYLOADS = ('=HYPERLINK("http://x.example")', "+cmd|'/C calc'!A0", "-1+1", "@SUM(1+1)")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


def assert_csv_neutralised(text: str) -> None:
    """No cell starts as a formula, and every payload is there, as text behind an apostrophe."""
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    running = [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert running == []
    found = {p for p in PAYLOADS for cell in cells if cell == f"'{p}"}
    assert found, "the export held none of the payloads: the test is not testing anything"


def assert_xlsx_neutralised(data: bytes, expected: int = len(PAYLOADS)) -> None:
    """No cell is a formula or text that starts as one; the payloads are there as text."""
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert [text for text in texts if text.startswith(FORMULA_START)] == []
    found = {p for p in PAYLOADS for text in texts if text == f"'{p}"}
    assert len(found) >= expected


# The indicator data pages and command.


def test_the_rejected_rows_download_cannot_run_formulas(kpi_data: dict[str, Any]) -> None:
    record = DataImport.objects.create(
        file_name="bad.csv",
        sha256="0" * 64,
        file_format="csv",
        how="test",
        outcome=DataImport.Outcome.REJECTED,
        rejected_rows=[
            {"sheet": payload(0), "row": 2, "column": payload(1), "rule": payload(2)},
            {"sheet": "bad.csv", "row": 3, "column": "value", "message": payload(3)},
        ],
    )
    client = client_for(kpi_data, "analyst")
    response = client.get(f"/data/imports/{record.pk}/rejected-rows.csv")
    assert response.status_code == 200
    assert_csv_neutralised(response.content.decode())


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_indicator_data_export_cannot_run_formulas(
    kpi_data: dict[str, Any], tmp_path: Path, file_format: str
) -> None:
    Area.objects.filter(code="E06000044").update(name=payload(0))
    Target.objects.update(label=payload(1), source=payload(2))
    Area.objects.filter(code="E92000001").update(name=payload(3))
    out = tmp_path / f"export.{file_format}"
    call_command(
        "data", "export", "--plan", "test-plan", "--format", file_format, "--out", str(out)
    )
    if file_format == "csv":
        assert_csv_neutralised(out.read_text(encoding="utf-8"))
    else:
        # The targets sheet carries no area names; the observations sheet all four payloads.
        assert_xlsx_neutralised(out.read_bytes(), expected=3)


# The hub.


@pytest.fixture
def hub_run(db: None) -> dict[str, Any]:
    """A family run with a locality, families, people and flags all named by payloads."""
    link_run = LinkRun.objects.create(engine="duckdb", model="{}")
    for index in range(4):
        PersonLink.objects.create(
            run=link_run, feed_type=payload(index), record_id=payload(index + 1), person_id="P1"
        )
    run = FamilyRun.objects.create(
        link_run=link_run,
        as_at=dt.date(2024, 3, 31),
        rule_sets=[{"key": payload(2), "version": 1}],
    )
    locality = Locality.objects.create(name=payload(0))
    for index in range(12):
        family = Family.objects.create(
            run=run, family_id=f"{payload(index)}{index}", household_id="H", locality=locality
        )
        FamilyMember.objects.create(family=family, person_id=payload(index + 1))
        Flag.objects.create(
            family=family,
            rule_set=payload(2),
            rule_set_version="1",
            criteria=[payload(3), "x"],
            indicators=[],
            score=2,
        )
    return {"run": run, "analyst": make_user("analyst", Role.ANALYST)}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_hotspot_downloads_cannot_run_formulas(
    hub_run: dict[str, Any], file_format: str
) -> None:
    client = client_for(hub_run, "analyst")
    response = client.get(f"/hub/hotspots.{file_format}")
    assert response.status_code == 200
    if file_format == "csv":
        assert_csv_neutralised(response.content.decode())
    else:
        assert_xlsx_neutralised(response.content, expected=2)  # the locality and the rule set


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_hotspots_command_cannot_write_formulas(
    hub_run: dict[str, Any], tmp_path: Path, file_format: str
) -> None:
    out = tmp_path / f"hotspots.{file_format}"
    call_command("hub", "hotspots", "--out", str(out), stdout=io.StringIO())
    if file_format == "csv":
        assert_csv_neutralised(out.read_text(encoding="utf-8"))
    else:
        assert_xlsx_neutralised(out.read_bytes(), expected=2)


@pytest.mark.parametrize("what", ["links", "families", "flags"])
def test_the_hub_exports_cannot_run_formulas(
    hub_run: dict[str, Any], tmp_path: Path, what: str
) -> None:
    out = tmp_path / f"{what}.csv"
    call_command("hub", "export", what, "--out", str(out), stdout=io.StringIO())
    assert_csv_neutralised(out.read_text(encoding="utf-8"))


def test_the_quarantine_export_cannot_run_formulas(db: None, tmp_path: Path) -> None:
    load = feed_load()
    QuarantinedRow.objects.create(
        load=load,
        row=2,
        column=payload(0),
        reason=payload(1),
        raw={"record_id": payload(2), "first_name": payload(3)},
    )
    out = tmp_path / "quarantine.csv"
    call_command("hub", "quarantine", str(load.pk), "--out", str(out), stdout=io.StringIO())
    assert_csv_neutralised(out.read_text(encoding="utf-8"))


@override_settings(TRUSTPLAN_PSEUDONYMISATION_KEY="k" * 48)
def test_the_pseudonymised_extract_cannot_run_formulas(db: None, tmp_path: Path) -> None:
    load = feed_load()
    for index in range(4):
        HubRecord.objects.create(
            load=load,
            feed_type=payload(index),
            record_id=f"R{index}",
            first_name="Anna",
            last_name="Smith",
            date_of_birth=dt.date(2010, 3, 4),
            ethnicity=payload(2),
            event={"incident_type": payload(index)},
        )
    out = tmp_path / "extract.csv"
    call_command("hub", "extract", "--pseudonymised", "--out", str(out), stdout=io.StringIO())
    assert_csv_neutralised(out.read_text(encoding="utf-8"))


def feed_load() -> FeedLoad:
    agreement = DataSharingAgreement.objects.create(
        title="Police and council",
        feeds=["police_incidents"],
        lawful_basis="UK GDPR Article 6(1)(e)",
        purposes="Offering families early help",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        retention_days=730,
    )
    return FeedLoad.objects.create(
        feed_type="police_incidents",
        file_name="police.csv",
        sha256="0" * 64,
        agreement=agreement,
        outcome=FeedLoad.Outcome.LOADED,
    )


# Reports and the audit log.


def _strings_poisoned(value: Any, counter: Iterator[int]) -> Any:
    """``value`` with every plain string in it replaced by the next payload."""
    if type(value) is str:
        return payload(next(counter))
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return value.model_copy(
            update={name: _strings_poisoned(getattr(value, name), counter) for name in fields}
        )
    if isinstance(value, list):
        return [_strings_poisoned(item, counter) for item in value]
    return value


def poisoned(content: BaseModel) -> Any:
    return _strings_poisoned(content, iter(range(10**6)))


def test_the_board_packs_data_appendix_cannot_run_formulas() -> None:
    assert_xlsx_neutralised(board_pack_xlsx(poisoned(examples.board_pack())))


def test_the_scorecard_workbook_cannot_run_formulas() -> None:
    assert_xlsx_neutralised(scorecard_xlsx(poisoned(examples.scorecard())))


def test_the_audit_log_export_cannot_run_formulas(db: None) -> None:
    from trustplan.audit.models import AuditEntry
    from trustplan.governance.search import as_csv

    entries = [
        AuditEntry(
            pk=index + 1,
            at=timezone.now(),
            username=payload(index),
            action=AuditEntry.Action.EXPORT,
            object_type=payload(index + 1),
            object_id=payload(index + 2),
            purpose=payload(index + 3),
            detail=payload(index),
            entry_hash="0" * 64,
        )
        for index in range(4)
    ]
    text, count = as_csv(entries)
    assert count == 4
    assert_csv_neutralised(text)


# The list above is every export.

WRITES_SPREADSHEETS = re.compile(r"csv\.(writer|DictWriter)\(|Workbook\(|add_sheet\(")
EXPORTS = {
    "measures/views.py": "the rejected rows",
    "measures/exporting.py": "trustplan data export",
    "hub/aggregates.py": "the hotspots",
    "hub/cli/exports.py": "trustplan hub export",
    "hub/cli/feeds.py": "trustplan hub quarantine",
    "documents/spreadsheet.py": "the board pack appendix and the scorecard",
    "governance/search.py": "the audit log export",
    "hub/pseudonymise.py": "trustplan hub extract --pseudonymised",
}
NOT_EXPORTS = {
    "dataimport/templates.py": "the import template: fixed column names only",
    "demodata/files.py": "the demo's synthetic data files, made up by the generator",
    "hubcore/synth/feeds.py": "the synthetic city's feed files",
    "hubcore/synth/city.py": "the synthetic city's files",
    "hubcore/synth/truth.py": "the synthetic city's ground truth",
    "hub/kpis.py": "counts written for trustplan's own importer, never a download",
}


def test_every_module_that_writes_a_spreadsheet_is_walked_above_or_writes_no_ones_text() -> None:
    writers = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if WRITES_SPREADSHEETS.search(path.read_text(encoding="utf-8"))
    }
    assert writers == set(EXPORTS) | set(NOT_EXPORTS)
    for module in EXPORTS:
        assert "spreadsheet_safe" in (SRC / module).read_text(encoding="utf-8") or (
            "add_sheet(" in (SRC / module).read_text(encoding="utf-8")
        ), module
