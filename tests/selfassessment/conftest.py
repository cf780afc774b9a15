"""A small framework stored, and a round of the `people` plan with two contributors invited."""

from __future__ import annotations

from typing import Any

import pytest

from trustplan.partners.models import Organisation
from trustplan.selfassessment import rounds
from trustplan.selfassessment.library import store_framework
from trustplan.selfassessment.models import Contributor, Framework, Round
from trustplan.selfassessment.rounds import Entry

FRAMEWORK = """\
key: test-framework
version: 1
title: Test self-assessment
source: Written for the tests
scale:
  - {key: "yes", label: "Yes"}
  - {key: mostly-yes, label: Mostly Yes}
  - {key: mostly-no, label: Mostly No}
  - {key: "no", label: "No"}
areas:
  - key: family
    title: Whole-family practice
    expected_descriptors: 3
    descriptors:
      - {code: F1, text: One family one plan}
      - {code: F2, text: Lead professionals}
      - {code: F3, text: Shared outcomes}
  - key: leadership
    title: System Leadership
    descriptors:
      - {code: L1, text: Leaders know the system}
      - {code: L2, text: Partners share the plan}
"""
CODES = ("F1", "F2", "F3", "L1", "L2")


@pytest.fixture
def framework(db: None) -> Framework:
    return store_framework(FRAMEWORK).framework


@pytest.fixture
def assessment(people: dict[str, Any], framework: Framework) -> dict[str, Any]:
    """An open round, opened by ``analyst``: ``lead`` scores for the council and ``member`` for
    the police. ``admin`` and ``analyst`` have not scored, so either may moderate."""
    council = Organisation.objects.get(key="council")
    police = Organisation.objects.create(key="police", name="Police", kind="police")
    round = rounds.open_round(people["plan"], framework, "Self-assessment 2021", people["analyst"])
    return {
        **people,
        "round": round,
        "police": police,
        "lead_scores": rounds.invite(round, people["lead"], council, people["analyst"]),
        "member_scores": rounds.invite(round, people["member"], police, people["analyst"]),
    }


def score(contributor: Contributor, **keys: str) -> None:
    """Record `contributor`'s scores, e.g. ``score(c, F1="yes")``."""
    rounds.record_scores(contributor, {code: Entry(key, "Audit") for code, key in keys.items()})


def score_all(contributor: Contributor, key: str = "yes") -> None:
    score(contributor, **dict.fromkeys(CODES, key))


def refresh(round: Round) -> Round:
    round.refresh_from_db()
    return round
