"""The demo's early help self-assessment reproduces the September 2020 agenda pack.

Made once for the module on the 2020-23 demo plan and its accounts, read by every test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.selfassessment.test_pages import cells
from trustplan.delivery.models import Action
from trustplan.plans.models import Plan
from trustplan.selfassessment.demo import ROUND_TITLE, create_demo_self_assessment
from trustplan.selfassessment.models import FinalScore, Finding, FindingKind, Round, Score
from trustplan.web.demo import DEMO_PLAN, create_demo_accounts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Portsmouth Health and Wellbeing Board, 23 September 2020, agenda item 8 ("Troubled Families,
# Early Help Self-Assessment"), para 3.5, as the agenda pack prints it.
AGENDA_PACK_TABLE = [
    ["Self-assessment Area (No. of descriptors)", "Yes", "Mostly Yes", "Mostly No", "No"],
    ["Whole-family practice (10)", "4", "6", "0", "0"],
    ["Empowering Communities (8)", "2", "6", "0", "0"],
    ["Workforce Development (14)", "5", "9", "0", "0"],
    ["System Leadership (9)", "5", "4", "0", "0"],
]


@pytest.fixture(scope="module")
def built(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    """The demo plan, its accounts and its self-assessment, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("plan", "load", str(EXAMPLES / DEMO_PLAN / "plan.yaml"), verbosity=0)
        create_demo_accounts(tmp_path_factory.mktemp("demo"))
        yield create_demo_self_assessment(Plan.objects.get(slug=DEMO_PLAN)).pk
        transaction.set_rollback(True)


@pytest.fixture
def round(built: int, db: None) -> Round:
    return Round.objects.select_related("plan", "framework").get(pk=built)


def test_the_summary_table_is_the_agenda_packs_cell_for_cell(round: Round) -> None:
    summary = round.summary()
    assert summary.complete
    header = ["Self-assessment Area (No. of descriptors)", *(p.label for p in summary.scale)]
    rows = [[row.label, *map(str, row.counts)] for row in summary.rows]
    assert [header, *rows] == AGENDA_PACK_TABLE


def test_the_round_page_shows_the_agenda_packs_table(round: Round, client: Any) -> None:
    client.force_login(round.completed_by)
    page = client.get(f"/plans/{DEMO_PLAN}/self-assessments/{round.pk}/").content.decode()
    assert cells(page, "summary") == AGENDA_PACK_TABLE


def test_the_findings_are_the_agenda_packs_words_in_its_order(round: Round) -> None:
    strengths = list(
        round.findings.filter(kind=FindingKind.STRENGTH).values_list("text", flat=True)
    )
    improvements = list(
        round.findings.filter(kind=FindingKind.IMPROVEMENT).values_list("text", flat=True)
    )
    assert len(strengths) == 14
    assert strengths[0] == "Whole-family practice with allocated lead professionals"
    assert strengths[8] == (
        "Shared practice model (restorative practice and trauma informed practice)"
    )
    assert strengths[-1] == "System leadership is strong through Children's Trust structures"
    assert improvements == [
        "Use of data to identify vulnerability and need",
        "Work with schools on early help",
        "A single shared workforce development plan",
    ]


def test_three_contributors_from_different_organisations_scored_and_sometimes_disagreed(
    round: Round,
) -> None:
    contributors = list(round.contributors.select_related("organisation", "user"))
    assert len({c.organisation.key for c in contributors}) == 3
    assert round.completed_by is not None
    assert round.completed_by.username == "analyst"
    assert not round.scored_by(round.completed_by.pk)
    disagreed = [
        final
        for final in FinalScore.objects.filter(round=round)
        if set(
            Score.objects.filter(round=round, descriptor_code=final.descriptor_code).values_list(
                "scale_key", flat=True
            )
        )
        != {final.scale_key}
    ]
    assert 5 <= len(disagreed) < 41
    assert all(final.rationale.startswith("Contributors gave ") for final in disagreed)


def test_the_data_finding_is_an_action_under_intelligence_led_safeguarding(round: Round) -> None:
    finding = Finding.objects.select_related("action__objective__priority").get(
        round=round, text="Use of data to identify vulnerability and need"
    )
    action = finding.action
    assert action is not None
    assert (action.objective.priority.number, action.objective.number) == ("2", "10")
    assert action.number == "10.1"
    assert action.title.startswith("Use of data to identify vulnerability and need: ")
    assert Finding.objects.filter(round=round, action__isnull=False).count() == 1


def test_the_round_carries_the_dates_of_2020(round: Round) -> None:
    assert round.opened_at.date().isoformat() == "2020-07-06"
    assert round.completed_at is not None
    assert round.completed_at.date().isoformat() == "2020-09-04"
    assert {h.history_date.year for h in Score.history.filter(round_id=round.pk)} == {2020}


def test_a_second_run_changes_nothing(round: Round) -> None:
    counts = (Round.objects.count(), Score.objects.count(), Action.objects.count())
    again = create_demo_self_assessment(round.plan)
    assert again.pk == round.pk
    assert (Round.objects.count(), Score.objects.count(), Action.objects.count()) == counts
    assert again.title == ROUND_TITLE
