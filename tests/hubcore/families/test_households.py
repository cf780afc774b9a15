"""People who shared a home at the same time are one household; a house move keeps them one,
and the household is counted where it moved to."""

from __future__ import annotations

from datetime import date

from tests.hubcore.families.builders import ACROSS_TOWN, AS_AT, HOME, NEXT_DOOR, record
from trustplan.hubcore.families.households import households
from trustplan.hubcore.families.people import known_people

MUM, DAD, LODGER = date(1985, 1, 1), date(1983, 1, 1), date(1990, 1, 1)


def members(records: list) -> list[tuple[str, ...]]:
    return sorted(h.members for h in households(known_people(records, AS_AT), AS_AT))


def test_a_house_move_gives_each_home_its_period_and_the_latest_home_wins() -> None:
    rows = [
        record("mum", MUM, date(2022, 5, 1), HOME),
        record("mum", MUM, date(2023, 6, 1), ACROSS_TOWN),
        # an agency that never heard of the move goes on writing the old address
        record("mum", MUM, date(2023, 11, 1), HOME),
    ]
    mum = known_people(rows, AS_AT)["mum"]
    assert mum.home is not None
    assert mum.home.postcode == "ZZ4 3DE"
    periods = mum.periods(AS_AT)
    assert [(start, end) for _, start, end in periods] == [
        (date(2022, 5, 1), date(2023, 5, 31)),
        (date(2023, 6, 1), AS_AT),
    ]


def test_a_family_that_moved_together_is_one_household_at_its_new_postcode() -> None:
    rows = [
        record("mum", MUM, date(2022, 5, 1), HOME),
        record("mum", MUM, date(2023, 7, 1), ACROSS_TOWN),
        # dad's only record is from before the move
        record("dad", DAD, date(2022, 9, 1), HOME, sex="M"),
    ]
    found = households(known_people(rows, AS_AT), AS_AT)
    assert [h.members for h in found] == [("dad", "mum")]
    assert found[0].postcode == "ZZ4 3DE"


def test_one_household_after_another_at_a_dwelling_are_two_households() -> None:
    rows = [
        record("leaver", LODGER, date(2022, 5, 1), HOME),
        record("leaver", LODGER, date(2022, 8, 1), ACROSS_TOWN),
        record("arrival", MUM, date(2022, 10, 1), HOME),
    ]
    assert members(rows) == [("arrival",), ("leaver",)]


def test_neighbours_are_not_a_household() -> None:
    rows = [record("a", MUM, date(2023, 1, 1), HOME), record("b", DAD, date(2023, 1, 1), NEXT_DOOR)]
    assert members(rows) == [("a",), ("b",)]


def test_records_after_the_day_are_not_read() -> None:
    rows = [record("a", MUM, date(2023, 1, 1), HOME), record("b", DAD, date(2024, 5, 1), HOME)]
    assert members(rows) == [("a",)]


def test_a_person_known_nowhere_is_a_household_of_their_own() -> None:
    rows = [record("a", MUM, date(2023, 1, 1), (" ", "", "")), record("b", DAD, date(2023, 1, 1))]
    assert members(rows) == [("a",), ("b",)]
