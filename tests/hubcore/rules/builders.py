"""Small hand-made facts and rule sets for the rules tests: one family at a time, with events
made by name, so each test says exactly what the family's records hold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from itertools import count
from typing import Any

from trustplan.hubcore.rules import (
    EarlyHelpEpisode,
    Event,
    Exclusion,
    Facts,
    HealthAppointment,
    HousingEvent,
    Person,
    PoliceIncident,
    RuleSet,
    SchoolAttendance,
    SocialCareEpisode,
    Term,
    WorklessnessSpell,
    YouthJusticeOutcome,
)

ON = date(2024, 3, 31)
"""The evaluation date the tests use; the 12-month window starts on 1 April 2023."""

_ids = count(1)


def rid(prefix: str = "R") -> str:
    return f"{prefix}-{next(_ids):06d}"


def adult(person_id: str, family: str = "F1", sex: str = "F") -> Person:
    return Person(person_id, family, date(1985, 6, 1), False, sex)  # type: ignore[arg-type]


def child(person_id: str, family: str = "F1", born: date = date(2012, 6, 1)) -> Person:
    return Person(person_id, family, born, True, "M")


def police(
    person_id: str, day: date, kind: str = "domestic_abuse", role: str = "victim"
) -> PoliceIncident:
    return PoliceIncident(person_id, rid("POL"), day, kind, role)


def appointment(
    person_id: str, day: date, service: str = "camhs", attendance: str = "did_not_attend"
) -> HealthAppointment:
    return HealthAppointment(person_id, rid("HLT"), day, service, attendance)


def term(person_id: str, label: str, possible: int, missed: int) -> SchoolAttendance:
    t = Term.parse(label)
    return SchoolAttendance(person_id, rid("ATT"), t.start, t, possible, missed)


def attendance(person_id: str, *terms: tuple[str, int, int]) -> list[SchoolAttendance]:
    """Terms as (label, sessions possible, sessions missed)."""
    return [term(person_id, label, possible, missed) for label, possible, missed in terms]


def early_help(
    person_id: str, start: date, end: date | None = None, reason: str | None = None
) -> EarlyHelpEpisode:
    return EarlyHelpEpisode(person_id, rid("EH"), start, end, "Family Hub", reason)


def social_care(
    person_id: str, kind: str, start: date, end: date | None = None
) -> SocialCareEpisode:
    return SocialCareEpisode(person_id, rid("CSC"), start, end, kind)


def benefit(
    person_id: str, start: date, end: date | None = None, kind: str = "out_of_work_benefit"
) -> WorklessnessSpell:
    return WorklessnessSpell(person_id, rid("DWP"), start, end, kind)


def housing(person_id: str, day: date, kind: str = "eviction_notice") -> HousingEvent:
    return HousingEvent(person_id, rid("HSG"), day, kind)


def youth_justice(person_id: str, day: date, outcome: str = "caution") -> YouthJusticeOutcome:
    return YouthJusticeOutcome(person_id, rid("YJS"), day, outcome)


def suspension(person_id: str, day: date, kind: str = "suspension") -> Exclusion:
    return Exclusion(person_id, rid("EXC"), day, kind, 1.0)


def facts(people: Iterable[Person], events: Iterable[Event]) -> Facts:
    return Facts({p.person_id: p for p in people}, list(events))


def rule_set(
    indicators: Mapping[str, Mapping[str, Any]],
    *,
    at_least: int | None = None,
    window_months: int = 12,
    **more: Any,
) -> RuleSet:
    """A rule set of the given indicators (key: condition), met by all of them unless
    ``at_least`` says otherwise."""
    data: dict[str, Any] = {
        "key": "test-rules",
        "version": 1,
        "title": "Test rules",
        "description": "For tests.",
        "sources": ["The tests."],
        "window_months": window_months,
        "indicators": [
            {"key": key, "title": key.replace("_", " "), "when": dict(when)}
            for key, when in indicators.items()
        ],
        "threshold": {"at_least": at_least or len(indicators)},
        **more,
    }
    return RuleSet.model_validate(data)


def one(when: Mapping[str, Any], **more: Any) -> RuleSet:
    """A rule set of one indicator, ``need``."""
    return rule_set({"need": when}, **more)


DOMESTIC_ABUSE_TWICE: Mapping[str, Any] = {
    "count": {
        "feed": "police_incidents",
        "where": {"incident_type": "domestic_abuse"},
        "at_least": 2,
        "within_days": 90,
        "counting": "days",
        "describe": "police domestic-abuse call-outs to the home",
    }
}
