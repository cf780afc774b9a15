"""`trustplan hub subject-access` writes everything held on one person as a JSON bundle: their
records, links, families, their families' flags and decisions, review decisions and
quarantined rows naming their records, and the audit entries about them; found by person id
or by one of their records; refused clearly when there is no such person; audited by id and
counts only."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.factories import client_for
from trustplan.audit.chain import verify
from trustplan.audit.models import AuditEntry
from trustplan.hub.models import (
    FeedLoad,
    HubRecord,
    QuarantinedRow,
    ReviewDecision,
)

REASON = "Early help assessment requested by the school"


def subject_access(*args: str) -> str:
    out = io.StringIO()
    call_command("hub", "subject-access", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def known(hub: dict[str, Any]) -> dict[str, Any]:
    """Tamsin (P-CHILD) and her family opened and decided on by practitioner_a; a reviewer's
    decision and a quarantined row about one of her records; Morwenna (P-MUM) opened too."""
    client = client_for(hub, "practitioner_a")
    client.post("/hub/people/P-CHILD/purpose/", {"purpose": "early_help", "reason": REASON})
    client.get("/hub/people/P-CHILD/")
    client.post("/hub/families/F-NORTH-1/purpose/", {"purpose": "work_list", "reason": REASON})
    client.get("/hub/families/F-NORTH-1/")
    client.post(
        "/hub/families/F-NORTH-1/",
        {"decision": "offer_assessment", "reason": "Three services' concerns together."},
    )
    client.post("/hub/people/P-MUM/purpose/", {"purpose": "early_help", "reason": REASON})
    client.get("/hub/people/P-MUM/")
    ReviewDecision.objects.create(
        id_l="health_appointments:HA-2",
        id_r="school_attendance:SA-1",
        decision="match",
        reason="Same school nurse referral",
    )
    QuarantinedRow.objects.create(
        load=FeedLoad.objects.get(feed_type="school_attendance"),
        row=7,
        column="term",
        reason='term is not a term such as "Autumn 2023/24"',
        raw={"record_id": "SA-1", "first_name": "Tamsin", "term": "Autum 2023"},
    )
    return hub


def test_everything_held_on_a_person_is_written_as_json(known, tmp_path: Path) -> None:
    out = tmp_path / "sar.json"
    said = subject_access("--person", "P-CHILD", "--out", str(out))
    assert said.startswith(f"Wrote everything held on P-CHILD to {out}: 3 records, 3 links,")
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["subject_access"]["person_id"] == "P-CHILD"
    assert "review before disclosure" in bundle["subject_access"]["note"]

    records = {(r["feed"], r["record_id"]): r for r in bundle["records"]}
    assert set(records) == {
        ("health_appointments", "HA-2"),
        ("school_attendance", "SA-0"),
        ("school_attendance", "SA-1"),
    }
    assert records[("school_attendance", "SA-0")]["identity"]["first_name"] == "Tamsyn"
    assert records[("school_attendance", "SA-1")]["identity"]["date_of_birth"] == "2012-06-02"
    assert records[("school_attendance", "SA-1")]["event"]["sessions_missed"] == 27
    assert records[("health_appointments", "HA-2")]["event"]["service"] == "school_nursing"
    assert {link["record_id"] for link in bundle["links"]} == {"HA-2", "SA-0", "SA-1"}

    (family,) = bundle["families"]
    assert (family["family_id"], family["locality"], family["is_child"]) == (
        "F-NORTH-1",
        "Northmoor",
        True,
    )
    (flag,) = bundle["flags"]
    assert flag["criteria"] == ["attendance", "police", "camhs"]
    (decision,) = bundle["work_list_decisions"]
    assert (decision["decision"], decision["decided_by"]) == ("offer_assessment", "practitioner_a")
    assert decision["reason"] == "Three services' concerns together."
    (reviewed,) = bundle["review_decisions"]
    assert reviewed["reason"] == "Same school nurse referral"
    (rejected,) = bundle["quarantined_rows"]
    assert (rejected["row"], rejected["values"]["term"]) == (7, "Autum 2023")

    about = [(e["action"], e["object_type"], e["object_id"]) for e in bundle["audit_entries"]]
    assert about == [
        ("view_person", "person", "P-CHILD"),
        ("view_family", "family", "F-NORTH-1"),
        ("decide", "family", "F-NORTH-1"),
    ]
    assert {e["detail"] for e in bundle["audit_entries"] if e["action"] == "view_person"} == {
        REASON
    }
    assert "P-MUM" not in {e["object_id"] for e in bundle["audit_entries"]}


def test_the_export_is_audited_by_id_and_counts_only(known, tmp_path: Path) -> None:
    subject_access("--person", "P-CHILD", "--out", str(tmp_path / "sar.json"))
    entry = AuditEntry.objects.get(action="subject_access")
    assert (entry.object_type, entry.object_id) == ("person", "P-CHILD")
    assert entry.detail == (
        "bundle written: 3 records, 3 links, 1 families, 1 flags, 1 work list decisions, "
        "1 review decisions, 1 quarantined rows, 3 audit entries"
    )
    assert entry.username.startswith("command line (")
    assert list(verify()) == []
    again = tmp_path / "again.json"
    subject_access("--person", "P-CHILD", "--out", str(again))
    earlier = json.loads(again.read_text(encoding="utf-8"))["audit_entries"]
    assert earlier[-1]["action"] == "subject_access"  # an earlier export is held about them


def test_a_person_is_found_from_one_of_their_records(known, tmp_path: Path) -> None:
    out = tmp_path / "sar.json"
    said = subject_access("--record", "health_appointments:HA-2", "--out", str(out))
    assert "Wrote everything held on P-CHILD" in said
    assert json.loads(out.read_text(encoding="utf-8"))["subject_access"]["person_id"] == "P-CHILD"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--person", "P-NOBODY"), "No person P-NOBODY is held: no link and no family names them."),
        (("--record", "housing:HO-404"), "No record housing:HO-404 is held."),
        (("--record", "HO-7"), "'HO-7' is not a record: write it as feed:record_id."),
        (
            ("--record", "housing:HO-UNLINKED"),
            "Record housing:HO-UNLINKED is held but not linked to a person: run "
            "`trustplan hub link` first.",
        ),
    ],
)
def test_nobody_to_export_is_refused_and_nothing_is_written(
    known, tmp_path: Path, args: tuple[str, str], message: str
) -> None:
    HubRecord.objects.create(
        load=FeedLoad.objects.get(feed_type="housing"),
        feed_type="housing",
        record_id="HO-UNLINKED",
        first_name="Loveday",
        last_name="Penrose",
        date_of_birth=dt.date(1999, 9, 9),
    )
    out = tmp_path / "sar.json"
    with pytest.raises(CommandError) as refused:
        subject_access(*args, "--out", str(out))
    assert str(refused.value) == message
    assert not out.exists()
    assert not AuditEntry.objects.filter(action="subject_access").exists()


def test_an_out_file_in_no_folder_is_refused(known, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"the folder .* does not exist"):
        subject_access("--person", "P-CHILD", "--out", str(tmp_path / "missing" / "sar.json"))
    with pytest.raises(CommandError, match="one of the arguments --person --record is required"):
        subject_access("--out", str(tmp_path / "sar.json"))


def test_a_person_in_no_family_still_has_their_records(known, tmp_path: Path) -> None:
    out = tmp_path / "sar.json"
    subject_access("--person", "P-ALONE", "--out", str(out))
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert [r["record_id"] for r in bundle["records"]] == ["HO-7"]
    assert bundle["families"] == bundle["flags"] == bundle["work_list_decisions"] == []
