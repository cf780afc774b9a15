"""Moderating a round: agreeing each descriptor's final score, recording the key findings, and
turning a finding into an action in the plan's delivery plan.

Only someone who did not score the round may moderate it (``rules.ModeratorDidNotScore``), and
a final score that not every contributor gave needs its rationale.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trustplan.delivery.models import Action
from trustplan.partners.models import Organisation
from trustplan.plans.models import Objective
from trustplan.selfassessment import rules
from trustplan.selfassessment.models import FinalScore, Finding, FindingKind, Round


def _may_moderate(round: Round, by: Any) -> None:
    rules.BeingModerated().enforce(round)
    rules.ModeratorDidNotScore(by.pk).enforce(round)


def set_final_score(round: Round, code: str, scale_key: str, rationale: str, by: Any) -> bool:
    """Agree `code`'s final score; False when it was already agreed exactly so."""
    _may_moderate(round, by)
    rules.OnTheScale(code, scale_key).enforce(round)
    given = set(round.scores.filter(descriptor_code=code).values_list("scale_key", flat=True))
    rules.DisagreementNeedsRationale(scale_key, given, rationale).enforce(round)
    final = FinalScore.objects.filter(round=round, descriptor_code=code).first()
    if final is not None and (final.scale_key, final.rationale) == (scale_key, rationale.strip()):
        return False
    final = final or FinalScore(round=round, descriptor_code=code)
    final.scale_key, final.rationale = scale_key, rationale.strip()
    final.moderator, final.moderated_at = by, timezone.now()
    final._history_user = by  # type: ignore[attr-defined]
    final.save()
    return True


def add_finding(round: Round, kind: FindingKind, text: str, by: Any) -> Finding:
    """Add a finding at the end of its list."""
    _may_moderate(round, by)
    last = round.findings.filter(kind=kind).aggregate(last=Max("order"))["last"] or 0
    finding = Finding(round=round, kind=kind, order=last + 1, text=text.strip())
    finding._history_user = by  # type: ignore[attr-defined]
    finding.save()
    return finding


def remove_finding(finding: Finding, by: Any) -> None:
    _may_moderate(finding.round, by)
    finding._history_user = by  # type: ignore[attr-defined]
    finding.delete()


@transaction.atomic
def finding_to_action(
    finding: Finding,
    objective: Objective,
    title: str,
    by: Any,
    *,
    organisation: Organisation | None = None,
    due: dt.date | None = None,
) -> Action:
    """Put a finding into the delivery plan as the next action of `objective`, linked back.

    Allowed once the round is being moderated or complete: acting on findings often comes after
    the assessment is final, and the link changes nothing the round says.
    """
    round = finding.round
    rules.ModeratorDidNotScore(by.pk).enforce(round)
    rules.NotYetAnAction().enforce(finding)
    if round.plan_id != objective.priority.plan_id:
        raise ValueError(f"{objective} is not an objective of {round.plan}")
    action = Action(
        objective=objective,
        number=next_action_number(objective),
        title=title.strip(),
        organisation=organisation,
        due=due,
    )
    action._history_user = by  # type: ignore[attr-defined]
    action.save()
    finding.action = action
    finding._history_user = by  # type: ignore[attr-defined]
    finding.save(update_fields=["action"])
    return action


def next_action_number(objective: Objective) -> str:
    """The objective's next action number in its own style: after "10.3" comes "10.4"."""
    pattern = re.compile(rf"^{re.escape(objective.number)}\.(\d+)$")
    taken = [
        int(match.group(1))
        for number in objective.actions.values_list("number", flat=True)
        if (match := pattern.match(number))
    ]
    return f"{objective.number}.{max(taken, default=0) + 1}"
