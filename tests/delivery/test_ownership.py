"""The administrator's ownership report: ownerless KPIs and actions, and owners behind.

In ``in_cycle`` quarter 2023-Q3 is open, due 19 January 2024. ``owner`` owns open action 1.1;
1.2 is open with no owner; 2.1 is complete with no owner. The plan has three KPIs: 1.1 School
attendance (priority 1) and 2.1 First time entrants, 2.2 Domestic abuse (priority 2).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.delivery.conftest import fill
from tests.factories import make_plan
from trustplan.delivery.cycle import close_quarter
from trustplan.delivery.models import Action, KpiOwnership
from trustplan.delivery.ownership import report
from trustplan.plans.models import KeyPerformanceIndicator

DUE = dt.date(2024, 1, 19)


def titles(kpis: list[KeyPerformanceIndicator]) -> set[str]:
    return {kpi.title for kpi in kpis}


def test_kpis_with_no_owner_are_listed_and_owned_ones_are_not(in_cycle):
    assert titles(report(in_cycle["plan"], DUE).kpis_without_owner) == {
        "School attendance",
        "First time entrants",
        "Domestic abuse",
    }
    fte = KeyPerformanceIndicator.objects.get(title="First time entrants")
    KpiOwnership.objects.create(kpi=fte, owner=in_cycle["lead"])
    assert titles(report(in_cycle["plan"], DUE).kpis_without_owner) == {
        "School attendance",
        "Domestic abuse",
    }


def test_open_actions_with_no_owner_are_listed_but_not_complete_or_owned_ones(in_cycle):
    cancelled = Action.objects.create(
        objective=in_cycle["ownerless"].objective, number="1.3", title="Old", status="cancelled"
    )
    listed = report(in_cycle["plan"], DUE).actions_without_owner
    assert listed == [in_cycle["ownerless"]]
    assert in_cycle["done"] not in listed
    assert cancelled not in listed


def test_another_plans_gaps_are_not_listed(in_cycle):
    other = make_plan("other-plan")
    found = report(other, DUE)
    assert found.quarter is None
    assert found.actions_without_owner == []
    assert {kpi.priority.plan for kpi in found.kpis_without_owner} == {other}


def test_an_owner_is_listed_with_updates_not_yet_submitted_and_no_days_late_before_due(
    in_cycle,
):
    found = report(in_cycle["plan"], dt.date(2024, 1, 10))
    assert found.quarter == in_cycle["quarter"]
    [late] = found.late_owners
    assert late.owner == in_cycle["owner"]
    assert late.outstanding == [in_cycle["update"]]
    assert late.days_late == 0


@pytest.mark.parametrize(
    ("today", "days"), [(DUE, 0), (DUE + dt.timedelta(days=1), 1), (dt.date(2024, 2, 1), 13)]
)
def test_days_late_count_from_the_due_date(in_cycle, today, days):
    [late] = report(in_cycle["plan"], today).late_owners
    assert late.days_late == days


def test_an_owner_who_has_submitted_is_not_late(in_cycle):
    fill(in_cycle["update"]).submit(by=in_cycle["owner"])
    assert report(in_cycle["plan"], dt.date(2024, 2, 1)).late_owners == []


def test_an_owner_with_several_outstanding_updates_is_listed_once_with_all_of_them(in_cycle):
    ownerless = in_cycle["ownerless"]
    ownerless.owner = in_cycle["owner"]
    ownerless.save()
    [late] = report(in_cycle["plan"], dt.date(2024, 1, 22)).late_owners
    assert [u.action.number for u in late.outstanding] == ["1.1", "1.2"]
    assert late.days_late == 3


def test_nothing_is_late_when_no_quarter_is_open(in_cycle):
    close_quarter(in_cycle["quarter"])
    found = report(in_cycle["plan"], dt.date(2024, 2, 1))
    assert found.quarter is None
    assert found.late_owners == []
    assert found.actions_without_owner == [in_cycle["ownerless"]]  # still listed
