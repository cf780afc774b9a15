"""`trustplan cycle`: run the quarterly monitoring cycle from the command line or cron."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from trustplan.cli import iso_date
from trustplan.config.database import require_migrated_database
from trustplan.delivery import alerts, cycle, reminders
from trustplan.delivery.quarters import Quarter, QuarterCodeError
from trustplan.measures.judging import as_of
from trustplan.plans.models import KeyPerformanceIndicator, Plan


class Command(BaseCommand):
    help = "Open and close reporting quarters, send reminders and KPI alerts, show progress."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        opening = sub.add_parser("open", help="Open a quarter: updates become due from owners.")
        opening.add_argument("--plan", required=True)
        opening.add_argument("--quarter", required=True, help="e.g. 2021-Q1 (April-June 2021).")
        opening.add_argument("--due", required=True, type=iso_date, help="YYYY-MM-DD.")
        opening.add_argument("--grace-days", type=int, default=5)
        opening.add_argument("--by", help="The administrator's username, for the record.")
        closing = sub.add_parser("close", help="Close a quarter to updates.")
        closing.add_argument("--plan", required=True)
        closing.add_argument("--quarter", required=True)
        status = sub.add_parser("status", help="Where each quarter's updates stand.")
        status.add_argument("--plan", required=True)
        sub.add_parser("remind", help="Send the reminder e-mails due today (run daily).")
        sub.add_parser("alerts", help="Alert leads to KPIs that are red or show concern.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        action = options["action"]
        if action == "remind":
            sent = reminders.send_reminders(as_of())
            self.stdout.write(f"Sent {len(sent)} reminder(s).")
            return
        if action == "alerts":
            kpis = KeyPerformanceIndicator.objects.select_related("priority__plan", "indicator")
            self.stdout.write(f"Sent {len(alerts.check_kpis(kpis))} alert(s).")
            return
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"No plan is called {options['plan']!r}.")
        if action == "status":
            for quarter in plan.quarters.all():
                counts = cycle.outstanding(quarter.updates.all())
                self.stdout.write(
                    f"{quarter.code} ({quarter.get_status_display()}, due {quarter.due}): "
                    f"{counts.not_submitted} not submitted, {counts.awaiting_review} awaiting "
                    f"review, {counts.approved} approved"
                )
            return
        try:
            code = Quarter.parse(options["quarter"]).code
        except QuarterCodeError as error:
            raise CommandError(str(error)) from error
        if action == "open":
            self._open(plan, code, options)
        else:
            closing = plan.quarters.filter(code=code).first()
            if closing is None:
                raise CommandError(f"{code} has not been opened for {plan.title}.")
            cycle.close_quarter(closing)
            self.stdout.write(f"Closed {closing.label}.")

    def _open(self, plan: Plan, code: str, options: dict[str, Any]) -> None:
        by = None
        if options["by"]:
            by = get_user_model().objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"No user is called {options['by']!r}.")
        if options["grace_days"] < 0:
            raise CommandError("--grace-days cannot be negative.")
        try:
            quarter = cycle.open_quarter(plan, code, options["due"], options["grace_days"], by=by)
        except cycle.CycleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Opened {quarter.label}: {quarter.updates.count()} action update(s) due "
            f"{quarter.due:%-d %B %Y}."
        )
