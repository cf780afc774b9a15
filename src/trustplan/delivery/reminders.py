"""Reminder e-mails for an open quarter, meant to run once a day (``trustplan cycle remind``).

- a week before the due date: each owner with updates not yet submitted;
- the day after the due date: each owner still to submit;
- after the grace period: each strategic lead, listing whose updates are late.

Each reminder is recorded and sent once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from trustplan.access.models import Membership, Role
from trustplan.delivery.models import (
    EDITABLE_STATES,
    ActionUpdate,
    QuarterStatus,
    ReminderKind,
    ReminderSent,
    ReportingQuarter,
)

DUE_SOON_DAYS = 7


def due_reminder_kind(quarter: ReportingQuarter, today: dt.date) -> ReminderKind | None:
    if today > quarter.due:
        return ReminderKind.OVERDUE
    if today >= quarter.due - dt.timedelta(days=DUE_SOON_DAYS):
        return ReminderKind.DUE_SOON
    return None


def send_reminders(today: dt.date) -> list[ReminderSent]:
    """Send what is due today for every open quarter; return the reminders sent."""
    sent: list[ReminderSent] = []
    for quarter in ReportingQuarter.objects.filter(status=QuarterStatus.OPEN).select_related(
        "plan"
    ):
        waiting = ActionUpdate.objects.filter(
            quarter=quarter, state__in=EDITABLE_STATES, action__owner__isnull=False
        ).select_related("action__owner", "action__objective__priority")
        by_owner: dict[int, list[ActionUpdate]] = defaultdict(list)
        for update in waiting:
            by_owner[update.action.owner_id].append(update)  # type: ignore[index]
        kind = due_reminder_kind(quarter, today)
        if kind is not None:
            for updates in by_owner.values():
                owner = updates[0].action.owner
                lines = [f"- {u.action.number} {u.action.title[:100]}" for u in updates]
                word = "are due by" if kind == ReminderKind.DUE_SOON else "were due on"
                body = (
                    f"Your updates on {len(updates)} action(s) for {quarter.label} "
                    f"{word} {quarter.due:%d %B %Y}:\n\n" + "\n".join(lines)
                )
                sent += _send_once(quarter, owner, kind, f"{quarter.plan.title}: updates", body)
        if today > quarter.late_after and by_owner:
            sent += _tell_leads(quarter, by_owner)
    return sent


def _tell_leads(
    quarter: ReportingQuarter, by_owner: dict[int, list[ActionUpdate]]
) -> list[ReminderSent]:
    late_by_priority: dict[int, list[str]] = defaultdict(list)
    for updates in by_owner.values():
        for update in updates:
            owner = update.action.owner
            name = owner.get_full_name() or owner.get_username() if owner else "no owner"
            late_by_priority[update.action.objective.priority_id].append(
                f"- {update.action.number} ({name})"
            )
    lines_by_lead: dict[int, list[str]] = defaultdict(list)
    leads = {}
    for membership in Membership.objects.filter(
        role=Role.STRATEGIC_LEAD, priority_id__in=late_by_priority
    ).select_related("user", "priority"):
        leads[membership.user_id] = membership.user
        lines_by_lead[membership.user_id] += [
            f"{membership.priority}:",
            *late_by_priority[membership.priority_id],  # type: ignore[index]
        ]
    sent: list[ReminderSent] = []
    for user_id, lines in lines_by_lead.items():
        body = (
            f"These updates are late for {quarter.label} "
            f"(due {quarter.due:%d %B %Y}, grace {quarter.grace_days} days):\n\n" + "\n".join(lines)
        )
        sent += _send_once(quarter, leads[user_id], ReminderKind.LATE_TO_LEAD, "Late updates", body)
    return sent


def _send_once(
    quarter: ReportingQuarter, user: object, kind: ReminderKind, subject: str, body: str
) -> list[ReminderSent]:
    assert isinstance(user, get_user_model())  # noqa: S101 - narrowing for the type checker
    if (
        not user.email
        or ReminderSent.objects.filter(quarter=quarter, user=user, kind=kind).exists()
    ):
        return []
    try:
        with transaction.atomic():
            record = ReminderSent.objects.create(quarter=quarter, user=user, kind=kind)
    except IntegrityError:  # another run sent it a moment ago
        return []
    send_mail(subject, body, None, [user.email])
    return [record]
