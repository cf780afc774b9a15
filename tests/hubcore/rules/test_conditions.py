"""Each condition of the rule language on hand-made families, at its boundaries: exactly the
number asked for, exactly ``within_days`` apart, attendance exactly at the threshold, the first
and last day of the window."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

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
    one,
    police,
    rule_set,
    social_care,
)
from trustplan.hubcore.rules import Event, FamilyHit, Person, RuleSet, evaluate, window_start

FAMILY = (adult("MUM"), adult("DAD", sex="M"), child("KID"), child("SIB", born=date(2014, 2, 2)))


def hit(rules: RuleSet, events: list[Event], people: tuple[Person, ...] = FAMILY) -> FamilyHit:
    [found] = evaluate(rules, facts(people, events), ON)
    return found


def met(rules: RuleSet, events: list[Event], people: tuple[Person, ...] = FAMILY) -> bool:
    return bool(evaluate(rules, facts(people, events), ON))


def count(**spec: Any) -> dict[str, Any]:
    return {"count": {"describe": "things", "describe_one": "thing", **spec}}


# The window ------------------------------------------------------------------------------------


def test_the_window_is_the_months_up_to_and_including_the_date() -> None:
    assert window_start(ON, 12) == date(2023, 4, 1)
    assert window_start(date(2024, 2, 29), 12) == date(2023, 3, 1)
    assert window_start(date(2024, 5, 31), 3) == date(2024, 3, 1)
    assert window_start(date(2024, 3, 15), 1) == date(2024, 2, 16)


def test_count_sees_the_first_and_last_day_of_the_window_and_nothing_outside() -> None:
    rules = one(count(feed="police_incidents", at_least=1))
    assert met(rules, [police("MUM", date(2023, 4, 1))])
    assert met(rules, [police("MUM", ON)])
    assert not met(rules, [police("MUM", date(2023, 3, 31))])
    assert not met(rules, [police("MUM", ON + timedelta(days=1))])


# count -----------------------------------------------------------------------------------------


def test_count_exactly_at_least() -> None:
    rules = one(count(feed="police_incidents", at_least=2))
    assert met(rules, [police("MUM", date(2023, 5, 1)), police("MUM", date(2023, 9, 1))])
    assert not met(rules, [police("MUM", date(2023, 5, 1))])


def test_within_days_is_inclusive_of_exactly_that_many_days() -> None:
    rules = one(DOMESTIC_ABUSE_TWICE)
    first = date(2023, 5, 12)
    assert met(rules, [police("MUM", first), police("MUM", first + timedelta(days=90))])
    assert not met(rules, [police("MUM", first), police("MUM", first + timedelta(days=91))])


def test_within_days_finds_a_close_pair_among_spread_events() -> None:
    rules = one(DOMESTIC_ABUSE_TWICE)
    days = [date(2023, 4, 10), date(2023, 9, 1), date(2023, 10, 1), date(2024, 3, 1)]
    found = hit(rules, [police("MUM", d) for d in days])
    [need] = found.met
    assert len(need.evidence) == 2
    assert need.explanation == (
        "two police domestic-abuse call-outs to the home within 90 days (1 September and 1 "
        "October 2023)"
    )


def test_counting_days_counts_one_call_out_recorded_for_several_people_once() -> None:
    day = date(2023, 6, 1)
    callout = [
        police("MUM", day),
        police("DAD", day, role="suspect"),
        police("KID", day, "domestic_abuse", "witness"),
    ]
    assert not met(one(DOMESTIC_ABUSE_TWICE), callout)
    records = {**DOMESTIC_ABUSE_TWICE["count"], "counting": "records"}
    found = hit(one({"count": records}), callout)
    assert found.met[0].people == ("MUM", "DAD", "KID")
    assert len(found.met[0].evidence) == 3


def test_where_filters_by_a_value_or_any_of_a_list() -> None:
    events: list[Event] = [
        police("MUM", date(2023, 6, 1), "asb", "subject"),
        police("MUM", date(2023, 7, 1), "crime", "victim"),
    ]
    asb = one(count(feed="police_incidents", where={"incident_type": "asb"}, at_least=2))
    both = one(
        count(feed="police_incidents", where={"incident_type": ["asb", "crime"]}, at_least=2)
    )
    subject_asb = one(
        count(
            feed="police_incidents", where={"incident_type": "asb", "role": "subject"}, at_least=1
        )
    )
    assert not met(asb, events)
    assert met(both, events)
    assert met(subject_asb, events)


def test_scope_person_needs_one_person_to_have_them_all() -> None:
    events: list[Event] = [
        appointment("KID", date(2023, 6, 1)),
        appointment("SIB", date(2023, 7, 1)),
    ]
    family = one(count(feed="health_appointments", at_least=2))
    person = one(count(feed="health_appointments", at_least=2, scope="person"))
    assert met(family, events)
    assert not met(person, events)
    assert met(person, [*events, appointment("SIB", date(2023, 8, 1))])


def test_who_children_or_adults() -> None:
    events: list[Event] = [appointment("MUM", date(2023, 6, 1), "adult_mental_health")]
    assert not met(one(count(feed="health_appointments", at_least=1, who="children")), events)
    assert met(one(count(feed="health_appointments", at_least=1, who="adults")), events)


def test_count_explanation_for_one_person_and_then_another() -> None:
    spec = {
        "count": {
            "feed": "health_appointments",
            "where": {"service": "camhs", "attendance": "did_not_attend"},
            "at_least": 3,
            "scope": "person",
            "who": "children",
            "counting": "days",
            "describe": "missed CAMHS appointments",
        }
    }
    kid = [appointment("KID", date(2023, 5, d)) for d in (4, 18, 25)]
    sib = [appointment("SIB", date(2023, m, 2)) for m in (11, 12)] + [
        appointment("SIB", date(2024, 1, 9)),
        appointment("SIB", date(2024, 1, 10), attendance="cancelled"),
    ]
    [need] = hit(one(spec), kid + sib).met
    assert need.people == ("KID", "SIB")
    assert need.explanation == (
        "a child had three missed CAMHS appointments (4 May, 18 May and 25 May 2023); "
        "another child had three missed CAMHS appointments (2 November 2023, 2 December 2023 "
        "and 9 January 2024)"
    )


def test_many_dates_are_given_as_a_span() -> None:
    events: list[Event] = [police("MUM", date(2023, m, 1), "asb", "subject") for m in range(4, 12)]
    [need] = hit(one(count(feed="police_incidents", at_least=2)), events).met
    assert need.explanation == "eight things (from 1 April 2023 to 1 November 2023)"


def test_one_uses_the_singular() -> None:
    [need] = hit(
        one(count(feed="police_incidents", at_least=1)), [police("MUM", date(2023, 5, 3))]
    ).met
    assert need.explanation == "one thing (3 May 2023)"


# attendance_below -----------------------------------------------------------------------------

PERSISTENT = {"attendance_below": {"percent": 90, "terms": 3}}


def test_attendance_exactly_at_the_threshold_is_not_below_it_unless_inclusive() -> None:
    exactly_90 = attendance("KID", ("Autumn 2023/24", 140, 14))
    assert not met(one(PERSISTENT), exactly_90)
    inclusive = {"attendance_below": {"percent": 90, "terms": 3, "inclusive": True}}
    [need] = hit(one(inclusive), exactly_90).met
    assert (
        need.explanation == "a child's school attendance was 90% in Autumn 2023/24, at or below 90%"
    )
    assert met(one(PERSISTENT), attendance("KID", ("Autumn 2023/24", 140, 15)))


def test_attendance_is_pooled_over_the_latest_terms_in_the_window() -> None:
    terms = attendance(
        "KID",
        ("Autumn 2022/23", 140, 70),  # before the window: not counted
        ("Summer 2022/23", 120, 6),
        ("Autumn 2023/24", 140, 14),
        ("Spring 2023/24", 120, 18),
    )
    [need] = hit(one({"attendance_below": {"percent": 91, "terms": 3}}), terms).met
    # (380 - 38) / 380 = 90%
    assert need.explanation == (
        "a child's school attendance was 90% over three terms (Summer 2022/23 to Spring "
        "2023/24), below 91%"
    )
    assert len(need.evidence) == 3
    assert not met(one(PERSISTENT), terms)
    latest_only = {"attendance_below": {"percent": 90, "terms": 1}}
    assert met(one(latest_only), terms)  # 85% in Spring 2023/24


def test_a_term_sent_twice_counts_once() -> None:
    terms = attendance("KID", ("Autumn 2023/24", 140, 28), ("Autumn 2023/24", 140, 28))
    [need] = hit(one(PERSISTENT), terms).met
    assert len(need.evidence) == 1


# attendance_fall -------------------------------------------------------------------------------

FALL = {"attendance_fall": {"points": 5, "over_terms": 2}}


def test_a_fall_of_exactly_the_points_counts() -> None:
    # 100% -> 97.5% -> 95%: exactly 5 points over two terms.
    terms = attendance(
        "KID", ("Summer 2022/23", 120, 0), ("Autumn 2023/24", 120, 3), ("Spring 2023/24", 120, 6)
    )
    [need] = hit(one(FALL), terms).met
    assert need.explanation == (
        "a child's school attendance fell from 100% to 95% over two terms (Summer 2022/23 to "
        "Spring 2023/24)"
    )
    assert list(need.evidence) == [t.source for t in terms]
    short = attendance(
        "KID", ("Summer 2022/23", 120, 0), ("Autumn 2023/24", 120, 3), ("Spring 2023/24", 120, 5)
    )
    assert not met(one(FALL), short)


def test_a_steady_fall_must_fall_every_term() -> None:
    dip_and_rise = attendance(
        "KID", ("Summer 2022/23", 120, 0), ("Autumn 2023/24", 120, 12), ("Spring 2023/24", 120, 8)
    )
    assert not met(one(FALL), dip_and_rise)
    unsteady = {"attendance_fall": {"points": 5, "over_terms": 2, "steady": False}}
    assert met(one(unsteady), dip_and_rise)


def test_a_fall_needs_terms_in_a_row() -> None:
    gap = attendance(
        "KID", ("Spring 2022/23", 120, 0), ("Autumn 2023/24", 120, 6), ("Spring 2023/24", 120, 12)
    )
    assert not met(one(FALL), gap)


def test_the_terms_of_the_fall_are_in_the_window_but_the_term_before_may_not_be() -> None:
    from_before = attendance(
        "KID", ("Spring 2022/23", 120, 0), ("Summer 2022/23", 120, 6), ("Autumn 2023/24", 120, 12)
    )
    assert met(one(FALL), from_before)  # Spring 2022/23 starts before 1 April 2023
    too_early = attendance(
        "KID", ("Autumn 2022/23", 120, 0), ("Spring 2022/23", 120, 6), ("Summer 2022/23", 120, 12)
    )
    assert not met(one(FALL), too_early)  # Spring 2022/23 is part of the fall


def test_the_latest_fall_is_explained() -> None:
    terms = attendance(
        "KID",
        ("Autumn 2022/23", 120, 0),
        ("Spring 2022/23", 120, 10),
        ("Summer 2022/23", 120, 20),
        ("Autumn 2023/24", 120, 27),
        ("Spring 2023/24", 120, 34),
    )
    [need] = hit(one(FALL), terms).met
    assert "(Summer 2022/23 to Spring 2023/24)" in need.explanation


# open_episode ----------------------------------------------------------------------------------

OPEN_EARLY_HELP = {"open_episode": {"feed": "early_help", "describe": "early help support"}}


def test_an_episode_ending_on_the_date_is_still_open_that_day() -> None:
    assert met(one(OPEN_EARLY_HELP), [early_help("MUM", date(2023, 1, 5), ON)])
    assert not met(one(OPEN_EARLY_HELP), [early_help("MUM", date(2023, 1, 5), ON - timedelta(1))])
    assert not met(one(OPEN_EARLY_HELP), [early_help("MUM", ON + timedelta(1))])
    [need] = hit(one(OPEN_EARLY_HELP), [early_help("MUM", date(2023, 1, 5))]).met
    assert need.explanation == "a family member has early help support open since 5 January 2023"


def test_open_at_any_time_in_the_window() -> None:
    claim = {
        "open_episode": {
            "feed": "worklessness",
            "where": {"benefit": "out_of_work_benefit"},
            "at": "any_time_in_window",
            "who": "adults",
            "describe": "an out-of-work benefit claim",
        }
    }
    ended_in_window = [benefit("DAD", date(2021, 1, 1), date(2023, 4, 1))]
    [need] = hit(one(claim), ended_in_window).met
    assert need.explanation == "an adult had an out-of-work benefit claim until 1 April 2023"
    assert not met(one(claim), [benefit("DAD", date(2021, 1, 1), date(2023, 3, 31))])
    assert not met(one(claim), [benefit("DAD", date(2023, 5, 1), kind="other")])


def test_people_in_the_same_position_are_told_together() -> None:
    start = date(2023, 10, 22)
    events: list[Event] = [early_help(p, start) for p in ("MUM", "KID", "SIB")]
    [need] = hit(one(OPEN_EARLY_HELP), events).met
    assert (
        need.explanation
        == "three family members have early help support open since 22 October 2023"
    )
    assert need.people == ("MUM", "KID", "SIB")


# Combinators and sibling_of --------------------------------------------------------------------


def test_any_and_all() -> None:
    asb = count(feed="police_incidents", where={"incident_type": "asb"}, at_least=1)
    dna = count(feed="health_appointments", at_least=1)
    events: list[Event] = [police("MUM", date(2023, 6, 1), "asb", "subject")]
    assert met(one({"any": [asb, dna]}), events)
    assert not met(one({"all": [asb, dna]}), events)
    both = [*events, appointment("KID", date(2023, 7, 1))]
    [need] = hit(one({"all": [asb, dna]}), both).met
    assert need.explanation == "one thing (1 June 2023); one thing (1 July 2023)"
    assert need.people == ("MUM", "KID")


SIBLING: dict[str, Any] = {
    "falling": FALL,
    "sibling_camhs": {
        "count": {
            "feed": "health_appointments",
            "where": {"service": "camhs", "attendance": "did_not_attend"},
            "at_least": 3,
            "scope": "person",
            "who": "children",
            "counting": "days",
            "sibling_of": "falling",
            "describe": "missed CAMHS appointments",
        }
    },
}
SIBLING_RULES = rule_set(SIBLING)
FALLING = attendance(
    "KID", ("Summer 2022/23", 120, 3), ("Autumn 2023/24", 120, 7), ("Spring 2023/24", 120, 11)
)


def test_a_sibling_is_another_child_of_the_family() -> None:
    sibling_missed = [appointment("SIB", date(2023, 11, d)) for d in (1, 15, 29)]
    found = hit(SIBLING_RULES, FALLING + sibling_missed)
    assert found.met[1].explanation == (
        "a sibling had three missed CAMHS appointments (1 November, 15 November and 29 November "
        "2023)"
    )
    same_child = [appointment("KID", date(2023, 11, d)) for d in (1, 15, 29)]
    assert not met(SIBLING_RULES, FALLING + same_child)
    # With no fall there is no child to be a sibling of.
    no_fall = attendance("KID", ("Autumn 2023/24", 120, 7))
    assert not met(rule_set(SIBLING, at_least=1), no_fall + sibling_missed)


def test_an_adult_is_no_ones_sibling() -> None:
    missed = [appointment("MUM", date(2023, 11, d)) for d in (1, 15, 29)]
    assert not met(SIBLING_RULES, FALLING + missed)


@pytest.mark.parametrize("who", ["children", "adults", "anyone"])
def test_social_care_contacts_are_not_open_episodes(who: str) -> None:
    spec = {
        "open_episode": {
            "feed": "social_care",
            "where": {"episode_type": ["child_in_need", "child_protection"]},
            "who": who,
            "describe": "a social care episode",
        }
    }
    contact = [social_care("KID", "contact", date(2024, 1, 1), date(2024, 1, 1))]
    assert not met(one(spec), contact)
