"""A family's page: behind a hub role and a stated purpose, every opening audited; its people,
why it is listed with the source records, its decisions, and the practitioner's decision."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client

from tests.factories import client_for
from tests.hub.conftest import ATTENDANCE, CAMHS, POLICE
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.hub.models import FamilyRun, WorkDecision
from trustplan.hub.purpose import SESSION_KEY

FIRST = "/hub/families/F-NORTH-1/"
REASON = "Reviewing Northmoor's list this week"
DECISION = {"decision": "offer_assessment", "reason": "Three services' concerns together."}
NAMES = ("Quillfeather", "Morwenna", "Tamsin")


# Only the hub pages' own entries: sign-ins, roles given and feed loads are audited too
# (trustplan.audit.receivers).
HUB_ACTIONS = ("view_family", "view_person", "decide", "review_pair")


def hub_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action__in=HUB_ACTIONS)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def state_purpose(client: Client, url: str, purpose: str = "work_list") -> Any:
    return client.post(f"{url}purpose/", {"purpose": purpose, "reason": REASON})


def opened_by(who: str) -> list[tuple[str, str, str, str, str]]:
    return list(
        hub_entries()
        .filter(username=who)
        .values_list("action", "object_type", "object_id", "purpose", "detail")
    )


def test_opening_a_family_first_asks_for_a_purpose(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    response = client.get(FIRST)
    assert response.status_code == 302
    assert response["Location"] == f"{FIRST}purpose/"
    asked = client.get(f"{FIRST}purpose/")
    content = text(asked)
    assert "Why are you opening this family?" in content
    for label in (
        "Reviewing a family on the work list",
        "Early help assessment or support",
        "Safeguarding enquiry",
        "Checking linked records (data quality)",
    ):
        assert label in content
    assert "written to the audit log" in content
    assert not [name for name in NAMES if name in content]
    assert POLICE not in content
    assert not hub_entries().exists()  # asking is not opening


def test_a_purpose_and_a_reason_are_both_required(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    response = client.post(f"{FIRST}purpose/", {"purpose": "", "reason": "  "})
    assert response.status_code == 200
    content = text(response)
    assert "There is a problem" in content
    assert "Select why you need to open this" in content
    assert "Enter your reason" in content
    assert "<title>Error: " in content
    assert client.post(f"{FIRST}purpose/", {"reason": REASON}).status_code == 200
    made_up = client.post(f"{FIRST}purpose/", {"purpose": "curiosity", "reason": REASON})
    assert made_up.status_code == 200
    assert "Select one of the purposes" in text(made_up)
    assert client.get(FIRST).status_code == 302  # still not open
    assert not hub_entries().exists()


def test_a_purpose_is_not_taken_without_the_forms_csrf_token(hub: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(hub["practitioner_a"])
    response = client.post(f"{FIRST}purpose/", {"purpose": "work_list", "reason": REASON})
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
    assert client.get(FIRST).status_code == 302


def test_every_opening_is_audited_with_its_purpose(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    stated = state_purpose(client, FIRST, "early_help")
    assert stated.status_code == 302
    assert stated["Location"] == FIRST
    for _ in range(3):
        assert client.get(FIRST).status_code == 200
    entry = ("view_family", "family", "F-NORTH-1", "early_help", REASON)
    assert opened_by("practitioner_a") == [entry, entry, entry]
    assert list(chain.verify()) == []


def test_the_family_page_shows_its_people_why_it_is_listed_and_the_records(
    hub: dict[str, Any],
) -> None:
    client = client_for(hub, "practitioner_a")
    state_purpose(client, FIRST)
    response = client.get(FIRST)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = text(response)
    assert (
        "You opened this family for: <strong>Reviewing a family on the work list</strong>"
        in content
    )
    # Its people, with names and dates of birth from their records.
    assert "Morwenna Quillfeather" in content
    assert "14 March 1988" in content
    assert "Tamsin Quillfeather" in content
    assert "Also recorded as Tamsyn Quillfeather" in content
    assert "2 June 2012" in content
    assert 'href="/hub/people/P-CHILD/"' in content
    # Every indicator's explanation, and each source record's feed, date and columns.
    for said in (ATTENDANCE, POLICE, CAMHS):
        assert f"{said[0].upper()}{said[1:]}." in content
    assert "Police incidents, record PI-1" in content
    assert "12 November 2023" in content
    assert "Incident type: domestic abuse; Role: victim" in content
    assert "Health appointments, record HA-1" in content
    assert "Service: camhs; Attendance: did not attend" in content
    assert "School attendance, record SA-1" in content
    assert "1 September 2023" in content  # the term's nominal start
    assert "Term: Autumn 2023/24; Sessions possible: 140; Sessions missed: 27" in content
    assert "No decision has been recorded on this family yet." in content
    assert "Record a decision" in content


def test_a_purpose_lapses_and_must_be_stated_again(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    state_purpose(client, FIRST)
    session = client.session
    held = session[SESSION_KEY]
    past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC).isoformat()
    held["family:F-NORTH-1"]["until"] = past
    session[SESSION_KEY] = held
    session.save()
    response = client.get(FIRST)
    assert response.status_code == 302
    assert response["Location"] == f"{FIRST}purpose/"
    assert not hub_entries().exists()


def test_a_purpose_is_for_one_family_only(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    state_purpose(client, FIRST)
    response = client.get("/hub/families/F-NORTH-2/")
    assert response.status_code == 302
    assert response["Location"] == "/hub/families/F-NORTH-2/purpose/"


def test_a_practitioner_records_a_decision_and_it_shows_everywhere(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    state_purpose(client, FIRST)
    response = client.post(FIRST, DECISION)
    assert response.status_code == 302
    assert response["Location"] == FIRST
    decision = WorkDecision.objects.get()
    assert (decision.family_id, decision.rule_set, decision.decision) == (
        "F-NORTH-1",
        "accumulating-concerns",
        "offer_assessment",
    )
    assert decision.decided_by == hub["practitioner_a"]
    assert decision.reason == DECISION["reason"]
    page = text(client.get(FIRST))
    assert "Recorded: Offer an early help assessment." in page
    assert "Three services' concerns together." in page
    assert "No decision has been recorded" not in page
    work_list = text(client.get("/hub/"))
    assert "Offer an early help assessment" in work_list
    assert [entry[0] for entry in opened_by("practitioner_a")] == [
        "decide",
        "view_family",
    ]
    assert opened_by("practitioner_a")[0] == (
        "decide",
        "family",
        "F-NORTH-1",
        "work_list",
        "offer_assessment",
    )
    assert list(chain.verify()) == []


def test_a_decision_needs_a_choice_and_a_reason(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    state_purpose(client, FIRST)
    response = client.post(FIRST, {"decision": "", "reason": ""})
    assert response.status_code == 200
    content = text(response)
    assert "Select your decision" in content
    assert "Enter the reason for your decision" in content
    assert 'href="#id_decision_0"' in content  # the summary links to the first radio
    assert not WorkDecision.objects.exists()


def test_a_decision_is_not_recorded_once_the_purpose_has_lapsed(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    response = client.post(FIRST, DECISION)
    assert response.status_code == 302
    assert response["Location"] == f"{FIRST}purpose/"
    assert not WorkDecision.objects.exists()
    assert not hub_entries().exists()


def test_a_hub_analyst_opens_any_family_but_decides_on_none(hub: dict[str, Any]) -> None:
    client = client_for(hub, "hub_analyst")
    for url in (FIRST, "/hub/families/F-EAST-1/"):
        state_purpose(client, url, "data_quality")
        content = text(client.get(url))
        assert "Record a decision" not in content
        assert "recorded by the hub practitioners of" in content
    assert client.post(FIRST, DECISION).status_code == 403
    assert not WorkDecision.objects.exists()
    assert client.get("/hub/families/F-NOPE/").status_code == 404


def test_a_practitioner_cannot_open_another_localitys_family(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_b")
    for response in (
        client.get(FIRST),
        client.get(f"{FIRST}purpose/"),
        state_purpose(client, FIRST),
        client.post(FIRST, DECISION),
    ):
        assert response.status_code == 403
        assert not [name for name in NAMES if name in text(response)]
    assert SESSION_KEY not in client.session
    assert not WorkDecision.objects.exists()
    assert not hub_entries().exists()


def test_guessed_family_ids_are_refused_like_other_localities_families(
    hub: dict[str, Any],
) -> None:
    client = client_for(hub, "practitioner_b")
    for url in ("/hub/families/F-NOPE/", "/hub/families/F-NOPE/purpose/"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ["admin", "viewer", "outsider"])
def test_families_are_refused_without_a_hub_role(hub: dict[str, Any], who: str) -> None:
    client = client_for(hub, who)
    for response in (
        client.get(FIRST),
        client.get(f"{FIRST}purpose/"),
        state_purpose(client, FIRST),
        client.post(FIRST, DECISION),
    ):
        assert response.status_code == 403
    assert not hub_entries().exists()
    assert not WorkDecision.objects.exists()


def test_families_send_anonymous_visitors_to_sign_in(hub: dict[str, Any]) -> None:
    client = client_for(hub, None)
    for response in (client.get(FIRST), state_purpose(client, FIRST), client.post(FIRST, DECISION)):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not hub_entries().exists()


def test_an_already_open_family_opens_but_takes_no_decision(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_a")
    url = "/hub/families/F-NORTH-OPEN/"
    state_purpose(client, url, "safeguarding")
    content = text(client.get(url))
    assert "No: already open to a service" in content
    assert "Record a decision" not in content
    assert client.post(url, DECISION).status_code == 403
    assert not WorkDecision.objects.exists()


def test_only_the_current_runs_families_open(hub: dict[str, Any]) -> None:
    later = FamilyRun.objects.create(link_run=hub["link_run"], as_at=dt.date(2024, 4, 30))
    assert later.families.count() == 0
    assert client_for(hub, "practitioner_a").get(FIRST).status_code == 403
    assert client_for(hub, "hub_analyst").get(FIRST).status_code == 404
