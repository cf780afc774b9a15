"""The daily reminder e-mails of an open quarter: due soon, overdue, and late to the lead.

In ``in_cycle`` quarter 2023-Q3 is due on Friday 19 January 2024 with 5 days' grace: updates are
late after 24 January. ``owner`` owns action 1.1; 1.2 has no owner; ``lead`` leads priority 2.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from tests.delivery.conftest import fill
from trustplan.delivery.cycle import close_quarter
from trustplan.delivery.models import ReminderKind, ReminderSent
from trustplan.delivery.reminders import send_reminders

DUE = dt.date(2024, 1, 19)
PLAN_TITLE = "Test Children's Trust Plan 2020 - 2023"


@pytest.fixture
def cycle(in_cycle: dict[str, Any]) -> dict[str, Any]:
    """``in_cycle`` with e-mail addresses for everyone who might be written to."""
    for name in ("owner", "lead", "other_lead", "admin", "member"):
        user = in_cycle[name]
        user.email = f"{name}@example.org"
        user.save()
    return in_cycle


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if address in m.to]


def test_nothing_is_sent_more_than_a_week_before_the_due_date(cycle):
    assert send_reminders(DUE - dt.timedelta(days=8)) == []
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_the_owner_is_told_a_week_before_which_updates_are_due(cycle):
    sent = send_reminders(DUE - dt.timedelta(days=7))
    assert [(r.user, r.kind) for r in sent] == [(cycle["owner"], ReminderKind.DUE_SOON)]
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert message.subject == f"{PLAN_TITLE}: updates"
    assert "Your updates on 1 action(s) for Quarter 3 2023/24" in message.body
    assert "are due by 19 January 2024" in message.body
    assert "- 1.1 Run the MASH daily triage meeting" in message.body
    assert "1.2" not in message.body  # no owner: nobody to remind
    assert "2.1" not in message.body  # complete: no update due


def test_the_due_soon_reminder_lists_every_action_the_owner_has_outstanding(cycle):
    ownerless = cycle["ownerless"]
    ownerless.owner = cycle["owner"]
    ownerless.save()
    send_reminders(DUE - dt.timedelta(days=2))
    [message] = mail.outbox
    assert "Your updates on 2 action(s)" in message.body
    assert "- 1.1 Run the MASH daily triage meeting" in message.body
    assert "- 1.2 Review MASH thresholds" in message.body


def test_on_the_due_date_the_reminder_is_still_due_soon(cycle):
    [reminder] = send_reminders(DUE)
    assert reminder.kind == ReminderKind.DUE_SOON


def test_after_the_due_date_the_owner_is_told_the_updates_are_overdue(cycle):
    sent = send_reminders(DUE + dt.timedelta(days=1))
    assert [(r.user, r.kind) for r in sent] == [(cycle["owner"], ReminderKind.OVERDUE)]
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "were due on 19 January 2024" in message.body
    assert "- 1.1 Run the MASH daily triage meeting" in message.body


def test_an_owner_reminded_before_the_due_date_is_reminded_again_once_overdue(cycle):
    send_reminders(DUE - dt.timedelta(days=3))
    send_reminders(DUE + dt.timedelta(days=1))
    assert [("are due by" in m.body, "were due on" in m.body) for m in mail.outbox] == [
        (True, False),
        (False, True),
    ]


def test_running_twice_on_the_same_day_sends_nothing_new(cycle):
    today = DUE - dt.timedelta(days=5)
    assert len(send_reminders(today)) == 1
    assert send_reminders(today) == []
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.filter(user=cycle["owner"], kind=ReminderKind.DUE_SOON).count() == 1


def test_each_kind_of_reminder_is_sent_once_however_many_days_it_runs(cycle):
    for day in range(-7, 10):
        send_reminders(DUE + dt.timedelta(days=day))
    kinds = sorted(ReminderSent.objects.values_list("user__username", "kind"))
    assert kinds == [
        ("lead", ReminderKind.LATE_TO_LEAD),
        ("owner", ReminderKind.DUE_SOON),
        ("owner", ReminderKind.OVERDUE),
    ]
    assert len(mail.outbox) == 3


def test_the_lead_is_not_told_during_the_grace_period(cycle):
    send_reminders(DUE + dt.timedelta(days=5))  # 24 January: the last day of grace
    assert sent_to("lead@example.org") == []


def test_after_the_grace_period_the_lead_is_told_once_which_updates_are_late(cycle):
    today = DUE + dt.timedelta(days=6)
    sent = send_reminders(today)
    send_reminders(today + dt.timedelta(days=1))
    assert {(r.user.username, r.kind) for r in sent} == {
        ("owner", ReminderKind.OVERDUE),
        ("lead", ReminderKind.LATE_TO_LEAD),
    }
    [message] = sent_to("lead@example.org")
    assert message.to == ["lead@example.org"]
    assert message.subject == "Late updates"
    assert "late for Quarter 3 2023/24 (October to December 2023)" in message.body
    assert "(due 19 January 2024, grace 5 days)" in message.body
    assert f"{cycle['safeguarding']}:" in message.body
    assert "- 1.1 (owner)" in message.body
    assert "1.2" not in message.body
    assert sent_to("other_lead@example.org") == []  # priority 1 has nothing late


def test_the_lead_is_given_the_owners_full_name_when_known(cycle):
    owner = cycle["owner"]
    owner.first_name, owner.last_name = "Olive", "Owner"
    owner.save()
    send_reminders(DUE + dt.timedelta(days=6))
    [message] = sent_to("lead@example.org")
    assert "- 1.1 (Olive Owner)" in message.body


def test_no_reminder_is_sent_for_an_action_with_no_owner(cycle):
    fill(cycle["update"]).submit(by=cycle["owner"])  # only ownerless 1.2 is outstanding
    for day in (-7, 1, 6):
        assert send_reminders(DUE + dt.timedelta(days=day)) == []
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_an_owner_with_no_email_address_gets_nothing_and_nothing_fails(cycle):
    owner = cycle["owner"]
    owner.email = ""
    owner.save()
    assert send_reminders(DUE - dt.timedelta(days=1)) == []
    assert send_reminders(DUE + dt.timedelta(days=1)) == []
    assert mail.outbox == []
    assert not ReminderSent.objects.filter(user=owner).exists()


def test_the_lead_is_still_told_when_the_late_owner_has_no_email_address(cycle):
    owner = cycle["owner"]
    owner.email = ""
    owner.save()
    sent = send_reminders(DUE + dt.timedelta(days=6))
    assert [(r.user, r.kind) for r in sent] == [(cycle["lead"], ReminderKind.LATE_TO_LEAD)]
    [message] = mail.outbox
    assert message.to == ["lead@example.org"]
    assert "- 1.1 (owner)" in message.body


def test_a_closed_quarter_sends_nothing(cycle):
    close_quarter(cycle["quarter"])
    for day in (-7, 0, 1, 6, 30):
        assert send_reminders(DUE + dt.timedelta(days=day)) == []
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_submitted_update_is_no_longer_reminded(cycle):
    fill(cycle["update"]).submit(by=cycle["owner"])
    assert send_reminders(DUE - dt.timedelta(days=3)) == []
    assert send_reminders(DUE + dt.timedelta(days=6)) == []
    assert mail.outbox == []


def test_a_returned_update_is_reminded_again(cycle):
    update = fill(cycle["update"])
    update.submit(by=cycle["owner"])
    update.send_back(by=cycle["lead"], comment="Say what the triage found.")
    [reminder] = send_reminders(DUE + dt.timedelta(days=1))
    assert (reminder.user, reminder.kind) == (cycle["owner"], ReminderKind.OVERDUE)
    assert "- 1.1 Run the MASH daily triage meeting" in mail.outbox[0].body
