"""The dependency audit's verdict in `tasks.py check`: a known vulnerability always fails; a
dependency that could not be looked up fails in CI and is reported as skipped elsewhere."""

from __future__ import annotations

from typing import Any

import tasks

CLEAN = {"name": "django", "version": "5.2.8", "vulns": []}
VULNERABLE = {
    "name": "example",
    "version": "1.0",
    "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["1.1", "2.0"]}],
}
UNFIXED = {"name": "other", "version": "3.0", "vulns": [{"id": "GHSA-xxxx", "fix_versions": []}]}
UNREACHABLE = {"name": "altair", "skip_reason": "Dependency not found on PyPI: altair (6.3.0)"}


def verdict(*dependencies: dict[str, Any], required: bool = True) -> tuple[list[str], str]:
    return tasks.audit_verdict(list(dependencies), required=required)


def test_a_clean_audit_passes_and_says_how_many_were_checked() -> None:
    assert verdict(CLEAN, CLEAN) == (
        ["  pip-audit: no known vulnerability in 2 dependencies"],
        "",
    )


def test_a_known_vulnerability_fails_naming_it_and_its_fix() -> None:
    lines, failure = verdict(CLEAN, VULNERABLE, UNFIXED, required=False)
    assert lines == [
        "  example 1.0: PYSEC-2099-1 (fixed in: 1.1, 2.0)",
        "  other 3.0: GHSA-xxxx (fixed in: no release yet)",
    ]
    assert failure == "2 locked dependencies have known vulnerabilities"


def test_an_audit_that_could_not_look_dependencies_up_fails_in_ci() -> None:
    lines, failure = verdict(CLEAN, UNREACHABLE, required=True)
    assert lines == []
    assert failure.startswith("pip-audit could not look up 1 of 2 dependencies (for example:")


def test_elsewhere_it_is_reported_as_skipped_not_passed() -> None:
    lines, failure = verdict(CLEAN, UNREACHABLE, required=False)
    assert failure == ""
    assert lines[0].endswith("The dependency audit is SKIPPED")
