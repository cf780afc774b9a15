"""The recording errors: each kind happens, at about its configured rate, measured against the
truth; none is absurd (a typo is one edit, a wrong NHS number fails its check or is a real
person's); and with ``error_rate`` 0 every record is exactly true."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.hubcore.synth.conftest import FEED_NAMES, City
from trustplan.hubcore.synth import FEEDS, ErrorRates, is_valid_nhs_number
from trustplan.hubcore.synth.errors import swapped_day_month
from trustplan.hubcore.synth.events import appointment
from trustplan.hubcore.synth.feeds import Recorder
from trustplan.hubcore.synth.names import VARIANTS, simplified
from trustplan.hubcore.synth.population import Person

RATES = ErrorRates()


@dataclass(frozen=True)
class Sample:
    feed: str
    person: Person
    row: dict[str, str]
    day: date
    registered: date
    """The day of the person's first record in the feed: when the agency keyed them."""


def clients(city: City) -> Iterator[tuple[str, Person, list[tuple[date, dict[str, str]]]]]:
    """Each client record (one agency's record of one person) with its rows, by day."""
    people = {person.person_id: person for person in city.population.people}
    for feed in FEED_NAMES:
        rows: dict[str, list[tuple[date, dict[str, str]]]] = {}
        for person_id, row in city.person_rows(feed):
            rows.setdefault(person_id, []).append((city.event_day(feed, row), row))
        for person_id, dated in rows.items():
            yield feed, people[person_id], sorted(dated, key=lambda item: item[0])


def samples(city: City) -> Iterator[Sample]:
    """Independent draws of each error: the first row of each client record (every row for
    the police, who key each incident afresh), since errors are drawn per client record; and
    for the ``*_not_updated`` errors, drawn once per client record, its first row after the
    change."""
    for feed, person, dated in clients(city):
        registered = dated[0][0]
        for day, row in dated if FEEDS[feed].rekeyed else dated[:1]:
            yield Sample(feed, person, row, day, registered)


def stale_samples(city: City) -> Iterator[tuple[str, Sample]]:
    for feed, person, dated in clients(city):
        registered = dated[0][0]
        changes = (
            ("surname_not_updated", person.renamed_on),
            ("address_not_updated", person.household.moved_on),
        )
        for kind, changed in changes:
            if changed is not None and registered < changed:
                after = [(day, row) for day, row in dated if day >= changed]
                if after:
                    yield kind, Sample(feed, person, after[0][1], after[0][0], registered)


def _close(observed: int, trials: int, rate: float) -> bool:
    """Within four binomial standard deviations (plus one) of the expected count."""
    expected = trials * rate
    return abs(observed - expected) <= 4 * math.sqrt(trials * rate * (1 - rate)) + 1


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, and swaps of
    neighbours."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@pytest.fixture(scope="module")
def measured(city: City) -> tuple[Counter[str], Counter[str]]:
    """Counts of each error and of the records it could have happened to."""
    hits: Counter[str] = Counter()
    trials: Counter[str] = Counter()
    for s in samples(city):
        person, row = s.person, s.row
        first = person.first_name
        forms = {first, simplified(first), *VARIANTS.get(first, ())}
        trials["first_name_typo"] += 1
        if row["first_name"] not in forms:
            hits["first_name_typo"] += 1
            assert min(_edits(row["first_name"], form) for form in forms) == 1
        if first in VARIANTS and simplified(first) == first:
            trials["nickname"] += 1
            hits["nickname"] += row["first_name"] in VARIANTS[first]
        surnames = {person.last_name_on(s.day), person.previous_last_name}
        surnames |= {simplified(name) for name in surnames}
        trials["last_name_typo"] += 1
        if row["last_name"] not in surnames:
            hits["last_name_typo"] += 1
            assert min(_edits(row["last_name"], name) for name in surnames) == 1
        swapped = swapped_day_month(person.date_of_birth)
        assert row["date_of_birth"] in {person.date_of_birth.isoformat(), str(swapped)}
        if swapped is not None:
            trials["dob_day_month_swapped"] += 1
            hits["dob_day_month_swapped"] += row["date_of_birth"] == swapped.isoformat()
        if "sex" in row:
            trials["sex_not_recorded"] += 1
            hits["sex_not_recorded"] += row["sex"] == "U"
            assert row["sex"] in {person.sex, "U"}
        if "ethnicity" in row and person.ethnicity != "Not known":
            trials["ethnicity_not_recorded"] += 1
            hits["ethnicity_not_recorded"] += row["ethnicity"] == "Not known"
            assert row["ethnicity"] in {person.ethnicity, "Not known"}
        _identifiers(s, hits, trials)
        _address(s, hits, trials)
    for kind, s in stale_samples(city):
        trials[kind] += 1
        if kind == "surname_not_updated":
            old = s.person.previous_last_name
            hits[kind] += s.row["last_name"] in {old, simplified(old)}
        else:
            new = s.person.household.addresses[1]
            hits[kind] += s.row["postcode"] != new.postcode and s.row.get("uprn") != new.uprn
    return hits, trials


