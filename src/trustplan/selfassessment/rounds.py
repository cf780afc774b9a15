"""A round's steps before moderation: open it, invite contributors, score, close scoring.

Each step checks its rules (``trustplan.selfassessment.rules``) and records who took it, so the
pages, the demo and the tests all go through the same door. Who may take a step is for
``trustplan.selfassessment.permissions`` to say before calling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from trustplan.partners.models import Organisation
from trustplan.plans.models import Plan
from trustplan.selfassessment import rules
from trustplan.selfassessment.models import Contributor, Framework, Round, RoundState, Score


@dataclass(frozen=True)
class Entry:
    """What a contributor says of one descriptor; no scale key means not scored (yet)."""

    scale_key: str
    evidence: str = ""
    comment: str = ""


def open_round(plan: Plan, framework: Framework, title: str, by: Any) -> Round:
    return Round.objects.create(plan=plan, framework=framework, title=title.strip(), opened_by=by)


def invite(round: Round, user: Any, organisation: Organisation, by: Any) -> Contributor:
    """Invite `user` to score for `organisation`; inviting them again changes their
    organisation."""
    rules.ScoringIsOpen().enforce(round)
    contributor, _ = Contributor.objects.update_or_create(
        round=round, user=user, defaults={"organisation": organisation, "invited_by": by}
    )
    return contributor


@transaction.atomic
def record_scores(contributor: Contributor, entries: Mapping[str, Entry]) -> int:
    """Save a contributor's scores by descriptor code; return how many changed.

    An entry without a scale key withdraws that descriptor's score. Unchanged scores are not
    saved again, so their history shows only real changes.
    """
    round = contributor.round
    rules.ScoringIsOpen().enforce(round)
    existing = {score.descriptor_code: score for score in contributor.scores.all()}
    changed = 0
    for code, entry in entries.items():
        score = existing.get(code)
        if not entry.scale_key:
            if score is not None:
                score._history_user = contributor.user  # type: ignore[attr-defined]
                score.delete()
                changed += 1
            continue
        rules.OnTheScale(code, entry.scale_key).enforce(round)
        wanted = (entry.scale_key, entry.evidence.strip(), entry.comment.strip())
        if score is not None and (score.scale_key, score.evidence, score.comment) == wanted:
            continue
        score = score or Score(round=round, contributor=contributor, descriptor_code=code)
        score.scale_key, score.evidence, score.comment = wanted
        score._history_user = contributor.user  # type: ignore[attr-defined]
        score.save()
        changed += 1
    return changed


def close_scoring(round: Round) -> None:
    """Stop scoring, so the moderator agrees final scores from a settled set."""
    rules.ScoringIsOpen().enforce(round)
    round.state = RoundState.MODERATING
    round.save(update_fields=["state"])


def complete(round: Round, by: Any) -> None:
    """Make the round final: every descriptor agreed, and both kinds of finding recorded."""
    for rule in (
        rules.BeingModerated(),
        rules.ModeratorDidNotScore(by.pk),
        rules.EveryDescriptorAgreed(),
        rules.FindingsRecorded(),
    ):
        rule.enforce(round)
    round.state = RoundState.COMPLETE
    round.completed_at, round.completed_by = timezone.now(), by
    round.save(update_fields=["state", "completed_at", "completed_by"])
