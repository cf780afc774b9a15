"""`trustplan selfassessment framework load FILE | list`: store and list framework versions."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trustplan.config.database import require_migrated_database
from trustplan.frameworks.reading import SHIPPED, FrameworkError, shipped_path
from trustplan.selfassessment.library import VersionConflictError, store_framework
from trustplan.selfassessment.models import Framework


class Command(BaseCommand):
    help = "Self-assessment frameworks: validate and store a version, or list them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subject", required=True, metavar="SUBJECT")
        framework = sub.add_parser("framework", help="Self-assessment frameworks.")
        actions = framework.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser("load", help="Validate a framework file and store its version.")
        load.add_argument("file", type=Path, metavar="FILE")
        actions.add_parser("list", help="The stored versions, and the files trustplan ships.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        if options["action"] == "load":
            self._load(options["file"])
        else:
            self._list()

    def _load(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path} cannot be read: {error}") from error
        try:
            stored = store_framework(text)
        except FrameworkError as error:
            problems = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"{path} is not a valid framework:\n{problems}") from error
        except VersionConflictError as error:
            raise CommandError(f"{path}: {error}") from error
        framework = stored.framework
        parsed = framework.parsed
        if stored.created:
            self.stdout.write(
                f"Stored {framework.key} version {framework.version}: {framework.title} "
                f"({len(parsed.areas)} areas, {parsed.descriptor_count} descriptors)."
            )
        else:
            self.stdout.write(
                f"{framework.key} version {framework.version} is already stored; unchanged."
            )

    def _list(self) -> None:
        frameworks = list(Framework.objects.all())
        if not frameworks:
            self.stdout.write("No framework is stored yet.")
        for framework in frameworks:
            self.stdout.write(
                f"{framework.key} version {framework.version}: {framework.title} "
                f"({framework.parsed.descriptor_count} descriptors, "
                f"{framework.rounds.count()} rounds)"
            )
        self.stdout.write("Shipped with trustplan (load with `framework load FILE`):")
        for name in SHIPPED:
            self.stdout.write(f"  {shipped_path(name)}")
