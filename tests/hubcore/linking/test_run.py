"""Linking records into people, end to end, on small constructed data with known truth.

Most tests use the model's starting parameters (``train=False``): fixed, documented ``m`` and
``u`` values, so the outcome does not hinge on training a model on a dozen records. One test
trains the model without labels on a few hundred generated records.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

from tests.hubcore.linking.fakecity import make_people, make_records
from trustplan.hubcore.evaluation import pairwise_scores
from trustplan.hubcore.linking import (
    EngineUnavailableError,
    LinkConfig,
    LinkResult,
    LinkRun,
    link,
)

UNTRAINED = LinkConfig(train=False, probability_two_random_records_match=0.01)


def rec(
    feed: str,
    record_id: str,
    first: str,
    last: str,
    dob: str,
    *,
    sex: str = "",
    nhs: str = "",
    upn: str = "",
    address: str = "",
    postcode: str = "",
) -> dict[str, object]:
    return {
        "feed": feed,
        "record_id": record_id,
        "first_name": first,
        "last_name": last,
        "date_of_birth": dob,
        "sex": sex,
        "nhs_number": nhs,
        "upn": upn,
        "address": address,
        "postcode": postcode,
        "uprn": "",
    }


# Bystanders: unrelated people so that the data are not all candidate pairs.
BYSTANDERS = [
    rec("housing", "B1", "Grace", "Okafor", "1981-05-17", sex="F", postcode="PO4 8QQ"),
    rec("housing", "B2", "Hugo", "Nowak", "1975-10-02", sex="M", postcode="PO6 2AX"),
    rec("police_incidents", "B3", "Priya", "Patel", "2003-01-30", sex="F", postcode="PO2 0LL"),
    rec("police_incidents", "B4", "Kyle", "Bennett", "1998-07-07", sex="M", postcode="PO1 1AA"),
]


def run(records: list[dict[str, object]], tmp_path: Path, **kwargs: object) -> LinkResult:
    config = kwargs.pop("config", UNTRAINED)
    assert isinstance(config, LinkConfig)
    decisions = kwargs.pop("reviewer_decisions", ())
    return LinkRun(
        records + BYSTANDERS,
        workdir=tmp_path,
        config=config,
        reviewer_decisions=decisions,  # type: ignore[arg-type]
    ).run()


def test_a_shared_nhs_number_links_records_whatever_the_names(tmp_path: Path) -> None:
    records = [
        rec("health_appointments", "1", "Alexandra", "Shaw", "2010-04-05", nhs="9434765919"),
        rec("social_care", "S9", "Sasha", "Miller", "2010-05-04", nhs="943 476 5919"),
    ]
    result = run(records, tmp_path)
    people = result.person_of()
    assert people["health_appointments:1"] == people["social_care:S9"]
    assert result.counts["exact_links_nhs_number"] == 1


def test_a_relatives_nhs_number_does_not_link_two_people(tmp_path: Path) -> None:
    home = {"address": "8 Kings Crescent", "postcode": "PO1 3HD"}
    records = [
        rec("health_appointments", "M1", "Sarah", "Hall", "1986-03-14", sex="F", nhs="9434765919"),
        # The child's record carries the mother's NHS number by mistake.
        rec("police_incidents", "C1", "Oscar", "Hall", "2015-10-21", sex="M", nhs="9434765919"),
        rec("school_attendance", "C2", "Oscar", "Hall", "2015-10-21", sex="M", **home),
    ]
    result = run(records, tmp_path)
    people = result.person_of()
    assert people["health_appointments:M1"] != people["police_incidents:C1"]
    assert result.counts["exact_nhs_number_not_linked_dob_differs"] == 1
    flagged = [p for p in result.review_pairs if p.reason.startswith("same NHS number")]
    assert [(p.id_l, p.id_r) for p in flagged] == [
        ("health_appointments:M1", "police_incidents:C1")
    ]


def test_a_shared_upn_links_records(tmp_path: Path) -> None:
    records = [
        rec("school_attendance", "1", "Leo", "Marsh", "2012-09-01", upn="A123456789012"),
        rec("exclusions", "1", "Leon", "Marsh-Grey", "2012-01-09", upn="A123456789012"),
    ]
    people = run(records, tmp_path).person_of()
    assert people["school_attendance:1"] == people["exclusions:1"]


def test_typos_in_names_are_linked(tmp_path: Path) -> None:
    home = {"address": "12 Elm Grove", "postcode": "PO3 5SD"}
    records = [
        rec("police_incidents", "P1", "Jonathan", "Smyth", "2009-02-11", sex="M", **home),
        rec("early_help", "E1", "Jonathon", "Smith", "2009-02-11", sex="M", **home),
        rec("health_appointments", "H1", "JONATHAN", "Smith", "2009-02-11", **home),
    ]
    result = run(records, tmp_path)
    people = result.person_of()
    assert (
        people["police_incidents:P1"] == people["early_help:E1"] == people["health_appointments:H1"]
    )


def test_a_short_form_of_a_first_name_is_linked(tmp_path: Path) -> None:
    home = {"address": "4 Castle Road", "postcode": "PO5 3WL"}
    records = [
        rec("housing", "1", "William", "Grant", "1979-12-01", sex="M", **home),
        rec("police_incidents", "1", "Bill", "Grant", "1979-12-01", sex="M", **home),
    ]
    people = run(records, tmp_path).person_of()
    assert people["housing:1"] == people["police_incidents:1"]


def test_twins_are_not_linked(tmp_path: Path) -> None:
    home = {"address": "20 Chestnut Grove", "postcode": "PO1 7ZU"}
    records = [
        rec("school_attendance", "1", "Luca", "Taylor", "2014-06-10", sex="M", **home),
        rec("school_attendance", "2", "Olivia", "Taylor", "2014-06-10", sex="F", **home),
        rec("health_appointments", "1", "Luca", "Taylor", "2014-06-10", **home),
        rec("health_appointments", "2", "Mia", "Taylor", "2014-06-10", sex="F", **home),
        rec("police_incidents", "1", "Mia", "Taylor", "2014-06-10", sex="F", **home),
    ]
    result = run(records, tmp_path)
    people = result.person_of()
    assert people["school_attendance:1"] == people["health_appointments:1"]
    assert people["health_appointments:2"] == people["police_incidents:1"]
    assert people["school_attendance:1"] != people["school_attendance:2"]
    assert people["school_attendance:1"] != people["health_appointments:2"]
    assert people["school_attendance:2"] != people["health_appointments:2"]
    # Scored as matches but held back for a person to look at, with the evidence in words.
    held = [p for p in result.review_pairs if p.reason == "first names differ"]
    assert held
    words = {e.field: e.words for e in held[0].evidence}
    assert words["first name"] == "different"
    assert words["date of birth"] == "exactly the same"
    assert words["address and postcode"] == "same address and postcode"


def test_a_parent_and_child_of_the_same_name_are_not_linked(tmp_path: Path) -> None:
    home = {"address": "Flat 16 Tide House", "postcode": "ZZ2 1HB"}
    records = [
        rec("housing", "1", "Krzysztof", "Adamczyk", "1974-09-03", sex="M", **home),
        rec("police_incidents", "1", "Krzysztof", "Adamczyk", "1974-09-03", sex="M", **home),
        rec("school_attendance", "1", "Krzysztof", "Adamczyk", "2009-05-09", sex="M", **home),
    ]
    result = run(records, tmp_path)
    people = result.person_of()
    assert people["housing:1"] == people["police_incidents:1"]
    assert people["housing:1"] != people["school_attendance:1"]
    held = {p.reason for p in result.review_pairs}
    assert "dates of birth differ" in held


def test_neighbours_in_one_block_are_not_the_same_home(tmp_path: Path) -> None:
    records = [
        rec("housing", "1", "Ann", "Lee", "1990-02-03", address="Flat 4 Cedar Court",
            postcode="ZZ9 1GB"),
        rec("housing", "2", "Ann", "Lee", "1990-02-03", address="Flat 5 Cedar Court",
            postcode="ZZ9 1GB"),
    ]  # fmt: skip
    config = LinkConfig(
        train=False,
        probability_two_random_records_match=1e-9,
        threshold_review_low=1e-12,
        threshold_match=0.999999,
    )
    result = run(records, tmp_path, config=config)
    [pair] = [p for p in result.review_pairs if p.id_l == "housing:1"]
    words = {e.field: e.words for e in pair.evidence}
    assert words["address and postcode"] == "same postcode only"


def test_uncertain_pairs_go_to_review_without_being_linked(tmp_path: Path) -> None:
    records = [
        rec("housing", "1", "Amelia", "Jones", "1968-07-30", postcode="PO8 8HF"),
        rec("police_incidents", "1", "Amelia", "Jones", "1968-07-30", postcode="PO2 5JL"),
    ]
    config = LinkConfig(
        train=False,
        probability_two_random_records_match=0.0001,
        threshold_match=0.999999,
        threshold_review_low=0.05,
    )
    result = run(records, tmp_path, config=config)
    people = result.person_of()
    assert people["housing:1"] != people["police_incidents:1"]
    pairs = {(p.id_l, p.id_r) for p in result.review_pairs}
    assert ("housing:1", "police_incidents:1") in pairs
    review = json.loads(Path(tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert review["counts"]["review_pairs"] == len(result.review_pairs)


def test_a_reviewers_no_match_is_respected_even_when_scored_high(tmp_path: Path) -> None:
    home = {"address": "12 Elm Grove", "postcode": "PO3 5SD"}
    records = [
        rec("police_incidents", "P1", "Jonathan", "Smyth", "2009-02-11", sex="M", **home),
        rec("early_help", "E1", "Jonathon", "Smith", "2009-02-11", sex="M", **home),
    ]
    first = run(records, tmp_path / "a")
    assert first.person_of()["police_incidents:P1"] == first.person_of()["early_help:E1"]
    second = run(
        records,
        tmp_path / "b",
        reviewer_decisions=[("early_help:E1", "police_incidents:P1", "no_match")],
    )
    people = second.person_of()
    assert people["police_incidents:P1"] != people["early_help:E1"]
    assert [c.kind for c in second.conflicts] == ["cut"]
    assert second.counts["reviewer_no_match"] == 1


def test_a_no_match_held_together_by_others_is_split_and_reported(tmp_path: Path) -> None:
    home = {"address": "12 Elm Grove", "postcode": "PO3 5SD"}
    records = [
        rec("health_appointments", "H1", "Jonathan", "Smith", "2009-02-11", nhs="9434765919"),
        rec("social_care", "S1", "Jon", "Smith", "2009-02-11", nhs="9434765919", **home),
        rec("early_help", "E1", "Jonathon", "Smith", "2009-02-11", sex="M", **home),
    ]
    result = run(
        records,
        tmp_path,
        reviewer_decisions=[("health_appointments:H1", "early_help:E1", "no_match")],
    )
    people = result.person_of()
    assert people["health_appointments:H1"] != people["early_help:E1"]
    # The exact NHS-number link is stronger than the model's, so it is the one kept.
    assert people["health_appointments:H1"] == people["social_care:S1"]
    assert "split" in {c.kind for c in result.conflicts}
    assert result.counts["split_clusters"] == 1


def test_a_reviewers_match_is_honoured(tmp_path: Path) -> None:
    records = [
        rec("housing", "1", "Katarzyna", "Nowak", "1985-03-02", postcode="PO4 1ZB"),
        rec("police_incidents", "9", "Kasia", "Kowalska", "1985-03-02", postcode="PO9 1BX"),
    ]
    before = run(records, tmp_path / "a").person_of()
    assert before["housing:1"] != before["police_incidents:9"]
    result = run(
        records,
        tmp_path / "b",
        reviewer_decisions=[("housing:1", "police_incidents:9", "match")],
    )
    people = result.person_of()
    assert people["housing:1"] == people["police_incidents:9"]
    assert result.counts["reviewer_match"] == 1


def test_decisions_about_unknown_records_and_contradictions_are_reported(tmp_path: Path) -> None:
    records = [rec("housing", "1", "Ann", "Lee", "1990-02-03")]
    result = run(
        records,
        tmp_path,
        reviewer_decisions=[
            ("housing:1", "housing:404", "match"),
            ("housing:B1", "housing:B2", "match"),
            ("housing:B2", "housing:B1", "no_match"),
        ],
    )
    kinds = sorted(c.kind for c in result.conflicts)
    assert kinds == ["contradictory", "unknown_record"]
    assert result.person_of()["housing:B1"] != result.person_of()["housing:B2"]


def test_person_ids_are_stable_across_reruns_and_input_order(tmp_path: Path) -> None:
    home = {"address": "12 Elm Grove", "postcode": "PO3 5SD"}
    records = [
        rec("police_incidents", "P1", "Jonathan", "Smyth", "2009-02-11", sex="M", **home),
        rec("early_help", "E1", "Jonathon", "Smith", "2009-02-11", sex="M", **home),
        rec("housing", "H7", "Ann", "Lee", "1990-02-03", postcode="PO2 6EF"),
    ]
    first = run(records, tmp_path / "a").person_of()
    shuffled = list(reversed(records))
    second = run(shuffled, tmp_path / "b").person_of()
    assert first == second
    assert all(p.startswith("P") and len(p) == 21 for p in first.values())


def test_outputs_are_written_to_the_work_folder(tmp_path: Path) -> None:
    result = run([rec("housing", "1", "Ann", "Lee", "1990-02-03")], tmp_path)
    for name in ("links.parquet", "review_pairs.parquet", "model.json", "summary.json"):
        assert (tmp_path / name).is_file()
    assert result.links.column_names == [
        "unique_id",
        "feed",
        "record_id",
        "person_id",
        "cluster_size",
    ]
    saved = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert saved["link_type"] == "dedupe_only"
    assert set(result.timings) >= {"prepare", "exact", "train", "predict", "cluster", "total"}


def test_a_saved_model_is_reused_without_training(tmp_path: Path) -> None:
    records = [rec("housing", "1", "Ann", "Lee", "1990-02-03")]
    first = run(records, tmp_path / "a")
    again = run(records, tmp_path / "b", config=LinkConfig(model=tmp_path / "a" / "model.json"))
    assert again.counts["trained"] == 0
    assert again.model["comparisons"] == first.model["comparisons"]


def test_the_spark_engine_says_what_to_install_without_pyspark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    find_spec = importlib.util.find_spec

    def without_pyspark(name: str, package: str | None = None) -> object:
        return None if name == "pyspark" else find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", without_pyspark)
    with pytest.raises(EngineUnavailableError, match=r"needs pyspark.*uv sync --group spark"):
        link([], workdir=tmp_path, engine="spark")


def test_the_spark_engine_says_what_to_install_without_java(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineUnavailableError, match=r"needs Java.*openjdk-17-jre-headless"):
        link([], workdir=tmp_path, engine="spark")


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="threshold"):
        LinkConfig(threshold_match=0.5, threshold_review_low=0.9)


def test_a_model_trained_without_labels_links_a_small_town(tmp_path: Path) -> None:
    people = make_people(400, seed=3)
    records = make_records(people, seed=3)
    truth = {f"{r['feed']}:{r['record_id']}": r["person_id"] for r in records}
    random.Random(0).shuffle(records)
    result = link(
        [{k: v for k, v in r.items() if k != "person_id"} for r in records],
        workdir=tmp_path,
    )
    scores = pairwise_scores(result.person_of(), truth)
    assert scores.precision > 0.98
    assert scores.recall > 0.95
    assert result.counts["trained"] == 1
    assert result.model["probability_two_random_records_match"] > 0
