"""Cross-site request forgery and session fixation.

CSRF: every page, asked to take a POST without the form's CSRF token by a user who may use it,
refuses it (403) and changes nothing; the same POST with the token is taken, so it is the token
that was missing. The API refuses a session's POST without the token too; a Bearer token, which
a browser never sends by itself, needs none. Sessions: signing in gives a new session key and
throws the old one away, so a key planted before sign-in is worth nothing after it; signing out
ends the session.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.asks import Ask, asks
from tests.security.conftest import client_as, outcome_of, state_purpose
from tests.security.world import World
from trustplan.access import matrix
from trustplan.access.matrix import Kind, Outcome, Persona, Rule
from trustplan.access.models import ApiToken
from trustplan.measures.models import DataImport
from trustplan.plans.models import Plan

CSRF_FAILED = "CSRF verification failed"
# Who tries each form: the least privileged persona the matrix lets use it.
PREFERENCE = (
    matrix.ANONYMOUS,
    matrix.ACTION_OWNER,
    matrix.BOARD_MEMBER,
    matrix.LEAD,
    matrix.PRACTITIONER,
    matrix.HUB_ANALYST,
    matrix.ANALYST,
    matrix.ADMINISTRATOR,
    matrix.VIEWER,
)
PAGE_RULES = {rule.key: rule for rule in matrix.RULES if rule.kind is Kind.PAGE}
POST_RULES = {key: rule for key, rule in PAGE_RULES.items() if rule.method == "POST"}


def _acting(rule: Rule) -> Persona:
    """Someone the rule allows; for a page no one may use, someone signed in."""
    allowed = [p for p in PREFERENCE if rule.outcome(p) is Outcome.ALLOWED]
    return allowed[0] if allowed else matrix.VIEWER


def _guarded_client(world: World, persona: Persona) -> Client:
    return client_as(world, persona, enforce_csrf_checks=True)


def _with_token(client: Client, data: dict[str, Any]) -> dict[str, Any]:
    """The form's data with a CSRF token, and the cookie it is checked against."""
    request = HttpRequest()
    token = get_token(request)
    client.cookies[settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
    return {**data, "csrfmiddlewaretoken": token}


def _prepared(world: World, rule: Rule, client: Client) -> Ask:
    ask = asks(world)[rule.key]()
    for kind, object_id in ask.purposes:
        state_purpose(client, kind, object_id)
    return ask


@pytest.mark.parametrize("key", sorted(PAGE_RULES))
def test_a_post_without_the_csrf_token_is_refused(data: World, key: str) -> None:
    rule = PAGE_RULES[key]
    client = _guarded_client(data, _acting(rule))
    ask = _prepared(data, rule, client)
    before = (Plan.objects.get(slug="test-plan").is_public, DataImport.objects.count())
    response = client.post(ask.path, ask.data or {})
    assert response.status_code == 403
    assert CSRF_FAILED in response.content.decode()
    assert (Plan.objects.get(slug="test-plan").is_public, DataImport.objects.count()) == before


@pytest.mark.parametrize("key", sorted(POST_RULES))
def test_the_same_post_with_the_csrf_token_is_taken(data: World, key: str) -> None:
    rule = POST_RULES[key]
    client = _guarded_client(data, _acting(rule))
    ask = _prepared(data, rule, client)
    response = client.post(ask.path, _with_token(client, ask.data or {}))
    assert outcome_of(response) is Outcome.ALLOWED, response.status_code


IMPORT = "POST /api/imports"


def test_the_api_refuses_a_sessions_post_without_the_csrf_token(data: World) -> None:
    client = _guarded_client(data, matrix.ANALYST)
    ask = asks(data)[IMPORT]()
    refused = client.post(ask.path, ask.data or {})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "CSRF check Failed"}
    ask = asks(data)[IMPORT]()
    taken = client.post(ask.path, _with_token(client, ask.data or {}))
    assert taken.status_code == 200
    assert taken.json()["file_name"] == "definitions.csv"


def test_a_bearer_tokens_post_needs_no_csrf_token(data: World) -> None:
    _, token = ApiToken.issue(data.user(matrix.ANALYST), "R dashboard")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")
    ask = asks(data)[IMPORT]()
    taken = client.post(ask.path, ask.data or {})
    assert taken.status_code == 200
    assert taken.json()["file_name"] == "definitions.csv"


# Sessions.


def _session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_signing_in_replaces_a_session_key_planted_before_it(data: World) -> None:
    client = Client()
    planted = client.session  # an attacker's session, fixed in the victim's browser
    planted["planted"] = "by an attacker"
    planted.save()
    planted_key = planted.session_key
    assert planted_key is not None
    assert _session_key(client) == planted_key
    signed_in = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == reverse("home")
    assert _session_key(client) != planted_key
    assert not SessionStore().exists(planted_key)
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted_key
    assert outcome_of(attacker.get(reverse("my-roles"))) is Outcome.SIGN_IN
    assert outcome_of(client.get(reverse("my-roles"))) is Outcome.ALLOWED


def test_signing_out_ends_the_session(data: World) -> None:
    client = client_as(data, matrix.VIEWER)
    key = _session_key(client)
    assert outcome_of(client.post(reverse("logout"))) is Outcome.ALLOWED
    assert not SessionStore().exists(key)
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert outcome_of(replay.get(reverse("my-roles"))) is Outcome.SIGN_IN
