"""The security tests' shared world: built once per module, each test in a savepoint inside it.

``world`` opens a transaction around the whole module and rolls it back at the end; the ``db``
fixture every test also asks for (through ``data``) runs each test in a savepoint, so what one
test changes the next never sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.security.world import AS_OF, World, build_world
from trustplan.access.matrix import ANONYMOUS, Outcome, Persona
from trustplan.hub import purpose


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: object) -> Iterator[World]:
    with (
        django_db_blocker.unblock(),  # type: ignore[attr-defined]
        override_settings(TRUSTPLAN_AS_OF=AS_OF),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def data(world: World, db: None) -> World:
    """The world, for one test: whatever the test changes is rolled back after it."""
    return world


# Where a user is sent to sign in: the password, Django admin's own, and the second factor.
SIGN_IN_PAGES = ("login", "admin:login", "two-factor-enrol", "two-factor-verify")


def outcome_of(response: HttpResponseBase) -> Outcome:
    """What the user got: the page (or a redirect on to it), a refusal, or sent to sign in."""
    status = response.status_code
    if status in (403, 404):
        return Outcome.REFUSED
    if 300 <= status < 400:
        where = urlsplit(response["Location"]).path
        signing_in = where in {reverse(name) for name in SIGN_IN_PAGES}
        return Outcome.SIGN_IN if signing_in else Outcome.ALLOWED
    if 200 <= status < 300:
        return Outcome.ALLOWED
    raise AssertionError(f"unexpected status {status}")


def client_as(world: World, persona: Persona, **defaults: object) -> Client:
    client = Client(**defaults)  # type: ignore[arg-type]
    if persona is not ANONYMOUS:
        client.force_login(world.user(persona))
    return client


def state_purpose(client: Client, kind: purpose.Kind, object_id: str) -> None:
    """Hold a purpose for one object in the client's session, as the purpose gate keeps it."""
    session = client.session
    held = dict(session.get(purpose.SESSION_KEY) or {})
    held[f"{kind.value}:{object_id}"] = {
        "purpose": purpose.Purpose.WORK_LIST.value,
        "reason": "Reviewing the work list this week",
        "until": (timezone.now() + dt.timedelta(minutes=10)).isoformat(),
    }
    session[purpose.SESSION_KEY] = held
    session.save()
