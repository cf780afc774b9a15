"""Needs: a realistic minority of families, clustered and commoner in deprived localities; some
already open to services; and the agenda pack's example planted, with its three signals and
nothing else to give those families away."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from tests.hubcore.synth.conftest import City, read_csv
from trustplan.hubcore.synth import LOCALITIES, NEEDS


@pytest.fixture(scope="module")
def families(city: City) -> dict[str, dict[str, str]]:
    return {row["family_id"]: row for row in read_csv(city.folder / "truth_families.csv")}


@pytest.fixture(scope="module")
def rows_of(city: City) -> dict[str, dict[str, list[dict[str, str]]]]:
    """person_id -> feed -> that person's rows, found through the truth only."""
    found: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for feed, rows in city.feeds.items():
        for row in rows:
            found[city.owner[feed, row["record_id"]]][feed].append(row)
    return found


def test_every_family_is_in_the_truth(city: City, families: dict[str, dict[str, str]]) -> None:
    assert list(families) == [f.family_id for f in city.population.families]
    assert city.summary.families == len(families)
    for row in families.values():
        needs = row["needs"].split(";") if row["needs"] else []
        assert needs == [need for need in NEEDS if need in needs]  # known, in order, once


def test_a_realistic_minority_of_families_have_needs_which_cluster(
    city: City, families: dict[str, dict[str, str]]
) -> None:
    with_children = [f for f in city.population.families if f.children]
    counts = [
        len(families[f.family_id]["needs"].split(";")) if families[f.family_id]["needs"] else 0
        for f in with_children
    ]
    some = sum(count >= 1 for count in counts) / len(counts)
    several = sum(count >= 2 for count in counts) / len(counts)
    assert 0.1 < some < 0.4
    assert 0.03 < several < 0.2
    assert Counter(counts)[3] > 0


def test_deprived_localities_have_more_need(
    city: City, families: dict[str, dict[str, str]]
) -> None:
    deprivation = {loc.name: loc.deprivation for loc in LOCALITIES}
    share: dict[str, list[bool]] = defaultdict(list)
    for row in families.values():
        share[row["locality"]].append(bool(row["needs"]))
    most = [name for name, d in deprivation.items() if d >= 0.7]
    least = [name for name, d in deprivation.items() if d <= 0.3]

    def rate(names: list[str]) -> float:
        flags = [flag for name in names for flag in share[name]]
        return sum(flags) / len(flags)

    assert rate(most) > 1.5 * rate(least)


def test_some_families_are_already_open_to_services(city: City) -> None:
    start = city.population.window.start
    for feed in ("social_care", "early_help"):
        starts = [date.fromisoformat(row["start_date"]) for row in city.feeds[feed]]
        assert any(day < start for day in starts), feed
        assert any(not row["end_date"] for row in city.feeds[feed]), feed


def test_the_agenda_pack_example_is_planted(
    city: City,
    families: dict[str, dict[str, str]],
    rows_of: dict[str, dict[str, list[dict[str, str]]]],
) -> None:
    planted = [row for row in families.values() if row["agenda_example"] == "true"]
    assert len(planted) == 4  # one per thousand people, at least three
    assert tuple(row["family_id"] for row in planted) == tuple(
        sorted(city.summary.planted_families, key=list(families).index)
    )
    people = {person.person_id: person for person in city.population.people}
    terms = [term.label for term in city.population.window.terms]
    for row in planted:
        child, sibling = people[row["agenda_child"]], people[row["agenda_sibling"]]
        assert child is not sibling
        assert child.family.family_id == sibling.family.family_id == row["family_id"]
        members = [person.person_id for person in child.family.members]

        # Attendance falls over two terms, each lower than the last, still above 90 per cent.
        attendance = {
            r["term"]: int(r["sessions_missed"]) / int(r["sessions_possible"])
            for r in rows_of[child.person_id]["school_attendance"]
        }
        absence = [attendance[label] for label in terms if label in attendance]
        assert any(
            absence[i] < absence[i + 1] < absence[i + 2] <= 0.1
            and absence[i + 2] - absence[i] >= 0.05
            for i in range(len(absence) - 2)
        ), absence

        # Two domestic abuse call-outs to the home within 90 days; no other police contact.
        police = [r for m in members for r in rows_of[m]["police_incidents"]]
        assert {r["incident_type"] for r in police} == {"domestic_abuse"}
        days = sorted({date.fromisoformat(r["incident_date"]) for r in police})
        assert len(days) == 2
        assert 0 < (days[1] - days[0]).days <= 90
        assert {"victim"} <= {r["role"] for r in police}

        # The sibling missed three CAMHS appointments; no one else in the family is in CAMHS.
        camhs = {
            (r["appointment_date"], r["attendance"])
            for m in members
            for r in rows_of[m]["health_appointments"]
            if r["service"] == "camhs"
        }
        camhs_people = {
            m for m in members for r in rows_of[m]["health_appointments"] if r["service"] == "camhs"
        }
        assert camhs_people == {sibling.person_id}
        assert sum(attended == "did_not_attend" for _, attended in camhs) == 3

        # Otherwise unknown: no social care, early help, suspension or youth justice.
        for feed in ("social_care", "early_help", "exclusions", "youth_justice"):
            assert not any(rows_of[m][feed] for m in members), feed
