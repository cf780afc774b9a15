#!/usr/bin/env python3
"""trustplan's tasks. Run `python3 tasks.py` to list them.

Needs only Python 3.11 and pip: each task installs uv (into .bootstrap/ if it is not already on
the machine), installs the locked dependencies with it, then does its job.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
BOOTSTRAP = ROOT / ".bootstrap"
UV_REQUIREMENT = "uv>=0.9,<0.14"
DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/trustplan"
# Advisories the dependency audit may ignore: only one with no fixed release yet, each with why
# it does not reach trustplan and when that was last checked (docs/security.md). None today.
AUDIT_IGNORES: dict[str, str] = {}
TASKS: dict[str, Callable[[list[str]], int]] = {}


def task(function: Callable[[list[str]], int]) -> Callable[[list[str]], int]:
    TASKS[function.__name__.replace("_", "-")] = function
    return function


def say(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, env=env, check=False)  # noqa: S603 - our own commands
    if check and result.returncode != 0:
        sys.exit(f"tasks.py: `{' '.join(map(str, command))}` failed (exit {result.returncode})")
    return result.returncode


def uv() -> list[str]:
    """A way to run uv: on PATH, importable, or installed into .bootstrap/ now."""
    if shutil.which("uv"):
        return ["uv"]
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv"]
    bootstrap_uv = BOOTSTRAP / "bin" / "uv"
    if not bootstrap_uv.exists():
        say(f"Installing uv into {BOOTSTRAP.relative_to(ROOT)}/")
        run(sys.executable, "-m", "venv", BOOTSTRAP)
        run(BOOTSTRAP / "bin" / "python", "-m", "pip", "install", "--quiet", UV_REQUIREMENT)
    return [str(bootstrap_uv)]


def sync() -> list[str]:
    """Install the locked dependencies; return the command prefix that runs in that environment."""
    uv_command = uv()
    say("Installing the locked dependencies (uv sync --locked)")
    run(*uv_command, "sync", "--locked", "--python", sys.executable)
    return [*uv_command, "run", "--locked", "--python", sys.executable]


@task
def demo(args: list[str]) -> int:
    """Install what is needed, set up the demo and serve it on http://127.0.0.1:8000."""
    return run(*sync(), "trustplan", "demo", *args, check=False)


@task
def check(args: list[str]) -> int:
    """Lint, format and type checks, the migrations check and the security scans."""
    return _checks(sync())


def _checks(in_env: list[str]) -> int:
    say("Static checks: ruff, ruff format, mypy, makemigrations --check")
    run(*in_env, "ruff", "check", "src", "tests", "tasks.py")
    run(*in_env, "ruff", "format", "--check", "src", "tests", "tasks.py")
    run(*in_env, "mypy")
    run(*in_env, "trustplan", "makemigrations", "--check", "--dry-run", env=_env(None))
    say("Security scans: bandit on the code, pip-audit on the locked dependencies")
    run(*in_env, "bandit", "-c", "pyproject.toml", "-r", "src", "-q")
    # Not TRUSTPLAN_REQUIRE_ALL: the CI machine reaches package registries only, where PyPI's
    # per-version JSON (pip-audit's advisory source) answers 404 and OSV is unreachable. A CI
    # with the internet sets TRUSTPLAN_REQUIRE_AUDIT=1 so that an unlooked-up dependency fails.
    _audit_dependencies(in_env, required=os.environ.get("TRUSTPLAN_REQUIRE_AUDIT") == "1")
    return 0


