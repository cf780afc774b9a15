"""`trustplan governance dpia [--out F.md|F.docx]`: draft the description of the processing for
the hub's data protection impact assessment (see docs/governance.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trustplan.cli import iso_date
from trustplan.config.database import require_migrated_database
from trustplan.governance.dpia import draft
from trustplan.governance.rendering import to_docx, to_markdown
from trustplan.measures.judging import as_of

FORMATS = {".md": "Markdown", ".docx": "Word"}


class Command(BaseCommand):
    help = "Information governance. 'dpia': draft the DPIA's description of the processing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        dpia = sub.add_parser(
            "dpia", help="Draft the DPIA's description of the processing from the configuration."
        )
        dpia.add_argument(
            "--out", type=Path, help="Write it to F.md (Markdown) or F.docx (Word); else print it."
        )
        dpia.add_argument("--on", type=iso_date, help="The day to draft it as at (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        out: Path | None = options["out"]
        if out is not None:
            if out.suffix.lower() not in FORMATS:
                raise CommandError(f"{out}: write the draft to a .md or a .docx file.")
            if not out.parent.is_dir():
                raise CommandError(f"Cannot write {out}: the folder {out.parent} does not exist.")
        made = draft(options["on"] or as_of())
        if out is None:
            self.stdout.write(to_markdown(made), ending="")
        elif out.suffix.lower() == ".docx":
            out.write_bytes(to_docx(made))
        else:
            out.write_text(to_markdown(made), encoding="utf-8")
        if out is not None:
            self.stdout.write(f"Wrote the DPIA draft ({FORMATS[out.suffix.lower()]}) to {out}.")
