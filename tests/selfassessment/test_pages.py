"""Who may see and do what on the self-assessment pages, and what the pages show."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.factories import client_for
from tests.selfassessment.conftest import CODES, refresh, score, score_all
from trustplan.selfassessment import moderation, rounds
from trustplan.selfassessment.models import FindingKind, Round, RoundState, Score

ROUNDS = "/plans/test-plan/self-assessments/"


def url(round: Round, page: str = "") -> str:
    return f"{ROUNDS}{round.pk}/{page}"


def completed(assessment: dict[str, Any], title: str, key: str = "yes") -> Round:
    """Another round of the plan, scored `key` throughout and complete."""
    admin = assessment["admin"]
    round = rounds.open_round(assessment["plan"], assessment["round"].framework, title, admin)
    rounds.close_scoring(round)
    for code in CODES:
        moderation.set_final_score(round, code, key, "Agreed.", admin)
    moderation.add_finding(round, FindingKind.STRENGTH, "Joint working", admin)
    moderation.add_finding(round, FindingKind.IMPROVEMENT, "Use of data", admin)
    rounds.complete(round, admin)
    return round


def cells(html: str, table_id: str) -> list[list[str]]:
    """The text of every row of the table with `table_id`, header row included."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
        for r in rows
    ]


@pytest.mark.parametrize("page", ["", "score/", "moderate/"])
def test_anonymous_visitors_are_sent_to_sign_in(assessment: dict[str, Any], page: str) -> None:
    response = Client().get(url(assessment["round"], page))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_someone_with_no_role_is_refused_every_page(assessment: dict[str, Any]) -> None:
    client = client_for(assessment, "outsider")
    round = assessment["round"]
    for page in (ROUNDS, f"{ROUNDS}compare/", url(round), url(round, "score/")):
        assert client.get(page).status_code == 403, page


def test_a_viewer_reads_a_completed_round_but_not_one_in_progress(
    assessment: dict[str, Any],
) -> None:
    client = client_for(assessment, "viewer")
    done = completed(assessment, "Self-assessment 2020")
    assert client.get(url(done)).status_code == 200
    assert client.get(url(assessment["round"])).status_code == 403
    listing = client.get(ROUNDS).content.decode()
    assert f'href="{url(done)}"' in listing
    assert "Self-assessment 2021" in listing
    assert f'href="{url(assessment["round"])}"' not in listing


def test_a_viewer_cannot_score(assessment: dict[str, Any]) -> None:
    client = client_for(assessment, "viewer")
    round = assessment["round"]
    assert client.get(url(round, "score/")).status_code == 403
    assert client.post(url(round, "score/"), {"F1__scale": "yes"}).status_code == 403
    assert not Score.objects.exists()


def test_a_contributor_scores_only_their_own_scores(assessment: dict[str, Any]) -> None:
    round = assessment["round"]
    score(assessment["member_scores"], F1="no")
    client = client_for(assessment, "lead")
    page = client.get(url(round, "score/")).content.decode()
    assert "You are scoring for Testshire Council" in page
    response = client.post(
        url(round, "score/"),
        {"F1__scale": "yes", "F1__evidence": "Case audit", "F2__scale": "mostly-yes"},
    )
    assert response.status_code == 302
    mine = Score.objects.filter(contributor=assessment["lead_scores"])
    assert sorted(mine.values_list("descriptor_code", "scale_key")) == [
        ("F1", "yes"),
        ("F2", "mostly-yes"),
    ]
    theirs = Score.objects.get(contributor=assessment["member_scores"])
    assert (theirs.descriptor_code, theirs.scale_key) == ("F1", "no")


def test_evidence_without_a_score_is_sent_back(assessment: dict[str, Any]) -> None:
    response = client_for(assessment, "lead").post(
        url(assessment["round"], "score/"), {"F3__evidence": "We do this"}
    )
    assert response.status_code == 200
    assert "Choose a score for F3 to go with its text." in response.content.decode()
    assert not Score.objects.exists()


def test_contributors_cannot_moderate(assessment: dict[str, Any]) -> None:
    round = assessment["round"]
    for who in ("lead", "member", "viewer"):
        assert client_for(assessment, who).get(url(round, "moderate/")).status_code == 403, who


def test_an_analyst_who_scored_cannot_moderate_and_is_told_why(
    assessment: dict[str, Any],
) -> None:
    round, analyst = assessment["round"], assessment["analyst"]
    score(rounds.invite(round, analyst, assessment["police"], analyst), F1="yes")
    client = client_for(assessment, "analyst")
    assert client.get(url(round, "moderate/")).status_code == 403
    page = client.get(url(round)).content.decode()
    assert "You scored descriptors in this round, so you cannot moderate it" in page
    assert client_for(assessment, "admin").get(url(round, "moderate/")).status_code == 200


