"""One access helper per object type: fetch it for this request, or refuse.

Each returns ``(object, can_write)`` and raises ``Http404`` for what does not exist and
``PermissionDenied`` for what this user may not see (an anonymous user is sent to sign in by
``trustplan.access.middleware``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from trustplan.access import policy
from trustplan.access.policy import Roles
from trustplan.measures.models import Indicator
from trustplan.plans.models import Board, Plan, Priority

_ROLES_ATTRIBUTE = "_trustplan_roles"


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
