"""Who may do what with needs assessments, decided on the user's ``Roles``.

Analysts and administrators make needs assessments: they generate, edit and approve them, and
only they see drafts, which may still say things the partnership has not agreed. Once approved,
an assessment is the partnership's, readable by anyone who holds a role, and nobody can change
it.
"""

from __future__ import annotations

from trustplan.access.policy import Roles
from trustplan.needs.models import NeedsAssessment


def can_make(roles: Roles) -> bool:
    """Generate, edit and approve drafts."""
    return roles.is_administrator or roles.is_analyst


def can_list(roles: Roles) -> bool:
    return roles.has_any_role


def can_read(roles: Roles, assessment: NeedsAssessment) -> bool:
    return can_make(roles) if assessment.is_draft else roles.has_any_role


def can_edit(roles: Roles, assessment: NeedsAssessment) -> bool:
    return can_make(roles) and assessment.is_draft
