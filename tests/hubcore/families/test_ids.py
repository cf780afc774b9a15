"""Family ids stay the same from run to run while the family's people do."""

from __future__ import annotations

from trustplan.hubcore.families.ids import stable_ids


def test_a_family_inherits_the_id_of_the_previous_family_it_shares_most_people_with() -> None:
    previous = {"F-old-1": ["a", "b", "c"], "F-old-2": ["d", "e"]}
    found = {"x": ["a", "b", "c", "new baby"], "y": ["d", "e"]}
    assert stable_ids(found, previous) == {"x": "F-old-1", "y": "F-old-2"}


def test_when_a_family_splits_the_larger_part_keeps_the_id_and_the_other_gets_a_fresh_one() -> None:
    previous = {"F-old": ["a", "b", "c"]}
    ids = stable_ids({"big": ["a", "b"], "small": ["c"]}, previous)
    assert ids["big"] == "F-old"
    assert ids["small"].startswith("F")
    assert ids["small"] != "F-old"


def test_fresh_ids_come_from_the_people_so_the_same_data_give_the_same_ids() -> None:
    first = stable_ids({"1": ["p2", "p1"], "2": ["p3"]}, {})
    again = stable_ids({"k": ["p3"], "j": ["p1", "p2"]}, {})
    assert first["1"] == again["j"]
    assert first["2"] == again["k"]
    assert len(first["1"]) == 21


def test_an_id_that_has_gone_is_never_given_to_another_family() -> None:
    gone = stable_ids({"1": ["p1"]}, {})["1"]
    # p1's family is gone; p1 now in a family that inherits from elsewhere, and a new family
    # whose smallest person is p1 again cannot take the old id
    ids = stable_ids({"kept": ["p9"], "new": ["p1"]}, {gone: ["p7"], "F-other": ["p9"]})
    assert ids["kept"] == "F-other"
    assert ids["new"] != gone