def _identifiers(s: Sample, hits: Counter[str], trials: Counter[str]) -> None:
    spec, person, row = FEEDS[s.feed], s.person, s.row
    if "nhs_number" in row:
        trials[f"nhs_missing:{s.feed}"] += 1
        number = row["nhs_number"]
        hits[f"nhs_missing:{s.feed}"] += number == ""
        if number:
            trials["nhs_wrong_digit"] += 1
            trials["nhs_other_person"] += 1
            if not is_valid_nhs_number(number):
                hits["nhs_wrong_digit"] += 1
                assert sum(a != b for a, b in zip(number, person.nhs_number, strict=True)) == 1
            elif number != person.nhs_number:
                hits["nhs_other_person"] += 1
    if "upn" in row and person.upn:
        trials[f"upn_missing:{s.feed}"] += 1
        hits[f"upn_missing:{s.feed}"] += row["upn"] == ""
        assert row["upn"] in {"", person.upn}
    if "uprn" in row and spec.uprn_missing:
        trials[f"uprn_missing:{s.feed}"] += 1
        hits[f"uprn_missing:{s.feed}"] += row["uprn"] == ""


def _address(s: Sample, hits: Counter[str], trials: Counter[str]) -> None:
    household, row = s.person.household, s.row
    if "postcode" not in row:
        return
    postcodes = [address.postcode for address in household.addresses]
    trials["postcode_typo"] += 1
    if row["postcode"] not in postcodes:
        hits["postcode_typo"] += 1
        assert min(_edits(row["postcode"], postcode) for postcode in postcodes) == 1
        assert row["postcode"].startswith("ZZ")
    lines = [address.line for address in household.addresses]
    trials["address_abbreviated"] += 1
    hits["address_abbreviated"] += row["address"] not in lines


PER_RECORD = [
    "first_name_typo",
    "last_name_typo",
    "nickname",
    "dob_day_month_swapped",
    "sex_not_recorded",
    "ethnicity_not_recorded",
    "nhs_wrong_digit",
    "nhs_other_person",
    "postcode_typo",
    "address_abbreviated",
    "address_not_updated",
]


@pytest.mark.parametrize("kind", PER_RECORD)
def test_each_error_happens_at_about_its_rate(
    measured: tuple[Counter[str], Counter[str]], kind: str
) -> None:
    hits, trials = measured
    rate = getattr(RATES, kind)
    assert trials[kind] > 0, kind
    assert hits[kind] > 0, kind
    assert _close(hits[kind], trials[kind], rate), (kind, hits[kind], trials[kind], rate)


@pytest.mark.parametrize("feed", [name for name in FEED_NAMES if FEEDS[name].nhs_missing])
def test_nhs_numbers_are_missing_as_often_as_each_agency_misses_them(
    measured: tuple[Counter[str], Counter[str]], feed: str
) -> None:
    hits, trials = measured
    key = f"nhs_missing:{feed}"
    assert _close(hits[key], trials[key], FEEDS[feed].nhs_missing), (hits[key], trials[key])


