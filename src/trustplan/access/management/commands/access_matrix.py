"""`trustplan access_matrix`: write the access matrix (who may open what) as Markdown."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trustplan.access import matrix


class Command(BaseCommand):
    help = (
        "Write the access matrix: every page and API operation against every role, allowed or "
        "refused, from the rules in trustplan.access.matrix. Refuses while a page or operation "
        "has no rule."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--out", type=Path, help="Write it to this file (docs/access-matrix.md); else print it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = matrix.missing_rules()
        if missing:
            raise CommandError(
                "These have no rule in trustplan.access.matrix; add one for each: "
                + ", ".join(missing)
            )
        stale = matrix.stale_rules()
        if stale:
            raise CommandError(
                "These rules name nothing the application serves; remove or rename them: "
                + ", ".join(stale)
            )
        text = matrix.markdown()
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(text, ending="")
            return
        out.write_text(text, encoding="utf-8")
        self.stdout.write(
            f"Wrote the access matrix ({len(matrix.RULES)} rows, {len(matrix.PERSONAS)} "
            f"personas) to {out}."
        )
