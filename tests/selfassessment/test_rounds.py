"""A round's steps and rules: scoring, moderating, completing, and the summary they make."""

from __future__ import annotations

from typing import Any

import pytest

from tests.selfassessment.conftest import CODES, refresh, score, score_all
from trustplan.delivery.rules import WorkflowError
from trustplan.selfassessment import moderation, rounds
from trustplan.selfassessment.models import FinalScore, FindingKind, RoundState, Score
from trustplan.selfassessment.rounds import Entry


def agree_all(assessment: dict[str, Any], key: str = "yes", rationale: str = "") -> None:
    for code in CODES:
        moderation.set_final_score(assessment["round"], code, key, rationale, assessment["admin"])


def test_a_contributor_saves_withdraws_and_keeps_history_only_of_real_changes(
    assessment: dict[str, Any],
) -> None:
    contributor = assessment["lead_scores"]
    assert rounds.record_scores(contributor, {"F1": Entry("yes", "Case audit, June")}) == 1
    assert rounds.record_scores(contributor, {"F1": Entry("yes", "Case audit, June")}) == 0
    assert rounds.record_scores(contributor, {"F1": Entry("mostly-yes", "Case audit")}) == 1
    saved = Score.objects.get(contributor=contributor, descriptor_code="F1")
    assert (saved.scale_key, saved.evidence) == ("mostly-yes", "Case audit")
    assert [h.history_user for h in saved.history.all()] == [assessment["lead"]] * 2
    assert rounds.record_scores(contributor, {"F1": Entry("")}) == 1
    assert not Score.objects.filter(contributor=contributor).exists()


def test_a_score_off_the_frameworks_scale_is_refused(assessment: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="Choose one of the framework's scale points"):
        score(assessment["lead_scores"], F1="perhaps")
    with pytest.raises(WorkflowError, match="for a descriptor the framework has"):
        score(assessment["lead_scores"], Z9="yes")


def test_closing_scoring_stops_scores_and_invitations(assessment: dict[str, Any]) -> None:
    round = assessment["round"]
    rounds.close_scoring(round)
    assert refresh(round).state == RoundState.MODERATING
    with pytest.raises(WorkflowError, match="no longer open for scoring"):
        score(assessment["lead_scores"], F1="yes")
    with pytest.raises(WorkflowError, match="no longer open for scoring"):
        rounds.invite(round, assessment["viewer"], assessment["police"], assessment["admin"])


def test_final_scores_wait_until_scoring_has_closed(assessment: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="only while the round is being moderated"):
        moderation.set_final_score(assessment["round"], "F1", "yes", "", assessment["admin"])


def test_a_contributor_who_scored_cannot_moderate_the_round(assessment: dict[str, Any]) -> None:
    round, analyst = assessment["round"], assessment["analyst"]
    own = rounds.invite(round, analyst, assessment["police"], analyst)
    score(own, F1="yes")
    rounds.close_scoring(round)
    with pytest.raises(WorkflowError) as refused:
        moderation.set_final_score(round, "F1", "yes", "", analyst)
    assert str(refused.value) == (
        "You scored descriptors in this round, so you cannot moderate it: another administrator "
        "or analyst must agree its final scores."
    )
    assert moderation.set_final_score(round, "F1", "yes", "", assessment["admin"])


def test_a_final_score_not_every_contributor_gave_needs_its_rationale(
    assessment: dict[str, Any],
) -> None:
    round, admin = assessment["round"], assessment["admin"]
    score(assessment["lead_scores"], F1="yes", F2="yes")
    score(assessment["member_scores"], F1="mostly-yes", F2="yes")
    rounds.close_scoring(round)
    with pytest.raises(WorkflowError, match="did not all give this score"):
        moderation.set_final_score(round, "F1", "yes", "  ", admin)
    with pytest.raises(WorkflowError, match="did not all give this score"):
        moderation.set_final_score(round, "F3", "yes", "", admin)  # nobody scored F3
    assert moderation.set_final_score(round, "F2", "yes", "", admin)  # unanimous
    assert moderation.set_final_score(round, "F1", "yes", "Audit evidence is strong.", admin)
    assert not moderation.set_final_score(round, "F1", "yes", "Audit evidence is strong.", admin)
    final = FinalScore.objects.get(round=round, descriptor_code="F1")
    assert (final.moderator, final.rationale) == (admin, "Audit evidence is strong.")
    assert final.history.get().history_user == admin


def test_the_summary_counts_the_final_scores_per_area_and_scale_point(
    assessment: dict[str, Any],
) -> None:
    round, admin = assessment["round"], assessment["admin"]
    rounds.close_scoring(round)
    finals = {"F1": "yes", "F2": "mostly-yes", "F3": "mostly-yes", "L1": "no"}
    for code, key in finals.items():
        moderation.set_final_score(round, code, key, "Agreed at the board.", admin)
    summary = round.summary()
    assert [(row.label, row.counts, row.unscored) for row in summary.rows] == [
        ("Whole-family practice (3)", (1, 2, 0, 0), 0),
        ("System Leadership (2)", (0, 0, 0, 1), 1),
    ]


def test_completing_needs_every_final_score_and_both_kinds_of_finding(
    assessment: dict[str, Any],
) -> None:
    round, admin = assessment["round"], assessment["admin"]
    score_all(assessment["lead_scores"])
    rounds.close_scoring(round)
    moderation.set_final_score(round, "F1", "yes", "", admin)
    with pytest.raises(WorkflowError, match="Agree a final score for every descriptor"):
        rounds.complete(round, admin)
    agree_all(assessment)
    moderation.add_finding(round, FindingKind.STRENGTH, "Joint working", admin)
    with pytest.raises(WorkflowError, match="one it needs to further improve"):
        rounds.complete(round, admin)
    moderation.add_finding(round, FindingKind.IMPROVEMENT, "Use of data", admin)
    rounds.complete(round, admin)
    assert (refresh(round).state, round.completed_by) == (RoundState.COMPLETE, admin)
    with pytest.raises(WorkflowError, match="A complete round is final"):
        moderation.set_final_score(round, "F1", "no", "Changed our minds", admin)


def test_findings_are_numbered_in_order_within_their_list(assessment: dict[str, Any]) -> None:
    round, admin = assessment["round"], assessment["admin"]
    rounds.close_scoring(round)
    first = moderation.add_finding(round, FindingKind.STRENGTH, " Joint working ", admin)
    moderation.add_finding(round, FindingKind.IMPROVEMENT, "Use of data", admin)
    second = moderation.add_finding(round, FindingKind.STRENGTH, "Shared plans", admin)
    assert [(first.order, first.text), (second.order, second.text)] == [
        (1, "Joint working"),
        (2, "Shared plans"),
    ]
    moderation.remove_finding(first, admin)
    assert list(round.findings.values_list("text", flat=True)) == ["Use of data", "Shared plans"]
