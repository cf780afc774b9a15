"""The `trustplan` command: trustplan's own commands and Django's management commands.

`trustplan demo` applies the demo profile (see ``trustplan.config.profiles``) before Django reads
its settings; every other command reads the environment as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from argparse import ArgumentTypeError


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.config.settings")
    if args[:1] == ["demo"]:
        from trustplan.config.profiles import apply_demo_profile

        apply_demo_profile(os.environ)
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["trustplan", *args])
    except DatabaseError as exc:
        from django.conf import settings

        database = settings.DATABASES["default"]
        engine = database["ENGINE"].rsplit(".", 1)[-1]
        sys.stderr.write(
            f"trustplan: the database {database.get('NAME')!s} ({engine}) could not be used: "
            f"{exc}\nCheck DATABASE_URL (see docs/configuration.md).\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()


def iso_date(text: str) -> dt.date:
    """An argparse type for dates written as YYYY-MM-DD, with a message that says so."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD.") from error