@pytest.mark.parametrize("feed", [name for name in FEED_NAMES if FEEDS[name].upn_missing])
def test_upns_are_missing_as_often_as_each_agency_misses_them(
    measured: tuple[Counter[str], Counter[str]], feed: str
) -> None:
    hits, trials = measured
    key = f"upn_missing:{feed}"
    assert _close(hits[key], trials[key], FEEDS[feed].upn_missing), (hits[key], trials[key])


def test_police_and_housing_usually_lack_an_nhs_number(
    measured: tuple[Counter[str], Counter[str]],
) -> None:
    hits, trials = measured
    for feed in ("police_incidents", "housing"):
        assert hits[f"nhs_missing:{feed}"] > 0.6 * trials[f"nhs_missing:{feed}"]
    assert (
        hits["nhs_missing:health_appointments"] < 0.05 * trials["nhs_missing:health_appointments"]
    )


def test_duplicates_are_events_entered_twice(city: City) -> None:
    """A duplicate repeats an event (same person, same values) under a new record id; true
    events never repeat, so every repeat is a duplicate."""
    extra = 0
    rows = 0
    for feed in FEED_NAMES:
        values = FEEDS[feed].events
        seen = Counter(
            (person_id, tuple(row[column] for column in values))
            for person_id, row in city.person_rows(feed)
        )
        extra += sum(count - 1 for count in seen.values())
        rows += len(city.feeds[feed])
    assert extra > 0
    assert _close(extra, rows - extra, RATES.duplicate)


def test_error_rate_zero_records_the_truth(clean_city: City) -> None:
    people = {person.person_id: person for person in clean_city.population.people}
    for feed in FEED_NAMES:
        events: Counter[tuple[str, tuple[str, ...]]] = Counter()
        for person_id, row in clean_city.person_rows(feed):
            person, day = people[person_id], clean_city.event_day(feed, row)
            address = person.address_on(day)
            true = {
                "first_name": person.first_name,
                "last_name": person.last_name_on(day),
                "date_of_birth": person.date_of_birth.isoformat(),
                "sex": person.sex,
                "nhs_number": person.nhs_number,
                "upn": person.upn,
                "address": address.line,
                "postcode": address.postcode,
                "uprn": address.uprn,
                "ethnicity": person.ethnicity,
            }
            assert {k: v for k, v in row.items() if k in true} == {
                k: v for k, v in true.items() if k in row
            }
            events[person_id, tuple(row[c] for c in FEEDS[feed].events)] += 1
        assert max(events.values(), default=1) == 1, feed


def test_scaling_multiplies_every_rate_and_caps_at_one() -> None:
    doubled = ErrorRates().scaled(2)
    assert doubled.first_name_typo == pytest.approx(2 * RATES.first_name_typo)
    assert doubled.missing == 2
    assert ErrorRates().scaled(10).surname_not_updated == 1.0
    assert ErrorRates().scaled(0).duplicate == 0


def test_changes_after_a_record_is_made_are_missed_at_about_their_rates(city: City) -> None:
    """Record a renamed person and a moved household's member thousands of times, once before
    and once after the change: the second record keeps the old surname or address at about
    the configured rates. (Too few people marry in a small city to measure it there.)"""
    people = city.population.people
    renamed = next(p for p in people if p.renamed_on is not None)
    moved = next(p for p in people if p.household.moved_on is not None)
    recorder = Recorder(RATES, random.Random(1), people)
    spec = FEEDS["health_appointments"]
    trials = 4000
    for person, changed, kind in (
        (renamed, renamed.renamed_on, "surname_not_updated"),
        (moved, moved.household.moved_on, "address_not_updated"),
    ):
        assert changed is not None
        before = appointment(person, changed - timedelta(days=30), "paediatrics", "attended")
        after = appointment(person, changed, "paediatrics", "attended")
        stale = 0
        for _ in range(trials):
            rows = [
                identity
                for event, identity in recorder.record(spec, person, [before, after])
                if event is after
            ]
            if kind == "surname_not_updated":
                old = person.previous_last_name
                stale += rows[0]["last_name"] in {old, simplified(old)}
            else:
                stale += rows[0]["postcode"] != person.household.addresses[1].postcode
        rate = getattr(RATES, kind) + (RATES.postcode_typo if kind == "address_not_updated" else 0)
        assert _close(stale, trials, rate), (kind, stale / trials)
