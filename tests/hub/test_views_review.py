"""The clerical review queue: the latest link run's undecided pairs, for hub analysts only; a
pair's records side by side behind a stated purpose; the reviewer's decision kept as
``hub decide`` keeps it, and audited."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client

from tests.factories import client_for
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.hub.models import LinkRun, ReviewDecision, ReviewPair

QUEUE = "/hub/review/"
REASON = "Checking this week's uncertain pairs"
SAME = {"decision": "match", "reason": "Same address; the first name is a known misspelling."}


# Only the hub pages' own entries: sign-ins, roles given and feed loads are audited too
# (trustplan.audit.receivers).
HUB_ACTIONS = ("view_family", "view_person", "decide", "review_pair")


def hub_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action__in=HUB_ACTIONS)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def pair_url(pair: Any) -> str:
    return f"{QUEUE}{pair.pk}/"


def state_purpose(client: Client, url: str) -> Any:
    return client.post(f"{url}purpose/", {"purpose": "data_quality", "reason": REASON})


def test_the_queue_lists_undecided_pairs_likeliest_first(hub: dict[str, Any]) -> None:
    response = client_for(hub, "hub_analyst").get(QUEUE)
    assert response.status_code == 200
    content = text(response)
    likely, unlikely = hub["likely_pair"], hub["unlikely_pair"]
    assert "2 pairs to decide" in content
    assert content.index(f">Pair {likely.pk}</a>") < content.index(f">Pair {unlikely.pk}</a>")
    assert "91%" in content
    assert "First names differ" in content
    assert "Demelza" not in content  # names only behind the purpose gate


def test_a_long_queue_is_shown_fifty_pairs_to_a_page(hub: dict[str, Any]) -> None:
    ReviewPair.objects.bulk_create(
        ReviewPair(
            run=hub["link_run"],
            id_l=f"housing:X-{n:02d}",
            id_r=f"housing:Y-{n:02d}",
            match_probability=0.6,
            reason="uncertain",
        )
        for n in range(53)
    )
    client = client_for(hub, "hub_analyst")
    first = text(client.get(QUEUE))
    assert "55 pairs to decide" in first
    assert first.count(">Pair ") == 50
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first
    second = text(client.get(f"{QUEUE}?page=2"))
    assert second.count(">Pair ") == 5
    assert 'href="?page=1"' in second


def test_a_pair_asks_for_a_purpose_then_shows_both_records_side_by_side(
    hub: dict[str, Any],
) -> None:
    client = client_for(hub, "hub_analyst")
    url = pair_url(hub["likely_pair"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{url}purpose/"
    asked = text(client.get(f"{url}purpose/"))
    assert "Why are you opening this pair of records?" in asked
    assert "Demelza" not in asked
    state_purpose(client, url)
    content = text(client.get(url))
    assert "Are these the same person?" in content
    assert "housing:HO-8" in content
    assert "housing:HO-7" in content
    assert "Demelsa" in content
    assert "Demelza" in content
    assert "Differs" in content
    assert "8 August 1970" in content
    assert "Similar spelling" not in content  # the words are shown as the linker wrote them
    assert "similar spelling" in content
    assert "First name" in content
    assert list(
        hub_entries().values_list("action", "object_type", "object_id", "purpose", "detail")
    ) == [("view_person", "record_pair", str(hub["likely_pair"].pk), "data_quality", REASON)]


def test_an_analyst_decides_a_pair_and_it_leaves_the_queue(hub: dict[str, Any]) -> None:
    client = client_for(hub, "hub_analyst")
    url = pair_url(hub["likely_pair"])
    state_purpose(client, url)
    response = client.post(url, SAME)
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    decision = ReviewDecision.objects.get()
    # Kept with the ids sorted, as `hub decide` keeps them, so the linker finds it.
    assert (decision.id_l, decision.id_r, decision.decision) == (
        "housing:HO-7",
        "housing:HO-8",
        "match",
    )
    assert decision.decided_by == hub["hub_analyst"]
    assert decision.reason == SAME["reason"]
    content = text(client.get(QUEUE))
    assert "Recorded: The same person. The next link run respects it." in content
    assert "1 pair to decide" in content
    assert f">Pair {hub['likely_pair'].pk}</a>" not in content
    assert hub_entries().filter(action="review_pair").get().detail == "match"
    assert list(chain.verify()) == []
    # The pair's own page shows the decision, which may be changed.
    state_purpose(client, url)
    assert "The same person" in text(client.get(url))
    client.post(url, {"decision": "no_match", "reason": "The dates of birth were keyed twice."})
    assert ReviewDecision.objects.get().decision == "no_match"


def test_a_pair_decision_needs_a_choice_and_a_reason(hub: dict[str, Any]) -> None:
    client = client_for(hub, "hub_analyst")
    url = pair_url(hub["unlikely_pair"])
    state_purpose(client, url)
    response = client.post(url, {"decision": "", "reason": ""})
    assert response.status_code == 200
    content = text(response)
    assert "Select whether these are the same person" in content
    assert "Enter the reason for your decision" in content
    assert not ReviewDecision.objects.exists()


def test_a_pair_decision_needs_a_current_purpose(hub: dict[str, Any]) -> None:
    client = client_for(hub, "hub_analyst")
    url = pair_url(hub["unlikely_pair"])
    response = client.post(url, SAME)
    assert response["Location"] == f"{url}purpose/"
    assert not ReviewDecision.objects.exists()


def test_only_the_latest_link_runs_pairs_are_reviewed(hub: dict[str, Any]) -> None:
    LinkRun.objects.create(engine="duckdb", model="{}")
    client = client_for(hub, "hub_analyst")
    assert "No pair is waiting for a decision." in text(client.get(QUEUE))
    assert client.get(pair_url(hub["likely_pair"])).status_code == 404


@pytest.mark.parametrize("who", ["practitioner_a", "admin", "viewer", "outsider"])
def test_the_queue_and_its_pairs_are_for_hub_analysts_only(hub: dict[str, Any], who: str) -> None:
    client = client_for(hub, who)
    url = pair_url(hub["likely_pair"])
    for response in (
        client.get(QUEUE),
        client.get(url),
        client.get(f"{url}purpose/"),
        state_purpose(client, url),
        client.post(url, SAME),
    ):
        assert response.status_code == 403
        assert "Demelza" not in text(response)
    assert not ReviewDecision.objects.exists()
    assert not hub_entries().exists()


def test_the_queue_sends_anonymous_visitors_to_sign_in(hub: dict[str, Any]) -> None:
    client = client_for(hub, None)
    for url in (QUEUE, pair_url(hub["likely_pair"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
