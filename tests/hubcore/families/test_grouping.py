"""The grouping end to end on a tiny street: families with their households, sectors and
stable ids; nothing person-level in any repr."""

from __future__ import annotations

from datetime import date

from tests.hubcore.families.builders import ACROSS_TOWN, AS_AT, HOME, NEXT_DOOR, record
from trustplan.hubcore.families import group_families

OLD_HOME = ("3 Birch Lane", "ZZ2 5FG", "990000000103")


def street() -> list:
    return [
        record("mum", date(1988, 4, 1), date(2023, 1, 5), HOME, last_name="Nowak"),
        record("kid", date(2014, 4, 1), date(2023, 2, 5), HOME, sex="M", last_name="Nowak"),
        record("neighbour", date(1950, 4, 1), date(2023, 1, 5), NEXT_DOOR),
        record("mover", date(1990, 4, 1), date(2022, 6, 5), OLD_HOME),
        record("mover", date(1990, 4, 1), date(2023, 6, 5), ACROSS_TOWN),
        record("mover-kid", date(2019, 4, 1), date(2023, 8, 5), ACROSS_TOWN, sex="M"),
    ]


def test_each_family_has_its_household_and_the_postcode_sector_of_its_latest_home() -> None:
    grouping = group_families(street(), AS_AT)
    by_people = {family.people: family for family in grouping.families}
    assert set(by_people) == {("mum", "kid"), ("mover", "mover-kid")}
    assert by_people[("mum", "kid")].postcode_sector == "ZZ1 2"
    assert by_people[("mover", "mover-kid")].postcode_sector == "ZZ4 3"
    assert len(grouping.households) == 3  # the neighbour lives alone: a household, no family
    assert grouping.family_of()["kid"] == by_people[("mum", "kid")].family_id


def test_a_second_run_with_more_records_keeps_the_family_ids() -> None:
    first = group_families(street(), AS_AT)
    previous = {family.family_id: family.people for family in first.families}
    later = [*street(), record("new-baby", date(2024, 1, 2), date(2024, 1, 20), HOME)]
    second = group_families(later, AS_AT, previous)
    assert {f.family_id for f in second.families} == set(previous)
    grown = next(f for f in second.families if "new-baby" in f.people)
    assert previous[grown.family_id] == ("mum", "kid")


def test_no_name_date_of_birth_or_address_reaches_a_repr() -> None:
    rows = street()
    grouping = group_families(rows, AS_AT)
    shown = " ".join(
        [
            repr(grouping),
            *map(repr, rows),
            *map(repr, grouping.people.values()),
            *map(repr, grouping.households),
            *map(repr, grouping.families),
        ]
    )
    for secret in ("Nowak", "Smith", "1988", "Alder", "ZZ1 2AB", "990000000012"):
        assert secret not in shown
