"""``python -m trustplan.demodata OUTDIR [--seed N] [--plan PLAN.yaml]``: write the demonstration
files to look at them. ``trustplan demo`` loads the same data; this only writes it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from trustplan.demodata.files import write_files
from trustplan.demodata.generate import DEFAULT_SEED, generate, plan_indicator_keys
from trustplan.plancode import validate_file


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m trustplan.demodata",
        description="Write synthetic demonstration data as trustplan import files.",
    )
    parser.add_argument("outdir", type=Path, help="folder to write the files into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (0 or more)")
    parser.add_argument(
        "--plan", type=Path, help="only the indicators of this plan file (default: all defined)"
    )
    parser.add_argument("--start-year", type=int, default=2015)
    parser.add_argument("--end-year", type=int, default=2023)
    args = parser.parse_args(argv)
    keys = None
    if args.plan is not None:
        report = validate_file(args.plan)
        if report.document is None or not report.loadable:
            for located in report.errors:
                print(f"{args.plan}: {located.finding.message}", file=sys.stderr)
            return 2
        keys = plan_indicator_keys(report.document)
    try:
        data = generate(args.seed, keys, start_year=args.start_year, end_year=args.end_year)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in write_files(data, args.outdir):
        print(path)
    print(
        f"{len(data.indicators)} indicators, {len(data.observations)} observations, "
        f"{len(data.targets)} targets; all labelled {data.source!r}"
    )
    for signal in data.signals:
        periods = f"{signal.periods[0].label} to {signal.periods[-1].label}"
        print(f"{signal.spec.kind.value}: {signal.spec.indicator} ({periods}): {signal.spec.story}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
