"""Who may do what with self-assessments: every such decision is made here.

Built on the partnership's roles (``trustplan.access.policy.Roles``): administrators and analysts
run rounds, invited contributors score their own, a moderator is an administrator or analyst who
did not score the round, and a completed round's result is for every role holder who may read
its plan. A round still in progress shows partners' unmoderated views, so until it is complete
it is for those who run it and those who contribute to it.
"""

from __future__ import annotations

from trustplan.access import policy
from trustplan.access.policy import Roles
from trustplan.plans.models import Plan
from trustplan.selfassessment import rules
from trustplan.selfassessment.models import Contributor, Round, RoundState


def can_see_rounds(roles: Roles, plan: Plan) -> bool:
    """The list of a plan's self-assessments: any role holder who may read the plan."""
    return roles.has_any_role and policy.can_view_plan(roles, plan)


def can_run_rounds(roles: Roles) -> bool:
    """Open rounds, invite contributors and close scoring: administrators and analysts."""
    return roles.is_administrator or roles.is_analyst


def contributor_in(roles: Roles, round: Round) -> Contributor | None:
    """This user's invitation to score `round`, if they have one."""
    if roles.user_id is None:
        return None
    return round.contributors.filter(user_id=roles.user_id).first()


def can_read_round(roles: Roles, round: Round) -> bool:
    if not can_see_rounds(roles, round.plan):
        return False
    if round.state == RoundState.COMPLETE:
        return True
    return can_run_rounds(roles) or contributor_in(roles, round) is not None


def can_score(roles: Roles, round: Round) -> bool:
    """Score the round: its invited contributors, each only their own scores."""
    return can_see_rounds(roles, round.plan) and contributor_in(roles, round) is not None


def can_moderate(roles: Roles, round: Round) -> bool:
    """See everyone's scores and agree the final ones: an administrator or analyst who did not
    score the round (``rules.ModeratorDidNotScore``)."""
    return (
        can_see_rounds(roles, round.plan)
        and can_run_rounds(roles)
        and rules.ModeratorDidNotScore(roles.user_id).holds(round)
    )
