"""Governed events reach the audit log whichever code path makes them: sign-ins, failed
sign-ins and sign-outs, role changes, agreement changes, feed loads, data imports, plan
revisions, published packs, rule set changes and exports; each entry names its object by id and
the chain stays whole."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.delivery.conftest import in_cycle  # noqa: F401 - fixtures used by these tests
from tests.factories import PASSWORD, make_plan, make_user
from tests.measures.conftest import kpi_data  # noqa: F401 - fixtures used by these tests
from tests.reports.conftest import reporting  # noqa: F401 - fixtures used by these tests
from trustplan.access.models import Membership, Role
from trustplan.audit.actors import COMMAND_LINE
from trustplan.audit.chain import verify
from trustplan.audit.models import AuditEntry
from trustplan.hub.loading import LoadRefused, load_feed
from trustplan.hub.models import DataSharingAgreement, FamilyRun, LinkRun, Locality, PersonLink
from trustplan.measures.importing import import_file
from trustplan.partners.models import Organisation
from trustplan.reports import packs

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 2, 29)
POLICE = (
    "record_id,first_name,last_name,date_of_birth,sex,nhs_number,postcode,"
    "incident_date,incident_type,role\n"
    "P1,Anna,Smith,2010-03-04,F,9434765919,ZZ1 2AB,2023-05-01,domestic_abuse,victim\n"
    "P2,Bob,Jones,2010-13-04,M,,ZZ1 2AB,2023-05-01,asb,subject\n"
)


def entries(action: str) -> list[tuple[str, str, str, str]]:
    return list(
        AuditEntry.objects.filter(action=action).values_list(
            "username", "object_type", "object_id", "detail"
        )
    )


def command_line() -> str:
    (name,) = {e.username for e in AuditEntry.objects.all() if e.username.startswith("command")}
    return name


@pytest.fixture
def agreement(db: None) -> DataSharingAgreement:
    return DataSharingAgreement.objects.create(
        title="Police and council",
        feeds=["police_incidents"],
        lawful_basis="Children Act 2004 section 10",
        article_6_basis="e",
        article_9_condition="g",
        dpa_schedule_1_condition="Part 2, paragraph 18",
        purposes="Offering families early help",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        review_on=dt.date(2024, 12, 31),
        retention_days=730,
    )


# Signing in and out ----------------------------------------------------------------------------


def test_a_sign_in_and_a_sign_out_are_audited_as_the_user() -> None:
    user = make_user("carys")
    client = Client()
    assert client.login(username="carys", password=PASSWORD)
    client.logout()
    assert entries("sign_in") == [("carys", "user", str(user.pk), "")]
    assert entries("sign_out") == [("carys", "user", str(user.pk), "")]
    assert AuditEntry.objects.get(action="sign_in").user == user


def test_a_failed_sign_in_keeps_the_username_tried_and_never_the_password() -> None:
    make_user("carys")
    client = Client()
    assert not client.login(username="carys", password="Tr0ub4dor&3-wrong")
    assert not client.login(username="cays", password="another-secret-guess")
    assert entries("sign_in_failed") == [("carys", "", "", ""), ("cays", "", "", "")]
    for entry in AuditEntry.objects.all():
        held = " ".join(
            [entry.username, entry.object_type, entry.object_id, entry.purpose, entry.detail]
        )
        assert "Tr0ub4dor" not in held
        assert "another-secret-guess" not in held
        assert "*" not in held  # not even Django's masked placeholder
    assert not AuditEntry.objects.filter(action="sign_in").exists()
    assert list(verify()) == []


# Roles -----------------------------------------------------------------------------------------


def test_roles_given_changed_and_removed_are_audited_by_the_users_id() -> None:
    north = Locality.objects.create(name="Northmoor")
    user = make_user("nia")
    membership = Membership.objects.create(user=user, role=Role.HUB_PRACTITIONER, locality=north)
    membership.role = Role.HUB_ANALYST
    membership.locality = None
    membership.save()
    membership.delete()
    details = [
        d for _, kind, pk, d in entries("role_change") if (kind, pk) == ("user", str(user.pk))
    ]
    assert details == [
        f"gave Hub practitioner for locality {north.pk}",
        "changed the role to Hub analyst",
        "removed Hub analyst",
    ]


def test_a_role_given_on_the_command_line_names_the_account_that_ran_it() -> None:
    make_user("nia", Role.VIEWER)
    (entry,) = AuditEntry.objects.filter(action="role_change")
    assert entry.user is None
    assert entry.username.startswith(COMMAND_LINE.format("")[:-1])


def test_a_role_given_in_django_admin_is_the_administrators() -> None:
    admin = make_user("root", Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    analyst = make_user("ana")
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/access/membership/add/", {"user": analyst.pk, "role": Role.DATA_PROTECTION_OFFICER}
    )
    assert response.status_code == 302
    (entry,) = AuditEntry.objects.filter(action="role_change", object_id=str(analyst.pk))
    assert (entry.username, entry.detail) == ("root", "gave Data protection officer")


def test_making_and_unmaking_a_superuser_or_deactivating_an_account_is_audited() -> None:
    user = make_user("sam")
    user.is_superuser = True
    user.save()
    user.is_superuser = False
    user.is_active = False
    user.save()
    user.save(update_fields=["last_login"])  # an ordinary save is not a role change
    assert [d for *_, d in entries("role_change")] == [
        "made a superuser (administrator)",
        "no longer a superuser",
        "deactivated",
    ]


# Agreements ------------------------------------------------------------------------------------


def test_an_agreement_added_changed_and_removed_is_audited_by_its_id(agreement) -> None:
    council = Organisation.objects.create(key="council", name="Testshire Council")
    agreement.parties.add(council)
    agreement.ends_on = dt.date(2026, 3, 31)
    agreement.retention_days = 365
    agreement.save()
    agreement.save()  # nothing changed: nothing to audit
    pk = str(agreement.pk)
    agreement.delete()
    assert [(kind, oid, detail) for _, kind, oid, detail in entries("agreement_change")] == [
        ("agreement", pk, "added, covering police_incidents"),
        ("agreement", pk, f"parties added: organisation {council.pk}"),
        ("agreement", pk, "changed: ends_on, retention_days"),
        ("agreement", pk, "removed"),
    ]


# Loads, imports, plans, packs ------------------------------------------------------------------


def test_every_feed_load_is_audited_with_its_counts_and_no_values(agreement) -> None:
    outcome = load_feed("police_incidents", POLICE.encode(), "police.csv", on=ON, by=None)
    with pytest.raises(LoadRefused):
        load_feed("housing", b"anything", "housing.csv", on=ON, by=None)
    (loaded, refused) = entries("load")
    assert loaded[1:] == (
        "feed_load",
        str(outcome.load.pk),
        f"police_incidents: loaded under agreement {agreement.pk}; 2 rows read; 1 rows stored; "
        "1 rows quarantined; 0 warnings",
    )
    assert refused[3] == "housing: refused"
    assert loaded[0] == command_line()
    assert not AuditEntry.objects.filter(detail__icontains="Smith").exists()


def test_a_feed_loaded_by_a_user_is_theirs(agreement) -> None:
    analyst = make_user("hanna", Role.HUB_ANALYST)
    load_feed("police_incidents", POLICE.encode(), "police.csv", on=ON, by=analyst)
    assert [who for who, *_ in entries("load")] == ["hanna"]


def test_an_indicator_data_import_and_a_plan_revision_are_audited(db) -> None:
    plan = make_plan()
    importer = make_user("ivy", Role.ANALYST)
    outcome = import_file(b"not,an,import\n", "bad.csv", how="web upload", user=importer)
    assert entries("import") == [
        ("ivy", "data_import", str(outcome.record.pk), "rejected (web upload)")
    ]
    ((_, kind, slug, detail),) = entries("plan_change")
    assert (kind, slug) == ("plan", plan.slug)
    assert detail == "revision 1: test fixture"


def test_a_published_board_pack_is_audited_as_its_lead(reporting) -> None:  # noqa: F811
    snapshot = packs.publish(reporting["board"], reporting["quarter"], by=reporting["lead"])
    assert entries("publish") == [
        (
            "lead",
            "board_pack",
            str(snapshot.pk),
            f"board {reporting['board'].pk}, quarter 2023-Q3, version 1",
        )
    ]


# Rule sets -------------------------------------------------------------------------------------


def test_a_rule_set_first_used_changed_or_dropped_is_audited_once(db) -> None:
    link_run = LinkRun.objects.create(engine="duckdb", model="{}")

    def family_run(*rule_sets: tuple[str, int]) -> FamilyRun:
        return FamilyRun.objects.create(
            link_run=link_run,
            as_at=ON,
            rule_sets=[{"key": key, "version": version} for key, version in rule_sets],
        )

    first = family_run(("troubled-families", 1), ("accumulating-concerns", 1))
    family_run(("troubled-families", 1), ("accumulating-concerns", 1))  # no change: no entry
    third = family_run(("troubled-families", 2))
    assert [(oid, detail) for _, _, oid, detail in entries("rule_change")] == [
        ("accumulating-concerns", f"now evaluated, version 1, from family run {first.pk}"),
        ("troubled-families", f"now evaluated, version 1, from family run {first.pk}"),
        (
            "accumulating-concerns",
            f"no longer evaluated (was version 1), from family run {third.pk}",
        ),
        ("troubled-families", f"version 1 replaced by version 2, from family run {third.pk}"),
    ]


# Exports ---------------------------------------------------------------------------------------


def test_hub_exports_and_a_quarantine_download_are_audited(agreement, tmp_path: Path) -> None:
    outcome = load_feed("police_incidents", POLICE.encode(), "police.csv", on=ON, by=None)
    run = LinkRun.objects.create(engine="duckdb", model="{}")
    PersonLink.objects.create(run=run, feed_type="police_incidents", record_id="P1", person_id="Q")
    out = io.StringIO()
    with override_settings(TRUSTPLAN_AS_OF=ON):
        call_command("hub", "export", "links", "--out", str(tmp_path / "l.csv"), stdout=out)
        call_command(
            "hub", "quarantine", str(outcome.load.pk), "--out", str(tmp_path / "q.csv"), stdout=out
        )
    assert [(kind, oid, detail) for _, kind, oid, detail in entries("export")] == [
        ("links", "", "1 links as CSV"),
        ("feed_load", str(outcome.load.pk), "1 quarantined rows as CSV"),
    ]
    assert list(verify()) == []


def test_a_record_of_many_events_still_verifies(agreement: Any) -> None:
    make_user("one", Role.VIEWER)
    client = Client()
    client.login(username="one", password="wrong-password-here")
    client.login(username="one", password=PASSWORD)
    load_feed("police_incidents", POLICE.encode(), "police.csv", on=ON, by=None)
    assert AuditEntry.objects.count() >= 5
    assert list(verify()) == []
