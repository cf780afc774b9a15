"""Evaluating whole rule sets: thresholds, exclusions, the families a rule is for, what a hit
carries and what it keeps out of its repr; the shipped rule sets on hand-made families."""

from __future__ import annotations

from datetime import date

from tests.hubcore.rules.builders import (
    DOMESTIC_ABUSE_TWICE,
    ON,
    adult,
    appointment,
    attendance,
    benefit,
    child,
    early_help,
    facts,
    housing,
    police,
    rule_set,
    social_care,
)
from trustplan.hubcore.rules import (
    ACCUMULATING_CONCERNS,
    ACCUMULATING_CONCERNS_TWO_OF_THREE,
    TROUBLED_FAMILIES_2,
    Event,
    evaluate,
    evaluate_family,
    indicators_met,
    shipped_rule_set,
    window_start,
)

EVICTION = {
    "count": {
        "feed": "housing",
        "where": {"event_type": "eviction_notice"},
        "at_least": 1,
        "describe": "eviction notices",
        "describe_one": "eviction notice",
    }
}
EXCLUDE_EARLY_HELP = [
    {
        "reason": "already open to early help",
        "when": {"open_episode": {"feed": "early_help", "describe": "early help support"}},
    }
]


def test_threshold_counts_indicators_met() -> None:
    rules = rule_set({"abuse": DOMESTIC_ABUSE_TWICE, "eviction": EVICTION}, at_least=2)
    people = [adult("A1", "F1"), adult("B1", "F2")]
    events: list[Event] = [
        police("A1", date(2023, 5, 1)),
        police("A1", date(2023, 6, 1)),
        housing("A1", date(2023, 7, 1)),
        housing("B1", date(2023, 7, 1)),
    ]
    [found] = evaluate(rules, facts(people, events), ON)
    assert found.family_id == "F1"
    assert [m.indicator for m in found.met] == ["abuse", "eviction"]
    assert (found.rule_key, found.rule_version) == ("test-rules", 1)
    one_of_two = rule_set({"abuse": DOMESTIC_ABUSE_TWICE, "eviction": EVICTION}, at_least=1)
    hits = evaluate(one_of_two, facts(people, events), ON)
    assert [(h.family_id, [m.indicator for m in h.met]) for h in hits] == [
        ("F1", ["abuse", "eviction"]),
        ("F2", ["eviction"]),
    ]


def test_a_family_open_to_early_help_is_returned_as_excluded_with_the_reason() -> None:
    rules = rule_set({"eviction": EVICTION}, exclude_if=EXCLUDE_EARLY_HELP)
    people = [adult("A1")]
    evicted: list[Event] = [housing("A1", date(2023, 7, 1))]
    [open_] = evaluate(rules, facts(people, [*evicted, early_help("A1", date(2023, 9, 4))]), ON)
    assert open_.excluded
    assert open_.excluded_reason == (
        "already open to early help: a family member has early help support open since "
        "4 September 2023"
    )
    closed = early_help("A1", date(2023, 1, 4), date(2023, 12, 1), "outcomes_achieved")
    [not_open] = evaluate(rules, facts(people, [*evicted, closed]), ON)
    assert not not_open.excluded
    assert not_open.excluded_reason is None


def test_a_rule_for_families_with_children_leaves_out_others_unless_expectant() -> None:
    rules = rule_set({"eviction": EVICTION}, families="with_children")
    evicted: list[Event] = [housing("A1", date(2023, 7, 1))]
    assert not evaluate(rules, facts([adult("A1")], evicted), ON)
    assert evaluate(rules, facts([adult("A1"), child("C1")], evicted), ON)
    maternity = appointment("A1", date(2024, 1, 10), "maternity", "attended")
    assert evaluate(rules, facts([adult("A1")], [*evicted, maternity]), ON)


def test_events_of_people_in_no_family_are_not_seen() -> None:
    rules = rule_set({"eviction": EVICTION})
    found = facts([adult("A1")], [housing("STRANGER", date(2023, 7, 1))])
    assert found.unplaced == 1
    assert not evaluate(rules, found, ON)


def test_hits_are_in_family_order_and_keep_person_level_content_out_of_repr() -> None:
    rules = rule_set({"eviction": EVICTION})
    people = [adult("A", "F9"), adult("B", "F1")]
    events: list[Event] = [housing("A", date(2023, 7, 1)), housing("B", date(2023, 8, 12))]
    hits = evaluate(rules, facts(people, events), ON)
    assert [h.family_id for h in hits] == ["F1", "F9"]
    text = repr(hits)
    assert "12 August" not in text
    assert "HSG-" not in text
    assert "F1" in text
    assert hits[0].met[0].explanation == "one eviction notice (12 August 2023)"


