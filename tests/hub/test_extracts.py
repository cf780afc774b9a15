"""`trustplan hub extract --pseudonymised` and `trustplan hub reidentify`, on the made-up hub of
``conftest``: the extract holds no name, date of birth, address, NHS number or UPN, joins a
person's records and families by keyed hashes, and only a hub analyst turns a pseudonym back
into the hub's id, every time audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from trustplan.audit.models import AuditEntry
from trustplan.hub import pseudonymise
from trustplan.hub.models import HubRecord

KEY = "a-test-key-that-is-long-enough-for-hmac-sha256-0123456789"
NHS_NUMBER, UPN = "9434765919", "A801200000010"
OPENINGS = AuditEntry.objects.filter(
    action__in=[AuditEntry.Action.VIEW_PERSON, AuditEntry.Action.VIEW_FAMILY]
)


@pytest.fixture
def keyed(hub: dict[str, Any], settings: Any) -> dict[str, Any]:
    """The hub with a key, and identifiers on one record, so there is something to leave out."""
    settings.TRUSTPLAN_PSEUDONYMISATION_KEY = KEY
    HubRecord.objects.filter(record_id="SA-1").update(
        nhs_number=NHS_NUMBER, upn=UPN, address="1 Quill Lane", uprn="100012345678"
    )
    HubRecord.objects.filter(record_id="HO-1").update(
        event={"event_date": "2023-10-03", "event_type": "eviction_notice"}
    )
    HubRecord.objects.filter(record_id="PI-1").update(
        event={
            "incident_date": "2023-11-12",
            "incident_type": "domestic_abuse",
            "role": "victim",
        }
    )
    return hub


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("hub", *args, stdout=out)
    return out.getvalue()


def extract(tmp_path: Path) -> tuple[str, list[dict[str, str]]]:
    path = tmp_path / "extract.csv"
    said = run("extract", "--pseudonymised", "--out", str(path))
    text = path.read_text(encoding="utf-8")
    return said, list(csv.DictReader(io.StringIO(text)))


def test_the_extract_holds_no_name_date_of_birth_address_nhs_number_or_upn(
    keyed: dict[str, Any], tmp_path: Path
) -> None:
    said, rows = extract(tmp_path)
    text = (tmp_path / "extract.csv").read_text(encoding="utf-8")
    assert list(rows[0]) == list(pseudonymise.EXTRACT_COLUMNS)
    assert len(rows) == HubRecord.objects.count()
    assert said.startswith(f"Wrote {len(rows)} records of ")
    for record in HubRecord.objects.all():
        for identifying in (
            record.first_name,
            record.last_name,
            record.date_of_birth.isoformat(),
            record.record_id,
        ):
            assert identifying not in text
    for identifying in (NHS_NUMBER, UPN, "Quill Lane", "100012345678", "ZZ1 2AB", "P-CHILD"):
        assert identifying not in text
    assert "F-NORTH-1" not in text


def test_identifiers_become_keyed_hashes_that_still_join(
    keyed: dict[str, Any], tmp_path: Path
) -> None:
    _, rows = extract(tmp_path)
    secret = KEY.encode()
    child = pseudonymise.pseudonym("person", "P-CHILD", secret)
    family = pseudonymise.pseudonym("family", "F-NORTH-1", secret)
    mine = [row for row in rows if row["person"] == child]
    assert len(mine) == 3  # two attendance records and a health appointment: one person
    assert {row["feed"] for row in mine} == {"school_attendance", "health_appointments"}
    assert {row["families"] for row in mine} == {family}
    assert {row["birth_month"] for row in mine} == {"2012-06"}
    assert {row["postcode_sector"] for row in mine} == {"ZZ1 2"}
    mum = pseudonymise.pseudonym("person", "P-MUM", secret)
    assert {row["families"] for row in rows if row["person"] == mum} == {family}
    assert child.startswith("P-")
    assert family.startswith("F-")
    assert len(child) == 2 + pseudonymise.HEX_DIGITS
    # The same under the same key, every time; another key gives other pseudonyms.
    assert extract(tmp_path)[1] == rows
    assert pseudonymise.pseudonym("person", "P-CHILD", b"another key" * 4) != child
    # Person and family ids are hashed apart: the same text is not the same pseudonym.
    assert pseudonymise.pseudonym("family", "P-CHILD", secret)[2:] != child[2:]


def test_event_columns_are_kept_and_free_text_left_out(
    keyed: dict[str, Any], tmp_path: Path
) -> None:
    HubRecord.objects.filter(record_id="HO-1").update(
        feed_type="early_help",
        event={"start_date": "2023-01-01", "lead_agency": "Jo Bloggs's family hub"},
    )
    _, rows = extract(tmp_path)
    events = [json.loads(row["event"]) for row in rows]
    assert {"incident_date": "2023-11-12", "incident_type": "domestic_abuse", "role": "victim"} in (
        events
    )
    assert {"start_date": "2023-01-01"} in events
    assert "Bloggs" not in (tmp_path / "extract.csv").read_text(encoding="utf-8")
    assert "lead_agency" in pseudonymise.FREE_TEXT


def test_the_extract_is_audited_with_counts_only(keyed: dict[str, Any], tmp_path: Path) -> None:
    extract(tmp_path)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.object_type == "pseudonymised_extract"
    assert entry.detail.endswith("people, pseudonymised")
    assert "Quillfeather" not in entry.detail


def test_no_extract_without_a_key_or_unpseudonymised(
    hub: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.TRUSTPLAN_PSEUDONYMISATION_KEY = "short"
    path = tmp_path / "extract.csv"
    with pytest.raises(CommandError, match="TRUSTPLAN_PSEUDONYMISATION_KEY"):
        run("extract", "--pseudonymised", "--out", str(path))
    settings.TRUSTPLAN_PSEUDONYMISATION_KEY = KEY
    with pytest.raises(CommandError, match="only pseudonymised: add --pseudonymised"):
        run("extract", "--out", str(path))
    assert not path.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_a_hub_analyst_reidentifies_a_person_and_it_is_audited(keyed: dict[str, Any]) -> None:
    child = pseudonymise.pseudonym("person", "P-CHILD", KEY.encode())
    said = run("reidentify", child, "--as", "hub_analyst", "--reason", "Checking a link")
    assert said.startswith(f"{child} is person P-CHILD.")
    assert "school_attendance SA-1: Tamsin Quillfeather, born 2012-06-02" in said
    entry = OPENINGS.get()
    assert (entry.username, entry.object_type, entry.object_id, entry.purpose) == (
        "hub_analyst",
        "person",
        "P-CHILD",
        "data_quality",
    )
    assert entry.detail == f"Re-identified {child} from a pseudonymised extract: Checking a link"


def test_families_and_records_are_reidentified_too(keyed: dict[str, Any]) -> None:
    secret = KEY.encode()
    family = pseudonymise.pseudonym("family", "F-NORTH-1", secret)
    said = run("reidentify", family, "--as", "hub_analyst", "--purpose", "safeguarding")
    assert said.startswith(f"{family} is family F-NORTH-1.")
    assert "member P-MUM" in said
    record = pseudonymise.pseudonym("record", "police_incidents:PI-1", secret)
    assert "is record police_incidents:PI-1" in run("reidentify", record, "--as", "hub_analyst")
    actions = list(OPENINGS.values_list("action", "object_id", "purpose"))
    assert actions == [
        (AuditEntry.Action.VIEW_FAMILY, "F-NORTH-1", "safeguarding"),
        (AuditEntry.Action.VIEW_PERSON, "police_incidents:PI-1", "data_quality"),
    ]


@pytest.mark.parametrize("who", ["practitioner_a", "admin", "viewer", "outsider", "nobody"])
def test_anyone_but_a_hub_analyst_is_refused(keyed: dict[str, Any], who: str) -> None:
    child = pseudonymise.pseudonym("person", "P-CHILD", KEY.encode())
    expected = "No active user" if who == "nobody" else "does not hold the hub analyst role"
    with pytest.raises(CommandError, match=expected):
        run("reidentify", child, "--as", who)
    assert not OPENINGS.exists()


def test_an_unknown_or_malformed_pseudonym_is_refused(keyed: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="is not a pseudonym"):
        run("reidentify", "X-0123456789abcdef0123", "--as", "hub_analyst")
    with pytest.raises(CommandError, match="under the current key"):
        run("reidentify", "P-0123456789abcdef0123", "--as", "hub_analyst")
    other_key = pseudonymise.pseudonym("person", "P-CHILD", b"x" * 40)
    with pytest.raises(CommandError, match="the key may have changed"):
        run("reidentify", other_key, "--as", "hub_analyst")


def test_birth_month_and_sector() -> None:
    assert pseudonymise.birth_month(dt.date(2012, 6, 2)) == "2012-06"
    assert pseudonymise.sector("zz12ab") == "ZZ1 2"
    assert pseudonymise.sector("") == ""
    assert pseudonymise.sector("not a postcode") == ""
