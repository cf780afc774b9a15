"""The rule sets' facts on linked families: members with their family and place, every event,
and a rule set evaluated on them; a stored run's facts from its placements."""

from __future__ import annotations

from datetime import date

from tests.hubcore.families.builders import AS_AT, NEXT_DOOR, record
from trustplan.hubcore.families import Placed, facts_from_linked, facts_from_placed, group_families
from trustplan.hubcore.rules import evaluate, load_rule_set

TWO_CALL_OUTS = """
key: two-call-outs
version: 1
title: Two police records
description: Two police records in the family.
sources: [a test]
window_months: 12
indicators:
  - key: police
    title: Police records
    when:
      count: {feed: police_incidents, at_least: 2, describe: police records}
threshold: {at_least: 1}
"""


def rows() -> list:
    return [
        record("mum", date(1988, 4, 1), date(2023, 5, 1)),
        record("mum", date(1988, 4, 1), date(2023, 9, 1)),
        record("kid", date(2014, 4, 1), date(2023, 6, 1), sex="M"),
        record("loner", date(1960, 4, 1), date(2023, 5, 1), NEXT_DOOR),
        record("loner", date(1960, 4, 1), date(2023, 9, 1), NEXT_DOOR),
    ]


def test_only_family_members_are_people_and_others_events_stay_unplaced() -> None:
    records = rows()
    grouping = group_families(records, AS_AT)
    facts = facts_from_linked(records, grouping)
    family = grouping.families[0]
    assert set(facts.people) == {"mum", "kid"}
    assert facts.people["kid"].is_child
    assert not facts.people["mum"].is_child
    assert facts.people["kid"].family_id == family.family_id
    assert facts.people["mum"].date_of_birth == date(1988, 4, 1)
    assert facts.unplaced == 2
    hits = evaluate(load_rule_set(TWO_CALL_OUTS), facts, AS_AT)
    assert [(hit.family_id, set(hit.met[0].people)) for hit in hits] == [
        (family.family_id, {"mum", "kid"})
    ]


def test_a_stored_runs_facts_are_its_placements_on_the_records() -> None:
    records = rows()
    placed = [
        Placed("mum", "F-stored", False),
        Placed("kid", "F-stored", True),
        Placed("gone", "F-stored", False),
    ]
    facts = facts_from_placed(records, placed, AS_AT)
    assert set(facts.people) == {"mum", "kid"}  # "gone" has no record any more
    assert {p.family_id for p in facts.people.values()} == {"F-stored"}
    assert len(facts.events) == len(records)
