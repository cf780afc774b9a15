"""The access policy: every decision about who may see or change what is made here.

Views never test roles themselves; they ask the helpers in ``trustplan.access.lookups``, which
ask this module. A user's roles are read once per request into a ``Roles`` value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from trustplan.access.models import SCOPE_FIELDS, Membership, Role
from trustplan.delivery.models import Action, ReviewedUpdate
from trustplan.hub.models import Family
from trustplan.measures.models import Indicator
from trustplan.plans.models import Board, Plan, PlanStatus, Priority

PUBLISHED_STATUSES = [PlanStatus.CONSULTATION, PlanStatus.APPROVED, PlanStatus.ARCHIVED]


@dataclass(frozen=True)
class Roles:
    """What one user holds: partnership-wide roles and the scopes of their scoped roles."""

    authenticated: bool = False
    user_id: int | None = None
    partnership_roles: frozenset[Role] = frozenset()
    board_ids: frozenset[int] = field(default_factory=frozenset)
    priority_ids: frozenset[int] = field(default_factory=frozenset)
    objective_ids: frozenset[int] = field(default_factory=frozenset)
    locality_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, user: AbstractBaseUser | AnonymousUser) -> Roles:
        if not user.is_authenticated:
            return cls()
        memberships = list(Membership.objects.filter(user_id=user.pk))
        partnership = {
            Role(m.role)
            for m in memberships
            if not any(getattr(m, f"{name}_id") for name in SCOPE_FIELDS)
        }
        if getattr(user, "is_superuser", False):
            partnership.add(Role.ADMINISTRATOR)
        return cls(
            authenticated=True,
            user_id=user.pk,
            partnership_roles=frozenset(partnership),
            board_ids=frozenset(m.board_id for m in memberships if m.board_id),
            priority_ids=frozenset(m.priority_id for m in memberships if m.priority_id),
            objective_ids=frozenset(m.objective_id for m in memberships if m.objective_id),
            locality_ids=frozenset(m.locality_id for m in memberships if m.locality_id),
        )

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.partnership_roles

    @property
    def is_analyst(self) -> bool:
        return Role.ANALYST in self.partnership_roles

    @property
    def is_data_protection_officer(self) -> bool:
        return Role.DATA_PROTECTION_OFFICER in self.partnership_roles

    @property
    def is_hub_analyst(self) -> bool:
        return Role.HUB_ANALYST in self.partnership_roles

    @property
    def holds_hub_role(self) -> bool:
        """A hub analyst, or a hub practitioner of some locality: administrators are not, unless
        they also hold a hub role."""
        return self.is_hub_analyst or bool(self.locality_ids)

    @property
    def has_any_role(self) -> bool:
        return bool(
            self.partnership_roles
            or self.board_ids
            or self.priority_ids
            or self.objective_ids
            or self.locality_ids
        )


def can_view_plan(roles: Roles, plan: Plan) -> bool:
    """Drafts are for those who manage plans; other plans are for any role, or anyone if public."""
    if plan.status == PlanStatus.DRAFT:
        return can_manage_plans(roles)
    return plan.is_public or roles.has_any_role


def can_manage_plans(roles: Roles) -> bool:
    """Load, replace and export plan files, and read their revision history."""
    return roles.is_administrator or roles.is_analyst


def can_publish_plan(roles: Roles) -> bool:
    """Make a plan readable without signing in, or withdraw it."""
    return roles.is_administrator


def can_edit_priority(roles: Roles, priority: Priority) -> bool:
    """Change a priority's narrative: its administrator or its own strategic lead."""
    return roles.is_administrator or priority.pk in roles.priority_ids


def can_view_indicator(roles: Roles, indicator: Indicator) -> bool:
    """Indicator data are aggregate: for any role, or anyone if a public plan lists it."""
    if roles.has_any_role:
        return True
    return indicator.kpis.filter(
        priority__plan__is_public=True, priority__plan__status__in=PUBLISHED_STATUSES
    ).exists()


def can_manage_indicator_data(roles: Roles) -> bool:
    """Import and correct indicator data, targets and SPC rebases."""
    return roles.is_administrator or roles.is_analyst


def can_see_board_membership(roles: Roles, board: Board) -> bool:
    """The names of a board's members are for its members and those who run the partnership."""
    return roles.is_administrator or roles.is_analyst or board.pk in roles.board_ids


# The quarterly cycle.


def can_run_cycle(roles: Roles) -> bool:
    """Open and close reporting quarters, and see who owns what and who has not updated."""
    return roles.is_administrator


def can_see_ownership(roles: Roles) -> bool:
    return roles.is_administrator or roles.is_analyst


