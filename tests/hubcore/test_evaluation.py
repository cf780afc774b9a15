"""Pairwise precision, recall and F1, the naive baseline, and error rates by group, checked
against hand-computed examples."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from trustplan.hubcore.evaluation import (
    baseline_clusters,
    baseline_clusters_from_path,
    load_truth,
    pairwise_scores,
    rates_by_group,
)


def _brute_force(predicted: dict[str, str], truth: dict[str, str]) -> tuple[int, int, int]:
    pairs = list(combinations(sorted(truth), 2))
    pred = {p for p in pairs if predicted[p[0]] == predicted[p[1]]}
    true = {p for p in pairs if truth[p[0]] == truth[p[1]]}
    return len(pred & true), len(pred), len(true)


def test_a_perfect_prediction() -> None:
    truth = {"a": "1", "b": "1", "c": "2"}
    scores = pairwise_scores({"a": "x", "b": "x", "c": "y"}, truth)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (1, 1, 1)


def test_a_cluster_spanning_several_true_people() -> None:
    # Truth: person 1 = {a, b, c}, person 2 = {d, e}, person 3 = {f}.
    # Predicted: X = {a, b, d, e} (two people merged), Y = {c}, Z = {f}.
    truth = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2", "f": "3"}
    predicted = {"a": "X", "b": "X", "d": "X", "e": "X", "c": "Y", "f": "Z"}
    scores = pairwise_scores(predicted, truth)
    # True pairs: C(3,2) + C(2,2) = 4. Predicted pairs: C(4,2) = 6.
    # Correct: overlaps (X,1)=2 -> 1, (X,2)=2 -> 1, (Y,1)=1 -> 0, (Z,3)=1 -> 0: 2.
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (4, 6, 2)
    assert scores.precision == pytest.approx(2 / 6)
    assert scores.recall == pytest.approx(2 / 4)
    assert scores.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert (scores.false_positive_pairs, scores.false_negative_pairs) == (4, 2)
    assert (scores.correct_pairs, scores.predicted_pairs, scores.true_pairs) == _brute_force(
        predicted, truth
    )


def test_counting_agrees_with_listing_every_pair() -> None:
    import random

    rng = random.Random(5)
    records = [f"r{i}" for i in range(60)]
    truth = {r: f"p{rng.randrange(15)}" for r in records}
    predicted = {r: f"c{rng.randrange(12)}" for r in records}
    scores = pairwise_scores(predicted, truth)
    assert (scores.correct_pairs, scores.predicted_pairs, scores.true_pairs) == _brute_force(
        predicted, truth
    )


def test_no_pairs_at_all() -> None:
    scores = pairwise_scores({"a": "x", "b": "y"}, {"a": "1", "b": "2"})
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    everything_alone = pairwise_scores({"a": "x", "b": "y"}, {"a": "1", "b": "1"})
    assert (everything_alone.precision, everything_alone.recall) == (1.0, 0.0)
    assert everything_alone.f1 == 0.0


def test_predictions_and_truth_must_cover_the_same_records() -> None:
    with pytest.raises(ValueError, match="1 only in the truth"):
        pairwise_scores({"a": "x"}, {"a": "1", "b": "1"})


def test_rates_by_group() -> None:
    # Person 1 (White) = {a, b, c}; person 2 (Asian) = {d, e}; person 3 (Asian) = {f}.
    # Predicted: X = {a, b, d}, Y = {c}, Z = {e, f}.
    truth = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2", "f": "3"}
    predicted = {"a": "X", "b": "X", "d": "X", "c": "Y", "e": "Z", "f": "Z"}
    groups = {"1": "White", "2": "Asian", "3": "Asian"}
    rates = {r.group: r for r in rates_by_group(predicted, truth, groups)}
    white, asian = rates["White"], rates["Asian"]
    # White: true pairs 3 (ab, ac, bc); found 1 (ab); missed 2.
    assert (white.people, white.records, white.true_pairs, white.missed_pairs) == (1, 3, 3, 2)
    assert white.missed_link_rate == pytest.approx(2 / 3)
    # Link ends of White records: a and b each sit in X (size 3): 2 ends each; c alone: 0.
    # False ends: a-d and b-d: 2.
    assert (white.link_ends, white.false_link_ends) == (4, 2)
    assert white.false_link_rate == pytest.approx(0.5)
    assert white.records_falsely_linked == 2
    # Asian: true pairs 1 (de), missed 1. Ends: d in X: 2 (both false); e, f in Z: 1 each (false).
    assert (asian.people, asian.records, asian.true_pairs, asian.missed_pairs) == (2, 3, 1, 1)
    assert (asian.link_ends, asian.false_link_ends) == (4, 4)
    assert asian.records_falsely_linked == 3
    assert asian.records_falsely_linked_rate == 1.0


def test_people_without_a_group_are_not_known() -> None:
    rates = rates_by_group({"a": "x"}, {"a": "1"}, {})
    assert [r.group for r in rates] == ["Not known"]
    assert rates[0].missed_link_rate == 0.0


def test_the_baseline_needs_exact_names_and_date_of_birth() -> None:
    records = [
        {"feed": "a", "record_id": "1", "first_name": "Zoë", "last_name": "O'Brien",
         "date_of_birth": "2010-01-02"},
        {"feed": "b", "record_id": "1", "first_name": "ZOE ", "last_name": "obrien",
         "date_of_birth": "2010-01-02"},
        {"feed": "c", "record_id": "1", "first_name": "Zoe", "last_name": "OBrian",
         "date_of_birth": "2010-01-02"},
        {"feed": "d", "record_id": "1", "first_name": "Zoe", "last_name": "OBrien",
         "date_of_birth": None},
        {"feed": "e", "record_id": "1", "first_name": "Zoe", "last_name": "OBrien",
         "date_of_birth": "2010-02-01"},
    ]  # fmt: skip
    clusters = baseline_clusters(records)
    assert clusters["a:1"] == clusters["b:1"] == "a:1"
    assert len({clusters["a:1"], clusters["c:1"], clusters["d:1"], clusters["e:1"]}) == 4


def test_truth_and_baseline_from_a_city_folder(tmp_path: Path) -> None:
    (tmp_path / "housing.csv").write_text(
        "record_id,first_name,last_name,date_of_birth\nH1,Ann,Lee,1990-02-03\n"
        "H2,Bob,Ray,1980-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / "police_incidents.csv").write_text(
        "record_id,first_name,last_name,date_of_birth\nP1,ANN,LEE,1990-02-03\n",
        encoding="utf-8",
    )
    (tmp_path / "truth_records.csv").write_text(
        "\ufefffeed,record_id,person_id\nhousing,H1,p1\nhousing,H2,p2\npolice_incidents,P1,p1\n",
        encoding="utf-8",
    )
    (tmp_path / "truth_people.csv").write_text(
        "person_id,sex,ethnicity\np1,F,White\np2,M,Black\n", encoding="utf-8"
    )
    truth = load_truth(tmp_path)
    assert truth.person_of == {
        "housing:H1": "p1",
        "housing:H2": "p2",
        "police_incidents:P1": "p1",
    }
    assert truth.group_of("ethnicity") == {"p1": "White", "p2": "Black"}
    baseline = baseline_clusters_from_path(tmp_path)
    assert pairwise_scores(baseline, truth.person_of).f1 == 1.0