def _audit_dependencies(in_env: list[str], *, required: bool) -> None:
    """pip-audit every locked dependency (all groups, pinned with hashes) against PyPI's
    advisories. A known vulnerability always fails; a dependency that could not be looked up
    (the advisory service unreachable) fails in CI and is reported as SKIPPED elsewhere."""
    with tempfile.TemporaryDirectory(prefix="trustplan-audit-") as scratch:
        requirements, report = Path(scratch) / "requirements.txt", Path(scratch) / "audit.json"
        run(
            *uv(),
            "export",
            "--frozen",
            "--quiet",
            "--no-emit-project",
            "--all-groups",
            "--format",
            "requirements-txt",
            "--output-file",
            requirements,
        )
        ignores = [option for vuln in AUDIT_IGNORES for option in ("--ignore-vuln", vuln)]
        run(
            *in_env,
            "pip-audit",
            "--disable-pip",
            "--require-hashes",
            "-r",
            requirements,
            "--format",
            "json",
            "--output",
            report,
            "--progress-spinner",
            "off",
            *ignores,
            check=False,
        )
        if not report.exists():
            sys.exit("tasks.py: pip-audit wrote no report")
        dependencies = json.loads(report.read_text(encoding="utf-8"))["dependencies"]
    lines, failure = audit_verdict(dependencies, required=required)
    for line in lines:
        print(line)
    if failure:
        sys.exit(f"tasks.py: {failure}")


def audit_verdict(dependencies: list[dict[str, Any]], *, required: bool) -> tuple[list[str], str]:
    """What pip-audit's report (its ``dependencies``) says: lines to show, and why to fail
    (empty to carry on)."""
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = [
        f"  {d['name']} {d['version']}: {vuln['id']} (fixed in: "
        f"{', '.join(vuln.get('fix_versions') or []) or 'no release yet'})"
        for d in vulnerable
        for vuln in d["vulns"]
    ]
    if vulnerable:
        return lines, f"{len(vulnerable)} locked dependencies have known vulnerabilities"
    unaudited = [d for d in dependencies if d.get("skip_reason")]
    if not unaudited:
        return [f"  pip-audit: no known vulnerability in {len(dependencies)} dependencies"], ""
    message = (
        f"pip-audit could not look up {len(unaudited)} of {len(dependencies)} dependencies "
        f"(for example: {unaudited[0]['skip_reason']}); is PyPI's JSON API reachable?"
    )
    if required:
        return [], message
    return [f"\n==> {message} The dependency audit is SKIPPED"], ""


@task
def test(args: list[str]) -> int:
    """Install what is needed and run every check and test: SQLite, PostgreSQL and a browser.

    With TRUSTPLAN_REQUIRE_ALL=1 (CI) a missing PostgreSQL or browser, or a skipped PostgreSQL,
    browser or reference test, fails the run instead of being skipped.
    """
    required = os.environ.get("TRUSTPLAN_REQUIRE_ALL") == "1"
    in_env = sync()
    _checks(in_env)
    _ensure_browser(in_env, required=required)
    results = {}
    with tempfile.TemporaryDirectory(prefix="trustplan-tests-") as scratch:
        say("Test pass 1: the whole suite on SQLite, with the browser and reference tests")
        results["SQLite"] = _pytest(
            in_env, Path(scratch), "sqlite", None, ["-m", "not postgres"], args
        )
        database_url = os.environ.get("TRUSTPLAN_TEST_DATABASE_URL", DEFAULT_TEST_DATABASE_URL)
        if _postgres_reachable(in_env, database_url):
            where = _redact(database_url)
            say(f"Test pass 2: every test that uses the database, on PostgreSQL ({where})")
            results["PostgreSQL"] = _pytest(
                in_env,
                Path(scratch),
                "postgres",
                database_url,
                ["-m", "database and not browser"],
                args,
            )
        elif required:
            sys.exit(f"tasks.py: PostgreSQL is not reachable at {_redact(database_url)}")
        else:
            say(f"PostgreSQL not reachable at {_redact(database_url)}: its pass is SKIPPED")
    return _summarise(results)


