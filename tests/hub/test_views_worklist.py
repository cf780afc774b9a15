"""The work list: each locality's flagged families, ranked and explained, without names, for hub
roles only; practitioners' decisions shown on it, carried across runs."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest

from tests.factories import client_for
from tests.hub.conftest import ATTENDANCE, CAMHS, HOUSING, POLICE, RULE_SET, HubBuilder
from trustplan.hub.models import FamilyRun, WorkDecision

REFUSED = "You do not have access to this page"
NAMES = ("Quillfeather", "Marrowby", "Penhallow", "Treloweth", "Vosper", "Morwenna")


def listed(content: str) -> list[str]:
    """The family ids on the work list, in order."""
    return [
        family_id
        for family_id in ("F-NORTH-1", "F-NORTH-2", "F-NORTH-3", "F-EAST-1")
        if f">{family_id}</a>" in content
    ]


def ordered(content: str, ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda family_id: content.index(f">{family_id}</a>"))


def test_a_practitioner_sees_their_localitys_families_ranked_and_explained(
    hub: dict[str, Any],
) -> None:
    response = client_for(hub, "practitioner_a").get("/hub/")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert ordered(content, listed(content)) == ["F-NORTH-1", "F-NORTH-2"]
    assert "2 families to review" in content
    assert f"{ATTENDANCE[0].upper()}{ATTENDANCE[1:]}; {POLICE}; {CAMHS}." in content
    assert f"{HOUSING[0].upper()}{HOUSING[1:]}" in content
    assert "Accumulating concerns (falling attendance, police call-outs, missed CAMHS)" in content
    assert "5 Feb 2024" in content  # the latest sign of F-NORTH-1
    assert content.count("Not yet decided") == 2
    assert "Northmoor" in content


def test_the_work_list_names_nobody(hub: dict[str, Any]) -> None:
    for who in ("practitioner_a", "hub_analyst"):
        content = client_for(hub, who).get("/hub/").content.decode()
        assert not [name for name in NAMES if name in content]


def test_families_already_open_or_meeting_no_rule_set_are_not_listed(hub: dict[str, Any]) -> None:
    for who in ("practitioner_a", "hub_analyst"):
        content = client_for(hub, who).get("/hub/").content.decode()
        assert "F-NORTH-OPEN" not in content
        assert "an open family" not in content
        assert "F-NORTH-QUIET" not in content


def test_a_practitioner_sees_only_their_own_locality(hub: dict[str, Any]) -> None:
    content = client_for(hub, "practitioner_b").get("/hub/").content.decode()
    assert listed(content) == ["F-EAST-1"]
    assert "One call-out in Eastwick." in content
    assert POLICE not in content


def test_a_hub_analyst_sees_every_locality_and_can_choose_one(hub: dict[str, Any]) -> None:
    client = client_for(hub, "hub_analyst")
    everything = client.get("/hub/").content.decode()
    assert set(listed(everything)) == {"F-NORTH-1", "F-NORTH-2", "F-EAST-1"}
    assert f'href="/hub/localities/{hub["east"].pk}/"' in everything
    assert "Clerical review queue" in everything
    east = client.get(f"/hub/localities/{hub['east'].pk}/").content.decode()
    assert listed(east) == ["F-EAST-1"]
    assert "Work list: Eastwick" in east
    assert client.get("/hub/localities/999999/").status_code == 404


def test_a_practitioner_cannot_open_another_localitys_list(hub: dict[str, Any]) -> None:
    client = client_for(hub, "practitioner_b")
    refused = client.get(f"/hub/localities/{hub['north'].pk}/")
    assert refused.status_code == 403
    assert REFUSED in refused.content.decode()
    assert "F-NORTH-1" not in refused.content.decode()
    # A locality that does not exist is refused the same way: guessing tells nothing.
    assert client.get("/hub/localities/999999/").status_code == 403
    own = client.get(f"/hub/localities/{hub['east'].pk}/")
    assert own.status_code == 200
    assert listed(own.content.decode()) == ["F-EAST-1"]
    assert "Clerical review queue" not in own.content.decode()


@pytest.mark.parametrize("who", ["admin", "viewer", "outsider"])
def test_the_work_list_is_refused_without_a_hub_role(hub: dict[str, Any], who: str) -> None:
    client = client_for(hub, who)
    for url in ("/hub/", f"/hub/localities/{hub['north'].pk}/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "F-NORTH-1" not in response.content.decode()


def test_the_work_list_sends_anonymous_visitors_to_sign_in(hub: dict[str, Any]) -> None:
    response = client_for(hub, None).get("/hub/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/hub/")


def test_the_family_hub_link_is_shown_only_to_hub_roles(hub: dict[str, Any]) -> None:
    for who in ("practitioner_a", "hub_analyst"):
        assert 'href="/hub/">Family hub</a>' in client_for(hub, who).get("/").content.decode()
    for who in ("admin", "viewer", "outsider", None):
        assert "Family hub" not in client_for(hub, who).get("/").content.decode()


def test_equal_scores_rank_the_most_recent_evidence_first(hub: dict[str, Any]) -> None:
    builder = HubBuilder(hub["link_run"], hub["family_run"])
    recent = builder.record(
        "P-THIRD",
        "housing",
        "HO-3",
        ("Lowdy", "Carthew"),
        dt.date(1992, 2, 2),
        event_date="2024-03-10",
        event_type="temporary_accommodation",
    )
    third = builder.family("F-NORTH-3", hub["north"], [("P-THIRD", False)])
    builder.flag(
        third,
        ("housing", "Housing problems", "temporary accommodation (10 March 2024)", [recent]),
        ("worklessness", "Worklessness", "no evidence of work", []),
    )
    content = client_for(hub, "practitioner_a").get("/hub/").content.decode()
    assert ordered(content, listed(content)) == ["F-NORTH-1", "F-NORTH-3", "F-NORTH-2"]


def test_a_decision_shows_on_the_list_and_carries_across_runs(hub: dict[str, Any]) -> None:
    WorkDecision.objects.create(
        family_id="F-NORTH-2",
        rule_set=RULE_SET,
        decision=WorkDecision.Decision.ALREADY_KNOWN,
        reason="Known to the school's pastoral team.",
        decided_by=hub["practitioner_a"],
    )
    content = client_for(hub, "practitioner_a").get("/hub/").content.decode()
    assert "Already known to a service" in content
    assert content.count("Not yet decided") == 1

    # A later run finds F-NORTH-2 again: the decision stays with it.
    later = FamilyRun.objects.create(link_run=hub["link_run"], as_at=dt.date(2024, 4, 30))
    builder = HubBuilder(hub["link_run"], later)
    again = builder.family("F-NORTH-2", hub["north"], [("P-DAD2", False), ("P-KID2", True)])
    builder.flag(again, ("housing", "Housing problems", HOUSING, ["housing:HO-1"]))
    content = client_for(hub, "practitioner_a").get("/hub/").content.decode()
    assert listed(content) == ["F-NORTH-2"]  # the current run is the later one
    assert "30 April 2024" in content
    assert "Already known to a service" in content
    assert "Not yet decided" not in content


def test_with_no_family_run_there_is_no_work_list(db: None) -> None:
    from tests.factories import make_user
    from trustplan.access.models import Role

    people = {"analyst": make_user("hub_analyst", Role.HUB_ANALYST)}
    content = client_for(people, "analyst").get("/hub/").content.decode()
    assert "has not grouped anyone into families yet" in content
