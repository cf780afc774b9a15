"""Loading plan documents into the database: create, update, idempotence and all-or-nothing."""

from __future__ import annotations

import copy

import pytest

from tests.factories import make_user, plan_data
from trustplan.access.models import Membership, Role
from trustplan.measures.models import Indicator
from trustplan.partners.models import Person
from trustplan.plancode import PlanDocument
from trustplan.plans.loading import PlanLoadError, load_plan
from trustplan.plans.models import (
    KeyPerformanceIndicator,
    Objective,
    Plan,
    PlanRevision,
    Priority,
)

pytestmark = pytest.mark.django_db


def load(data: dict) -> object:
    return load_plan(PlanDocument.model_validate(data), how="test")


def test_first_load_creates_the_plan_and_revision_one() -> None:
    result = load(plan_data())
    assert result.created
    assert result.revision.number == 1
    plan = Plan.objects.get(slug="test-plan")
    assert [p.number for p in plan.priorities.all()] == ["1", "2"]
    assert result.changes.as_dict()["created"]["objective"] == 3
    assert plan.priorities.get(number="2").board.name == "Safeguarding Board"


def test_loading_the_same_document_again_changes_nothing() -> None:
    load(plan_data())
    ids_before = list(Objective.objects.order_by("pk").values_list("pk", flat=True))
    result = load(plan_data())
    assert not result.changes.any
    assert result.revision is None
    assert PlanRevision.objects.count() == 1
    assert list(Objective.objects.order_by("pk").values_list("pk", flat=True)) == ids_before


def test_an_edited_file_updates_in_place_keeping_identities() -> None:
    load(plan_data())
    mash = Objective.objects.get(title="Effective MASH")
    edited = plan_data()
    edited["priorities"][1]["objectives"][0]["title"] = "Ensure an effective MASH function"
    edited["priorities"][1]["objectives"].append({"number": 3, "title": "Tackle neglect"})
    result = load(edited)
    assert result.changes.as_dict() == {
        "created": {"objective": 1},
        "updated": {"objective": 1},
        "deleted": {},
    }
    mash.refresh_from_db()
    assert mash.title == "Ensure an effective MASH function"
    assert result.revision.number == 2
    assert "Tackle neglect" in result.revision.document


def test_parts_the_file_no_longer_lists_are_deleted() -> None:
    load(plan_data())
    edited = plan_data()
    edited["priorities"][1]["objectives"].pop()
    edited["themes"] = []
    result = load(edited)
    assert result.changes.as_dict()["deleted"] == {"objective": 1, "theme": 1}
    assert not Objective.objects.filter(title="Reduce domestic abuse").exists()


def test_a_part_still_referred_to_is_not_deleted_and_nothing_changes() -> None:
    load(plan_data())
    priority = Priority.objects.get(number="2")
    Membership.objects.create(user=make_user("lead"), role=Role.STRATEGIC_LEAD, priority=priority)
    edited = plan_data()
    edited["priorities"].pop()
    edited["plan"]["title"] = "Renamed plan"
    with pytest.raises(PlanLoadError, match="still referred to by memberships"):
        load(edited)
    assert Plan.objects.get().title == "Test Children's Trust Plan 2020 - 2023"
    assert Priority.objects.filter(number="2").exists()
    assert PlanRevision.objects.count() == 1


def test_indicators_are_shared_by_key_across_plans() -> None:
    load(plan_data("plan-a"))
    other = copy.deepcopy(plan_data("plan-b"))
    other["priorities"][1]["indicators"][0]["title"] = "First Time Entrants into Youth Justice"
    load(other)
    fte = Indicator.objects.get(key="fte")
    assert fte.kpis.count() == 2
    assert sorted(fte.kpis.values_list("priority__plan__slug", flat=True)) == ["plan-a", "plan-b"]


def test_definition_fields_given_in_a_file_update_the_indicator() -> None:
    load(plan_data())
    edited = plan_data()
    edited["priorities"][1]["indicators"][0].update(polarity="low_is_good", frequency="quarterly")
    load(edited)
    fte = Indicator.objects.get(key="fte")
    assert (fte.polarity, fte.frequency, fte.name) == (
        "low_is_good",
        "quarterly",
        "First time entrants",
    )


def test_leads_are_people_shared_across_plans() -> None:
    load(plan_data("plan-a"))
    load(plan_data("plan-b"))
    edna = Person.objects.get(name="Edna Lead")
    assert edna.lead_roles.count() == 2
    assert edna.organisation.name == "Testshire Council"


def kpi_themes(plan_slug: str = "test-plan") -> dict[str, list[str]]:
    return {
        f"{kpi.priority.number}.{kpi.number}": [t.code for t in kpi.themes.all()]
        for kpi in KeyPerformanceIndicator.objects.filter(priority__plan__slug=plan_slug)
    }


def test_kpi_themes_are_set_to_exactly_the_files_list() -> None:
    data = plan_data()
    data["themes"].append({"code": "b", "title": "Early help"})
    data["priorities"][1]["indicators"][0]["themes"] = ["a", "b"]
    result = load(data)
    assert result.changes.as_dict()["created"]["kpi theme"] == 2
    assert kpi_themes() == {"1.1": [], "2.1": ["a", "b"], "2.2": []}

    edited = copy.deepcopy(data)
    edited["priorities"][1]["indicators"][0]["themes"] = ["b"]
    edited["priorities"][1]["indicators"][1]["themes"] = ["a"]
    result = load(edited)
    assert result.changes.as_dict() == {
        "created": {"kpi theme": 1},
        "updated": {},
        "deleted": {"kpi theme": 1},
    }
    assert result.revision.number == 2
    assert kpi_themes() == {"1.1": [], "2.1": ["b"], "2.2": ["a"]}

    edited["priorities"][1]["indicators"][0]["themes"] = []
    load(edited)
    assert kpi_themes() == {"1.1": [], "2.1": [], "2.2": ["a"]}


def test_a_theme_the_file_drops_drops_its_kpi_links() -> None:
    data = plan_data()
    data["themes"].append({"code": "b", "title": "Early help"})
    data["priorities"][0]["indicators"][0]["themes"] = ["a", "b"]
    load(data)
    edited = copy.deepcopy(data)
    edited["themes"].pop()
    edited["priorities"][0]["indicators"][0]["themes"] = ["a"]
    result = load(edited)
    assert result.changes.as_dict()["deleted"] == {"theme": 1}
    assert kpi_themes() == {"1.1": ["a"], "2.1": [], "2.2": []}


def test_a_kpi_naming_an_unknown_theme_is_refused_and_nothing_changes() -> None:
    load(plan_data())
    edited = plan_data()
    edited["plan"]["title"] = "Renamed plan"
    edited["priorities"][0]["indicators"][0]["themes"] = ["z"]
    with pytest.raises(PlanLoadError, match="names theme\\(s\\) 'z'"):
        load(edited)
    assert Plan.objects.get().title == "Test Children's Trust Plan 2020 - 2023"
