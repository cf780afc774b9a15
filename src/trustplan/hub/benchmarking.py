"""`trustplan bench hub`: the hub's pipeline on a synthetic city, stage by stage.

Run in a throwaway database by the bench command. Stages: write the city (not part of the
pipeline, timed for information), load every feed, link, group families and evaluate the rule
sets. Each stage's wall time and records per second are measured, with the process's peak
memory at the end (``ru_maxrss``: DuckDB and Splink run in this process, so it is theirs too),
and the accuracy against the city's truth beside the naive baseline's, as `hub evaluate`
reports it.
"""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.management import call_command

from trustplan.hub.families import load_localities, run_families
from trustplan.hub.linking import run_linking
from trustplan.hub.models import DataSharingAgreement, Family
from trustplan.hub.pipeline import load_folder
from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.synth import write_city
from trustplan.hubcore.synth.truth import LOCALITIES_FILE


@dataclass
class HubFigures:
    people: int
    records: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    peak_memory_mb: float = 0.0
    linked_people: int = 0
    families: int = 0
    work_list: int = 0
    evaluation: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, object]:
        return asdict(self)


@contextmanager
def _stage(figures: HubFigures, name: str, say: Callable[[str], object]) -> Iterator[None]:
    say(f"{name} …")
    started = time.perf_counter()
    yield
    figures.stages[name] = round(time.perf_counter() - started, 2)
    say(f"{name}: {figures.stages[name]:.1f} s")


def run(
    people: int, seed: int, scratch: Path, on: dt.date, say: Callable[[str], object]
) -> HubFigures:
    figures = HubFigures(people)
    city = scratch / "city"
    city.mkdir()
    with _stage(figures, "synth (not part of the pipeline)", say):
        summary = write_city(people, seed, city)
    figures.records = summary.records
    DataSharingAgreement.objects.create(
        title="Benchmark",
        feeds=sorted(FEEDS),
        lawful_basis="Benchmark on made-up people",
        purposes="Benchmark",
        starts_on=on - dt.timedelta(days=365),
        ends_on=on + dt.timedelta(days=365),
        retention_days=365,
    )
    load_localities((city / LOCALITIES_FILE).read_bytes(), LOCALITIES_FILE)
    with _stage(figures, "load", say):
        load_folder(city, on=on, say=say)
    with _stage(figures, "link", say):
        link_run = run_linking(say=say)
    with _stage(figures, "families and rules", say):
        family_run = run_families(as_at=on, say=say)
    figures.peak_memory_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures.linked_people = int(link_run.counts.get("people", 0))
    families = Family.objects.filter(run=family_run)
    figures.families = families.count()
    figures.work_list = (
        families.filter(flags__isnull=False, open_to_early_help=False, open_to_social_care=False)
        .distinct()
        .count()
    )
    say("scoring against the truth (trustplan hub evaluate) …")
    report = io.StringIO()
    call_command("hub", "evaluate", "--truth", str(city), "--as-at", on.isoformat(), stdout=report)
    figures.evaluation = report.getvalue().splitlines()
    return figures


def table(figures: HubFigures) -> list[str]:
    """The one-screen summary the bench command prints."""
    lines = [
        f"{figures.people:,} people, {figures.records:,} feed records",
        f"{'stage':<36}{'seconds':>10}{'records/s':>12}",
    ]
    pipeline = 0.0
    for name, seconds in figures.stages.items():
        rate = f"{figures.records / seconds:,.0f}" if seconds else "-"
        lines.append(f"{name:<36}{seconds:>10.1f}{rate:>12}")
        if not name.startswith("synth"):
            pipeline += seconds
    lines.append(
        f"{'CSV files to work list':<36}{pipeline:>10.1f}{figures.records / pipeline:>12,.0f}"
    )
    lines.append(f"peak memory: {figures.peak_memory_mb:,.0f} MB")
    lines.append(
        f"{figures.linked_people:,} linked people, {figures.families:,} families, "
        f"{figures.work_list:,} on the work list"
    )
    lines.append("Accuracy against the city's truth (trustplan hub evaluate):")
    lines.extend(f"  {line}" for line in figures.evaluation)
    return lines
