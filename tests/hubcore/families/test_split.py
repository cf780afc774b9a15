"""Which households are families, and which adults are the children's family: dependent
children, expectant parents, grandparents, grown-up children, lone adults."""

from __future__ import annotations

from datetime import date

from tests.hubcore.families.builders import AS_AT, maternity, pupil, record
from trustplan.hubcore.families import LinkedRecord, group_families
from trustplan.hubcore.families.people import known_people
from trustplan.hubcore.families.split import dependent_child, expectant


def families(rows: list[LinkedRecord]) -> list[dict[str, bool]]:
    """Each family as person id -> is_child, in a stable order."""
    found = group_families(rows, AS_AT).families
    return sorted(
        ({m.person_id: m.is_child for m in family.members} for family in found),
        key=lambda f: sorted(f),
    )


def seen(person_id: str, born: date, sex: str = "F") -> LinkedRecord:
    return record(person_id, born, date(2023, 10, 1), sex=sex)


def test_a_multi_generation_household_splits_into_grandparents_and_the_childs_family() -> None:
    rows = [
        seen("grandma", date(1962, 3, 1)),
        seen("grandad", date(1960, 7, 1), "M"),
        seen("mum", date(1990, 5, 1)),
        seen("boy", date(2015, 2, 1), "M"),
        seen("girl", date(2018, 9, 1)),
    ]
    assert families(rows) == [{"boy": True, "girl": True, "mum": False}]


def test_a_couple_with_grown_up_children_and_a_teenager_is_one_family() -> None:
    rows = [
        seen("mother", date(1975, 3, 1)),
        seen("father", date(1973, 7, 1), "M"),
        seen("son", date(2001, 5, 1), "M"),
        seen("daughter", date(2009, 9, 1)),
    ]
    assert families(rows) == [{"daughter": True, "father": False, "mother": False, "son": False}]


def test_grandchildren_are_not_put_with_grandparents_too_old_to_be_their_parents() -> None:
    """Their parent has no record; their grandmother was over 45 when the eldest was born."""
    rows = [seen("grandma", date(1962, 3, 1)), seen("boy", date(2015, 2, 1), "M")]
    assert families(rows) == [{"boy": True}]


def test_an_expectant_parent_with_no_children_is_a_family_without_her_parents() -> None:
    rows = [
        seen("grandma", date(1965, 3, 1)),
        maternity("mum-to-be", date(1999, 5, 1), date(2024, 2, 20)),
    ]
    found = group_families(rows, AS_AT).families
    assert [[(m.person_id, m.is_child, m.expectant) for m in f.members] for f in found] == [
        [("mum-to-be", False, True)]
    ]


def test_a_lone_adult_or_a_couple_without_children_is_not_a_family() -> None:
    assert families([seen("alone", date(1980, 1, 1))]) == []
    assert families([seen("her", date(1980, 1, 1)), seen("him", date(1979, 1, 1), "M")]) == []


def test_a_dependent_child_is_under_18_or_18_or_19_and_still_at_school() -> None:
    rows = [
        seen("seventeen", date(2006, 6, 1)),
        pupil("sixth-former", date(2005, 10, 1), 2023),
        seen("left-school", date(2005, 10, 1)),
        pupil("twenty", date(2004, 1, 1), 2023),
    ]
    people = known_people(rows, AS_AT)
    assert {p: dependent_child(k, AS_AT) for p, k in people.items()} == {
        "seventeen": True,
        "sixth-former": True,
        "left-school": False,
        "twenty": False,
    }


def test_maternity_appointments_before_a_birth_in_the_household_are_not_a_pregnancy_now() -> None:
    born = date(2024, 2, 10)
    rows = [
        maternity("mum", date(1992, 1, 1), date(2023, 11, 1)),
        maternity("mum", date(1992, 1, 1), date(2024, 1, 10)),
        maternity("mum", date(1992, 1, 1), date(2024, 2, 20)),  # after the birth
        record("baby", born, date(2024, 2, 25)),
    ]
    people = known_people(rows, AS_AT)
    household = list(people.values())
    assert not expectant(people["mum"], household, AS_AT)
    assert expectant(people["mum"], household[:1], AS_AT)  # no birth seen: still expecting
    assert not expectant(people["mum"], household[:1], date(2024, 6, 1))  # too long ago


def test_an_expectant_woman_sharing_with_several_adults_of_her_age_is_a_family_on_her_own() -> None:
    expecting = maternity("her", date(1996, 5, 1), date(2024, 3, 1))
    sharers = [seen("flatmate", date(1995, 1, 1)), seen("other", date(1997, 1, 1), "M")]
    assert families([expecting, *sharers]) == [{"her": False}]
    # with exactly one other adult of her generation, that adult is taken to be her partner
    assert families([expecting, sharers[1]]) == [{"her": False, "other": False}]
