"""Linking the stored records of a synthetic city, and scoring it against the city's truth."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.hub.cities import load_city
from trustplan.hub.models import LinkRun, PersonLink

ON = dt.date(2024, 2, 29)


@pytest.fixture
def city(db: None, tmp_path: Path) -> Path:
    """A 600-person city, every feed loaded under one agreement."""
    return load_city(tmp_path / "city", on=ON)


def run(*args: str) -> str:
    out = io.StringIO()
    with override_settings(TRUSTPLAN_AS_OF=ON):
        call_command("hub", *args, stdout=out)
    return out.getvalue()


def test_linking_the_city_beats_the_naive_baseline(city: Path) -> None:
    summary = run("link")
    assert f"Link run {LinkRun.objects.get().pk} in " in summary
    report = run("evaluate", "--truth", str(city))
    ours = next(line for line in report.splitlines() if line.startswith("trustplan (Splink)"))
    baseline = next(line for line in report.splitlines() if line.startswith("baseline"))
    ours_f1, baseline_f1 = float(ours.split()[-1]), float(baseline.split()[-1])
    assert ours_f1 >= 0.99
    assert ours_f1 > baseline_f1
    assert "Linkage errors by ethnicity" in report


def test_a_reviewers_no_match_splits_a_person_on_the_next_run(city: Path) -> None:
    run("link")
    by_person: dict[str, list[str]] = defaultdict(list)
    for link in PersonLink.objects.all():
        by_person[link.person_id].append(f"{link.feed_type}:{link.record_id}")
    first, second = next(ids for ids in by_person.values() if len(ids) == 2)
    run("decide", first, second, "no_match", "--reason", "Different dates of birth on the files")
    run("link")
    people = {
        f"{link.feed_type}:{link.record_id}": link.person_id for link in PersonLink.objects.all()
    }
    assert people[first] != people[second]
    assert LinkRun.objects.count() == 2


def test_links_export_as_csv(city: Path, tmp_path: Path) -> None:
    run("link")
    run("export", "links", "--out", str(tmp_path / "links.csv"))
    lines = (tmp_path / "links.csv").read_text().splitlines()
    assert lines[0] == "feed,record_id,person_id"
    assert len(lines) - 1 == PersonLink.objects.count()


def test_linking_nothing_and_deciding_on_unknown_records_are_refused(db: None) -> None:
    with pytest.raises(CommandError, match="No records are stored"):
        run("link")
    with pytest.raises(CommandError, match="No stored record is"):
        run("decide", "police_incidents:X", "housing:Y", "match", "--reason", "r")
