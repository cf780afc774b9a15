"""Loading feeds: refused without an agreement or when broken, all or nothing, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from trustplan.hub.loading import LoadRefused, load_feed
from trustplan.hub.models import DataSharingAgreement, FeedLoad, HubRecord, QuarantinedRow

HEADER = (
    "record_id,first_name,last_name,date_of_birth,sex,nhs_number,postcode,"
    "incident_date,incident_type,role\n"
)
GOOD = HEADER + (
    "P1,Anna,Smith,2010-03-04,F,9434765919,ZZ1 2AB,2023-05-01,domestic_abuse,victim\n"
    "P2,Bob,Jones,2010-13-04,M,,ZZ1 2AB,2023-05-01,asb,subject\n"
    "P3,Cara,Lee,2011-01-02,F,1234567890,ZZ2 3CD,2023-06-01,missing,subject\n"
)
ON = dt.date(2024, 2, 29)


@pytest.fixture
def agreement(db: None) -> DataSharingAgreement:
    return DataSharingAgreement.objects.create(
        title="Police and council",
        feeds=["police_incidents"],
        lawful_basis="UK GDPR Article 6(1)(e); Article 9(2)(g)",
        purposes="Offering families early help",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        retention_days=730,
    )


def load(text: str, on: dt.date = ON, name: str = "police.csv"):
    return load_feed("police_incidents", text.encode(), name, on=on, by=None)


def test_accepted_rows_are_stored_and_rejected_rows_quarantined_with_their_reason(
    agreement,
) -> None:
    outcome = load(GOOD)
    assert (outcome.stored, outcome.quarantined) == (2, 1)
    assert outcome.load.agreement == agreement
    stored = {r.record_id: r for r in HubRecord.objects.all()}
    assert set(stored) == {"P1", "P3"}
    assert stored["P1"].nhs_number == "9434765919"
    assert stored["P3"].nhs_number == ""  # failed its check digit: dropped, the row kept
    assert stored["P1"].event == {
        "incident_date": "2023-05-01",
        "incident_type": "domestic_abuse",
        "role": "victim",
    }
    (quarantined,) = QuarantinedRow.objects.all()
    assert (quarantined.row, quarantined.column) == (3, "date_of_birth")
    assert "2010-13-04" not in quarantined.reason  # reasons never repeat a value
    assert quarantined.raw["record_id"] == "P2"


def test_the_same_file_twice_changes_nothing(agreement) -> None:
    load(GOOD)
    again = load(GOOD)
    assert again.load.outcome == FeedLoad.Outcome.UNCHANGED
    assert HubRecord.objects.count() == 2
    assert QuarantinedRow.objects.count() == 1


def test_a_later_file_updates_the_records_it_repeats(agreement) -> None:
    load(GOOD)
    load(
        HEADER
        + "P1,Anna,Smith-Brown,2010-03-04,F,9434765919,ZZ9 9ZZ,2023-05-01,domestic_abuse,victim\n"
    )
    assert HubRecord.objects.get(record_id="P1").last_name == "Smith-Brown"
    assert HubRecord.objects.count() == 2


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (
            dt.date(2026, 1, 1),
            "No data-sharing agreement active on 01 January 2026 covers police_incidents.",
        ),
        (
            dt.date(2022, 6, 1),
            "No data-sharing agreement active on 01 June 2022 covers police_incidents.",
        ),
    ],
)
def test_a_feed_outside_an_agreement_is_refused(agreement, on, message) -> None:
    with pytest.raises(LoadRefused) as refused:
        load(GOOD, on=on)
    assert refused.value.load.reason == message
    assert refused.value.load.outcome == FeedLoad.Outcome.REFUSED
    assert not HubRecord.objects.exists()


def test_a_feed_no_agreement_covers_is_refused(agreement) -> None:
    with pytest.raises(LoadRefused, match="covers youth_justice"):
        load_feed("youth_justice", b"record_id\n", "yj.csv", on=ON, by=None)


@pytest.mark.parametrize(
    "broken",
    [
        GOOD[: len(GOOD) - 20],  # cut off part-way through its last row
        "record_id,first_name\nP1,Anna\n",  # wrong columns
        "\xff\xfe".encode("latin-1").decode("latin-1") + GOOD,  # not UTF-8 once encoded below
    ],
)
def test_a_broken_file_is_refused_and_nothing_already_loaded_is_lost(agreement, broken) -> None:
    load(GOOD)
    data = broken.encode("latin-1") if broken.startswith("\xff") else broken.encode()
    with pytest.raises(LoadRefused):
        load_feed("police_incidents", data, "broken.csv", on=ON, by=None)
    assert HubRecord.objects.count() == 2
    assert FeedLoad.objects.filter(outcome="refused").count() == 1


@override_settings(TRUSTPLAN_AS_OF=ON)
def test_the_command_loads_and_exports_the_quarantine(agreement, tmp_path) -> None:
    feed = tmp_path / "police.csv"
    feed.write_text(GOOD)
    out = io.StringIO()
    call_command("hub", "load", "police_incidents", str(feed), stdout=out)
    assert "2 rows stored, 1 quarantined" in out.getvalue()
    load_id = FeedLoad.objects.get(outcome="loaded").pk
    call_command(
        "hub", "quarantine", str(load_id), "--out", str(tmp_path / "q.csv"), stdout=io.StringIO()
    )
    lines = (tmp_path / "q.csv").read_text().splitlines()
    assert lines[0].startswith("row,column,reason,record_id,first_name")
    assert lines[1].startswith(
        "3,date_of_birth,date_of_birth is not a date in the form YYYY-MM-DD,P2,Bob"
    )


def test_the_command_refuses_with_the_reason(db, tmp_path) -> None:
    feed = tmp_path / "police.csv"
    feed.write_text(GOOD)
    with pytest.raises(CommandError, match="No data-sharing agreement active"):
        call_command("hub", "load", "police_incidents", str(feed))


def test_an_agreement_needs_known_feeds_and_parties(db) -> None:
    base = [
        "hub",
        "agreement",
        "--title",
        "T",
        "--lawful-basis",
        "x",
        "--purposes",
        "y",
        "--from",
        "2023-01-01",
        "--to",
        "2024-01-01",
        "--retention-days",
        "30",
    ]
    with pytest.raises(CommandError, match="Unknown feed type"):
        call_command(*base, "--feeds", "police_incidents,tarot")
    with pytest.raises(CommandError, match="No organisation has the key"):
        call_command(*base, "--feeds", "police_incidents", "--party", "nobody")
    assert not DataSharingAgreement.objects.exists()


def test_a_row_with_several_problems_is_quarantined_once_with_all_of_them(agreement) -> None:
    outcome = load(
        HEADER + "P9,Dee,Ray,not-a-date,F,,ZZ1 2AB,also-not,arson,bystander\n" + GOOD[len(HEADER) :]
    )
    assert outcome.quarantined == 2  # P9 and P2
    row = QuarantinedRow.objects.get(raw__record_id="P9")
    assert row.reason.count(";") >= 2
    assert "date_of_birth" in row.column
    assert outcome.load.counts["rows quarantined"] == 2


def test_a_synthetic_city_loads_with_no_rejections(agreement, tmp_path) -> None:
    city = tmp_path / "city"
    out = io.StringIO()
    call_command("hub", "synth", "--people", "300", "--seed", "7", "--out", str(city), stdout=out)
    assert "300 people" in out.getvalue()
    outcome = load_feed(
        "police_incidents", (city / "police_incidents.csv").read_bytes(), "p.csv", on=ON, by=None
    )
    assert outcome.quarantined == 0
    assert outcome.stored > 0
    with pytest.raises(CommandError, match="is not empty"):
        call_command("hub", "synth", "--people", "300", "--out", str(city))
