"""The feed contracts: every feed's happy row, every rule's message, and what only warns."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from trustplan.hubcore.feeds.contracts import (
    FEEDS,
    FeedRecord,
    Finding,
    PoliceIncidents,
    RowCheck,
    SchoolAttendance,
    check_row,
)

IDENTITY = {
    "record_id": "REC-0001",
    "first_name": "Zoë",
    "last_name": "O'Brien",
    "date_of_birth": "2012-03-04",
    "sex": "F",
    "nhs_number": "943 476 5919",
    "upn": "B801200005001",
    "address": "12 High Street",
    "postcode": "PO1 2AB",
    "uprn": "1775012345",
    "ethnicity": "White",
}

EVENTS: dict[str, dict[str, str]] = {
    "school_attendance": {
        "term": "Autumn 2023/24",
        "sessions_possible": "140",
        "sessions_missed": "12",
    },
    "exclusions": {"exclusion_date": "2023-11-02", "exclusion_type": "suspension", "days": "2.5"},
    "police_incidents": {
        "incident_date": "2023-06-30",
        "incident_type": "domestic_abuse",
        "role": "victim",
    },
    "youth_justice": {"outcome_date": "2023-09-01", "outcome": "referral_order"},
    "health_appointments": {
        "appointment_date": "2023-05-17",
        "service": "camhs",
        "attendance": "did_not_attend",
    },
    "social_care": {
        "episode_type": "child_in_need",
        "start_date": "2022-01-10",
        "end_date": "2022-08-01",
    },
    "early_help": {
        "start_date": "2023-02-01",
        "end_date": "2023-07-31",
        "lead_agency": "Family Hub North",
        "closure_reason": "outcomes_achieved",
    },
    "housing": {"event_date": "2023-04-04", "event_type": "temporary_accommodation"},
    "worklessness": {
        "start_date": "2021-10-01",
        "end_date": "",
        "benefit": "universal_credit_no_work_requirements",
    },
}


def valid_row(feed_type: str, **changes: str) -> dict[str, str]:
    """A row of the feed that breaks no rule, with ``changes`` made to it."""
    return {**IDENTITY, **EVENTS[feed_type], **changes}


def check(feed_type: str, **changes: str) -> RowCheck:
    return check_row(FEEDS[feed_type], valid_row(feed_type, **changes))


def reasons(result: RowCheck) -> list[str]:
    return [finding.reason for finding in (*result.errors, *result.warnings)]


# The feeds and their happy rows ----------------------------------------------------------------


def test_the_feeds_are_those_of_the_specification_in_its_order() -> None:
    assert list(FEEDS) == list(EVENTS)
    for feed_type, model in FEEDS.items():
        assert model.feed_type == feed_type
        assert list(model.model_fields)[: len(IDENTITY)] == list(IDENTITY)
        assert list(model.model_fields)[len(IDENTITY) :] == list(EVENTS[feed_type])


@pytest.mark.parametrize("feed_type", list(EVENTS))
def test_every_feeds_happy_row_is_accepted_without_warnings(feed_type: str) -> None:
    result = check(feed_type)
    assert result.errors == ()
    assert result.warnings == ()
    assert isinstance(result.record, FEEDS[feed_type])


def test_the_identity_columns_are_kept_in_their_normal_forms() -> None:
    result = check(
        "police_incidents",
        record_id="  REC-0001 ",
        first_name="  Zoe\u0308 ",
        last_name="Smith  -  Jones",
        sex="f",
        nhs_number="943-476-5919",
        upn="b801 2000 05001",
        address="  12   High Street ",
        postcode="po12ab",
        uprn="001775012345",
        ethnicity="not known",
        incident_type="Domestic abuse",
        role="VICTIM",
    )
    assert result.record is not None
    assert result.record.model_dump() == {
        "record_id": "REC-0001",
        "first_name": "Zoë",
        "last_name": "Smith - Jones",
        "date_of_birth": date(2012, 3, 4),
        "sex": "F",
        "nhs_number": "9434765919",
        "upn": "B801200005001",
        "address": "12 High Street",
        "postcode": "PO1 2AB",
        "uprn": "1775012345",
        "ethnicity": "Not known",
        "incident_date": date(2023, 6, 30),
        "incident_type": "domestic_abuse",
        "role": "victim",
    }


def test_blank_optional_columns_are_none_and_absent_ones_too() -> None:
    blank = dict.fromkeys(
        ["sex", "nhs_number", "upn", "address", "postcode", "uprn", "ethnicity"], " "
    )
    result = check("housing", **blank)
    assert result.record is not None
    assert result.record.nhs_number is None
    assert result.record.sex is None
    required_only = {
        k: IDENTITY[k] for k in ("record_id", "first_name", "last_name", "date_of_birth")
    }
    result = check_row(FEEDS["housing"], {**required_only, **EVENTS["housing"]})
    assert result.errors == ()
    assert result.record is not None
    assert result.record.postcode is None


def test_a_future_date_of_birth_is_allowed_for_an_unborn_child() -> None:
    assert (
        check(
            "social_care", date_of_birth="2099-01-01", start_date="2099-01-01", end_date=""
        ).errors
        == ()
    )


# Required columns and rules that reject the row ------------------------------------------------


@pytest.mark.parametrize("column", ["record_id", "first_name", "last_name", "date_of_birth"])
def test_a_blank_required_identity_column_rejects_the_row(column: str) -> None:
    result = check("housing", **{column: "  "})
    assert result.record is None
    assert result.errors == (Finding(column, f"{column} is required"),)


def test_a_required_column_left_out_altogether_is_required_too() -> None:
    row = valid_row("housing")
    del row["event_type"]
    assert check_row(FEEDS["housing"], row).errors == (
        Finding("event_type", "event_type is required"),
    )


@pytest.mark.parametrize(
    ("feed_type", "changes", "column", "reason"),
    [
        ("housing", {"record_id": "X" * 65}, "record_id", "record_id is longer than 64 characters"),
        ("housing", {"first_name": "123"}, "first_name", "first_name has no letters"),
        ("housing", {"last_name": "--"}, "last_name", "last_name has no letters"),
        (
            "housing",
            {"date_of_birth": "04/03/2012"},
            "date_of_birth",
            "date_of_birth is not a date in the form YYYY-MM-DD",
        ),
        (
            "housing",
            {"date_of_birth": "2012-02-30"},
            "date_of_birth",
            "date_of_birth is not a date in the form YYYY-MM-DD",
        ),
        (
            "housing",
            {"date_of_birth": "1899-12-31"},
            "date_of_birth",
            "date_of_birth is before 1900",
        ),
        (
            "school_attendance",
            {"term": "Autumn 2023"},
            "term",
            'term is not a term such as "Autumn 2023/24"',
        ),
        (
            "school_attendance",
            {"term": "Spring 2023/25"},
            "term",
            'term is not a term such as "Autumn 2023/24"',
        ),
        (
            "school_attendance",
            {"sessions_possible": "0"},
            "sessions_possible",
            "sessions_possible must be more than 0",
        ),
        (
            "school_attendance",
            {"sessions_possible": "12.0"},
            "sessions_possible",
            "sessions_possible is not a whole number of 0 or more",
        ),
        (
            "school_attendance",
            {"sessions_missed": "-1"},
            "sessions_missed",
            "sessions_missed is not a whole number of 0 or more",
        ),
        (
            "school_attendance",
            {"sessions_missed": "141"},
            "sessions_missed",
            "sessions_missed is more than sessions_possible",
        ),
        (
            "exclusions",
            {"exclusion_type": "fixed_term"},
            "exclusion_type",
            "exclusion_type must be one of: suspension, permanent",
        ),
        ("exclusions", {"days": "0"}, "days", "days must be more than 0"),
        (
            "exclusions",
            {"days": "two"},
            "days",
            "days is not a number written with digits and a decimal point",
        ),
        (
            "exclusions",
            {"exclusion_date": "2023-11-31"},
            "exclusion_date",
            "exclusion_date is not a date in the form YYYY-MM-DD",
        ),
        (
            "police_incidents",
            {"incident_type": "burglary"},
            "incident_type",
            "incident_type must be one of: domestic_abuse, asb, missing, crime, "
            "exploitation_concern",
        ),
        (
            "police_incidents",
            {"role": "perpetrator"},
            "role",
            "role must be one of: victim, suspect, witness, subject",
        ),
        (
            "youth_justice",
            {"outcome": "fine"},
            "outcome",
            "outcome must be one of: caution, youth_conditional_caution, referral_order, "
            "youth_rehabilitation_order, custody",
        ),
        (
            "health_appointments",
            {"service": "dentist"},
            "service",
            "service must be one of: camhs, paediatrics, health_visiting, school_nursing, "
            "substance_misuse, adult_mental_health, maternity",
        ),
        (
            "health_appointments",
            {"attendance": "dna"},
            "attendance",
            "attendance must be one of: attended, did_not_attend, cancelled",
        ),
        (
            "social_care",
            {"episode_type": "s47"},
            "episode_type",
            "episode_type must be one of: contact, referral, child_in_need, child_protection, "
            "looked_after",
        ),
        ("social_care", {"end_date": "2022-01-09"}, "end_date", "end_date is before start_date"),
        (
            "social_care",
            {"end_date": "ongoing"},
            "end_date",
            "end_date is not a date in the form YYYY-MM-DD",
        ),
        ("early_help", {"end_date": "2023-01-31"}, "end_date", "end_date is before start_date"),
        ("early_help", {"lead_agency": " "}, "lead_agency", "lead_agency is required"),
        (
            "early_help",
            {"closure_reason": "finished"},
            "closure_reason",
            "closure_reason must be one of: outcomes_achieved, stepped_up, disengaged, "
            "moved_away, other",
        ),
        (
            "housing",
            {"event_type": "rent_arrears"},
            "event_type",
            "event_type must be one of: homelessness_presentation, temporary_accommodation, "
            "eviction_notice",
        ),
        ("worklessness", {"end_date": "2021-09-30"}, "end_date", "end_date is before start_date"),
        (
            "worklessness",
            {"benefit": "jsa"},
            "benefit",
            "benefit must be one of: out_of_work_benefit, universal_credit_no_work_requirements, "
            "other",
        ),
    ],
)
def test_each_rule_rejects_the_row_with_its_message(
    feed_type: str, changes: dict[str, str], column: str, reason: str
) -> None:
    result = check(feed_type, **changes)
    assert result.record is None
    assert result.errors == (Finding(column, reason),)


def test_every_broken_column_is_reported_at_once() -> None:
    result = check("police_incidents", record_id="", date_of_birth="2012", role="x")
    assert [finding.column for finding in result.errors] == ["record_id", "date_of_birth", "role"]


def test_an_end_on_the_day_it_starts_is_fine() -> None:
    assert check("social_care", end_date="2022-01-10").errors == ()


def test_choices_are_matched_ignoring_case_spaces_and_hyphens() -> None:
    result = check("health_appointments", service=" Health Visiting ", attendance="Did-not-attend")
    assert isinstance(result.record, FEEDS["health_appointments"])
    assert result.record.model_dump()["service"] == "health_visiting"
    assert result.record.model_dump()["attendance"] == "did_not_attend"


def test_a_term_is_read_in_any_case_and_written_as_listed() -> None:
    result = check("school_attendance", term="summer  2023 / 24")
    assert isinstance(result.record, SchoolAttendance)
    assert result.record.term == "Summer 2023/24"
    assert check("school_attendance", term="Autumn 1999/00").errors == ()


def test_a_column_the_feed_does_not_have_is_refused() -> None:
    result = check_row(PoliceIncidents, {**valid_row("police_incidents"), "notes": "x"})
    assert result.errors == (Finding("notes", "notes is not a column of this feed"),)


# Optional identity columns: warn, drop, keep the row -------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("nhs_number", "943 476 5918", "nhs_number fails its check digit"),
        ("nhs_number", "94347659", "nhs_number is not 10 digits"),
        (
            "nhs_number",
            "9999999999",
            "nhs_number is one digit repeated, which systems use as a placeholder",
        ),
        ("upn", "A801200005001", "upn fails its check letter"),
        (
            "upn",
            "801200005001",
            "upn is not a check letter followed by 11 digits and a digit or letter",
        ),
        ("postcode", "BFPO 123", "postcode is not a UK postcode"),
        ("uprn", "1234567890123", "uprn is not 1 to 12 digits (and not all zeros)"),
        ("uprn", "000", "uprn is not 1 to 12 digits (and not all zeros)"),
        ("sex", "female", "sex must be one of: F, M, U"),
        (
            "ethnicity",
            "British",
            "ethnicity must be one of: White, Mixed, Asian, Black, Other, Not known",
        ),
    ],
)
def test_an_invalid_optional_identifier_is_dropped_with_a_warning(
    column: str, value: str, reason: str
) -> None:
    result = check("youth_justice", **{column: value})
    assert result.errors == ()
    assert result.record is not None
    assert getattr(result.record, column) is None
    assert result.warnings == (Finding(column, f"{reason}, so it was left out"),)
    assert result.record.first_name == "Zoë"  # the rest of the row is kept


def test_an_event_before_the_date_of_birth_is_kept_with_a_warning() -> None:
    result = check("police_incidents", incident_date="2011-01-01")
    assert result.record is not None
    assert result.warnings == (Finding("incident_date", "incident_date is before date_of_birth"),)


def test_a_social_care_episode_may_start_before_birth_without_a_warning() -> None:
    # Pre-birth assessments and plans are about an unborn child.
    result = check("social_care", date_of_birth="2022-03-01", start_date="2022-01-10")
    assert result.record is not None
    assert result.warnings == ()


def test_a_rejected_row_reports_its_errors_not_its_warnings() -> None:
    result = check("housing", nhs_number="9434765918", event_type="x")
    assert result.record is None
    assert result.warnings == ()
    assert [finding.column for finding in result.errors] == ["event_type"]


def test_validated_directly_with_nowhere_for_warnings_a_warning_is_an_error() -> None:
    with pytest.raises(ValidationError, match="nhs_number fails its check digit"):
        PoliceIncidents.model_validate(valid_row("police_incidents", nhs_number="9434765918"))
    with pytest.raises(ValidationError, match="incident_date is before date_of_birth"):
        PoliceIncidents.model_validate(valid_row("police_incidents", incident_date="2000-01-01"))


# Person-level values never appear in messages --------------------------------------------------


@pytest.mark.parametrize(
    ("feed_type", "column", "value"),
    [
        ("police_incidents", "nhs_number", "943 476 5918"),
        ("police_incidents", "date_of_birth", "31/12/2010"),
        ("police_incidents", "role", "perpetrator-xyzzy"),
        ("police_incidents", "upn", "Z801200005001"),
        ("police_incidents", "postcode", "NOT A POSTCODE"),
        ("school_attendance", "sessions_missed", "9999"),
        ("early_help", "end_date", "2001-02-03"),
        ("housing", "first_name", "!!!???"),
        ("housing", "record_id", "R" * 80),
    ],
)
def test_messages_never_contain_the_offending_value(
    feed_type: str, column: str, value: str
) -> None:
    result = check(feed_type, **{column: value})
    assert reasons(result), "the value should have been found wrong"
    for reason in reasons(result):
        assert value not in reason
        assert value.strip() not in reason


def test_a_validation_error_and_a_records_repr_hide_the_values() -> None:
    row = valid_row("police_incidents", date_of_birth="31/12/2010")
    with pytest.raises(ValidationError) as caught:
        PoliceIncidents.model_validate(row)
    assert "31/12/2010" not in str(caught.value)
    record = check("police_incidents").record
    assert isinstance(record, FeedRecord)
    assert "Zoë" not in repr(record)
    assert "9434765919" not in repr(record)
