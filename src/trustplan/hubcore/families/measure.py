"""Measure the families and flags found on one linkage against a synthetic city's truth.

The hub's evaluation runs this twice, on the hub's linkage and on the naive baseline's, with the
same grouping and the same rule sets, so that the difference is the linkage's. The truth's flags
are worked out once (:func:`true_flags`); :mod:`.scoring` says what each figure means.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from trustplan.hubcore.evaluation import Scores, Truth
from trustplan.hubcore.families.facts import facts_from_linked
from trustplan.hubcore.families.grouping import group_families
from trustplan.hubcore.families.records import LinkedRecord
from trustplan.hubcore.families.scoring import (
    FlagRate,
    FlagScores,
    flag_rates,
    flag_scores,
    found_family_of_true,
    grouping_scores,
    stands_for,
    true_family_of,
    true_person_of,
)
from trustplan.hubcore.families.split import is_dependent
from trustplan.hubcore.rules import Facts, RuleSet, SchoolAttendance, evaluate

ATTRIBUTES = ("ethnicity", "sex")
"""The true attributes flag rates are given by."""


@dataclass(frozen=True)
class TrueFlags:
    """The truth as at a day: the true families that are families by the hub's definition, and
    those each rule set flags."""

    truth: Truth
    as_at: date
    families: frozenset[str]
    flagged: Mapping[str, frozenset[str]]


def true_as_at(facts: Facts, as_at: date) -> Facts:
    """The city's true facts with each person's ``is_child`` worked out as at ``as_at`` by the
    hub's definition of a dependent child, from their true date of birth and school records.
    (``truth_people.csv`` says under 18 on the window's last day; one definition on both
    sides, on the same day, is what makes the comparison fair.)"""
    terms: dict[str, list[date]] = defaultdict(list)
    for event in facts.events:
        if isinstance(event, SchoolAttendance):
            terms[event.person_id].append(event.date)
    people = {
        person_id: replace(
            person,
            is_child=person.date_of_birth <= as_at
            and is_dependent(person.date_of_birth, terms[person_id], as_at),
        )
        for person_id, person in facts.people.items()
    }
    return Facts(people, facts.events)


def true_flags(truth: Truth, facts: Facts, rule_sets: Sequence[RuleSet], as_at: date) -> TrueFlags:
    """Each rule set's flags on the city's true facts (``rules.facts_from_city``) as at
    ``as_at``, kept to the families that are families by the hub's definition: with a dependent
    child, or an expectant parent (``truth_people.csv``'s ``expectant``, or a baby born after
    the day)."""
    facts = true_as_at(facts, as_at)
    actual = frozenset(
        person.family_id
        for person_id, person in facts.people.items()
        if person.is_child
        or person.date_of_birth > as_at
        or truth.people.get(person_id, {}).get("expectant") == "true"
    )
    flagged = {
        rule_set.key: frozenset(
            hit.family_id
            for hit in evaluate(rule_set, facts, as_at)
            if not hit.excluded and hit.family_id in actual
        )
        for rule_set in rule_sets
    }
    return TrueFlags(truth, as_at, actual, flagged)


@dataclass(frozen=True)
class Measured:
    """A linkage's families and flags against the truth."""

    families: int
    grouping: Scores
    flags: tuple[FlagScores, ...]
    rates: Mapping[str, Mapping[str, list[FlagRate]]]
    """Attribute -> rule set key -> flag rates by group."""


def measure(
    records: Sequence[LinkedRecord], true: TrueFlags, rule_sets: Sequence[RuleSet]
) -> Measured:
    """Group ``records`` (attributed by the linkage measured), evaluate ``rule_sets`` on the
    families as at the truth's day, and score both. People are scored on their records up to
    that day: someone first recorded later was not yet known to the hub."""
    truth = true.truth
    grouping = group_families(records, true.as_at)
    facts = facts_from_linked(records, grouping)
    predicted = {r.key: r.person_id for r in records if r.day <= true.as_at}
    family_of = grouping.family_of()
    placed = found_family_of_true(predicted, family_of, truth)
    standing = stands_for(
        {family.family_id: family.people for family in grouping.families},
        true_person_of(predicted, truth),
        truth,
        true.families,
    )
    families = true_family_of(truth)
    scores = []
    rates: dict[str, dict[str, list[FlagRate]]] = {a: {} for a in ATTRIBUTES}
    for rule_set in rule_sets:
        hits = evaluate(rule_set, facts, true.as_at)
        flagged = {hit.family_id for hit in hits if not hit.excluded}
        truly = true.flagged[rule_set.key]
        scores.append(flag_scores(rule_set.key, flagged, truly, standing))
        in_flagged = {person for person, family in placed.items() if family in flagged}
        in_truly = {person for person in placed if families.get(person) in truly}
        for attribute in ATTRIBUTES:
            rates[attribute][rule_set.key] = flag_rates(
                placed, in_flagged, in_truly, truth.group_of(attribute)
            )
    return Measured(
        len(grouping.families),
        grouping_scores(predicted, family_of, truth, true.families),
        tuple(scores),
        rates,
    )