def test_evaluate_family_and_indicators_met() -> None:
    rules = rule_set({"abuse": DOMESTIC_ABUSE_TWICE, "eviction": EVICTION}, at_least=2)
    found = facts([adult("A1")], [housing("A1", date(2023, 7, 1))])
    family = found.families["F1"]
    assert evaluate_family(rules, family, ON) is None
    [need] = indicators_met(rules, family, window_start(ON, 12), ON)
    assert need.indicator == "eviction"
    assert need.people == ("A1",)


# The shipped rule sets on hand-made families ---------------------------------------------------

AGENDA_FAMILY = (
    adult("MUM"),
    adult("DAD", sex="M"),
    child("KID"),
    child("SIB", born=date(2010, 1, 1)),
)


def agenda_events() -> list[Event]:
    falling = attendance(
        "KID",
        ("Summer 2022/23", 120, 3),
        ("Autumn 2023/24", 144, 8),
        ("Spring 2023/24", 116, 10),
    )
    callouts: list[Event] = [
        police("MUM", date(2023, 5, 12)),
        police("DAD", date(2023, 5, 12), role="suspect"),
        police("MUM", date(2023, 7, 3)),
        police("KID", date(2023, 7, 3), role="witness"),
    ]
    camhs = [appointment("SIB", date(2023, 9, d), attendance="attended") for d in (5, 19)]
    camhs += [appointment("SIB", date(2023, m, 3)) for m in (10, 11, 12)]
    return [*falling, *callouts, *camhs]


def test_accumulating_concerns_explains_the_agenda_pack_example() -> None:
    rules = shipped_rule_set(ACCUMULATING_CONCERNS)
    [found] = evaluate(rules, facts(AGENDA_FAMILY, agenda_events()), ON)
    assert not found.excluded
    explained = {m.indicator: m.explanation for m in found.met}
    assert explained == {
        "falling_attendance": (
            "a child's school attendance fell from 97.5% to 91.4% over two terms "
            "(Summer 2022/23 to Spring 2023/24)"
        ),
        "police_callouts": (
            "two police domestic-abuse call-outs to the home within 90 days "
            "(12 May and 3 July 2023)"
        ),
        "sibling_missing_camhs": (
            "a sibling had three missed CAMHS appointments (3 October, 3 November and "
            "3 December 2023)"
        ),
    }
    people = {m.indicator: m.people for m in found.met}
    assert people["police_callouts"] == ("MUM", "DAD", "KID")
    assert people["sibling_missing_camhs"] == ("SIB",)
    evidence = {m.indicator: m.evidence for m in found.met}
    assert len(evidence["police_callouts"]) == 4
    assert {feed for feed, _ in evidence["sibling_missing_camhs"]} == {"health_appointments"}


def test_accumulating_concerns_needs_all_three_and_the_wider_list_two() -> None:
    without_camhs = [e for e in agenda_events() if e.feed != "health_appointments"]
    full = shipped_rule_set(ACCUMULATING_CONCERNS)
    wider = shipped_rule_set(ACCUMULATING_CONCERNS_TWO_OF_THREE)
    assert not evaluate(full, facts(AGENDA_FAMILY, without_camhs), ON)
    [found] = evaluate(wider, facts(AGENDA_FAMILY, without_camhs), ON)
    assert [m.indicator for m in found.met] == ["falling_attendance", "police_callouts"]


def test_accumulating_concerns_excludes_a_family_open_to_social_care() -> None:
    events = [*agenda_events(), social_care("KID", "child_in_need", date(2023, 8, 1))]
    [found] = evaluate(shipped_rule_set(ACCUMULATING_CONCERNS), facts(AGENDA_FAMILY, events), ON)
    assert found.excluded_reason == (
        "already open to children's social care: a family member has a social care episode "
        "open since 1 August 2023"
    )


def test_troubled_families_two_of_six() -> None:
    rules = shipped_rule_set(TROUBLED_FAMILIES_2)
    people = (adult("MUM"), child("KID"))
    one_problem: list[Event] = [police("MUM", date(2023, 6, 1))]
    assert not evaluate(rules, facts(people, one_problem), ON)
    two = [*one_problem, benefit("MUM", date(2022, 1, 1))]
    [found] = evaluate(rules, facts(people, two), ON)
    assert {m.indicator: m.explanation for m in found.met} == {
        "worklessness": "an adult has an out-of-work benefit claim open since 1 January 2022",
        "domestic_abuse": "one police domestic-abuse call-out to the home (1 June 2023)",
    }
    # The same problems in a family with no children: not a Troubled Families family.
    assert not evaluate(rules, facts((adult("MUM"),), two), ON)