def test_the_moderator_sets_final_scores_and_a_missing_rationale_saves_none(
    assessment: dict[str, Any],
) -> None:
    round = assessment["round"]
    score(assessment["lead_scores"], F1="yes", F2="yes")
    score(assessment["member_scores"], F1="mostly-yes", F2="yes")
    rounds.close_scoring(round)
    client = client_for(assessment, "analyst")
    page = client.get(url(round, "moderate/")).content.decode()
    assert "Mostly Yes" in page
    assert "Police" in page
    refused = client.post(url(round, "moderate/"), {"F1__scale": "yes", "F2__scale": "yes"})
    assert "The contributors did not all give this score" in refused.content.decode()
    assert not round.final_scores.exists()
    saved = client.post(
        url(round, "moderate/"),
        {"F1__scale": "yes", "F1__rationale": "The audit showed it.", "F2__scale": "yes"},
    )
    assert saved.status_code == 302
    assert round.agreed_scores() == {"F1": "yes", "F2": "yes"}


def test_administrators_and_analysts_open_rounds_and_others_cannot(
    assessment: dict[str, Any],
) -> None:
    framework = assessment["round"].framework
    form = {"framework": framework.pk, "title": "Early help self-assessment 2022"}
    assert client_for(assessment, "lead").post(ROUNDS, form).status_code == 403
    response = client_for(assessment, "admin").post(ROUNDS, form)
    opened = Round.objects.get(title="Early help self-assessment 2022")
    assert response["Location"] == url(opened)
    again = client_for(assessment, "analyst").post(ROUNDS, form)
    assert "already has a self-assessment with this title" in again.content.decode()


def test_analysts_invite_contributors_for_their_organisation(
    assessment: dict[str, Any],
) -> None:
    round = assessment["round"]
    form = {"user": assessment["owner"].pk, "organisation": assessment["police"].pk}
    assert client_for(assessment, "lead").post(url(round, "invite/"), form).status_code == 403
    client_for(assessment, "analyst").post(url(round, "invite/"), form)
    invited = round.contributors.get(user=assessment["owner"])
    assert invited.organisation == assessment["police"]


def test_the_round_page_reports_progress_while_scoring_is_open(
    assessment: dict[str, Any],
) -> None:
    score_all(assessment["lead_scores"])
    score(assessment["member_scores"], F1="yes")
    page = client_for(assessment, "analyst").get(url(assessment["round"])).content.decode()
    assert cells(page, "summary")[0][-1] == "Not yet agreed"
    assert "0 of 5 descriptors" in page
    assert re.search(r"Police</td>\s*<td[^>]*>1 of 5</td>", page)


def test_the_moderator_completes_the_round_from_the_moderation_page(
    assessment: dict[str, Any],
) -> None:
    round, admin = assessment["round"], assessment["admin"]
    rounds.close_scoring(round)
    client = client_for(assessment, "analyst")
    client.post(url(round, "findings/"), {"kind": "strength", "text": "Joint working"})
    client.post(url(round, "findings/"), {"kind": "improvement", "text": "Use of data"})
    refused = client.post(url(round, "complete/"), follow=True).content.decode()
    assert "Agree a final score for every descriptor" in refused
    for code in CODES:
        moderation.set_final_score(round, code, "mostly-yes", "Agreed.", admin)
    client.post(url(round, "complete/"))
    assert refresh(round).state == RoundState.COMPLETE
    page = client_for(assessment, "viewer").get(url(round)).content.decode()
    assert cells(page, "summary") == [
        ["Self-assessment Area (No. of descriptors)", "Yes", "Mostly Yes", "Mostly No", "No"],
        ["Whole-family practice (3)", "0", "3", "0", "0"],
        ["System Leadership (2)", "0", "2", "0", "0"],
    ]
    assert "<li>Joint working" in page
    assert "<li>Use of data" in page


def test_comparing_two_rounds_shows_the_change_in_each_count(
    assessment: dict[str, Any],
) -> None:
    earlier = completed(assessment, "Self-assessment 2020", key="mostly-yes")
    later = completed(assessment, "Self-assessment 2022", key="yes")
    response = client_for(assessment, "viewer").get(
        f"{ROUNDS}compare/?from={earlier.pk}&to={later.pk}"
    )
    rows = cells(response.content.decode(), "comparison")
    assert rows[0] == [
        "Self-assessment Area",
        "Score",
        *[r.title for r in (earlier, later)],
        "Change",
    ]
    assert rows[1] == ["Whole-family practice", "Yes", "0", "3", "+3"]
    assert rows[2] == ["Mostly Yes", "3", "0", "-3"]
    assert rows[-4] == ["All areas", "Yes", "0", "5", "+5"]


def test_a_round_in_progress_is_not_offered_for_comparison_to_a_viewer(
    assessment: dict[str, Any],
) -> None:
    done = completed(assessment, "Self-assessment 2020")
    page = client_for(assessment, "viewer").get(
        f"{ROUNDS}compare/?from={done.pk}&to={assessment['round'].pk}"
    )
    html = page.content.decode()
    assert "Self-assessment 2021" not in html
    assert 'id="comparison"' not in html
