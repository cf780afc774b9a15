"""The multi-agency scorecard filtered by spine theme, alone and with a board, on the page and in
the downloads."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.factories import client_for, plan_data
from trustplan.plancode import PlanDocument
from trustplan.plans.loading import load_plan
from trustplan.plans.models import Board, Plan
from trustplan.reports.scorecard import build_scorecard

SCORECARD = "/plans/test-plan/scorecard/"
EVERY_KPI = ("School attendance", "First time entrants", "Domestic abuse")


@pytest.fixture
def tagged(people: dict[str, Any]) -> dict[str, Any]:
    """The `people` plan with School attendance (Education Board) and Domestic abuse
    (Safeguarding Board) tagged with theme a, "A deal with parents"; First time entrants not."""
    data = plan_data()
    data["priorities"][0]["indicators"][0]["themes"] = ["a"]
    data["priorities"][1]["indicators"][1]["themes"] = ["a"]
    load_plan(PlanDocument.model_validate(data), how="test")
    return people


def shown(content: bytes) -> list[str]:
    text = content.decode()
    return [title for title in EVERY_KPI if title in text]


def test_the_scorecard_filters_by_theme(tagged: dict[str, Any]) -> None:
    viewer = client_for(tagged, "viewer")
    assert shown(viewer.get(SCORECARD).content) == list(EVERY_KPI)
    page = viewer.get(f"{SCORECARD}?theme=a")
    assert shown(page.content) == ["School attendance", "Domestic abuse"]
    text = page.content.decode()
    assert '<option value="a" selected>A. A deal with parents</option>' in text
    assert "Theme: A deal with parents." in text


def test_the_board_and_theme_filters_combine(tagged: dict[str, Any]) -> None:
    viewer = client_for(tagged, "viewer")
    page = viewer.get(f"{SCORECARD}?board=safeguarding-board&theme=a")
    assert shown(page.content) == ["Domestic abuse"]
    text = page.content.decode()
    assert "Governance: Safeguarding Board; Theme: A deal with parents." in text
    # The downloads keep both filters.
    assert "scorecard.xlsx?board=safeguarding-board&amp;theme=a" in text
    assert "scorecard.pdf?board=safeguarding-board&amp;theme=a" in text


def test_an_unknown_theme_is_not_found(tagged: dict[str, Any]) -> None:
    viewer = client_for(tagged, "viewer")
    assert viewer.get(f"{SCORECARD}?theme=z").status_code == 404
    assert viewer.get("/plans/test-plan/scorecard.xlsx?theme=z").status_code == 404


def test_the_excel_download_is_filtered_the_same_way(tagged: dict[str, Any]) -> None:
    viewer = client_for(tagged, "viewer")

    def sheet(query: str) -> list[dict[str, Any]]:
        response = viewer.get(f"/plans/test-plan/scorecard.xlsx?{query}")
        assert response.status_code == 200
        rows = list(load_workbook(BytesIO(response.content))["Scorecard"].values)
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    by_theme = sheet("theme=a")
    assert [(r["Priority"], r["Indicator"], r["Themes"]) for r in by_theme] == [
        ("1", "School attendance", "A deal with parents"),
        ("2", "Domestic abuse", "A deal with parents"),
    ]
    assert [r["Indicator"] for r in sheet("board=safeguarding-board&theme=a")] == ["Domestic abuse"]
    assert [r["Indicator"] for r in sheet("")] == list(EVERY_KPI)


def test_build_scorecard_describes_its_filters_and_each_kpis_themes(
    tagged: dict[str, Any],
) -> None:
    plan: Plan = tagged["plan"]
    theme = plan.themes.get(code="a")
    board = Board.objects.get(plan=plan, key="safeguarding-board")
    assert build_scorecard(plan).filters == ""
    assert build_scorecard(plan, theme=theme).filters == "Theme: A deal with parents"
    both = build_scorecard(plan, board, theme)
    assert both.filters == "Governance: Safeguarding Board; Theme: A deal with parents"
    assert [(r.kpi.title, r.themes) for r in both.rows] == [
        ("Domestic abuse", ["A deal with parents"])
    ]
    everything = build_scorecard(plan)
    assert [r.themes for r in everything.rows] == [
        ["A deal with parents"],
        [],
        ["A deal with parents"],
    ]


def test_the_theme_choice_is_offered_only_when_the_plan_has_themes(
    people: dict[str, Any],
) -> None:
    viewer = client_for(people, "viewer")
    assert 'id="theme"' in viewer.get(SCORECARD).content.decode()
    data = plan_data()
    data["themes"] = []
    load_plan(PlanDocument.model_validate(data), how="test")
    assert 'id="theme"' not in viewer.get(SCORECARD).content.decode()