@task
def screenshots(args: list[str]) -> int:
    """Run the browser tests, saving their screenshots into docs/screenshots for the README."""
    in_env = sync()
    _ensure_browser(in_env, required=True)
    env = _env(None) | {"TRUSTPLAN_SCREENSHOT_DIR": str(ROOT / "docs" / "screenshots")}
    journeys = [
        "tests/browser/test_journeys.py",
        "tests/browser/test_indicator_data.py",
        "tests/browser/test_cycle.py",
    ]
    return run(*in_env, "pytest", *journeys, "-q", env=env, check=False)


def _env(database_url: str | None, data_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    if data_dir:
        env["TRUSTPLAN_DATA_DIR"] = str(data_dir)
    return env


def _pytest(
    in_env: list[str],
    scratch: Path,
    name: str,
    database_url: str | None,
    selection: list[str],
    extra: list[str],
) -> tuple[int, dict[str, int]]:
    report = scratch / f"{name}.xml"
    code = run(
        *in_env,
        "pytest",
        *selection,
        f"--junitxml={report}",
        *extra,
        env=_env(database_url, scratch / name),
        check=False,
    )
    return code, _counts(report)


def _counts(report: Path) -> dict[str, int]:
    if not report.exists():
        return {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suite = ET.parse(report).getroot()  # noqa: S314 - our own pytest's report
    suite = suite.find("testsuite") if suite.tag == "testsuites" else suite
    if suite is None:
        return {"tests": 0, "failures": 0, "errors": 1, "skipped": 0}
    return {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}


def _summarise(results: dict[str, tuple[int, dict[str, int]]]) -> int:
    say("Summary")
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    for name, (_, counts) in results.items():
        failed = counts["failures"] + counts["errors"]
        passed = counts["tests"] - failed - counts["skipped"]
        print(f"  {name} pass: {passed} passed, {failed} failed, {counts['skipped']} skipped")
        totals["passed"] += passed
        totals["failed"] += failed
        totals["skipped"] += counts["skipped"]
    worst = max((code for code, _ in results.values()), default=1)
    passed, failed, skipped = totals["passed"], totals["failed"], totals["skipped"]
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
    return worst


def _postgres_reachable(in_env: list[str], url: str) -> bool:
    probe = (
        "import sys, psycopg\n"
        "url = sys.argv[1].rsplit('/', 1)[0] + '/postgres'\n"
        "psycopg.connect(url, connect_timeout=3).close()\n"
    )
    command = [*in_env, "python", "-c", probe, url]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)  # noqa: S603
    return result.returncode == 0


def _redact(url: str) -> str:
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':***' if ':' in credentials else ''}{at}{host}"


def _ensure_browser(in_env: list[str], *, required: bool) -> None:
    """Chromium for the browser tests: Debian's package, else Playwright's own download."""
    if os.environ.get("TRUSTPLAN_CHROMIUM") or Path("/usr/bin/chromium").exists():
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian's chromium for the browser tests")
        run("apt-get", "update", "-qq", check=False)
        if run("apt-get", "install", "-y", "-qq", "chromium", check=False) == 0:
            return
    say("Installing Playwright's Chromium for the browser tests")
    if run(*in_env, "playwright", "install", "chromium", check=False) != 0 and required:
        sys.exit("tasks.py: no Chromium for the browser tests, and none could be installed")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"help", "-h", "--help"} or argv[0] not in TASKS:
        if argv and argv[0] not in {"help", "-h", "--help"}:
            print(f"tasks.py: unknown task {argv[0]!r}\n", file=sys.stderr)
        print(__doc__)
        print("Tasks:")
        for name, function in TASKS.items():
            summary = (function.__doc__ or "").strip().splitlines()[0]
            print(f"  python3 tasks.py {name:<12} {summary}")
        return 0 if not argv or argv[0] in {"help", "-h", "--help"} else 2
    return TASKS[argv[0]](argv[1:])


if __name__ == "__main__":
    if sys.version_info[:2] != (3, 11):
        version = sys.version.split()[0]
        print(f"note: trustplan targets Python 3.11; this is {version}", file=sys.stderr)
    sys.exit(main(sys.argv[1:]))
