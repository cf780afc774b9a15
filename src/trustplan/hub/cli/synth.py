"""`trustplan hub synth`: a synthetic city's feeds, with ground truth."""

from __future__ import annotations

from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.hubcore.synth import MAX_PEOPLE, write_city


def register(sub: _SubParsersAction[Any]) -> None:
    synth = sub.add_parser(
        "synth", help="Write a synthetic city's feeds, with ground truth (made-up people)."
    )
    synth.add_argument("--people", type=int, required=True)
    synth.add_argument("--seed", type=int, default=2024)
    synth.add_argument("--out", type=Path, required=True, help="A folder to write into.")
    synth.add_argument(
        "--error-rate", type=float, default=1.0, help="Scale the recording errors (0: none)."
    )


def synth(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    if not 1 <= options["people"] <= MAX_PEOPLE:
        raise CommandError(f"--people must be from 1 to {MAX_PEOPLE:,}.")
    if options["error_rate"] < 0:
        raise CommandError("--error-rate cannot be negative.")
    out: Path = options["out"]
    if out.exists() and any(out.iterdir()):
        raise CommandError(f"{out} is not empty: choose a new folder.")
    out.mkdir(parents=True, exist_ok=True)
    city = write_city(options["people"], options["seed"], out, error_rate=options["error_rate"])
    stdout.write(
        f"Wrote a synthetic city to {out}: {city.people:,} people in {city.households:,} "
        f"households ({city.families:,} families), {city.records:,} feed records."
    )
    for feed, count in city.feed_records.items():
        stdout.write(f"  {feed}.csv: {count:,}")
    stdout.write("  truth_records.csv and truth_people.csv: the ground truth.")


ACTIONS = {"synth": synth}
