"""`trustplan hub retention` removes the records of loads past their agreement's retention (or
past its end and grace), with their links, review pairs and decisions and quarantined rows, in
one transaction; reports by feed and load, in counts; audits each load's removal; and a dry run
removes nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from trustplan.audit.chain import verify
from trustplan.audit.models import AuditEntry
from trustplan.hub.loading import load_feed
from trustplan.hub.models import (
    DataSharingAgreement,
    FeedLoad,
    HubRecord,
    LinkRun,
    PersonLink,
    QuarantinedRow,
    ReviewDecision,
    ReviewPair,
)
from trustplan.hub.retention import apply_retention

pytestmark = pytest.mark.django_db

POLICE = (
    "record_id,first_name,last_name,date_of_birth,sex,nhs_number,postcode,"
    "incident_date,incident_type,role\n"
)
FIRST = POLICE + (
    "P1,Anna,Smith,2010-03-04,F,9434765919,ZZ1 2AB,2022-12-01,domestic_abuse,victim\n"
    "P2,Bob,Jones,2010-13-04,M,,ZZ1 2AB,2022-12-01,asb,subject\n"
    "P3,Cara,Lee,2011-01-02,F,,ZZ2 3CD,2022-12-02,missing,subject\n"
)
SECOND = POLICE + (  # P1 sent again: it moves to this load, and its retention starts again
    "P1,Anna,Smith,2010-03-04,F,9434765919,ZZ1 2AB,2022-12-01,domestic_abuse,victim\n"
    "P4,Dara,Quince,2012-05-06,M,,ZZ1 2AB,2023-11-20,asb,witness\n"
)
HOUSING = (
    "record_id,first_name,last_name,date_of_birth,postcode,event_date,event_type\n"
    "H1,Ezra,Pike,1980-01-01,ZZ3 4EF,2023-12-01,eviction_notice\n"
)
NAMES = ("Anna", "Smith", "Cara", "Quince", "Pike")


def _agreement(title: str, feeds: list[str], ends_on: dt.date, retention: int, grace: int) -> Any:
    return DataSharingAgreement.objects.create(
        title=title,
        feeds=feeds,
        lawful_basis="Children Act 2004 s10",
        article_6_basis="e",
        article_9_condition="g",
        dpa_schedule_1_condition="Part 2, paragraph 18",
        purposes="Early help",
        starts_on=dt.date(2022, 1, 1),
        ends_on=ends_on,
        review_on=dt.date(2025, 1, 1),
        retention_days=retention,
        grace_days=grace,
    )


def _load(feed: str, text: str, loaded_on: dt.date) -> FeedLoad:
    load = load_feed(feed, text.encode(), f"{feed}.csv", on=dt.date(2023, 6, 1), by=None).load
    moment = timezone.make_aware(dt.datetime.combine(loaded_on, dt.time(9, 0)))
    FeedLoad.objects.filter(pk=load.pk).update(loaded_at=moment)
    return FeedLoad.objects.get(pk=load.pk)


@pytest.fixture
def held(db: None) -> dict[str, Any]:
    """Police load 1 (10 January 2023, kept 365 days: until 10 January 2024), police load 2
    (1 December 2023: until 30 November 2024), housing (1 January 2024, under an agreement
    ending 31 March 2024 with 30 days' grace: until 30 April 2024), every record linked, a
    review pair and decision naming P3 and P4, and one record stored under no agreement."""
    police = _agreement("Police", ["police_incidents"], dt.date(2026, 12, 31), 365, 30)
    housing = _agreement("Housing", ["housing"], dt.date(2024, 3, 31), 3650, 30)
    first = _load("police_incidents", FIRST, dt.date(2023, 1, 10))
    second = _load("police_incidents", SECOND, dt.date(2023, 12, 1))
    homes = _load("housing", HOUSING, dt.date(2024, 1, 1))
    run = LinkRun.objects.create(engine="duckdb", model="{}")
    for feed, record_id, person in [
        ("police_incidents", "P1", "A"),
        ("police_incidents", "P3", "C"),
        ("police_incidents", "P4", "D"),
        ("housing", "H1", "E"),
    ]:
        PersonLink.objects.create(run=run, feed_type=feed, record_id=record_id, person_id=person)
    ReviewPair.objects.create(
        run=run,
        id_l="police_incidents:P3",
        id_r="police_incidents:P4",
        match_probability=0.6,
        reason="uncertain",
    )
    decision = ReviewDecision.objects.create(
        id_l="police_incidents:P3",
        id_r="police_incidents:P4",
        decision="no_match",
        reason="Cara is older than the other record",
    )
    decision.reason = "Different dates of birth"
    decision.save()  # a second history row
    stray = FeedLoad.objects.create(
        feed_type="housing", file_name="made.csv", sha256="0" * 64, outcome="loaded"
    )
    HubRecord.objects.create(
        load=stray,
        feed_type="housing",
        record_id="H9",
        first_name="Stray",
        last_name="Record",
        date_of_birth=dt.date(1990, 1, 1),
    )
    return {"police": police, "housing": housing, "first": first, "second": second, "homes": homes}


def retention(*args: str) -> str:
    out = io.StringIO()
    call_command("hub", "retention", *args, stdout=out)
    return out.getvalue()


def records() -> set[str]:
    return {f"{r.feed_type}:{r.record_id}" for r in HubRecord.objects.all()}


def test_a_dry_run_reports_what_would_go_and_removes_nothing(held) -> None:
    report = retention("--dry-run", "--on", "2024-02-01")
    first = held["first"].pk
    assert report.splitlines()[:3] == [
        "Retention as at 1 February 2024 (dry run: nothing was removed): would remove 1 records "
        "from 1 load.",
        "police_incidents:",
        f"  load {first} (loaded 10 January 2023): 1 records, 1 links, 1 quarantined rows, "
        "1 review pairs, 1 review decisions; agreement "
        f"{held['police'].pk} keeps records 365 days from the load, until 10 January 2024.",
    ]
    assert "1 records were stored under no agreement; they are not removed" in report
    assert len(records()) == 5
    assert QuarantinedRow.objects.count() == 1
    assert not AuditEntry.objects.filter(action="retention").exists()


def test_records_past_retention_go_with_their_links_pairs_decisions_and_quarantine(
    held,
) -> None:
    report = retention("--on", "2024-02-01")
    assert "removed 1 records from 1 load." in report
    assert "run `trustplan hub link` and `trustplan hub families`" in report
    assert records() == {
        "police_incidents:P1",  # sent again in load 2: kept under its retention
        "police_incidents:P4",
        "housing:H1",
        "housing:H9",
    }
    assert set(PersonLink.objects.values_list("record_id", flat=True)) == {"P1", "P4", "H1"}
    assert not QuarantinedRow.objects.exists()
    assert not ReviewPair.objects.exists()
    assert not ReviewDecision.objects.exists()
    assert not ReviewDecision.history.exists()  # the reasons' history goes too
    assert FeedLoad.objects.filter(pk=held["first"].pk).exists()  # the load's record stays
    (entry,) = AuditEntry.objects.filter(action="retention")
    assert (entry.object_type, entry.object_id) == ("feed_load", str(held["first"].pk))
    assert entry.detail == (
        "removed 1 records, 1 links, 1 quarantined rows, 1 review pairs, 1 review decisions: "
        f"agreement {held['police'].pk} keeps records 365 days from the load, until "
        "10 January 2024"
    )
    assert entry.username.startswith("command line (")
    assert list(verify()) == []
    assert not [name for name in NAMES if name in report + entry.detail]


def test_an_ended_agreements_records_go_after_its_grace(held) -> None:
    retention("--on", "2024-04-30")  # the last day of the grace: police load 1 only
    assert "housing:H1" in records()
    report = retention("--on", "2024-05-01")
    homes = held["homes"].pk
    assert "housing:" in report
    assert (
        f"  load {homes} (loaded 1 January 2024): 1 records, 1 links, 0 quarantined rows, "
        f"0 review pairs, 0 review decisions; agreement {held['housing'].pk} ended on "
        "31 March 2024, and 30 days' grace, until 30 April 2024."
    ) in report
    assert records() == {"police_incidents:P1", "police_incidents:P4", "housing:H9"}
    assert AuditEntry.objects.filter(action="retention").count() == 2


def test_nothing_past_retention_is_said_so_and_running_again_changes_nothing(held) -> None:
    assert "Nothing held is past its retention." in retention("--on", "2023-06-01")
    retention("--on", "2024-02-01")
    again = retention("--on", "2024-02-01")
    assert "removed 0 records from 0 loads." in again
    assert "Nothing held is past its retention." in again
    assert AuditEntry.objects.filter(action="retention").count() == 1


def test_a_failure_part_way_removes_nothing(held) -> None:
    with (
        mock.patch("trustplan.hub.retention.chain.record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        apply_retention(dt.date(2025, 1, 1))
    assert len(records()) == 5
    assert QuarantinedRow.objects.count() == 1
    assert ReviewDecision.objects.count() == 1
