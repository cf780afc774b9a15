"""The pages outside any one plan: the list of plans, search, your roles and signing in."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.factories import PASSWORD, make_user
from trustplan.plans.models import Plan


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_home_lists_the_plans_a_user_may_see(people: dict) -> None:
    content = signed_in(people["viewer"]).get("/").content.decode()
    assert "Test Children&#x27;s Trust Plan 2020 - 2023" in content


def test_home_tells_a_user_without_a_role_to_ask_for_one(people: dict) -> None:
    content = signed_in(people["outsider"]).get("/").content.decode()
    assert "You do not have a role in the partnership yet" in content
    assert "Test Children" not in content


def test_search_finds_objectives_kpis_and_covid_items_with_the_words_marked(people: dict) -> None:
    content = signed_in(people["viewer"]).get("/search/", {"q": "domestic abuse"}).content.decode()
    assert "2 results for “domestic abuse”" in content
    assert "Reduce domestic abuse" in content
    assert "<mark>Domestic</mark> <mark>abuse</mark>" in content
    assert 'href="/plans/test-plan/priorities/2/#kpi-2"' in content


def test_search_only_looks_in_plans_the_user_may_see(people: dict) -> None:
    content = signed_in(people["outsider"]).get("/search/", {"q": "MASH"}).content.decode()
    assert "0 results" in content
    Plan.objects.update(is_public=True)
    assert "1 result for “MASH”" in Client().get("/search/", {"q": "MASH"}).content.decode()


def test_search_escapes_what_was_typed(people: dict) -> None:
    content = (
        signed_in(people["viewer"])
        .get("/search/", {"q": "<script>alert(1)</script>"})
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in content


def test_your_roles_lists_each_membership_with_its_scope(people: dict) -> None:
    content = signed_in(people["lead"]).get("/accounts/roles/").content.decode()
    assert "Strategic lead" in content
    assert "Priority 2: Safeguarding" in content


def test_your_roles_needs_signing_in(people: dict) -> None:
    assert Client().get("/accounts/roles/").status_code == 302


@pytest.mark.django_db
def test_sign_in_with_the_right_password_and_refusal_with_the_wrong_one(people: dict) -> None:
    client = Client()
    refused = client.post("/accounts/login/", {"username": "viewer", "password": "wrong"})
    assert refused.status_code == 200
    assert "Enter a correct username and password" in refused.content.decode()
    accepted = client.post("/accounts/login/", {"username": "viewer", "password": PASSWORD})
    assert accepted.status_code == 302
    assert "Signed in as <strong>viewer</strong>" in client.get("/").content.decode()


def test_production_hashes_passwords_with_argon2(db: None) -> None:
    from trustplan.config import settings as production

    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = make_user("hashed")
    assert user.password.startswith("argon2$")