def can_update_action(roles: Roles, action: Action) -> bool:
    """Write an action's update: its owner, an action owner of its objective, an administrator."""
    return (
        roles.is_administrator
        or (roles.user_id is not None and action.owner_id == roles.user_id)
        or action.objective_id in roles.objective_ids
    )


def can_lead_priority(roles: Roles, priority: Priority) -> bool:
    """Review updates, write the commentary and keep the risk register of a priority."""
    return roles.is_administrator or priority.pk in roles.priority_ids


def can_review(roles: Roles, update: ReviewedUpdate, priority: Priority) -> bool:
    """Approve or return an update: the priority's lead or an administrator, never its author."""
    return can_lead_priority(roles, priority) and roles.user_id not in update.authors()


def can_view_live_pack(roles: Roles, board: Board) -> bool:
    """A pack not yet published: the board's members, its priorities' leads, and the
    partnership's analysts and administrators. Nobody else sees a board's unapproved figures."""
    return (
        roles.is_administrator
        or roles.is_analyst
        or board.pk in roles.board_ids
        or board.priorities.filter(pk__in=roles.priority_ids).exists()
    )


def can_publish_pack(roles: Roles, board: Board) -> bool:
    """Freeze a board's quarterly pack: a lead of one of the board's priorities, or an
    administrator."""
    return roles.is_administrator or board.priorities.filter(pk__in=roles.priority_ids).exists()


def can_view_published_pack(roles: Roles, plan: Plan) -> bool:
    """A published pack is the partnership's public record, read as its plan is."""
    return can_view_plan(roles, plan)


# The family intelligence hub. Its pages hold person-level data, so they are for hub roles
# only (an administrator too only if they also hold one), and a person or family is opened
# only with a stated purpose and an audit entry (``trustplan.hub.purpose``).


def can_use_hub(roles: Roles) -> bool:
    """The work list: hub analysts, and hub practitioners for their own localities."""
    return roles.holds_hub_role


def hub_localities(roles: Roles) -> frozenset[int] | None:
    """The localities whose families this user may see; ``None`` for every one (and families
    with no locality), as a hub analyst may."""
    return None if roles.is_hub_analyst else roles.locality_ids


def can_see_locality(roles: Roles, locality_id: int | None) -> bool:
    """A locality's work list and families: hub analysts, and its own hub practitioners."""
    return roles.is_hub_analyst or (locality_id is not None and locality_id in roles.locality_ids)


def can_open_family(roles: Roles, family: Family) -> bool:
    return can_see_locality(roles, family.locality_id)


def can_decide_in_locality(roles: Roles, locality_id: int | None) -> bool:
    """Record work-list decisions: a hub practitioner of the locality. Hub analysts see every
    family but decide on none; the decision is the practitioner's."""
    return locality_id is not None and locality_id in roles.locality_ids


def can_decide_on_family(roles: Roles, family: Family) -> bool:
    return can_decide_in_locality(roles, family.locality_id)


def can_open_person(roles: Roles, family_locality_ids: Iterable[int | None]) -> bool:
    """A person: hub analysts, and hub practitioners of a locality one of the person's families
    (in the current family run) lives in."""
    return roles.is_hub_analyst or any(can_see_locality(roles, pk) for pk in family_locality_ids)


def can_review_links(roles: Roles) -> bool:
    """The clerical review queue: pairs of records that may be one person. Hub analysts only."""
    return roles.is_hub_analyst


def can_view_hub_aggregates(roles: Roles) -> bool:
    """The hub's hotspots and outcomes: counts and rates only, with small numbers suppressed.
    Performance analysts, hub analysts, hub practitioners (of any locality: the figures are
    the partnership's, not their families') and administrators."""
    return (
        roles.is_administrator
        or roles.is_analyst
        or Role.HUB_ANALYST in roles.partnership_roles
        or bool(roles.locality_ids)
    )


# Information governance. The audit log says who opened which family or person and why, so it
# is for data protection officers only (an administrator too only if they also hold the role).
# The role opens no hub page: its holders see ids, actions and purposes, never a record.


def can_search_audit_log(roles: Roles) -> bool:
    """Search the audit log and export what is found: data protection officers."""
    return roles.is_data_protection_officer


# Signing in.


def requires_second_factor(roles: Roles, *, is_staff: bool) -> bool:
    """Administrators (superusers among them), hub roles, data protection officers and anyone
    who may open Django admin sign in with a second factor (``trustplan.accounts``): they see
    person-level data or who looked at it, or can change who sees what."""
    return (
        roles.is_administrator
        or roles.holds_hub_role
        or roles.is_data_protection_officer
        or is_staff
    )
