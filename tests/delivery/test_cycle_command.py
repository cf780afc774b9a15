"""`trustplan cycle`: open, close, status and remind, and what it says when the input is wrong."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from tests.delivery.conftest import fill
from trustplan.delivery.models import (
    Action,
    ActionUpdate,
    Commentary,
    QuarterStatus,
    ReportingQuarter,
)

PLAN = "test-plan"
PLAN_TITLE = "Test Children's Trust Plan 2020 - 2023"
Q3 = "Quarter 3 2023/24 (October to December 2023)"


def cycle(*args: str) -> str:
    out = StringIO()
    call_command("cycle", *args, stdout=out)
    return out.getvalue()


def open_q3(*extra: str) -> str:
    return cycle("open", "--plan", PLAN, "--quarter", "2023-Q3", "--due", "2024-01-19", *extra)


@pytest.fixture
def actions(people: dict[str, Any]) -> dict[str, Any]:
    """Two open actions under priority 2 (1.1 owned by ``owner``) and one complete."""
    first, second = people["safeguarding"].objectives.all()
    Action.objects.create(objective=first, number="1.1", title="Triage", owner=people["owner"])
    Action.objects.create(objective=first, number="1.2", title="Thresholds")
    Action.objects.create(objective=second, number="2.1", title="Refuges", status="complete")
    return people


def nothing_opened() -> bool:
    return not (
        ReportingQuarter.objects.exists()
        or ActionUpdate.objects.exists()
        or Commentary.objects.exists()
    )


def test_open_opens_the_quarter_and_says_how_many_updates_are_due(actions):
    out = open_q3("--by", "admin")
    assert out.strip() == f"Opened {Q3}: 2 action update(s) due 19 January 2024."
    quarter = ReportingQuarter.objects.get()
    assert (quarter.plan, quarter.code, quarter.due) == (
        actions["plan"],
        "2023-Q3",
        dt.date(2024, 1, 19),
    )
    assert (quarter.status, quarter.grace_days, quarter.opened_by) == (
        QuarterStatus.OPEN,
        5,
        actions["admin"],
    )
    assert set(quarter.updates.values_list("action__number", flat=True)) == {"1.1", "1.2"}
    assert Commentary.objects.filter(quarter=quarter).count() == 2


def test_open_takes_the_grace_days_given(actions):
    open_q3("--grace-days", "10")
    assert ReportingQuarter.objects.get().late_after == dt.date(2024, 1, 29)


def test_open_an_unknown_plan_is_refused(actions):
    with pytest.raises(CommandError, match=r"^No plan is called 'no-such-plan'\.$"):
        cycle("open", "--plan", "no-such-plan", "--quarter", "2023-Q3", "--due", "2024-01-19")
    assert nothing_opened()


def test_open_a_quarter_that_does_not_exist_is_refused(actions):
    with pytest.raises(CommandError) as raised:
        cycle("open", "--plan", PLAN, "--quarter", "2023-Q5", "--due", "2024-01-19")
    assert str(raised.value) == (
        "'2023-Q5' is not a quarter: write the financial year's first year and the quarter, "
        "e.g. 2021-Q1 for April to June 2021."
    )
    assert nothing_opened()


def test_open_with_a_due_date_before_the_quarter_ends_is_refused(actions):
    with pytest.raises(CommandError) as raised:
        cycle("open", "--plan", PLAN, "--quarter", "2023-Q3", "--due", "2023-12-01")
    assert str(raised.value) == (
        f"The due date 01 December 2023 is before {Q3} ends: updates on a quarter are due after it."
    )
    assert nothing_opened()


def test_opening_a_quarter_twice_is_refused_and_the_first_stands(actions):
    open_q3()
    first = ReportingQuarter.objects.get()
    with pytest.raises(CommandError) as raised:
        cycle("open", "--plan", PLAN, "--quarter", "2023-Q3", "--due", "2024-02-01")
    assert str(raised.value) == f"{Q3} is already open or closed for {PLAN_TITLE}."
    assert list(ReportingQuarter.objects.all()) == [first]
    assert ReportingQuarter.objects.get().due == dt.date(2024, 1, 19)
    assert ActionUpdate.objects.count() == 2


def test_open_with_a_date_not_written_yyyy_mm_dd_is_refused(actions):
    # Called from code, Django's parser raises CommandError where argparse would exit.
    with pytest.raises(CommandError) as raised:
        cycle("open", "--plan", PLAN, "--quarter", "2023-Q3", "--due", "19/01/2024")
    assert str(raised.value) == (
        "Error: argument --due: '19/01/2024' is not a date: write it as YYYY-MM-DD."
    )
    assert nothing_opened()


def test_open_with_negative_grace_days_is_refused(actions):
    with pytest.raises(CommandError, match=r"^--grace-days cannot be negative\.$"):
        open_q3("--grace-days", "-1")
    assert nothing_opened()


def test_open_by_an_unknown_user_is_refused(actions):
    with pytest.raises(CommandError, match=r"^No user is called 'nobody'\.$"):
        open_q3("--by", "nobody")
    assert nothing_opened()


def test_status_prints_where_each_quarters_updates_stand(actions):
    open_q3()
    update = ActionUpdate.objects.get(action__number="1.1")
    fill(update).submit(by=actions["owner"])
    out = cycle("status", "--plan", PLAN)
    assert out.strip() == (
        "2023-Q3 (Open for updates, due 2024-01-19): 1 not submitted, 1 awaiting review, 0 approved"
    )


def test_status_prints_nothing_before_any_quarter_is_opened(actions):
    assert cycle("status", "--plan", PLAN) == ""


def test_close_closes_the_quarter(actions):
    open_q3()
    out = cycle("close", "--plan", PLAN, "--quarter", "2023-Q3")
    assert out.strip() == f"Closed {Q3}."
    assert ReportingQuarter.objects.get().status == QuarterStatus.CLOSED
    assert "2023-Q3 (Closed, due 2024-01-19): 2 not submitted" in cycle("status", "--plan", PLAN)


def test_close_a_quarter_never_opened_is_refused(actions):
    with pytest.raises(CommandError) as raised:
        cycle("close", "--plan", PLAN, "--quarter", "2023-Q4")
    assert str(raised.value) == f"2023-Q4 has not been opened for {PLAN_TITLE}."


def test_remind_prints_how_many_reminders_were_sent(actions, settings):
    owner = actions["owner"]
    owner.email = "owner@example.org"
    owner.save()
    open_q3()
    settings.TRUSTPLAN_AS_OF = dt.date(2024, 1, 20)  # the day after the due date
    assert cycle("remind").strip() == "Sent 1 reminder(s)."
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert cycle("remind").strip() == "Sent 0 reminder(s)."
    assert len(mail.outbox) == 1


def test_remind_before_a_week_from_the_due_date_sends_none(actions, settings):
    actions["owner"].email = "owner@example.org"
    actions["owner"].save()
    open_q3()
    settings.TRUSTPLAN_AS_OF = dt.date(2024, 1, 1)
    assert cycle("remind").strip() == "Sent 0 reminder(s)."
    assert mail.outbox == []
