"""One access helper per object type: fetch it for this request, or refuse.

Each returns ``(object, can_write)`` and raises ``Http404`` for what does not exist and
``PermissionDenied`` for what this user may not see (an anonymous user is sent to sign in by
``trustplan.access.middleware``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from trustplan.access import policy
from trustplan.access.policy import Roles
from trustplan.delivery.models import (
    ActionUpdate,
    Commentary,
    ReportingQuarter,
    ReviewedUpdate,
    UpdateState,
)
from trustplan.measures.models import Indicator
from trustplan.plans.models import Board, Plan, Priority

_ROLES_ATTRIBUTE = "_trustplan_roles"


@dataclass(frozen=True)
class UpdateRights:
    """What one user may do with one quarterly update now."""

    write: bool  # edit and submit it
    review: bool  # approve it or return it


def roles_of(request: HttpRequest) -> Roles:
    """The requesting user's roles, read once per request."""
    roles = getattr(request, _ROLES_ATTRIBUTE, None)
    if roles is None:
        roles = Roles.of(request.user)
        setattr(request, _ROLES_ATTRIBUTE, roles)
    return roles


def plan_for(request: HttpRequest, slug: str) -> tuple[Plan, bool]:
    """The plan and whether this user may manage it (load, replace, export history)."""
    plan = get_object_or_404(Plan, slug=slug)
    roles = roles_of(request)
    if not policy.can_view_plan(roles, plan):
        raise PermissionDenied
    return plan, policy.can_manage_plans(roles)


def priority_for(request: HttpRequest, slug: str, number: str) -> tuple[Priority, bool]:
    """The priority and whether this user may edit its narrative."""
    plan, _ = plan_for(request, slug)
    priority = get_object_or_404(
        Priority.objects.select_related("plan", "board"), plan=plan, number=number
    )
    return priority, policy.can_edit_priority(roles_of(request), priority)


def indicator_for(request: HttpRequest, key: str) -> tuple[Indicator, bool]:
    """The indicator and whether this user may import and correct its data."""
    indicator = get_object_or_404(Indicator, key=key)
    roles = roles_of(request)
    if not policy.can_view_indicator(roles, indicator):
        raise PermissionDenied
    return indicator, policy.can_manage_indicator_data(roles)


def board_for(request: HttpRequest, slug: str, key: str) -> tuple[Board, bool]:
    """The board and whether this user may see who sits on it."""
    plan, _ = plan_for(request, slug)
    board = get_object_or_404(Board.objects.select_related("plan"), plan=plan, key=key)
    return board, policy.can_see_board_membership(roles_of(request), board)


# The quarterly cycle.


def action_update_for(request: HttpRequest, pk: int) -> tuple[ActionUpdate, UpdateRights]:
    """An action's quarterly update and what this user may do with it; refused to anyone who
    may neither write nor review it, nor read the plan's unpublished delivery figures."""
    update = get_object_or_404(
        ActionUpdate.objects.select_related(
            "quarter__plan", "action__objective__priority__board", "action__owner"
        ),
        pk=pk,
    )
    priority = update.action.objective.priority
    return update, _rights(
        request, update, priority, policy.can_update_action(roles_of(request), update.action)
    )


def commentary_for(request: HttpRequest, pk: int) -> tuple[Commentary, UpdateRights]:
    """A priority's quarterly commentary: written by its leads, readable by whoever may see the
    board's unpublished pack."""
    commentary = get_object_or_404(
        Commentary.objects.select_related("quarter__plan", "priority__board"), pk=pk
    )
    roles = roles_of(request)
    return commentary, _rights(
        request,
        commentary,
        commentary.priority,
        policy.can_lead_priority(roles, commentary.priority),
    )


def _rights(
    request: HttpRequest, update: ReviewedUpdate, priority: Priority, can_write: bool
) -> UpdateRights:
    roles = roles_of(request)
    rights = UpdateRights(
        write=can_write and update.is_editable() and update.quarter.is_open(),
        review=policy.can_review(roles, update, priority) and update.state == UpdateState.SUBMITTED,
    )
    board = priority.board
    can_read = (
        can_write
        or policy.can_lead_priority(roles, priority)
        or (board is not None and policy.can_view_live_pack(roles, board))
    )
    if not can_read:
        raise PermissionDenied
    return rights


def quarter_for(request: HttpRequest, slug: str, code: str) -> tuple[ReportingQuarter, bool]:
    """A plan's reporting quarter and whether this user may open and close quarters."""
    plan, _ = plan_for(request, slug)
    quarter = get_object_or_404(
        ReportingQuarter.objects.select_related("plan"), plan=plan, code=code
    )
    return quarter, policy.can_run_cycle(roles_of(request))
