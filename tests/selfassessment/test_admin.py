"""Administrators read self-assessment records in the admin, but change them only in the app."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.selfassessment.conftest import score


def admin_client(assessment: dict[str, Any]) -> Client:
    admin = assessment["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def test_the_admin_lists_every_record_and_a_scores_history(assessment: dict[str, Any]) -> None:
    score(assessment["lead_scores"], F1="yes")
    client = admin_client(assessment)
    for model in ("framework", "round", "score", "finalscore", "finding"):
        assert client.get(f"/admin/selfassessment/{model}/").status_code == 200, model
    saved = assessment["round"].scores.get()
    history = client.get(f"/admin/selfassessment/score/{saved.pk}/history/")
    assert history.status_code == 200


def test_scores_cannot_be_added_or_changed_in_the_admin(assessment: dict[str, Any]) -> None:
    score(assessment["lead_scores"], F1="yes")
    saved = assessment["round"].scores.get()
    client = admin_client(assessment)
    assert client.get("/admin/selfassessment/score/add/").status_code == 403
    response = client.post(
        f"/admin/selfassessment/score/{saved.pk}/change/",
        {"scale_key": "no", "descriptor_code": "F1"},
    )
    assert response.status_code == 403
    saved.refresh_from_db()
    assert saved.scale_key == "yes"
