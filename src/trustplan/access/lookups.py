"""One access helper per object type: fetch it for this request, or refuse.

Each returns ``(object, can_write)`` and raises ``Http404`` for what does not exist and
``PermissionDenied`` for what this user may not see (an anonymous user is sent to sign in by
``trustplan.access.middleware``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from trustplan.access import policy
from trustplan.access.policy import Roles
from trustplan.audit.models import AuditEntry
from trustplan.delivery.models import (
    ActionUpdate,
    Commentary,
    ReportingQuarter,
    ReviewedUpdate,
    UpdateState,
)
from trustplan.hub import worklist
from trustplan.hub.models import Family, Locality, ReviewPair
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


# The family intelligence hub. What a user may not see is refused the same way whether or not
# it exists (403), so that guessing ids tells nothing; only a user who may see every one is told
# that an id does not exist (404).


def _hub_roles(request: HttpRequest) -> Roles:
    roles = roles_of(request)
    if not policy.can_use_hub(roles):
        raise PermissionDenied
    return roles


def _missing(roles: Roles) -> Exception:
    return Http404() if policy.hub_localities(roles) is None else PermissionDenied()


def locality_for(request: HttpRequest, pk: int) -> tuple[Locality, bool]:
    """A locality's work list and whether this user may decide on its families."""
    roles = _hub_roles(request)
    locality = Locality.objects.filter(pk=pk).first()
    if locality is None:
        raise _missing(roles)
    if not policy.can_see_locality(roles, locality.pk):
        raise PermissionDenied
    return locality, policy.can_decide_in_locality(roles, locality.pk)


def family_for(request: HttpRequest, family_id: str) -> tuple[Family, bool]:
    """A family of the current family run and whether this user may record a decision on it."""
    roles = _hub_roles(request)
    run = worklist.current_run()
    families = Family.objects.select_related("locality", "run")
    family = families.filter(run=run, family_id=family_id).first() if run is not None else None
    if family is None:
        raise _missing(roles)
    if not policy.can_open_family(roles, family):
        raise PermissionDenied
    return family, policy.can_decide_on_family(roles, family)


def person_for(request: HttpRequest, person_id: str) -> tuple[worklist.LinkedPerson, bool]:
    """A linked person, with their records and families. People are read-only: ``can_write``
    is always False."""
    roles = _hub_roles(request)
    run = worklist.current_run()
    families = worklist.families_of(person_id, run)
    if not policy.can_open_person(roles, [family.locality_id for family in families]):
        raise PermissionDenied
    if not worklist.person_exists(person_id, run):
        raise _missing(roles)
    return worklist.linked_person(person_id, run), False


def review_pair_for(request: HttpRequest, pk: int) -> tuple[ReviewPair, bool]:
    """A pair of the latest link run's clerical review queue, and whether this user may decide
    it."""
    roles = roles_of(request)
    if not policy.can_review_links(roles):
        raise PermissionDenied
    run = worklist.latest_link_run()
    pair = ReviewPair.objects.filter(run=run, pk=pk).first() if run is not None else None
    if pair is None:
        raise Http404
    return pair, True


# Information governance.


def audit_log_for(request: HttpRequest) -> tuple[QuerySet[AuditEntry], bool]:
    """The audit log's entries, for a data protection officer to search and export. The log is
    only ever appended to, so ``can_write`` is always False."""
    if not policy.can_search_audit_log(roles_of(request)):
        raise PermissionDenied
    return AuditEntry.objects.all(), False
