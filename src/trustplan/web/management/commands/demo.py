"""`trustplan demo`: set up the demo in the data folder and serve it on http://127.0.0.1:8000."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from trustplan.accounts import twofactor
from trustplan.delivery.demo import create_demo_delivery
from trustplan.hub.demo import create_demo_hub
from trustplan.measures.judging import as_of
from trustplan.needs.demo import create_demo_needs_assessment
from trustplan.plans.models import Plan
from trustplan.selfassessment.demo import create_demo_self_assessment
from trustplan.web.demo import (
    DEMO_PLAN,
    DemoAccount,
    create_demo_accounts,
    load_demo_indicator_data,
)
from trustplan.web.server import run_server

EXAMPLES = Path(__file__).resolve().parents[5] / "examples"
DEMO_PLAN_FILES = ("portsmouth-2011-14/plan.yaml", "portsmouth-2020-23/plan.yaml")


class Command(BaseCommand):
    help = (
        "Create the demo database (SQLite in TRUSTPLAN_DATA_DIR, default ./.trustplan), load the "
        "example plans, create one account per role, print their passwords and serve the app."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--examples", type=Path, default=EXAMPLES, help="The examples folder.")
        parser.add_argument(
            "--no-serve", action="store_true", help="Set everything up, then exit without serving."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        examples: Path = options["examples"]
        missing = [name for name in DEMO_PLAN_FILES if not (examples / name).is_file()]
        if missing:
            raise CommandError(f"example plans not found in {examples}: {', '.join(missing)}")
        self.stdout.write(
            f"Setting up the demo database in {settings.DATABASES['default']['NAME']}"
        )
        call_command("migrate", interactive=False, verbosity=0)
        for name in DEMO_PLAN_FILES:
            call_command("plan", "load", str(examples / name), stdout=self.stdout)
        self.stdout.write("Importing the synthetic indicator data (made up, and labelled so):")
        for outcome in load_demo_indicator_data(
            examples / DEMO_PLAN_FILES[1], Path(settings.DATA_DIR)
        ):
            record = outcome.record
            changed = {k: v for k, v in record.counts.items() if v and "rows" not in k}
            summary = ", ".join(f"{v:,} {k}" for k, v in changed.items()) or "nothing new"
            self.stdout.write(f"  {record.file_name}: {record.get_outcome_display()}; {summary}")
        self.stdout.write(
            "Family hub: a synthetic city (made-up people) through the whole pipeline:"
        )
        hub = create_demo_hub(Path(settings.DATA_DIR), on=as_of(), say=self._indented)
        self.stdout.write(
            f"  {hub.records:,} feed records linked into {hub.people:,} people; "
            f"{hub.families:,} families, {hub.flagged:,} meeting a rule set, {hub.work_list:,} "
            "on the work list (not already open to early help or social care)"
        )
        accounts = create_demo_accounts(Path(settings.DATA_DIR))
        delivery = create_demo_delivery(Plan.objects.get(slug=DEMO_PLAN))
        self.stdout.write(
            f"Delivery plans (made up): {delivery.actions} actions, {delivery.risks} risks, "
            f"{delivery.quarters} reporting quarters ({delivery.updates_approved} of "
            f"{delivery.updates} updates approved), {delivery.packs_published} published packs"
        )
        needs = create_demo_needs_assessment(Plan.objects.get(slug=DEMO_PLAN))
        self.stdout.write(f"Needs assessment (a draft, from the synthetic data): {needs.title}")
        assessment = create_demo_self_assessment(Plan.objects.get(slug=DEMO_PLAN))
        self.stdout.write(
            f"Self-assessment (the agenda pack's table; contributors made up): {assessment.title}"
        )
        self.stdout.write("\nDemo accounts (made-up people; passwords kept in the data folder):")
        width = max(len(account.username) for account in accounts)
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<{width}}  {account.password}  "
                f"{account.role.label} ({account.scope})"
            )
        self._two_factor_keys([a for a in accounts if a.two_factor_key], width)
        if options["no_serve"]:
            return
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"\nServing the demo on {url} (press Ctrl+C to stop)")
        run_server(host=options["host"], port=options["port"], threads=8)

    def _two_factor_keys(self, accounts: list[DemoAccount], width: int) -> None:
        """The keys of the accounts that sign in with a second factor, as in production."""
        if not accounts:
            return
        self.stdout.write(
            "\nThese accounts also need a code from an authenticator app, as in production. Add "
            "each key to one\n(choose to enter a key, time-based), or print the current code "
            "with the command beside it:"
        )
        for account in accounts:
            key = account.two_factor_key
            command = f"uv run python -c \"import pyotp; print(pyotp.TOTP('{key}').now())\""
            self.stdout.write(f"  {account.username:<{width}}  {twofactor.grouped(key)}")
            self.stdout.write(f"  {'':<{width}}  {command}")

    def _indented(self, line: str) -> None:
        self.stdout.write(f"  {line}")
