"""Sessions end after 30 minutes idle and, however busy, when the sign-in's full age is up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client, override_settings

from tests.accounts.conftest import sign_in
from trustplan.accounts import sessions


def shift(client: Client, key: str, seconds: int) -> None:
    """Move one of the session's clocks ``seconds`` into the past."""
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def signed_in_viewer() -> Client:
    client = Client()
    sign_in(client, "viewer")
    return client


def test_signing_in_starts_both_clocks(users: dict[str, Any]) -> None:
    client = signed_in_viewer()
    started = client.session[sessions.SIGNED_IN_AT]
    assert abs(started - sessions.now()) <= 2
    assert client.session[sessions.LAST_SEEN] == started


def test_a_session_idle_for_over_thirty_minutes_is_signed_out_with_the_reason(
    users: dict[str, Any],
) -> None:
    client = signed_in_viewer()
    shift(client, sessions.LAST_SEEN, 31 * 60)
    response = client.get("/accounts/roles/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert "You have been signed out after 30 minutes without activity. Sign in again." in page
    assert "Signed in as" not in page
    assert "_auth_user_id" not in client.session


def test_use_within_thirty_minutes_keeps_the_session(users: dict[str, Any]) -> None:
    client = signed_in_viewer()
    shift(client, sessions.LAST_SEEN, 29 * 60)
    assert client.get("/accounts/roles/").status_code == 200
    assert abs(client.session[sessions.LAST_SEEN] - sessions.now()) <= 2
    shift(client, sessions.LAST_SEEN, 29 * 60)
    assert client.get("/accounts/roles/").status_code == 200


def test_the_idle_limit_is_a_setting(users: dict[str, Any]) -> None:
    client = signed_in_viewer()
    shift(client, sessions.LAST_SEEN, 6 * 60)
    with override_settings(TRUSTPLAN_IDLE_MINUTES=5):
        page = client.get("/", follow=True).content.decode()
    assert "You have been signed out after 5 minutes without activity." in page


def test_a_busy_session_still_ends_when_the_sign_in_has_lasted_its_full_age(
    users: dict[str, Any],
) -> None:
    client = signed_in_viewer()
    shift(client, sessions.SIGNED_IN_AT, settings.SESSION_COOKIE_AGE + 1)
    page = client.get("/accounts/roles/", follow=True).content.decode()
    assert "You have been signed out: a sign-in lasts 8 hours. Sign in again." in page
    assert "_auth_user_id" not in client.session


def test_the_session_is_written_at_most_once_a_minute_to_note_use(users: dict[str, Any]) -> None:
    client = signed_in_viewer()
    shift(client, sessions.LAST_SEEN, 30)
    before = client.session[sessions.LAST_SEEN]
    client.get("/")
    assert client.session[sessions.LAST_SEEN] == before
    shift(client, sessions.LAST_SEEN, 40)
    client.get("/")
    assert abs(client.session[sessions.LAST_SEEN] - sessions.now()) <= 2


def test_an_expired_session_is_refused_by_the_api_as_anonymous(users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["analyst"])
    shift(client, sessions.LAST_SEEN, 31 * 60)
    response = client.get("/api/plans")
    assert "_auth_user_id" not in client.session
    anonymous = Client().get("/api/plans")
    assert (response.status_code, response.json()) == (anonymous.status_code, anonymous.json())


def test_a_session_from_before_the_clocks_starts_them_at_its_next_request(
    users: dict[str, Any],
) -> None:
    client = signed_in_viewer()
    session = client.session
    del session[sessions.SIGNED_IN_AT]
    del session[sessions.LAST_SEEN]
    session.save()
    assert client.get("/accounts/roles/").status_code == 200
    assert abs(client.session[sessions.SIGNED_IN_AT] - sessions.now()) <= 2
