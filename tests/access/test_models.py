"""A membership names exactly the scope its role needs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from trustplan.access.models import Membership, Role


def test_a_partnership_wide_role_names_no_scope(people: dict) -> None:
    membership = Membership(
        user=people["outsider"], role=Role.VIEWER, board=people["safeguarding"].board
    )
    with pytest.raises(ValidationError, match="partnership-wide; remove the board"):
        membership.clean()


def test_a_strategic_lead_must_name_one_priority(people: dict) -> None:
    with pytest.raises(ValidationError, match="must be given exactly one priority"):
        Membership(user=people["outsider"], role=Role.STRATEGIC_LEAD).clean()
    with pytest.raises(ValidationError, match="must be given exactly one priority"):
        Membership(
            user=people["outsider"],
            role=Role.STRATEGIC_LEAD,
            priority=people["safeguarding"],
            board=people["safeguarding"].board,
        ).clean()
    Membership(
        user=people["outsider"], role=Role.STRATEGIC_LEAD, priority=people["safeguarding"]
    ).clean()


def test_the_same_role_and_scope_cannot_be_held_twice(people: dict) -> None:
    twin = Membership(
        user=people["lead"], role=Role.STRATEGIC_LEAD, priority=people["safeguarding"]
    )
    with pytest.raises(ValidationError, match="already holds this role"):
        twin.clean()


def test_describes_itself_with_its_scope(people: dict) -> None:
    membership = Membership.objects.get(user=people["lead"])
    assert str(membership) == "lead — Strategic lead of Priority 2: Safeguarding"
