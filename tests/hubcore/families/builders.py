"""Hand-made linked records for the families tests: a person's records made by name, each with
the address and the day it knew them at it, so each test says exactly what the records hold."""

from __future__ import annotations

from datetime import date
from itertools import count

from trustplan.hubcore.families import LinkedRecord, linked_record

AS_AT = date(2024, 3, 31)
HOME = ("12 Alder Road", "ZZ1 2AB", "990000000012")
NEXT_DOOR = ("14 Alder Road", "ZZ1 2AB", "990000000014")
ACROSS_TOWN = ("Flat 3 Cedar Court", "ZZ4 3DE", "990000000033")

_ids = count(1)


def record(
    person_id: str,
    born: date,
    day: date,
    home: tuple[str, str, str] = HOME,
    *,
    sex: str = "F",
    last_name: str = "Smith",
    uprn: bool = True,
    feed: str = "police_incidents",
) -> LinkedRecord:
    """One police record (a crime victim), or one benefit claim or attendance return, of a
    person at ``home`` (line, postcode, UPRN) on ``day``."""
    line, postcode, number = home
    identity = {
        "last_name": last_name,
        "date_of_birth": born.isoformat(),
        "sex": sex,
        "address": line,
        "postcode": postcode,
        "uprn": number if uprn else "",
    }
    record_id = f"R-{next(_ids):06d}"
    if feed == "school_attendance":
        label = f"Autumn {day.year}/{(day.year + 1) % 100:02d}"
        event: dict[str, object] = {
            "term": label,
            "sessions_possible": 140,
            "sessions_missed": 4,
        }
    elif feed == "health_appointments":
        event = {
            "appointment_date": day.isoformat(),
            "service": "maternity",
            "attendance": "attended",
        }
    else:
        event = {"incident_date": day.isoformat(), "incident_type": "crime", "role": "victim"}
    return linked_record(person_id, feed, record_id, identity, event)


def pupil(
    person_id: str, born: date, autumn_of: int, home: tuple[str, str, str] = HOME
) -> LinkedRecord:
    """A school attendance return for the autumn term starting in ``autumn_of``."""
    return record(person_id, born, date(autumn_of, 9, 1), home, sex="M", feed="school_attendance")


def maternity(
    person_id: str, born: date, day: date, home: tuple[str, str, str] = HOME
) -> LinkedRecord:
    return record(person_id, born, day, home, feed="health_appointments")
