"""Write a whole synthetic city: feeds, ground truth, the localities lookup and a README.

``write_city`` is what the demo, the tests, the benchmarks and the linkage evaluation call. The
population is held in memory (a few hundred bytes a person); events are generated and written
one household at a time, so the feeds, which are most of the volume, never are. The same
arguments give byte-identical files: every random draw comes from generators seeded with the
seed and a stage name, in a fixed order, and nothing depends on hash order or the clock.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from trustplan.hubcore.synth import truth
from trustplan.hubcore.synth.errors import ErrorRates
from trustplan.hubcore.synth.feeds import FeedFiles, Recorder
from trustplan.hubcore.synth.needs import household_events
from trustplan.hubcore.synth.planted import choose_planted
from trustplan.hubcore.synth.population import build_population
from trustplan.hubcore.synth.seeds import stage_rng
from trustplan.hubcore.synth.spec import FEEDS
from trustplan.hubcore.synth.window import DEFAULT_END, DEFAULT_START, make_window

PEOPLE_PER_PLANTED_FAMILY: Final = 1000
"""One agenda-pack family is planted per thousand people (at least three)."""
README_FILE: Final = "README.txt"


@dataclass(frozen=True)
class CitySummary:
    """What ``write_city`` wrote: its arguments, the population's size, the rows in each feed,
    and the planted agenda-pack families."""

    seed: int
    error_rate: float
    start: date
    end: date
    people: int
    households: int
    families: int
    feed_records: Mapping[str, int]
    planted_families: tuple[str, ...]

    @property
    def records(self) -> int:
        return sum(self.feed_records.values())


def write_city(
    people: int,
    seed: int,
    out: Path,
    *,
    error_rate: float = 1.0,
    start: date = DEFAULT_START,
    end: date = DEFAULT_END,
) -> CitySummary:
    """Write a synthetic city of ``people`` people into the folder ``out`` (created if need
    be): one ``<feed>.csv`` per feed, the truth files, ``localities.csv``,
    ``localities.geojson`` and ``README.txt``.
    ``error_rate`` scales every recording error (0: none; 1: the defaults of ``ErrorRates``)."""
    rates = ErrorRates().scaled(error_rate)
    window = make_window(start, end)
    population = build_population(people, seed, window)
    count = max(3, people // PEOPLE_PER_PLANTED_FAMILY)
    planted = choose_planted(population, stage_rng(seed, "planted"), count)
    needs_rng = stage_rng(seed, "needs")
    recorder = Recorder(rates, stage_rng(seed, "feeds"), population.people)
    out.mkdir(parents=True, exist_ok=True)
    families = 0
    with (
        FeedFiles(out, recorder, stage_rng(seed, "ids")) as feeds,
        (out / truth.FAMILIES_FILE).open("w", encoding="utf-8", newline="") as handle,
    ):
        family_writer = csv.writer(handle, lineterminator="\n")
        family_writer.writerow(truth.FAMILIES_COLUMNS)
        for household in population.households:
            plans, events = household_events(needs_rng, household, window, planted)
            locality = household.address_on(window.end).locality
            family_writer.writerows(truth.family_rows(plans, locality))
            families += len(plans)
            feeds.write(events)
    truth.write_people(population, out / truth.PEOPLE_FILE)
    truth.write_localities(out / truth.LOCALITIES_FILE)
    truth.write_outlines(out / truth.OUTLINES_FILE)
    summary = CitySummary(
        seed=seed,
        error_rate=error_rate,
        start=start,
        end=end,
        people=len(population.people),
        households=len(population.households),
        families=families,
        feed_records=dict(feeds.counts),
        planted_families=tuple(planted),
    )
    (out / README_FILE).write_text(readme(summary), encoding="utf-8")
    return summary


def readme(summary: CitySummary) -> str:
    feeds = "\n".join(
        f"  {FEEDS[name].file_name:<28}{count:>10,} records"
        for name, count in summary.feed_records.items()
    )
    planted = len(summary.planted_families)
    return f"""\
SYNTHETIC DATA. Every person, family, address and event in this folder is made up.

This is a synthetic city written by trustplan (trustplan.hubcore.synth) to demonstrate, test
and benchmark the family intelligence hub. No record describes a real person. The localities
and streets are fictional; every postcode is in the area "ZZ", which no UK postcode uses;
NHS numbers are from the range 999 000 0000 to 999 999 9999, which the NHS reserves for
testing and never issues; UPNs carry the local authority number 999, which no authority has.

Seed {summary.seed}, error rate {summary.error_rate:g}, window {summary.start} to {summary.end}.
{summary.people:,} people in {summary.households:,} households and {summary.families:,} families.

Feeds (the hub's feed specification; identities recorded with realistic errors):
{feeds}
  {"in all":<28}{summary.records:>10,} records

Ground truth (NOT feeds: never load these into the hub; they exist to score it):
  truth_records.csv     feed, record_id, person_id: who each feed record really is
  truth_people.csv      each person's true identity, family, household and locality
                        (surname and locality as at the end of the window)
  truth_families.csv    each family's true needs; agenda_example is true for the
                        families planted with the agenda pack's example ({planted} here):
                        falling attendance, two domestic abuse call-outs within 90
                        days, a sibling missing three CAMHS appointments

Lookup:
  localities.csv        postcode_sector, locality: for locality hotspot maps
  localities.geojson    the localities' fictional outlines, on a made-up plane (not
                        longitude and latitude), for the hotspot map

See docs/hub-synthetic-city.md for what is generated and the error model.
"""
