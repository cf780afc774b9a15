"""A person's page: their linked records by feed and their families, behind a hub role and a
stated purpose, every opening audited; practitioners see only their localities' families'
people."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client

from tests.factories import client_for
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry

CHILD = "/hub/people/P-CHILD/"
REASON = "Preparing the early help assessment"


# Only the hub pages' own entries: sign-ins, roles given and feed loads are audited too
# (trustplan.audit.receivers).
HUB_ACTIONS = ("view_family", "view_person", "decide", "review_pair")


def hub_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action__in=HUB_ACTIONS)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def state_purpose(client: Client, url: str, purpose: str = "early_help") -> Any:
    return client.post(f"{url}purpose/", {"purpose": purpose, "reason": REASON})


def test_opening_a_person_asks_for_a_purpose_and_audits_every_opening(
    hub: dict[str, Any],
) -> None:
    client = client_for(hub, "practitioner_a")
    response = client.get(CHILD)
    assert response.status_code == 302
    assert response["Location"] == f"{CHILD}purpose/"
    asked = text(client.get(f"{CHILD}purpose/"))
    assert "Why are you opening this person?" in asked
    assert "Quillfeather" not in asked
    assert state_purpose(client, CHILD)["Location"] == CHILD
    assert client.get(CHILD).status_code == 200
    assert client.get(CHILD).status_code == 200
    entries = hub_entries().values_list("action", "object_type", "object_id", "purpose")
    assert list(entries) == [("view_person", "person", "P-CHILD", "early_help")] * 2
    assert set(hub_entries().values_list("detail", "username")) == {(REASON, "practitioner_a")}
    assert list(chain.verify()) == []


def test_the_person_page_shows_their_records_by_feed_and_their_family(
    hub: dict[str, Any],
) -> None:
    client = client_for(hub, "practitioner_a")
    state_purpose(client, CHILD)
    content = text(client.get(CHILD))
    assert "Person P-CHILD" in content
    assert 'href="/hub/families/F-NORTH-1/">Family F-NORTH-1</a>, Northmoor' in content
    assert "School attendance (2 records)" in content
    assert "Health appointments (1 record)" in content
    assert "School attendance record SA-0" in content
    assert "School attendance record SA-1" in content
    for shown in ("Tamsin", "Tamsyn", "Quillfeather", "2 June 2012", "ZZ1 2AB", "Summer 2022/23"):
        assert shown in content
    assert "Sessions missed" in content
    assert "school nursing" in content
    assert "NHS number" in content
    assert "Not recorded" in content  # no NHS number on these records


def test_a_practitioner_opens_only_people_of_their_localitys_families(
    hub: dict[str, Any],
) -> None:
    client = client_for(hub, "practitioner_b")
    for response in (
        client.get(CHILD),
        client.get(f"{CHILD}purpose/"),
        state_purpose(client, CHILD),
    ):
        assert response.status_code == 403
        assert "Quillfeather" not in text(response)
    own = "/hub/people/P-EAST/"
    state_purpose(client, own)
    assert "Kerensa" in text(client.get(own))
    assert list(hub_entries().values_list("object_id", flat=True)) == ["P-EAST"]


def test_people_in_no_family_of_the_locality_are_for_hub_analysts_only(
    hub: dict[str, Any],
) -> None:
    alone = "/hub/people/P-ALONE/"
    assert client_for(hub, "practitioner_a").get(alone).status_code == 403
    analyst = client_for(hub, "hub_analyst")
    state_purpose(analyst, alone, "data_quality")
    content = text(analyst.get(alone))
    assert "Demelza" in content
    assert "This person is in no family of the current family run." in content


def test_guessed_person_ids_tell_nothing(hub: dict[str, Any]) -> None:
    assert client_for(hub, "practitioner_a").get("/hub/people/P-NOPE/").status_code == 403
    assert client_for(hub, "hub_analyst").get("/hub/people/P-NOPE/").status_code == 404
    assert client_for(hub, "hub_analyst").get("/hub/people/P-NOPE/purpose/").status_code == 404


@pytest.mark.parametrize("who", ["admin", "viewer", "outsider"])
def test_people_are_refused_without_a_hub_role(hub: dict[str, Any], who: str) -> None:
    client = client_for(hub, who)
    for response in (
        client.get(CHILD),
        client.get(f"{CHILD}purpose/"),
        state_purpose(client, CHILD),
    ):
        assert response.status_code == 403
    assert not hub_entries().exists()


def test_people_send_anonymous_visitors_to_sign_in(hub: dict[str, Any]) -> None:
    response = client_for(hub, None).get(CHILD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
