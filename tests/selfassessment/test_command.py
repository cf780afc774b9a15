"""`trustplan selfassessment framework load FILE | list`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.selfassessment.conftest import FRAMEWORK
from trustplan.frameworks import EARLY_HELP_2020, shipped_path
from trustplan.selfassessment.models import Framework


def run(*args: str) -> str:
    out = StringIO()
    call_command("selfassessment", *args, stdout=out)
    return out.getvalue()


def test_loading_the_shipped_framework_stores_it_once(db: None) -> None:
    path = str(shipped_path(EARLY_HELP_2020))
    assert run("framework", "load", path) == (
        "Stored early-help-self-assessment version 1: Early help self-assessment "
        "(4 areas, 41 descriptors).\n"
    )
    assert run("framework", "load", path) == (
        "early-help-self-assessment version 1 is already stored; unchanged.\n"
    )
    stored = Framework.objects.get()
    assert stored.document == shipped_path(EARLY_HELP_2020).read_text(encoding="utf-8")
    assert len(stored.sha256) == 64


def test_a_new_version_is_a_new_row_and_changed_content_needs_one(db: None, tmp_path: Path) -> None:
    first = tmp_path / "v1.yaml"
    first.write_text(FRAMEWORK, encoding="utf-8")
    run("framework", "load", str(first))
    changed = tmp_path / "changed.yaml"
    changed.write_text(FRAMEWORK.replace("One family one plan", "One plan"), encoding="utf-8")
    with pytest.raises(CommandError, match="version 1 of test-framework is already stored"):
        run("framework", "load", str(changed))
    second = tmp_path / "v2.yaml"
    second.write_text(
        FRAMEWORK.replace("version: 1", "version: 2").replace("One family one plan", "One plan"),
        encoding="utf-8",
    )
    run("framework", "load", str(second))
    assert list(Framework.objects.values_list("version", flat=True)) == [2, 1]
    assert Framework.objects.get(version=1).parsed.areas[0].descriptors[0].text == (
        "One family one plan"
    )


def test_a_bad_framework_file_is_refused_naming_its_problems(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(FRAMEWORK.replace("expected_descriptors: 3", "expected_descriptors: 4"))
    with pytest.raises(CommandError) as refused:
        run("framework", "load", str(bad))
    assert str(refused.value) == (
        f"{bad} is not a valid framework:\n  line 15: areas[0].descriptors: the area states 4 "
        "descriptors (expected_descriptors) but lists 3"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("key: [unclosed\n")
    with pytest.raises(CommandError, match="line 2: YAML syntax error"):
        run("framework", "load", str(broken))
    with pytest.raises(CommandError, match="cannot be read"):
        run("framework", "load", str(tmp_path / "missing.yaml"))
    assert not Framework.objects.exists()


def test_list_shows_stored_versions_and_where_the_shipped_ones_are(db: None) -> None:
    assert run("framework", "list").splitlines()[0] == "No framework is stored yet."
    run("framework", "load", str(shipped_path(EARLY_HELP_2020)))
    lines = run("framework", "list").splitlines()
    assert lines[0] == (
        "early-help-self-assessment version 1: Early help self-assessment (41 descriptors, "
        "0 rounds)"
    )
    assert lines[-1].strip().endswith("early-help-2020.yaml")
