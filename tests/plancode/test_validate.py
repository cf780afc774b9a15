"""Validating a plan file: bad input gets a message naming its line, path and problem."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.factories import plan_data
from trustplan.plancode import validate_text
from trustplan.plancode.validate import validate_file


def dumped(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False)


def test_a_good_file_is_loadable_with_its_counts() -> None:
    report = validate_text(dumped(plan_data()), "plan.yaml")
    assert report.loadable
    counts = report.as_dict()["counts"]
    assert (counts["priorities"], counts["objectives"], counts["indicators"], counts["themes"]) == (
        2,
        3,
        3,
        1,
    )
    assert report.as_dict()["stated_totals"] == [
        {"of": "indicators", "stated": 4, "listed": 3, "agrees": False, "source": "Section E"}
    ]


def test_syntax_error_is_not_loadable_and_names_the_line() -> None:
    report = validate_text("schema_version: 1\nplan: {slug: x\n", "bad.yaml")
    assert not report.loadable
    [error] = report.as_dict()["errors"]
    assert error["rule"] == "YamlSyntax"
    assert error["line"] == 3


def test_missing_required_field_names_its_path_and_line() -> None:
    data = plan_data()
    del data["priorities"][1]["title"]
    report = validate_text(dumped(data), "plan.yaml")
    [error] = report.as_dict()["errors"]
    assert error["message"] == "missing required field 'title' at priorities[1]"
    assert error["path"] == "priorities[1].title"
    lines = dumped(data).splitlines()
    assert lines[error["line"] - 1].lstrip().startswith("- number: '2'")


def test_unknown_key_names_the_key_and_its_line() -> None:
    data = plan_data()
    data["priorities"][0]["indicators"][0]["colour"] = "red"
    text = dumped(data)
    [error] = validate_text(text, "plan.yaml").as_dict()["errors"]
    assert error["rule"] == "UnknownKey"
    assert error["message"] == "unknown key 'colour' at priorities[0].indicators[0]"
    assert text.splitlines()[error["line"] - 1].strip() == "colour: red"


def test_invalid_value_says_what_was_given() -> None:
    data = plan_data()
    data["plan"]["status"] = "finished"
    [error] = validate_text(dumped(data), "plan.yaml").as_dict()["errors"]
    assert error["path"] == "plan.status"
    assert "'finished'" in error["message"]


def test_period_must_run_forwards() -> None:
    data = plan_data(period_start="2023-03-31", period_end="2020-04-01")
    [error] = validate_text(dumped(data), "plan.yaml").as_dict()["errors"]
    assert "period_end 2020-04-01 must be after period_start 2023-03-31" in error["message"]


def test_duplicate_numbering_is_an_error_with_its_line() -> None:
    data = plan_data()
    data["priorities"][1]["objectives"][1]["number"] = 1
    text = dumped(data)
    report = validate_text(text, "plan.yaml")
    assert not report.loadable
    [error] = report.as_dict()["errors"]
    assert error["rule"] == "DuplicateObjectiveNumber"
    assert text.splitlines()[error["line"] - 1].strip() == "- number: 1"


def test_a_file_that_is_not_a_mapping() -> None:
    [error] = validate_text("- just\n- a list\n", "plan.yaml").as_dict()["errors"]
    assert error["rule"] == "NotAMapping"


def test_an_empty_file() -> None:
    assert not validate_text("", "plan.yaml").loadable


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"plan: caf\xe9\n")
    [error] = validate_file(path).as_dict()["errors"]
    assert error["rule"] == "NotUtf8"


def test_a_missing_file(tmp_path: Path) -> None:
    [error] = validate_file(tmp_path / "nope.yaml").as_dict()["errors"]
    assert error["rule"] == "Unreadable"
