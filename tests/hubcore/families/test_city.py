"""The grouping and the rule sets on a synthetic city: families and flags match the truth, on
the true linkage and on the naive baseline's; the truth is read on the hub's definitions."""

from __future__ import annotations

from datetime import date

from tests.hubcore.families.conftest import City
from trustplan.hubcore.families import group_families
from trustplan.hubcore.families.city import truth_facts
from trustplan.hubcore.families.measure import measure, true_as_at, true_flags
from trustplan.hubcore.rules import ACCUMULATING_CONCERNS, shipped_rule_set, shipped_rule_sets
from trustplan.hubcore.synth import DEFAULT_END

ENOUGH = 20
"""True flags a rule set needs for its precision and recall to be held to 0.95 here."""


def test_families_and_flags_match_the_truth_on_the_true_and_the_baseline_linkage(
    city: City,
) -> None:
    rules = list(shipped_rule_sets().values())
    true = true_flags(city.truth, city.facts, rules, DEFAULT_END)
    for records in (city.records, city.baseline):
        measured = measure(records, true, rules)
        assert measured.grouping.precision >= 0.97
        assert measured.grouping.recall >= 0.97
        for scores in measured.flags:
            if scores.truly_flagged >= ENOUGH:
                assert scores.precision >= 0.95, scores
                assert scores.recall >= 0.95, scores
        assert sum(s.truly_flagged >= ENOUGH for s in measured.flags) >= 2
        assert set(measured.rates) == {"ethnicity", "sex"}
        by_sex = measured.rates["sex"]["troubled-families-phase-2"]
        assert {rate.group for rate in by_sex} >= {"F", "M"}
        assert all(0 < rate.rate < 1 for rate in by_sex if rate.people > 100)


def test_every_planted_agenda_pack_family_flagged_on_the_last_day_is_found(city: City) -> None:
    rules = [shipped_rule_set(ACCUMULATING_CONCERNS)]
    true = true_flags(city.truth, city.facts, rules, DEFAULT_END)
    assert true.flagged["accumulating-concerns"]
    (scores,) = measure(city.records, true, rules).flags
    assert scores.recall == 1.0


def test_the_truth_is_read_with_the_hubs_dependent_child_on_the_day(city: City) -> None:
    now = true_as_at(city.facts, DEFAULT_END)
    sixth_formers = [
        p
        for p, person in now.people.items()
        if person.is_child and city.truth.people[p]["is_child"] == "false"
    ]
    assert sixth_formers  # 18 and still at school: dependent, though 18
    for person_id in sixth_formers:
        assert (DEFAULT_END - now.people[person_id].date_of_birth).days < 20 * 366
    earlier = true_as_at(city.facts, date(2022, 6, 30))
    unborn = [p for p, person in earlier.people.items() if person.date_of_birth > date(2022, 6, 30)]
    assert unborn
    assert not any(earlier.people[p].is_child for p in unborn)


def test_a_second_run_on_the_same_records_keeps_every_family_id(city: City) -> None:
    first = group_families(city.records, DEFAULT_END)
    previous = {family.family_id: family.people for family in first.families}
    second = group_families(city.records, DEFAULT_END, previous)
    assert {f.family_id: f.people for f in second.families} == previous


def test_each_familys_people_share_its_household(city: City) -> None:
    grouping = group_families(city.records, DEFAULT_END)
    households = {h.household_id: set(h.members) for h in grouping.households}
    placed = [p for family in grouping.families for p in family.people]
    assert len(placed) == len(set(placed))
    for family in grouping.families:
        assert set(family.people) <= households[family.household_id]
        assert any(m.is_child or m.expectant for m in family.members)


def test_the_citys_true_facts_read_as_the_rules_read_them(city: City) -> None:
    facts = truth_facts(city.folder, city.truth)
    assert facts.people == city.facts.people
    assert sorted(e.source for e in facts.events) == sorted(e.source for e in city.facts.events)
