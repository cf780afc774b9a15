"""`trustplan bench`: benchmarks that print figures.

- `kpi`: time importing, judging and showing a large indicator store. Each database engine is
  measured in a fresh throwaway database, in a process of its own, so the figures do not depend
  on what is already stored and peak memory is the run's own.
- `reports`: set up the demo in a throwaway folder, then time building the 2020-23 plan's whole
  quarterly set (every board's pack as PDF, DOCX and XLSX) and the annual report.
- `hub`: write a synthetic city of N people, then time the family hub's pipeline on it (load
  every feed, link, group families and evaluate the rule sets) in a throwaway database, with
  records per second, peak memory and the linkage's accuracy beside the naive baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

import psycopg
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from trustplan.config.profiles import apply_demo_profile
from trustplan.hub import benchmarking as hub_benchmarks
from trustplan.hubcore.synth import DEFAULT_END, MAX_PEOPLE
from trustplan.measures import benchmarking
from trustplan.measures.benchmarking import Figures, Size
from trustplan.plans.models import Plan
from trustplan.reports import benchmarking as report_benchmarks
from trustplan.web.demo import DEMO_PLAN

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
HUB_AS_AT = DEFAULT_END  # the synthetic city's last day: every feed record is in the past


class Command(BaseCommand):
    help = (
        "Benchmarks. 'kpi': import, judge and show INDICATORS x AREAS x YEARS of monthly data "
        "(default 300 x 150 x 10 = 5.4 million rows) on SQLite and PostgreSQL. 'reports': "
        "build every board pack and the annual report of the demo, in seconds per document. 'hub': "
        "the family hub's pipeline on a synthetic city of --people N, stage by stage."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="which", required=True, metavar="BENCHMARK")
        kpi = sub.add_parser("kpi", help="Indicator data: rows per second and ms per page.")
        kpi.add_argument("--indicators", type=int, default=300)
        kpi.add_argument("--areas", type=int, default=150)
        kpi.add_argument("--years", type=int, default=10)
        kpi.add_argument(
            "--engines", default="sqlite,postgres", help="Comma-separated: sqlite, postgres."
        )
        kpi.add_argument(
            "--postgres-url",
            default=os.environ.get("TRUSTPLAN_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
            help="A PostgreSQL server to make (and drop) a benchmark database on.",
        )
        kpi.add_argument("--worker", help=argparse.SUPPRESS)
        kpi.add_argument("--json-out", type=Path, help="Write the figures as JSON here.")
        reports = sub.add_parser("reports", help="Board packs and the annual report: s/document.")
        reports.add_argument("--year", default="2023/24", help="The annual report's year.")
        reports.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
        reports.add_argument("--json-out", type=Path, help="Write the figures as JSON here.")
        hub = sub.add_parser(
            "hub", help="The family hub: load, link, families and rules on a synthetic city."
        )
        hub.add_argument("--people", type=int, default=50_000)
        hub.add_argument("--seed", type=int, default=2024)
        hub.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
        hub.add_argument("--json-out", type=Path, help="Write the figures as JSON here.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["which"] in ("reports", "hub"):
            getattr(self, f"_{options['which']}")(options)
            return
        size = Size(options["indicators"], options["areas"], options["years"])
        if min(size.indicators, size.areas, size.years) < 1:
            raise CommandError("--indicators, --areas and --years must each be at least 1")
        if options["worker"]:
            self._work(size, options["worker"], options["json_out"])
            return
        engines = [e.strip() for e in options["engines"].split(",") if e.strip()]
        unknown = set(engines) - {"sqlite", "postgres"}
        if unknown:
            raise CommandError(f"unknown engine(s): {', '.join(sorted(unknown))}")
        self.stdout.write(
            f"trustplan bench kpi: {size.indicators} indicators x {size.areas} areas x "
            f"{size.years} years of monthly data = {size.rows:,} rows per engine"
        )
        results = [self._measure(size, engine, options["postgres_url"]) for engine in engines]
        self.stdout.write("")
        for line in benchmarking.table(results):
            self.stdout.write(line)
        if options["json_out"]:
            options["json_out"].write_text(
                json.dumps([benchmarking.as_row(r) for r in results], indent=2)
            )

    def _measure(self, size: Size, engine: str, postgres_url: str) -> Figures:
        with tempfile.TemporaryDirectory(prefix="trustplan-bench-") as scratch:
            env = {**os.environ, "TRUSTPLAN_DATA_DIR": scratch, "TRUSTPLAN_HTTPS": "0"}
            env.pop("DATABASE_URL", None)
            env.pop("TRUSTPLAN_AS_OF", None)
            database = None
            if engine == "postgres":
                database = f"trustplan_bench_{os.getpid()}"
                _postgres(postgres_url, f'create database "{database}"')
                env["DATABASE_URL"] = postgres_url.rsplit("/", 1)[0] + f"/{database}"
            out = Path(scratch) / "figures.json"
            command = [
                sys.executable,
                "-m",
                "trustplan",
                "bench",
                "kpi",
                f"--indicators={size.indicators}",
                f"--areas={size.areas}",
                f"--years={size.years}",
                f"--worker={engine}",
                f"--json-out={out}",
            ]
            try:
                result = subprocess.run(command, env=env, check=False)  # noqa: S603
            finally:
                if database:
                    _postgres(postgres_url, f'drop database if exists "{database}"')
            if result.returncode != 0:
                raise CommandError(f"the {engine} benchmark failed (exit {result.returncode})")
            return Figures(**json.loads(out.read_text()))

    def _work(self, size: Size, engine: str, out: Path | None) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        figures = benchmarking.run(size, engine, say=self.stderr.write)
        if out is not None:
            out.write_text(json.dumps(benchmarking.as_row(figures)))

    def _reports(self, options: dict[str, Any]) -> None:
        if options["worker"]:
            call_command("demo", "--no-serve", stdout=self.stderr)
            plan = Plan.objects.get(slug=DEMO_PLAN)
            timings = report_benchmarks.run(plan, options["year"], say=self.stderr.write)
            options["json_out"].write_text(json.dumps([t.as_row() for t in timings], indent=2))
            return
        self.stdout.write("trustplan bench reports: setting up the demo in a throwaway folder")
        with tempfile.TemporaryDirectory(prefix="trustplan-bench-") as scratch:
            env = {**os.environ, "TRUSTPLAN_DATA_DIR": scratch}
            for name in ("DATABASE_URL", "TRUSTPLAN_AS_OF", "TRUSTPLAN_SECRET_KEY"):
                env.pop(name, None)
            apply_demo_profile(env)
            out = Path(scratch) / "figures.json"
            command = [sys.executable, "-m", "trustplan", "bench", "reports", "--worker"]
            command += [f"--year={options['year']}", f"--json-out={out}"]
            result = subprocess.run(command, env=env, check=False)  # noqa: S603
            if result.returncode != 0:
                raise CommandError(f"the reports benchmark failed (exit {result.returncode})")
            timings = [report_benchmarks.Timing(**row) for row in json.loads(out.read_text())]
        self.stdout.write("")
        for line in report_benchmarks.table(timings):
            self.stdout.write(line)
        if options["json_out"]:
            options["json_out"].write_text(json.dumps([t.as_row() for t in timings], indent=2))

    def _hub(self, options: dict[str, Any]) -> None:
        if not 1 <= options["people"] <= MAX_PEOPLE:
            raise CommandError(f"--people must be from 1 to {MAX_PEOPLE:,}.")
        if options["worker"]:
            call_command("migrate", interactive=False, verbosity=0)
            figures = hub_benchmarks.run(
                options["people"], options["seed"], options["worker"], HUB_AS_AT, self.stderr.write
            )
            options["json_out"].write_text(json.dumps(figures.as_row()))
            return
        self.stdout.write(
            f"trustplan bench hub: {options['people']:,} people (seed {options['seed']}) in a "
            "throwaway SQLite database"
        )
        with tempfile.TemporaryDirectory(prefix="trustplan-bench-") as scratch:
            env = {**os.environ, "TRUSTPLAN_DATA_DIR": scratch}
            for name in ("DATABASE_URL", "TRUSTPLAN_AS_OF"):
                env.pop(name, None)
            out = Path(scratch) / "figures.json"
            command = [sys.executable, "-m", "trustplan", "bench", "hub"]
            command += [f"--people={options['people']}", f"--seed={options['seed']}"]
            command += [f"--worker={scratch}", f"--json-out={out}"]
            result = subprocess.run(command, env=env, check=False)  # noqa: S603
            if result.returncode != 0:
                raise CommandError(f"the hub benchmark failed (exit {result.returncode})")
            figures = hub_benchmarks.HubFigures(**json.loads(out.read_text()))
        self.stdout.write("")
        for line in hub_benchmarks.table(figures):
            self.stdout.write(line)
        if options["json_out"]:
            options["json_out"].write_text(json.dumps(figures.as_row(), indent=2))


def _postgres(url: str, statement: str) -> None:
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(statement)
    except psycopg.Error as exc:
        raise CommandError(f"PostgreSQL at {url.split('@')[-1]}: {exc}") from None
