"""A linked record from the hub's columns: a bad one is named by feed and record id only."""

from __future__ import annotations

import pytest

from trustplan.hubcore.families import linked_record

IDENTITY = {"last_name": "Kowalska", "date_of_birth": "1990-02-03", "address": "1 Elm Road"}


def test_a_record_keeps_its_person_event_and_identity() -> None:
    event = {"incident_date": "2023-05-01", "incident_type": "crime", "role": "victim"}
    record = linked_record("P1", "police_incidents", "POL-1", {**IDENTITY, "postcode": ""}, event)
    assert record.key == "police_incidents:POL-1"
    assert record.event.person_id == "P1"
    assert record.address.postcode is None
    assert repr(record) == "LinkedRecord(police_incidents:POL-1 of P1)"


def test_a_record_that_is_not_as_its_contract_says_is_named_without_its_values() -> None:
    with pytest.raises(ValueError, match="police_incidents record POL-2: ") as bad:
        linked_record("P1", "police_incidents", "POL-2", IDENTITY, {"incident_date": "soon"})
    with pytest.raises(ValueError, match="its date_of_birth is not a date") as no_birth:
        linked_record(
            "P1",
            "housing",
            "H-1",
            {"date_of_birth": "Kowalska"},
            {"event_date": "2023-01-01", "event_type": "eviction_notice"},
        )
    for error in (bad.value, no_birth.value):
        assert "Kowalska" not in str(error)
        assert "soon" not in str(error)
