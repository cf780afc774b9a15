"""`trustplan plan`: validate, load and export from the command line, and refuse bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import plan_data
from trustplan.plans.models import Plan, PlanRevision

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> str:
    out = StringIO()
    call_command("plan", *args, stdout=out, stderr=out)
    return out.getvalue()


def write(tmp_path: Path, data: object, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_validate_json_reports_what_the_2020_23_plan_lists_and_what_it_claims() -> None:
    report = json.loads(run("validate", str(EXAMPLES / "portsmouth-2020-23/plan.yaml"), "--json"))
    assert report["loadable"]
    counts = report["counts"]
    assert {k: counts[k] for k in ("priorities", "objectives", "indicators", "themes")} == {
        "priorities": 6,
        "objectives": 55,
        "indicators": 62,
        "themes": 6,
    }
    assert [p["indicators"] for p in counts["per_priority"]] == [6, 12, 10, 9, 12, 13]
    assert [p["objectives"] for p in counts["per_priority"]] == [10, 10, 9, 11, 8, 7]
    disagreements = {(c["of"], c["stated"]) for c in report["stated_totals"] if not c["agrees"]}
    assert {("indicators", 58), ("objectives", 54), ("themes", 5)} <= disagreements
    messages = [f["message"] for f in report["inconsistencies"]]
    assert any("states 58 indicators but lists 62" in m for m in messages)
    assert any("states 54 objectives but lists 55" in m for m in messages)
    assert any(
        "Priority 3 (Physical Health) has a vision that is not yet written" in m for m in messages
    )


def test_validate_the_2011_14_plan_flags_priority_c_without_a_lead_partnership() -> None:
    report = json.loads(run("validate", str(EXAMPLES / "portsmouth-2011-14/plan.yaml"), "--json"))
    assert report["counts"]["priorities"] == 7
    assert [p["number"] for p in report["counts"]["per_priority"]] == list("ABCDEFG")
    missing_board = [f for f in report["inconsistencies"] if f["rule"] == "MissingBoard"]
    assert [f["path"] for f in missing_board] == ["priorities[2]"]


def test_validate_strict_fails_on_inconsistencies() -> None:
    with pytest.raises(CommandError, match="inconsistency"):
        run("validate", str(EXAMPLES / "portsmouth-2011-14/plan.yaml"), "--strict")


@pytest.mark.django_db
def test_load_then_load_again_is_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, plan_data())
    first = run("load", str(path))
    assert (
        "Created plan test-plan (2 priorities, 3 objectives, 3 indicators, 1 themes); revision 1."
        in first
    )
    assert "unchanged" in run("load", str(path))
    assert PlanRevision.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            lambda text: text.replace("title: Education", "title: [Education"),
            "YAML syntax error",
            id="syntax-error",
        ),
        pytest.param(
            lambda text: text.replace("  partnership: Testshire Children's Trust\n", ""),
            "missing required field 'partnership' at plan",
            id="missing-field",
        ),
        pytest.param(
            lambda text: text.replace(
                "  status: consultation\n", "  status: consultation\n  colour: red\n"
            ),
            "unknown key 'colour' at plan",
            id="unknown-key",
        ),
        pytest.param(
            lambda text: text.replace("- number: '2'", "- number: '1'"),
            "Priority number '1' is used twice",
            id="duplicate-numbering",
        ),
    ],
)
def test_bad_files_are_refused_naming_file_line_and_problem_and_change_nothing(
    tmp_path: Path, mutate: object, expected: str
) -> None:
    good = write(tmp_path, plan_data(title="Original title"), "good.yaml")
    run("load", str(good))
    bad = tmp_path / "bad.yaml"
    bad.write_text(mutate(good.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    assert bad.read_text(encoding="utf-8") != good.read_text(encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="not loaded; nothing was changed"):
        call_command("plan", "load", str(bad), stdout=StringIO(), stderr=err)
    assert expected in err.getvalue()
    assert f"{bad}:" in err.getvalue()  # file:line
    assert Plan.objects.get().title == "Original title"
    assert PlanRevision.objects.count() == 1


@pytest.mark.django_db
def test_export_writes_the_stored_plan_as_a_loadable_file(tmp_path: Path) -> None:
    run("load", str(write(tmp_path, plan_data())))
    out = tmp_path / "out.yaml"
    run("export", "test-plan", "--out", str(out))
    assert "unchanged" in run("load", str(out))


@pytest.mark.django_db
def test_export_of_an_unknown_plan_names_the_known_ones(tmp_path: Path) -> None:
    run("load", str(write(tmp_path, plan_data())))
    with pytest.raises(CommandError, match=r"no plan with slug 'nope' \(stored plans: test-plan\)"):
        run("export", "nope")


def test_schema_is_json_schema_for_the_plan_file() -> None:
    schema = json.loads(run("schema"))
    assert schema["title"] == "PlanDocument"
    assert {"plan", "priorities", "themes"} <= set(schema["properties"])


def test_the_command_exits_non_zero_on_a_bad_file_naming_file_line_and_problem(
    tmp_path: Path,
) -> None:
    data = plan_data()
    data["priorities"][1]["number"] = "1"
    bad = write(tmp_path, data, "bad.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "trustplan", "plan", "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "TRUSTPLAN_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 1
    priority_lines = [
        n for n, text in enumerate(bad.read_text().splitlines(), 1) if text == "- number: '1'"
    ]
    line = priority_lines[1]  # the second priority, now numbered 1 too
    assert f"{bad}:{line}: Priority number '1' is used twice" in result.stdout
    assert "error(s); the plan cannot be loaded" in result.stderr
