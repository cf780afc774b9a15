"""Roles, held by users through memberships, some scoped to a board, priority or objective."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from trustplan.hub.models import Locality
from trustplan.plans.models import Board, Objective, Priority


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    BOARD_MEMBER = "board_member", "Board member"
    STRATEGIC_LEAD = "strategic_lead", "Strategic lead"
    ACTION_OWNER = "action_owner", "Action owner"
    ANALYST = "analyst", "Performance analyst"
    ADMINISTRATOR = "administrator", "Administrator"
    HUB_ANALYST = "hub_analyst", "Hub analyst"
    HUB_PRACTITIONER = "hub_practitioner", "Hub practitioner"
    # Partnership-wide: searches and exports the audit log. Holds no person-level hub access.
    DATA_PROTECTION_OFFICER = "dpo", "Data protection officer"


# Roles that may open person-level hub data (always with a stated purpose, always audited).
HUB_ROLES = frozenset({Role.HUB_ANALYST, Role.HUB_PRACTITIONER})


# What each role's membership must be scoped to; roles not listed are partnership-wide.
REQUIRED_SCOPE = {
    Role.BOARD_MEMBER: "board",
    Role.STRATEGIC_LEAD: "priority",
    Role.ACTION_OWNER: "objective",
    Role.HUB_PRACTITIONER: "locality",
}
SCOPE_FIELDS = ("board", "priority", "objective", "locality")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]

    def __str__(self) -> str:
        scope = self.scope
        return f"{self.user} — {self.get_role_display()}" + (f" of {scope}" if scope else "")

    @property
    def scope(self) -> Board | Priority | Objective | Locality | None:
        return self.board or self.priority or self.objective or self.locality

    def clean(self) -> None:
        """A scoped role names exactly its one scope; a partnership-wide role names none."""
        required = REQUIRED_SCOPE.get(Role(self.role))
        given = [name for name in SCOPE_FIELDS if getattr(self, f"{name}_id") is not None]
        if required is None and given:
            raise ValidationError(
                f"The {self.get_role_display()} role is partnership-wide; remove the {given[0]}."
            )
        if required is not None and given != [required]:
            raise ValidationError(
                {required: f"A {self.get_role_display()} must be given exactly one {required}."}
            )
        same_scope: dict[str, Any] = {
            f"{name}_id": getattr(self, f"{name}_id") for name in SCOPE_FIELDS
        }
        twins = Membership.objects.filter(
            user_id=self.user_id, role=self.role, **same_scope
        ).exclude(pk=self.pk)
        if twins.exists():
            raise ValidationError("This user already holds this role with this scope.")


class ApiToken(models.Model):
    """A token an analyst's own tool (R, Python, Power BI) uses to call the JSON API as them.

    Only a hash is stored; the token itself is shown once, when it is made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'R dashboard'.")
    prefix = models.CharField(
        max_length=12, help_text="The token's first characters, to tell it apart."
    )
    sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) for {self.user}"

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple[ApiToken, str]:
        """Make a token for `user`; return it with the token text, which is not kept."""
        token = f"tp_{secrets.token_urlsafe(32)}"
        return cls.objects.create(
            user=user, name=name, prefix=token[:10], sha256=cls.digest(token)
        ), token
