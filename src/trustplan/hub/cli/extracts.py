"""`trustplan hub extract --pseudonymised --out F` and `trustplan hub reidentify PSEUDONYM --as
USERNAME`: person-level extracts for analysts with every identifier replaced by a keyed hash,
and turning a pseudonym back into the hub's id, for a hub analyst only (``trustplan.hub.
pseudonymise``). Both are written to the audit log."""

from __future__ import annotations

from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.hub.pseudonymise import PseudonymisationError, reidentify, write_extract
from trustplan.hub.purpose import Purpose


def register(sub: _SubParsersAction[Any]) -> None:
    extract = sub.add_parser(
        "extract",
        help="Write every stored record, pseudonymised, for analysts (CSV).",
    )
    extract.add_argument(
        "--pseudonymised",
        action="store_true",
        help="Required: identifiers become keyed hashes; names, address, NHS number and UPN "
        "are left out, date of birth is cut to its month and postcode to its sector.",
    )
    extract.add_argument("--out", type=Path, required=True)
    again = sub.add_parser(
        "reidentify", help="Say which person, family or record a pseudonym stands for."
    )
    again.add_argument("pseudonym")
    again.add_argument(
        "--as", dest="username", required=True, metavar="USERNAME", help="A hub analyst."
    )
    again.add_argument(
        "--purpose",
        choices=[p.value for p in Purpose],
        default=Purpose.DATA_QUALITY.value,
        help="Why, for the audit log (default: data_quality).",
    )
    again.add_argument("--reason", default="", help="In your own words, for the audit log.")


def extract(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    if not options["pseudonymised"]:
        raise CommandError(
            "The hub writes person-level extracts only pseudonymised: add --pseudonymised."
        )
    path: Path = options["out"]
    try:
        done = write_extract(path)
    except PseudonymisationError as error:
        raise CommandError(str(error)) from error
    stdout.write(
        f"Wrote {done.records:,} records of {done.people:,} people, pseudonymised, to {path}. "
        "Keep the key apart from the file."
    )


def reidentify_command(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    try:
        found = reidentify(
            options["pseudonym"],
            options["username"],
            Purpose(options["purpose"]),
            options["reason"],
        )
    except PseudonymisationError as error:
        raise CommandError(str(error)) from error
    stdout.write(f"{options['pseudonym'].strip()} is {found.kind} {found.identifier}.")
    for line in found.details:
        stdout.write(f"  {line}")


ACTIONS = {"extract": extract, "reidentify": reidentify_command}
