"""`trustplan audit verify`: check that no audit entry was changed, removed or slipped in."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trustplan.audit.chain import verify
from trustplan.audit.models import AuditEntry
from trustplan.config.database import require_migrated_database


class Command(BaseCommand):
    help = "The audit log. 'verify': check its hash chain; exit 1 and say where it is broken."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("verify", help="Check every entry's hash and its link to the one before.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        breaks = list(verify())
        if breaks:
            for found in breaks:
                self.stderr.write(f"Audit entry {found.entry_pk} {found.problem}.")
            raise CommandError(
                f"The audit log has been tampered with: {len(breaks):,} broken link(s)."
            )
        count = AuditEntry.objects.count()
        self.stdout.write(f"The audit log is intact: {count:,} entries, every link verified.")
