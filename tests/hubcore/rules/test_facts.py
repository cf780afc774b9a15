"""The facts: terms, events built from a feed's columns, grouping by family."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.hubcore.rules.builders import adult, child, facts, housing, police
from trustplan.hubcore.feeds.contracts import FEEDS, Identity
from trustplan.hubcore.rules import (
    EVENT_TYPES,
    EarlyHelpEpisode,
    HealthAppointment,
    SchoolAttendance,
    SocialCareEpisode,
    Term,
    event_from_columns,
)
from trustplan.hubcore.rules.facts import EPISODE_FEEDS


def test_terms_parse_sort_and_have_nominal_starts() -> None:
    autumn = Term.parse("Autumn 2023/24")
    assert autumn == Term(2023, 0)
    assert autumn.label == "Autumn 2023/24"
    assert autumn.start == date(2023, 9, 1)
    assert Term.parse("Spring 2023/24").start == date(2024, 1, 1)
    assert Term.parse("Summer 2023/24").start == date(2024, 4, 1)
    assert Term.parse("Summer 2022/23").ordinal + 1 == autumn.ordinal
    assert sorted([Term.parse("Spring 2023/24"), autumn, Term.parse("Summer 2022/23")]) == [
        Term(2022, 2),
        autumn,
        Term(2023, 1),
    ]
    assert Term.parse("Autumn 1999/00").label == "Autumn 1999/00"
    for bad in ("Autumn 2023/25", "Winter 2023/24", "autumn 2023/24", ""):
        with pytest.raises(ValueError, match="not a term"):
            Term.parse(bad)


def test_every_feed_has_an_event_class_with_its_columns() -> None:
    assert list(EVENT_TYPES) == list(FEEDS)
    assert EPISODE_FEEDS == ("social_care", "early_help", "worklessness")
    for feed, model in FEEDS.items():
        columns = set(model.model_fields) - set(Identity.model_fields)
        fields = {f.name for f in dataclasses.fields(EVENT_TYPES[feed])}
        dated = {"date", "end", "term"}
        # Every choice column is an attribute of the same name, so `where` can read it.
        assert columns - fields <= {
            "incident_date",
            "exclusion_date",
            "outcome_date",
            "appointment_date",
            "event_date",
            "start_date",
            "end_date",
        }, feed
        assert fields - columns <= {"person_id", "record_id", *dated}, feed


def test_event_from_stored_columns() -> None:
    attendance = event_from_columns(
        "school_attendance",
        "P1",
        "ATT-1",
        {"term": "Spring 2023/24", "sessions_possible": 116, "sessions_missed": 9},
    )
    assert attendance == SchoolAttendance("P1", "ATT-1", date(2024, 1, 1), Term(2023, 1), 116, 9)
    assert attendance.source == ("school_attendance", "ATT-1")
    care = event_from_columns(
        "social_care",
        "P1",
        "CSC-1",
        {"episode_type": "child_in_need", "start_date": "2023-02-01", "end_date": None},
    )
    assert care == SocialCareEpisode("P1", "CSC-1", date(2023, 2, 1), None, "child_in_need")
    help_ = event_from_columns(
        "early_help",
        "P1",
        "EH-1",
        {
            "start_date": date(2023, 1, 1),
            "end_date": "2023-06-30",
            "lead_agency": "School",
            "closure_reason": "",
        },
    )
    assert help_ == EarlyHelpEpisode(
        "P1", "EH-1", date(2023, 1, 1), date(2023, 6, 30), "School", None
    )
    assert help_.open_on(date(2023, 6, 30))
    assert not help_.open_on(date(2023, 7, 1))
    assert help_.open_between(date(2023, 6, 30), date(2023, 9, 1))
    appointment = event_from_columns(
        "health_appointments",
        "P1",
        "H-1",
        {"appointment_date": "2023-03-03", "service": "camhs", "attendance": "attended"},
    )
    assert isinstance(appointment, HealthAppointment)


def test_event_from_columns_errors_name_no_value() -> None:
    with pytest.raises(ValueError, match="unknown feed"):
        event_from_columns("gp_visits", "P1", "R1", {})
    with pytest.raises(ValueError, match="lacks its incident_date column"):
        event_from_columns("police_incidents", "P1", "R1", {"incident_type": "asb", "role": "x"})
    with pytest.raises(ValueError, match="not as its contract says") as caught:
        event_from_columns(
            "housing", "P1", "R1", {"event_date": "31/12/2023", "event_type": "eviction_notice"}
        )
    assert "31/12" not in str(caught.value)


def test_facts_group_events_by_family_in_date_order() -> None:
    grouped = facts(
        [adult("A", "F1"), child("C", "F1"), adult("B", "F2")],
        [
            police("C", date(2023, 9, 1)),
            police("A", date(2023, 5, 1)),
            housing("B", date(2023, 7, 1)),
        ],
    )
    families = grouped.families
    assert list(families) == ["F1", "F2"]
    assert list(families["F1"].members) == ["A", "C"]
    assert [e.person_id for e in families["F1"].events["police_incidents"]] == ["A", "C"]
    assert list(families["F2"].events) == ["housing"]
    assert grouped.families is families  # grouped once
    assert "events" not in repr(grouped)
