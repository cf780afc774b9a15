"""`trustplan hub`: the family intelligence hub's data: agreements, feed loads, quarantine,
linking, families, rules and evaluation. Each topic's actions live in ``trustplan.hub.cli``."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from trustplan.config.database import require_migrated_database
from trustplan.hub.cli import MODULES


class Command(BaseCommand):
    help = "The family intelligence hub: agreements, loading feeds, quarantine, linking people."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for module in MODULES:
            module.register(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        action = options["action"]
        for module in MODULES:
            if action in module.ACTIONS:
                module.ACTIONS[action](self.stdout, options)
                return
