"""The rule sets on a synthetic city's true linkage: the accumulating-concerns rule finds every
planted agenda-pack family, and every hit's evidence is the family's own records."""

from __future__ import annotations

import calendar
from datetime import date

from tests.hubcore.rules.conftest import City
from trustplan.hubcore.rules import (
    ACCUMULATING_CONCERNS,
    ACCUMULATING_CONCERNS_TWO_OF_THREE,
    SHIPPED,
    TROUBLED_FAMILIES_2,
    FamilyHit,
    evaluate,
    indicators_met,
    progress,
    shipped_rule_set,
    window_start,
)
from trustplan.hubcore.synth import DEFAULT_END, DEFAULT_START

MONTH_ENDS = [
    date(year, month, calendar.monthrange(year, month)[1])
    for year in (2022, 2023, 2024)
    for month in range(1, 13)
    if DEFAULT_START <= date(year, month, calendar.monthrange(year, month)[1]) <= DEFAULT_END
]
"""The last day of each month of the city's window: the hub run monthly."""


def monthly(city: City, name: str) -> dict[str, FamilyHit]:
    """Each family found by any month's run, not excluded, with its first hit."""
    rules = shipped_rule_set(name)
    found: dict[str, FamilyHit] = {}
    for on in MONTH_ENDS:
        for hit in evaluate(rules, city.facts, on):
            if not hit.excluded:
                found.setdefault(hit.family_id, hit)
    return found


def test_every_record_becomes_an_event_of_its_true_person(city: City) -> None:
    assert len(city.facts.events) == sum(city.summary.feed_records.values())
    assert city.facts.unplaced == 0
    for event in city.facts.events[:: max(1, len(city.facts.events) // 500)]:
        assert city.owner[event.source] == event.person_id


def test_accumulating_concerns_finds_every_planted_family(city: City) -> None:
    planted = city.planted
    assert len(planted) == len(city.summary.planted_families) >= 3
    found = monthly(city, ACCUMULATING_CONCERNS)
    assert planted <= set(found)
    for family in planted:
        truth = city.families[family]
        met = {m.indicator: m for m in found[family].met}
        # Another child's attendance may happen to fall too.
        assert truth["agenda_child"] in met["falling_attendance"].people
        assert met["sibling_missing_camhs"].people == (truth["agenda_sibling"],)
    # Any other family found has all three signals in its records too: report, not fail.
    precision = len(planted) / len(found)
    assert precision > 0.5


def test_the_wider_list_includes_the_full_one(city: City) -> None:
    full = set(monthly(city, ACCUMULATING_CONCERNS))
    wider = set(monthly(city, ACCUMULATING_CONCERNS_TWO_OF_THREE))
    assert full <= wider


def test_every_hit_rests_on_its_familys_own_records(city: City) -> None:
    people = city.facts.people
    for name in SHIPPED:
        hits = evaluate(shipped_rule_set(name), city.facts, DEFAULT_END)
        if name.startswith(("troubled", "supporting")):
            assert hits, name
        for hit in hits:
            for indicator in hit.met:
                assert indicator.evidence
                assert indicator.explanation
                for source in indicator.evidence:
                    assert people[city.owner[source]].family_id == hit.family_id
                for person in indicator.people:
                    assert people[person].family_id == hit.family_id


def test_troubled_families_domestic_abuse_matches_the_true_need(city: City) -> None:
    """Over the whole window, the domestic abuse problem is exactly the families the city gave
    domestic abuse (the feeds' only domestic abuse records are those call-outs)."""
    rules = shipped_rule_set(TROUBLED_FAMILIES_2)
    first = window_start(DEFAULT_END, 24)
    found = {
        family_id
        for family_id, family in city.facts.families.items()
        if any(
            hit.indicator == "domestic_abuse"
            for hit in indicators_met(rules, family, first, DEFAULT_END)
        )
    }
    assert found == city.with_needs("domestic_abuse")


def test_progress_runs_on_the_city(city: City) -> None:
    measured = progress(shipped_rule_set(TROUBLED_FAMILIES_2), city.facts, DEFAULT_END)
    assert measured
    due = [c for p in measured for c in p.checkpoints if c.due and c.sustained is not None]
    assert due
    assert {c.sustained for c in due} == {True, False}
