"""Administrators tag a KPI with its plan's spine themes on the priority's admin page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.test import Client, RequestFactory

from tests.factories import plan_data
from trustplan.plancode import PlanDocument
from trustplan.plans.loading import load_plan
from trustplan.plans.models import KeyPerformanceIndicator, Priority


def as_superuser(people: dict[str, Any]) -> Any:
    user = people["admin"]
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_the_kpi_inline_offers_only_the_priority_plans_themes(people: dict[str, Any]) -> None:
    other = plan_data("other-plan")
    other["themes"] = [{"code": "a", "title": "Another plan's theme"}]
    load_plan(PlanDocument.model_validate(other), how="test")
    client = Client()
    client.force_login(as_superuser(people))
    page = client.get(f"/admin/plans/priority/{people['safeguarding'].pk}/change/")
    assert page.status_code == 200
    [kpis] = [
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is KeyPerformanceIndicator
    ]
    offered = kpis.forms[0].fields["themes"].queryset
    assert [(t.plan.slug, t.title) for t in offered] == [("test-plan", "A deal with parents")]
    assert "Another plan's theme" not in page.content.decode()


def test_a_priority_not_yet_saved_offers_no_themes(people: dict[str, Any]) -> None:
    request = RequestFactory().get("/admin/plans/priority/add/")
    request.user = as_superuser(people)
    [inline] = [
        inline
        for inline in admin.site.get_model_admin(Priority).get_inline_instances(request)
        if inline.model is KeyPerformanceIndicator
    ]
    form = inline.get_formset(request, None).form
    assert not form.base_fields["themes"].queryset.exists()
