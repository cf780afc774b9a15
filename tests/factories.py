"""Small plans and users for tests, built through the same code paths the product uses."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.test import Client

from trustplan.access.models import Membership, Role
from trustplan.plancode import PlanDocument
from trustplan.plans.loading import load_plan
from trustplan.plans.models import Plan

PASSWORD = "correct-horse-battery-staple"


def plan_data(slug: str = "test-plan", **plan_fields: Any) -> dict[str, Any]:
    """A two-priority plan as a plan file would hold it."""
    return {
        "schema_version": 1,
        "plan": {
            "slug": slug,
            "title": "Test Children's Trust Plan 2020 - 2023",
            "partnership": "Testshire Children's Trust",
            "period_start": "2020-04-01",
            "period_end": "2023-03-31",
            "status": "consultation",
            "stated_totals": [{"of": "indicators", "value": 4, "source": "Section E"}],
            **plan_fields,
        },
        "organisations": [
            {"key": "council", "name": "Testshire Council", "kind": "local_authority"}
        ],
        "boards": [
            {"key": "safeguarding-board", "name": "Safeguarding Board"},
            {"key": "education-board", "name": "Education Board"},
        ],
        "themes": [
            {"code": "a", "title": "A deal with parents", "bullets": ["Co-production"]},
        ],
        "priorities": [
            {
                "number": "1",
                "title": "Education",
                "board": "education-board",
                "leads": [{"name": "Edna Lead", "role": "Chair", "organisation": "council"}],
                "vision": "Children make strong progress.",
                "indicators": [
                    {"number": 1, "title": "School attendance", "indicator": "attendance"},
                ],
                "objectives": [
                    {"number": 1, "title": "Improve attainment", "short_title": "Attainment"},
                ],
            },
            {
                "number": "2",
                "title": "Safeguarding",
                "board": "safeguarding-board",
                "leads": [{"name": "Saf Lead"}],
                "vision": "Children grow up safe.",
                "indicators": [
                    {"number": 1, "title": "First time entrants", "indicator": "fte"},
                    {"number": 2, "title": "Domestic abuse", "indicator": "domestic-abuse"},
                ],
                "covid_response": [{"code": "a", "text": "Safeguarding eyes on children"}],
                "objectives": [
                    {"number": 1, "title": "Effective MASH"},
                    {"number": 2, "title": "Reduce domestic abuse"},
                ],
            },
        ],
    }


def make_plan(slug: str = "test-plan", **plan_fields: Any) -> Plan:
    document = PlanDocument.model_validate(plan_data(slug, **plan_fields))
    return load_plan(document, how="test fixture").plan


def make_user(username: str, role: Role | None = None, **scope: Any) -> AbstractUser:
    user: AbstractUser = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role is not None:
        Membership.objects.create(user=user, role=role, **scope)
    return user


def client_for(people: dict[str, Any], who: str | None) -> Client:
    """A test client signed in as one of the `people` fixture's users, or anonymous."""
    client = Client()
    if who is not None:
        client.force_login(people[who])
    return client
