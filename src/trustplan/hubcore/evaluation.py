"""Measuring record linkage against known truth: pairwise precision, recall and F1, the naive
baseline, and error rates by group (a fairness view).

Pairwise measures count *pairs of records*: a pair is a predicted link if both records are in one
predicted cluster, and a true link if both belong to one true person. They are computed from the
sizes of clusters and of their overlaps, never by listing pairs:

* true positives ``TP = Σ c(c-1)/2`` over every (predicted cluster, true person) overlap of size
  ``c``;
* predicted pairs ``= Σ n(n-1)/2`` over predicted clusters; true pairs likewise over people;
* precision ``= TP / predicted pairs``, recall ``= TP / true pairs``, F1 their harmonic mean.

With no predicted pairs precision is defined as 1 (nothing was claimed), and with no true pairs
recall is 1 (nothing could be missed).

The functions are pure except :func:`load_truth` and :func:`baseline_clusters_from_path`, which
read a synthetic city's files.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from trustplan.hubcore.linking.prepare import load_records, normalise_name


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass(frozen=True)
class Scores:
    """Pairwise linkage quality."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    records: int

    @property
    def false_positive_pairs(self) -> int:
        return self.predicted_pairs - self.correct_pairs

    @property
    def false_negative_pairs(self) -> int:
        return self.true_pairs - self.correct_pairs

    def as_dict(self) -> dict[str, float | int]:
        out: dict[str, float | int] = dict(asdict(self))
        out["false_positive_pairs"] = self.false_positive_pairs
        out["false_negative_pairs"] = self.false_negative_pairs
        return out


def _check_same_records(predicted: Mapping[str, str], truth: Mapping[str, str]) -> None:
    if predicted.keys() != truth.keys():
        only_predicted = len(predicted.keys() - truth.keys())
        only_truth = len(truth.keys() - predicted.keys())
        raise ValueError(
            "predicted clusters and truth must cover the same records: "
            f"{only_predicted} record(s) only in the prediction, {only_truth} only in the truth"
        )


def pairwise_scores(predicted: Mapping[str, str], truth: Mapping[str, str]) -> Scores:
    """Pairwise precision, recall and F1 of ``predicted`` (record -> cluster) against ``truth``
    (record -> person). Both must cover the same records."""
    _check_same_records(predicted, truth)
    overlap = Counter((predicted[r], truth[r]) for r in truth)
    correct = sum(_pairs(c) for c in overlap.values())
    predicted_pairs = sum(_pairs(c) for c in Counter(predicted.values()).values())
    true_pairs = sum(_pairs(c) for c in Counter(truth.values()).values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, true_pairs, predicted_pairs, correct, len(truth))


@dataclass(frozen=True)
class GroupRates:
    """Linkage errors for the records of people in one group (e.g. one ethnicity).

    ``missed_link_rate`` (false-negative rate): of the true pairs within people of the group, the
    share not linked. ``false_link_rate`` (false-positive rate): of the links the records of the
    group take part in (each predicted pair counted once per record of the group in it), the share
    that join records of different people. ``records_falsely_linked``: records of the group that
    share a cluster with another person's record. Counts are given so that small groups can be
    suppressed before anything leaves the hub.
    """

    group: str
    people: int
    records: int
    true_pairs: int
    missed_pairs: int
    link_ends: int
    false_link_ends: int
    records_falsely_linked: int

    @property
    def missed_link_rate(self) -> float:
        return self.missed_pairs / self.true_pairs if self.true_pairs else 0.0

    @property
    def false_link_rate(self) -> float:
        return self.false_link_ends / self.link_ends if self.link_ends else 0.0

    @property
    def records_falsely_linked_rate(self) -> float:
        return self.records_falsely_linked / self.records if self.records else 0.0


