"""How well the families, and the families flagged, match a synthetic city's truth.

* **Grouping**, pairwise over people (:func:`grouping_scores`): each true person who has
  records is placed in the found family holding most of their records (or in none), and in their
  true family if it is a family by the hub's definition (a dependent child or an expectant
  parent, as :mod:`.measure` works out from the truth). Precision is the share of pairs
  of people put together who truly are; recall the share of true pairs put together
  (``evaluation.pairwise_scores``).
* **Flags**, per rule set (:func:`flag_scores`). The truth is the rule set evaluated on the
  city's true linkage and true families (``rules.facts_from_city``) on the same day, keeping the
  families that are families by the same definition. A flag is a hit that is not excluded (the
  family is not already open to early help or social care), on both sides alike. A found family
  stands for the true family holding most of its people. Precision is the share of flagged found
  families whose true family is truly flagged; recall the share of truly flagged families that
  some flagged found family stands for.
* **Fairness** (:func:`flag_rates`): by a true attribute (ethnicity, sex), the share of people
  in a flagged family, as found and as true, so that a group flagged more or less often than its
  needs warrant shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from trustplan.hubcore.evaluation import Scores, Truth, pairwise_scores

NO_FAMILY = ""
"""The family of a person in none."""


def majority(labels: Iterable[str]) -> str:
    """The label given most often; a tie goes to the smallest."""
    counts = Counter(labels)
    return min(counts, key=lambda label: (-counts[label], label)) if counts else NO_FAMILY


def true_family_of(truth: Truth) -> dict[str, str]:
    """True person -> true family, for every person of the truth."""
    return {person: row.get("family_id", "") for person, row in truth.people.items()}


def true_person_of(predicted: Mapping[str, str], truth: Truth) -> dict[str, str]:
    """Found person -> the true person most of their records (``feed:record_id`` -> found
    person in ``predicted``) belong to."""
    labels: dict[str, list[str]] = {}
    for record, person in predicted.items():
        if (true := truth.person_of.get(record)) is not None:
            labels.setdefault(person, []).append(true)
    return {person: majority(trues) for person, trues in labels.items()}


def found_family_of_true(
    predicted: Mapping[str, str], family_of: Mapping[str, str], truth: Truth
) -> dict[str, str]:
    """True person -> the found family holding most of their records (``NO_FAMILY`` if most
    are in none). ``family_of`` maps found people to found families."""
    labels: dict[str, list[str]] = {}
    for record, person in predicted.items():
        if (true := truth.person_of.get(record)) is not None:
            labels.setdefault(true, []).append(family_of.get(person, NO_FAMILY))
    return {true: majority(families) for true, families in labels.items()}


def grouping_scores(
    predicted: Mapping[str, str],
    family_of: Mapping[str, str],
    truth: Truth,
    actual: Collection[str],
) -> Scores:
    """Pairwise precision and recall of the grouping over the true people with records;
    ``actual`` holds the true families that are families by the hub's definition."""
    found = found_family_of_true(predicted, family_of, truth)
    families = true_family_of(truth)

    def label(person: str, family: str, real: bool) -> str:
        return f"{family}" if family != NO_FAMILY and real else f"alone:{person}"

    return pairwise_scores(
        {p: label(p, family, True) for p, family in found.items()},
        {p: label(p, families.get(p, ""), families.get(p, "") in actual) for p in found},
    )


@dataclass(frozen=True)
class FlagScores:
    """One rule set's flags against the truth's."""

    rule_key: str
    flagged: int
    """Found families flagged."""
    correct: int
    """Of those, how many stand for a truly flagged family."""
    truly_flagged: int
    found: int
    """Truly flagged families that some flagged found family stands for."""

    @property
    def precision(self) -> float:
        return self.correct / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truly_flagged if self.truly_flagged else 1.0


def stands_for(
    members: Mapping[str, Collection[str]],
    true_person: Mapping[str, str],
    truth: Truth,
    actual: Collection[str],
) -> dict[str, str]:
    """Found family -> the true family holding most of its people. A found family is a family
    by the hub's definition, so a tie goes to a true family that is one too (in ``actual``),
    then to the smallest id."""
    families = true_family_of(truth)
    standing = {}
    for family, people in members.items():
        counts = Counter(families.get(true_person.get(p, ""), NO_FAMILY) for p in people)
        standing[family] = min(counts, key=lambda f: (-counts[f], f not in actual, f))
    return standing


def flag_scores(
    rule_key: str,
    flagged: Collection[str],
    truly_flagged: Collection[str],
    standing: Mapping[str, str],
) -> FlagScores:
    """Scores of the found families ``flagged`` against the true families ``truly_flagged``;
    ``standing`` is each found family's true family (:func:`stands_for`)."""
    matched = {standing.get(family, NO_FAMILY) for family in flagged}
    return FlagScores(
        rule_key,
        flagged=len(flagged),
        correct=sum(1 for family in flagged if standing.get(family) in truly_flagged),
        truly_flagged=len(truly_flagged),
        found=len(matched & set(truly_flagged)),
    )


@dataclass(frozen=True)
class FlagRate:
    """People of one group, and how many are in a flagged family, as found and truly."""

    group: str
    people: int
    flagged: int
    truly_flagged: int

    @property
    def rate(self) -> float:
        return self.flagged / self.people if self.people else 0.0

    @property
    def true_rate(self) -> float:
        return self.truly_flagged / self.people if self.people else 0.0


def flag_rates(
    people: Iterable[str],
    flagged: Collection[str],
    truly_flagged: Collection[str],
    group_of: Mapping[str, str],
) -> list[FlagRate]:
    """By group (sorted; no group is "Not known"), of ``people``, how many are in ``flagged``
    and in ``truly_flagged`` (both sets of people)."""
    counts: dict[str, list[int]] = {}
    for person in people:
        row = counts.setdefault(group_of.get(person) or "Not known", [0, 0, 0])
        row[0] += 1
        row[1] += person in flagged
        row[2] += person in truly_flagged
    return [FlagRate(group, *counts[group]) for group in sorted(counts)]
