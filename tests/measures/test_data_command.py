"""`trustplan data import|export`: the same import from the command line, and exports that
import again unchanged."""

from __future__ import annotations

import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from tests.measures.conftest import PORTSMOUTH, observations_csv
from trustplan.measures.models import Observation


def run(*args: str) -> str:
    out = StringIO()
    call_command("data", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_reports_what_changed(kpi_data: dict, tmp_path: Path) -> None:
    path = tmp_path / "revised.csv"
    path.write_text(observations_csv({"E06000044": [*PORTSMOUTH[:-1], 310.0]}))
    report = run("import", str(path))
    assert "revised.csv: Applied" in report
    assert "observations changed: 1" in report
    assert "changed fte E06000044 2022/23: value 290" in report


def test_import_json_and_dry_run(kpi_data: dict, tmp_path: Path) -> None:
    path = tmp_path / "revised.csv"
    path.write_text(observations_csv({"E06000044": [*PORTSMOUTH[:-1], 310.0]}))
    report = json.loads(run("import", str(path), "--dry-run", "--json"))
    assert report["outcome"] == "dry_run"
    assert report["counts"]["observations changed"] == 1
    latest = Observation.objects.get(area__code="E06000044", period_label="2022/23")
    assert latest.value == pytest.approx(290.0, abs=0.01)


def test_a_bad_file_fails_the_command_naming_each_bad_row(kpi_data: dict, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("indicator,area_code,period,value\nfte,E06000044,2023/24,abc\n")
    out = StringIO()
    with pytest.raises(CommandError, match="not imported; nothing was changed"):
        call_command("data", "import", str(path), stdout=out, stderr=StringIO())
    assert "bad.csv row 2 [value]" in out.getvalue()


def test_an_unreadable_path_is_a_clear_error(kpi_data: dict, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot be read"):
        run("import", str(tmp_path / "missing.csv"))


def test_a_csv_export_imports_again_unchanged(kpi_data: dict, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    run("export", "--plan", "test-plan", "--out", str(path))
    text = path.read_text()
    assert text.splitlines()[0].startswith("indicator,area_code,area_name,area_kind,period,value")
    assert "fte,E06000044,Portsmouth,local_authority,2022/23," in text
    assert "unchanged" in run("import", str(path)).lower() or "Nothing to change" in run(
        "import", str(path)
    )


def test_an_xlsx_export_has_observations_and_targets_and_imports_again_unchanged(
    kpi_data: dict, tmp_path: Path
) -> None:
    path = tmp_path / "export.xlsx"
    run("export", "--plan", "test-plan", "--format", "xlsx", "--out", str(path))
    workbook = load_workbook(BytesIO(path.read_bytes()), read_only=True)
    assert workbook.sheetnames == ["observations", "targets"]
    targets = list(workbook["targets"].values)
    assert targets[1][:5] == ("fte", "E06000044", "2024-03-31", 280, "5%")
    assert "Nothing to change" in run("import", str(path))


def test_export_of_an_unknown_plan(kpi_data: dict) -> None:
    with pytest.raises(CommandError, match="no plan with slug 'nope'"):
        run("export", "--plan", "nope")
