"""Scoring the grouping and the flags against a truth: what a found family stands for, what
counts as a correct flag and a found one, and flag rates by group."""

from __future__ import annotations

from trustplan.hubcore.evaluation import Truth
from trustplan.hubcore.families.scoring import (
    flag_rates,
    flag_scores,
    grouping_scores,
    stands_for,
)

TRUTH = Truth(
    person_of={f"f:{n}": p for n, p in enumerate(["mum", "kid", "gran", "lodger", "dad2", "kid2"])},
    people={
        "mum": {"family_id": "T1"},
        "kid": {"family_id": "T1"},
        "gran": {"family_id": "T0"},
        "lodger": {"family_id": "T9"},
        "dad2": {"family_id": "T2"},
        "kid2": {"family_id": "T2"},
    },
)
ACTUAL = {"T1", "T2"}  # families by the hub's definition (T0 and T9 have no children)
LINKED = {f"f:{n}": f"P{n}" for n in range(6)}


def test_a_found_family_stands_for_the_true_family_holding_most_of_its_people() -> None:
    true_person = {
        f"P{n}": p for n, p in enumerate(["mum", "kid", "gran", "lodger", "dad2", "kid2"])
    }
    members = {"A": ["P0", "P1", "P2"], "B": ["P2", "P4"], "C": ["P3"]}
    standing = stands_for(members, true_person, TRUTH, ACTUAL)
    # B is one of T0 and one of T2: a tie goes to the family by the hub's definition
    assert standing == {"A": "T1", "B": "T2", "C": "T9"}


def test_precision_counts_flags_on_truly_flagged_families_and_recall_those_found() -> None:
    standing = {"A": "T1", "A-again": "T1", "B": "T2", "C": "T9"}
    scores = flag_scores("rule", {"A", "A-again", "C"}, {"T1", "T2"}, standing)
    assert (scores.flagged, scores.correct, scores.truly_flagged, scores.found) == (3, 2, 2, 1)
    assert scores.precision == 2 / 3
    assert scores.recall == 1 / 2
    nothing = flag_scores("rule", set(), set(), {})
    assert (nothing.precision, nothing.recall) == (1.0, 1.0)


def test_grouping_scores_pairs_of_people_in_true_families_only() -> None:
    family_of = {"P0": "A", "P1": "A", "P2": "A", "P4": "B", "P5": "B"}
    scores = grouping_scores(LINKED, family_of, TRUTH, ACTUAL)
    # found pairs: mum-kid, mum-gran, kid-gran, dad2-kid2; true pairs: mum-kid, dad2-kid2
    assert (scores.predicted_pairs, scores.true_pairs, scores.correct_pairs) == (4, 2, 2)


def test_flag_rates_give_each_group_its_share_flagged_as_found_and_as_true() -> None:
    rates = flag_rates(
        ["a", "b", "c", "d"], {"a", "b"}, {"a"}, {"a": "White", "b": "White", "c": "Asian"}
    )
    assert [(r.group, r.people, r.flagged, r.truly_flagged) for r in rates] == [
        ("Asian", 1, 0, 0),
        ("Not known", 1, 0, 0),
        ("White", 2, 2, 1),
    ]
    assert rates[2].rate == 1.0
    assert rates[2].true_rate == 0.5