def rates_by_group(
    predicted: Mapping[str, str],
    truth: Mapping[str, str],
    group_of_person: Mapping[str, str],
) -> list[GroupRates]:
    """Error rates by the group of each record's true person (groups sorted by name; people with
    no group are counted under ``"Not known"``)."""
    _check_same_records(predicted, truth)
    cluster_size = Counter(predicted.values())
    person_size = Counter(truth.values())
    overlap = Counter((predicted[r], truth[r]) for r in truth)
    persons_in_cluster = Counter(cluster for cluster, _person in overlap)

    def group(person: str) -> str:
        return group_of_person.get(person) or "Not known"

    people: Counter[str] = Counter()
    records: Counter[str] = Counter()
    true_pairs: Counter[str] = Counter()
    for person, n in person_size.items():
        g = group(person)
        people[g] += 1
        records[g] += n
        true_pairs[g] += _pairs(n)
    found: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    false_ends: Counter[str] = Counter()
    falsely_linked: Counter[str] = Counter()
    for (cluster, person), c in overlap.items():
        g = group(person)
        n = cluster_size[cluster]
        found[g] += _pairs(c)
        ends[g] += c * (n - 1)
        false_ends[g] += c * (n - c)
        if persons_in_cluster[cluster] > 1:
            falsely_linked[g] += c
    return [
        GroupRates(
            group=g,
            people=people[g],
            records=records[g],
            true_pairs=true_pairs[g],
            missed_pairs=true_pairs[g] - found[g],
            link_ends=ends[g],
            false_link_ends=false_ends[g],
            records_falsely_linked=falsely_linked[g],
        )
        for g in sorted(people)
    ]


def _baseline_key(first: object, last: object, dob: object) -> str | None:
    f, s = normalise_name(first), normalise_name(last)
    d = str(dob).strip()[:10] if dob is not None else ""
    if not f or not s or len(d) != 10:
        return None
    return f"{f}|{s}|{d}"


def baseline_clusters(records: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """The naive baseline: records are the same person when their normalised first name, last
    name and date of birth are all exactly equal. Records lacking one of them stand alone.

    Each record needs ``feed``, ``record_id``, ``first_name``, ``last_name`` and
    ``date_of_birth``; returns ``feed:record_id`` -> cluster (the smallest id in the cluster).
    """
    key_of: dict[str, str | None] = {}
    first_of_key: dict[str, str] = {}
    for rec in records:
        uid = f"{str(rec['feed']).strip()}:{str(rec['record_id']).strip()}"
        key = _baseline_key(rec.get("first_name"), rec.get("last_name"), rec.get("date_of_birth"))
        key_of[uid] = key
        if key is not None and (key not in first_of_key or uid < first_of_key[key]):
            first_of_key[key] = uid
    return {uid: (first_of_key[key] if key is not None else uid) for uid, key in key_of.items()}


def baseline_clusters_from_path(records: str | Path) -> dict[str, str]:
    """:func:`baseline_clusters` over a records file, glob or folder of feed files (as accepted by
    :func:`trustplan.hubcore.linking.prepare.load_records`)."""
    con = duckdb.connect()
    try:
        load_records(con, records)
        rel = con.execute(
            "SELECT feed, record_id, first_name, last_name, "
            "CAST(date_of_birth AS VARCHAR) AS date_of_birth FROM tp_input"
        )
        names = [str(c[0]) for c in rel.description or []]
        return baseline_clusters(dict(zip(names, row, strict=True)) for row in rel.fetchall())
    finally:
        con.close()


@dataclass(frozen=True)
class Truth:
    """A synthetic city's ground truth."""

    person_of: dict[str, str]
    """``feed:record_id`` -> ``person_id``."""
    people: dict[str, dict[str, str]]
    """``person_id`` -> the row of ``truth_people.csv``."""

    def group_of(self, attribute: str) -> dict[str, str]:
        """``person_id`` -> one attribute (e.g. ``"ethnicity"`` or ``"sex"``)."""
        return {p: row.get(attribute, "") for p, row in self.people.items()}


def load_truth(folder: Path) -> Truth:
    """Read ``truth_records.csv`` and (if present) ``truth_people.csv`` from a city folder."""
    person_of: dict[str, str] = {}
    with (folder / "truth_records.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            person_of[f"{row['feed'].strip()}:{row['record_id'].strip()}"] = row["person_id"]
    people: dict[str, dict[str, str]] = {}
    people_file = folder / "truth_people.csv"
    if people_file.is_file():
        with people_file.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                people[row["person_id"]] = dict(row)
    return Truth(person_of, people)
