"""Django admin is for administrators."""

from __future__ import annotations

import pytest
from django.test import Client

ADMIN_PAGES = [
    "/admin/",
    "/admin/plans/plan/",
    "/admin/plans/priority/",
    "/admin/access/membership/",
    "/admin/measures/indicator/",
    "/admin/partners/organisation/",
    "/admin/plans/planrevision/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_an_administrator_opens_the_admin(people: dict, url: str) -> None:
    people["admin"].is_staff = people["admin"].is_superuser = True
    people["admin"].save()
    client = Client()
    client.force_login(people["admin"])
    assert client.get(url).status_code == 200


def test_a_plan_and_a_priority_open_in_the_admin(people: dict) -> None:
    people["admin"].is_staff = people["admin"].is_superuser = True
    people["admin"].save()
    client = Client()
    client.force_login(people["admin"])
    response = client.get(f"/admin/plans/priority/{people['safeguarding'].pk}/change/")
    assert response.status_code == 200
    assert b"Effective MASH" in response.content


@pytest.mark.parametrize("who", ["viewer", "analyst", "lead"])
def test_others_are_sent_to_the_admin_sign_in(people: dict, who: str) -> None:
    client = Client()
    client.force_login(people[who])
    response = client.get("/admin/plans/plan/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_plan_revisions_cannot_be_changed_in_the_admin(people: dict) -> None:
    people["admin"].is_staff = people["admin"].is_superuser = True
    people["admin"].save()
    client = Client()
    client.force_login(people["admin"])
    revision = people["plan"].revisions.get()
    response = client.post(f"/admin/plans/planrevision/{revision.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert people["plan"].revisions.count() == 1
