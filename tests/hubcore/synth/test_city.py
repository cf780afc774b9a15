"""The city's files: exactly the feed specification's columns and values, truth that covers
every record, fictional places only, and the same bytes for the same arguments."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from tests.hubcore.synth.conftest import FEED_NAMES, City, read_csv
from trustplan.hubcore.synth import FEEDS, LOCALITIES, is_valid_upn, write_city

# Copied from the feed specification's text, not from the code under test.
IDENTITY = ("record_id", "first_name", "last_name", "date_of_birth")
OPTIONAL = ("sex", "nhs_number", "upn", "address", "postcode", "uprn", "ethnicity")
EVENT_COLUMNS = {
    "school_attendance": ("term", "sessions_possible", "sessions_missed"),
    "exclusions": ("exclusion_date", "exclusion_type", "days"),
    "police_incidents": ("incident_date", "incident_type", "role"),
    "youth_justice": ("outcome_date", "outcome"),
    "health_appointments": ("appointment_date", "service", "attendance"),
    "social_care": ("episode_type", "start_date", "end_date"),
    "early_help": ("start_date", "end_date", "lead_agency", "closure_reason"),
    "housing": ("event_date", "event_type"),
    "worklessness": ("start_date", "end_date", "benefit"),
}
ENUMERATIONS = {
    ("exclusions", "exclusion_type"): {"suspension", "permanent"},
    ("police_incidents", "incident_type"): {
        "domestic_abuse",
        "asb",
        "missing",
        "crime",
        "exploitation_concern",
    },
    ("police_incidents", "role"): {"victim", "suspect", "witness", "subject"},
    ("youth_justice", "outcome"): {
        "caution",
        "youth_conditional_caution",
        "referral_order",
        "youth_rehabilitation_order",
        "custody",
    },
    ("health_appointments", "service"): {
        "camhs",
        "paediatrics",
        "health_visiting",
        "school_nursing",
        "substance_misuse",
        "adult_mental_health",
        "maternity",
    },
    ("health_appointments", "attendance"): {"attended", "did_not_attend", "cancelled"},
    ("social_care", "episode_type"): {
        "contact",
        "referral",
        "child_in_need",
        "child_protection",
        "looked_after",
    },
    ("early_help", "closure_reason"): {
        "",
        "outcomes_achieved",
        "stepped_up",
        "disengaged",
        "moved_away",
        "other",
    },
    ("housing", "event_type"): {
        "homelessness_presentation",
        "temporary_accommodation",
        "eviction_notice",
    },
    ("worklessness", "benefit"): {
        "out_of_work_benefit",
        "universal_credit_no_work_requirements",
        "other",
    },
}
DATE_COLUMNS = {
    "exclusion_date",
    "incident_date",
    "outcome_date",
    "appointment_date",
    "start_date",
    "event_date",
}
TERM = re.compile(r"^(Autumn|Spring|Summer) (\d{4})/(\d{2})$")
POSTCODE = re.compile(r"^ZZ\d{1,2} \d[ABDEFGHJLNPQRSTUWXYZ]{2}$")
ETHNICITIES = {"White", "Mixed", "Asian", "Black", "Other", "Not known"}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return handle.readline().rstrip("\n").split(",")


def test_the_folder_holds_the_feeds_the_truth_the_lookup_and_a_readme(city: City) -> None:
    names = {path.name for path in city.folder.iterdir()}
    feeds = {f"{name}.csv" for name in FEED_NAMES}
    truth = {"truth_records.csv", "truth_people.csv", "truth_families.csv"}
    assert names == feeds | truth | {"localities.csv", "localities.geojson", "README.txt"}
    assert tuple(FEEDS) == FEED_NAMES
    readme = (city.folder / "README.txt").read_text(encoding="utf-8")
    assert readme.startswith("SYNTHETIC DATA.")
    assert "truth_records.csv" in readme
    assert "never load these" in readme


@pytest.mark.parametrize("feed", FEED_NAMES)
def test_each_feed_header_follows_the_specification(city: City, feed: str) -> None:
    header = _header(city.folder / f"{feed}.csv")
    identity = tuple(header[: len(header) - len(EVENT_COLUMNS[feed])])
    assert identity[:4] == IDENTITY
    optional = identity[4:]
    assert set(optional) <= set(OPTIONAL)
    assert list(optional) == sorted(optional, key=OPTIONAL.index)  # the specification's order
    assert tuple(header[len(identity) :]) == EVENT_COLUMNS[feed]


def test_truth_files_have_the_specified_columns(city: City) -> None:
    assert _header(city.folder / "truth_records.csv") == ["feed", "record_id", "person_id"]
    assert _header(city.folder / "truth_people.csv") == [
        "person_id",
        "family_id",
        "household_id",
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "ethnicity",
        "is_child",
        "expectant",
        "locality",
    ]
    assert _header(city.folder / "localities.csv") == ["postcode_sector", "locality"]


@pytest.mark.parametrize("feed", FEED_NAMES)
def test_each_feed_value_is_as_specified(city: City, feed: str) -> None:
    rows = city.feeds[feed]
    assert rows, feed
    ids = [row["record_id"] for row in rows]
    assert len(set(ids)) == len(ids)
    for row in rows:
        assert 0 < len(row["record_id"]) <= 64
        assert row["first_name"]
        assert row["last_name"]
        date.fromisoformat(row["date_of_birth"])
        assert row.get("sex", "F") in {"F", "M", "U"}
        assert row.get("ethnicity", "White") in ETHNICITIES
        nhs = row.get("nhs_number", "")
        assert nhs == "" or (len(nhs) == 10 and nhs.isdigit())
        upn = row.get("upn", "")
        assert upn == "" or is_valid_upn(upn)
        uprn = row.get("uprn", "")
        assert uprn == "" or (uprn.isdigit() and 1 <= len(uprn) <= 12)
        assert row.get("postcode") is None or POSTCODE.match(row["postcode"]), row["postcode"]
        for column in DATE_COLUMNS & row.keys():
            date.fromisoformat(row[column])
        if row.get("end_date"):
            assert date.fromisoformat(row["end_date"]) >= date.fromisoformat(row["start_date"])
        for (name, column), allowed in ENUMERATIONS.items():
            if name == feed:
                assert row[column] in allowed, (column, row[column])
    if feed == "school_attendance":
        for row in rows:
            _season, first, second = TERM.match(row["term"]).groups()  # type: ignore[union-attr]
            assert int(second) == (int(first) + 1) % 100
            possible, missed = int(row["sessions_possible"]), int(row["sessions_missed"])
            assert possible > 0
            assert 0 <= missed <= possible
    if feed == "exclusions":
        assert all(float(row["days"]) > 0 for row in rows)


def test_truth_records_cover_every_feed_record_once(city: City) -> None:
    truth = read_csv(city.folder / "truth_records.csv")
    assert len(truth) == sum(len(rows) for rows in city.feeds.values())
    assert len({(row["feed"], row["record_id"]) for row in truth}) == len(truth)
    people = {row["person_id"] for row in read_csv(city.folder / "truth_people.csv")}
    assert {row["person_id"] for row in truth} <= people
    assert city.summary.feed_records == {name: len(city.feeds[name]) for name in FEED_NAMES}


def test_truth_people_are_the_true_identities(city: City) -> None:
    rows = read_csv(city.folder / "truth_people.csv")
    assert len(rows) == city.summary.people == 4000
    end = city.population.window.end
    for row, person in zip(rows, city.population.people, strict=True):
        assert row["person_id"] == person.person_id
        assert row["last_name"] == person.last_name_on(end)
        assert row["is_child"] == ("true" if person.age_on(end) < 18 else "false")
        assert row["expectant"] in {"true", "false"}
        assert row["ethnicity"] in ETHNICITIES
        assert row["sex"] in {"F", "M"}
    children = sum(row["is_child"] == "true" for row in rows) / len(rows)
    assert 0.17 < children < 0.28
    assert 0 < sum(row["expectant"] == "true" for row in rows) < 0.02 * len(rows)
    ethnicity = Counter(row["ethnicity"] for row in rows)
    assert ethnicity.most_common(1)[0][0] == "White"
    assert all(ethnicity[name] > 0 for name in ETHNICITIES)


def test_people_belong_to_families_inside_households(city: City) -> None:
    rows = read_csv(city.folder / "truth_people.csv")
    households_of_family = defaultdict(set)
    for row in rows:
        households_of_family[row["family_id"]].add(row["household_id"])
    assert all(len(households) == 1 for households in households_of_family.values())
    kinds = Counter(household.kind for household in city.population.households)
    assert {"single", "couple_children", "lone_parent", "multi_generation"} <= kinds.keys()
    assert any(len(h.families) > 1 for h in city.population.households)


def test_only_the_fictional_postcode_area_is_used(city: City) -> None:
    sectors = read_csv(city.folder / "localities.csv")
    assert {row["locality"] for row in sectors} == {loc.name for loc in LOCALITIES}
    assert all(re.fullmatch(r"ZZ\d{1,2} \d", row["postcode_sector"]) for row in sectors)
    for rows in city.feeds.values():
        assert all(POSTCODE.match(row["postcode"]) for row in rows if "postcode" in row)
    for household in city.population.households:
        for address in household.addresses:
            assert POSTCODE.match(address.postcode)
            assert address.postcode[:-2] in {row["postcode_sector"] for row in sectors}


def test_a_persons_records_are_linked_only_through_the_truth(city: City) -> None:
    """No feed carries the person, family or household id; a person's records in different
    feeds have unrelated record ids; yet many people appear in several feeds."""
    for feed in FEED_NAMES:
        assert not {"person_id", "family_id", "household_id"} & set(
            _header(city.folder / f"{feed}.csv")
        )
    feeds_of: dict[str, set[str]] = defaultdict(set)
    for (feed, record_id), person in city.owner.items():
        feeds_of[person].add(feed)
        assert person not in record_id
    assert sum(len(feeds) >= 3 for feeds in feeds_of.values()) > 50


def test_households_move_and_people_change_surname(city: City) -> None:
    moved = [h for h in city.population.households if h.moved_on is not None]
    assert moved
    for household in moved:
        old, new = household.addresses
        assert old.uprn != new.uprn
        assert household.moved_on is not None
        assert city.population.window.start < household.moved_on <= city.population.window.end
    renamed = [p for p in city.population.people if p.renamed_on is not None]
    assert renamed
    assert all(p.previous_last_name and p.previous_last_name != p.last_name for p in renamed)


def test_events_fall_in_the_window_and_after_birth(city: City) -> None:
    window = city.population.window
    people = {person.person_id: person for person in city.population.people}
    for feed in FEED_NAMES:
        for person_id, row in city.person_rows(feed):
            day = city.event_day(feed, row)
            assert day >= people[person_id].date_of_birth
            assert day <= window.end
            if "start_date" not in row:
                assert day >= window.start


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    write_city(300, 5, tmp_path / "a", error_rate=1.5)
    write_city(300, 5, tmp_path / "b", error_rate=1.5)
    write_city(300, 6, tmp_path / "c", error_rate=1.5)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = (
        "import sys; from pathlib import Path; from trustplan.hubcore.synth import write_city; "
        "write_city(300, 5, Path(sys.argv[1]), error_rate=1.5)"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "d")], check=True, env=env)
    names = sorted(path.name for path in (tmp_path / "a").iterdir())
    for name in names:
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name
        assert first == (tmp_path / "d" / name).read_bytes(), name
    assert (tmp_path / "a" / "police_incidents.csv").read_bytes() != (
        tmp_path / "c" / "police_incidents.csv"
    ).read_bytes()


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="people"):
        write_city(0, 1, tmp_path)
    with pytest.raises(ValueError, match="error_rate"):
        write_city(10, 1, tmp_path, error_rate=-1)
    with pytest.raises(ValueError, match="window"):
        write_city(10, 1, tmp_path, start=date(2024, 1, 1), end=date(2023, 1, 1))
