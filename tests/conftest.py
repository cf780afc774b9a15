"""Test-wide configuration.

Tests that use the database are marked ``database`` here, so the PostgreSQL pass of
``tasks.py test`` runs exactly those. With ``TRUSTPLAN_REQUIRE_ALL=1`` (set by ``.ci/run``), a
skipped test marked ``postgres``, ``browser`` or ``reference`` fails instead: in CI those tests
must really run.
"""

from __future__ import annotations

import os

import pytest

REQUIRED_MARKERS = ("postgres", "browser", "reference")


def _required() -> bool:
    return os.environ.get("TRUSTPLAN_REQUIRE_ALL", "") == "1"


def _is_reference_test(item: pytest.Item) -> bool:
    return "reference_dir" in getattr(item, "fixturenames", ())


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server"})


def _uses_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _is_reference_test(item) and item.get_closest_marker("reference") is None:
            item.add_marker(pytest.mark.reference)
        if _uses_database(item):
            item.add_marker(pytest.mark.database)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    report: pytest.TestReport = yield
    if report.skipped and _required():
        required = [m for m in REQUIRED_MARKERS if item.get_closest_marker(m) is not None]
        if required:
            report.outcome = "failed"
            report.longrepr = (
                f"{item.nodeid} is a {'/'.join(required)} test and was skipped "
                f"({report.longrepr}); with TRUSTPLAN_REQUIRE_ALL=1 it must run."
            )
    return report


@pytest.fixture(autouse=True)
def _force_login_completes_the_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Client.force_login`` stands in for the whole sign-in, so it passes the second factor
    too; the second factor itself is tested through its pages (tests/accounts)."""
    from django.test import Client

    from tests.accounts.signing_in import completing_second_factor

    monkeypatch.setattr(Client, "force_login", completing_second_factor(Client.force_login))


@pytest.fixture
def people(db: None) -> dict[str, object]:
    """A small plan and one user of each kind, for checking every page's access rules.

    ``lead`` leads priority 2; ``other_lead`` leads priority 1; ``member`` sits on priority 2's
    board; ``owner`` owns an objective of priority 2; ``outsider`` has signed in but has no role.
    """
    from tests.factories import make_plan, make_user
    from trustplan.access.models import Role

    plan = make_plan()
    safeguarding = plan.priorities.get(number="2")
    education = plan.priorities.get(number="1")
    admin = make_user("admin", Role.ADMINISTRATOR)
    return {
        "plan": plan,
        "safeguarding": safeguarding,
        "education": education,
        "admin": admin,
        "analyst": make_user("analyst", Role.ANALYST),
        "viewer": make_user("viewer", Role.VIEWER),
        "lead": make_user("lead", Role.STRATEGIC_LEAD, priority=safeguarding),
        "other_lead": make_user("other_lead", Role.STRATEGIC_LEAD, priority=education),
        "member": make_user("member", Role.BOARD_MEMBER, board=safeguarding.board),
        "owner": make_user("owner", Role.ACTION_OWNER, objective=safeguarding.objectives.first()),
        "outsider": make_user("outsider"),
    }
