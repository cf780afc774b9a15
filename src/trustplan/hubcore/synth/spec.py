"""The feeds the synthetic city writes: for each, its columns as the hub's feed specification
defines them, which identity columns that agency records, and how completely.

The specification fixes the identity columns' order (``record_id``, ``first_name``,
``last_name``, ``date_of_birth``, then optional ``sex``, ``nhs_number``, ``upn``, ``address``,
``postcode``, ``uprn``, ``ethnicity``) and each feed's event columns. Which optional columns a
feed carries follows what each agency really holds: schools know UPNs but not NHS numbers; the
police and housing rarely have an NHS number; health always does; only systems run by the
council (schools, social care, early help, housing) store UPRNs.

``nhs_missing``, ``upn_missing`` and ``uprn_missing`` are the shares of records with the column
left blank, at ``error_rate`` 1 (``feeds`` scales them with the other error rates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

REQUIRED_IDENTITY: Final = ("record_id", "first_name", "last_name", "date_of_birth")
OPTIONAL_IDENTITY: Final = (
    "sex",
    "nhs_number",
    "upn",
    "address",
    "postcode",
    "uprn",
    "ethnicity",
)

SCHOOL_ATTENDANCE: Final = "school_attendance"
EXCLUSIONS: Final = "exclusions"
POLICE_INCIDENTS: Final = "police_incidents"
YOUTH_JUSTICE: Final = "youth_justice"
HEALTH_APPOINTMENTS: Final = "health_appointments"
SOCIAL_CARE: Final = "social_care"
EARLY_HELP: Final = "early_help"
HOUSING: Final = "housing"
WORKLESSNESS: Final = "worklessness"


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed: its name (and file ``<name>.csv``), the optional identity columns it carries,
    its event columns, the prefix of its record ids, how often identifiers are left blank, and
    whether each row is keyed afresh (a police officer types a nominal's details at every
    incident) rather than coming from one client record per person."""

    name: str
    identity: tuple[str, ...]
    events: tuple[str, ...]
    prefix: str
    nhs_missing: float = 0.0
    upn_missing: float = 0.0
    uprn_missing: float = 0.0
    rekeyed: bool = False

    @property
    def header(self) -> tuple[str, ...]:
        optional = tuple(column for column in OPTIONAL_IDENTITY if column in self.identity)
        return (*REQUIRED_IDENTITY, *optional, *self.events)

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


_PUPIL: Final = ("sex", "upn", "address", "postcode", "uprn", "ethnicity")

FEEDS: Final = {
    spec.name: spec
    for spec in (
        FeedSpec(
            SCHOOL_ATTENDANCE,
            _PUPIL,
            ("term", "sessions_possible", "sessions_missed"),
            "ATT",
            upn_missing=0.005,
            uprn_missing=0.03,
        ),
        FeedSpec(
            EXCLUSIONS,
            _PUPIL,
            ("exclusion_date", "exclusion_type", "days"),
            "EXC",
            upn_missing=0.01,
            uprn_missing=0.03,
        ),
        FeedSpec(
            POLICE_INCIDENTS,
            ("sex", "nhs_number", "address", "postcode", "ethnicity"),
            ("incident_date", "incident_type", "role"),
            "POL",
            nhs_missing=0.85,
            rekeyed=True,
        ),
        FeedSpec(
            YOUTH_JUSTICE,
            ("sex", "nhs_number", "upn", "address", "postcode", "ethnicity"),
            ("outcome_date", "outcome"),
            "YJS",
            nhs_missing=0.3,
            upn_missing=0.4,
        ),
        FeedSpec(
            HEALTH_APPOINTMENTS,
            ("sex", "nhs_number", "address", "postcode", "ethnicity"),
            ("appointment_date", "service", "attendance"),
            "HLT",
            nhs_missing=0.02,
        ),
        FeedSpec(
            SOCIAL_CARE,
            ("sex", "nhs_number", "upn", "address", "postcode", "uprn", "ethnicity"),
            ("episode_type", "start_date", "end_date"),
            "CSC",
            nhs_missing=0.15,
            upn_missing=0.25,
            uprn_missing=0.05,
        ),
        FeedSpec(
            EARLY_HELP,
            ("sex", "nhs_number", "upn", "address", "postcode", "uprn", "ethnicity"),
            ("start_date", "end_date", "lead_agency", "closure_reason"),
            "EH",
            nhs_missing=0.3,
            upn_missing=0.35,
            uprn_missing=0.05,
        ),
        FeedSpec(
            HOUSING,
            ("sex", "nhs_number", "address", "postcode", "uprn"),
            ("event_date", "event_type"),
            "HSG",
            nhs_missing=0.7,
            uprn_missing=0.02,
        ),
        FeedSpec(
            WORKLESSNESS,
            ("sex", "address", "postcode"),
            ("start_date", "end_date", "benefit"),
            "DWP",
        ),
    )
}
"""The feeds, in the order the specification lists them."""
