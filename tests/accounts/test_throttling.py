"""Throttling and lock-out: five failures within 15 minutes lock a username for 15 minutes,
whatever it is; many failures from one address refuse that address; wrong codes count too;
attempts are recorded without what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import F
from django.test import Client, RequestFactory, override_settings

from tests.accounts.conftest import code_now, sign_in
from tests.factories import PASSWORD
from trustplan.accounts import throttling
from trustplan.accounts.models import SignInAttempt

LOCKED = "There have been too many failed attempts to sign in with this username."
ADDRESS_REFUSED = "There have been too many failed attempts to sign in from your network."
WRONG = "Enter a correct username and password"


def fail(username: str, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        page = sign_in(Client(), username, "wrong password", REMOTE_ADDR=address)
        assert WRONG in page.content.decode()


def age_attempts(minutes: float) -> None:
    """Move every recorded attempt ``minutes`` into the past, as if that time had passed."""
    SignInAttempt.objects.update(attempted_at=F("attempted_at") - dt.timedelta(minutes=minutes))


def test_five_failures_lock_the_username_even_against_the_right_password(
    users: dict[str, Any],
) -> None:
    fail("viewer", 4)
    client = Client()
    assert sign_in(client, "viewer").status_code == 302  # four failures: not yet locked
    client.post("/accounts/logout/")
    fail("viewer", 1)
    page = sign_in(Client(), "viewer").content.decode()
    assert LOCKED in page
    assert "Try again in 15 minutes." in page
    assert WRONG not in page


def test_the_lock_is_the_same_for_a_username_nobody_has(users: dict[str, Any]) -> None:
    fail("viewer", 5)
    fail("nobody-has-this-name", 5)
    for username in ("viewer", "nobody-has-this-name"):
        page = sign_in(Client(), username, "anything").content.decode()
        assert LOCKED in page, username
        assert "Try again in 15 minutes." in page


def test_the_lock_ends_fifteen_minutes_after_the_last_failure(users: dict[str, Any]) -> None:
    fail("viewer", 5)
    age_attempts(14)
    assert "Try again in 1 minute." in sign_in(Client(), "viewer").content.decode()
    age_attempts(1.1)
    assert sign_in(Client(), "viewer").status_code == 302


def test_attempts_while_locked_are_refused_unchecked_and_do_not_extend_the_lock(
    users: dict[str, Any],
) -> None:
    fail("viewer", 5)
    age_attempts(10)
    for _ in range(3):
        assert LOCKED in sign_in(Client(), "viewer", "wrong").content.decode()
    outcomes = list(SignInAttempt.objects.values_list("outcome", flat=True))
    assert outcomes.count("refused") == 3
    assert outcomes.count("failed") == 5
    age_attempts(5.1)
    assert sign_in(Client(), "viewer").status_code == 302


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(
    users: dict[str, Any],
) -> None:
    fail("viewer", 3)
    age_attempts(16)
    fail("viewer", 3)
    assert sign_in(Client(), "viewer").status_code == 302


def test_the_limits_are_settings(users: dict[str, Any]) -> None:
    with override_settings(TRUSTPLAN_SIGN_IN_FAILURES=2, TRUSTPLAN_LOCKOUT_MINUTES=60):
        fail("viewer", 2)
        page = sign_in(Client(), "viewer").content.decode()
    assert LOCKED in page
    assert "Try again in 60 minutes." in page


@override_settings(TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES=6)
def test_many_failures_from_one_address_refuse_it_for_every_username(
    users: dict[str, Any],
) -> None:
    for name in ("ann", "bob", "cat"):
        fail(name, 2, address="203.0.113.9")
    page = sign_in(Client(), "viewer", REMOTE_ADDR="203.0.113.9").content.decode()
    assert ADDRESS_REFUSED in page
    assert "Try again in 15 minutes." in page
    assert sign_in(Client(), "viewer", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_attempts_are_recorded_with_who_where_and_what_happened_never_the_password(
    users: dict[str, Any],
) -> None:
    sign_in(Client(), " Viewer ", "a-guess-at-the-password", REMOTE_ADDR="192.0.2.1")
    sign_in(Client(), "viewer", REMOTE_ADDR="192.0.2.1")
    failed, succeeded = SignInAttempt.objects.order_by("attempted_at")
    assert (failed.username, failed.ip_address, failed.stage, failed.outcome) == (
        "viewer",
        "192.0.2.1",
        "password",
        "failed",
    )
    assert (succeeded.stage, succeeded.outcome) == ("password", "succeeded")
    stored = [
        str(value)
        for row in SignInAttempt.objects.values()
        for value in row.values()
        if value is not None
    ]
    assert not any("a-guess" in value or PASSWORD in value for value in stored)


def test_wrong_codes_count_towards_the_lock_and_the_lock_signs_the_user_out(
    users: dict[str, Any],
) -> None:
    client = Client()
    sign_in(client, "admin")
    for _ in range(5):
        page = client.post("/accounts/two-factor/", {"code": code_now(steps_ahead=4)})
        assert "The code is not right" in page.content.decode()
    locked = client.post("/accounts/two-factor/", {"code": code_now()}, follow=True)
    page = locked.content.decode()
    assert LOCKED in page
    assert locked.redirect_chain[-1][0] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert LOCKED in sign_in(Client(), "admin").content.decode()


def test_a_password_sign_in_between_wrong_codes_does_not_reset_the_count(
    users: dict[str, Any],
) -> None:
    """Else a stolen password would buy endless guesses at the code."""
    for _ in range(2):
        client = Client()
        sign_in(client, "admin")
        for _ in range(2):
            client.post("/accounts/two-factor/", {"code": code_now(steps_ahead=4)})
    client = Client()
    sign_in(client, "admin")
    client.post("/accounts/two-factor/", {"code": code_now(steps_ahead=4)})
    assert LOCKED in sign_in(Client(), "admin").content.decode()


def test_django_admins_own_sign_in_page_is_throttled_too(users: dict[str, Any]) -> None:
    for _ in range(5):
        Client().post("/admin/login/", {"username": "admin", "password": "wrong"})
    assert SignInAttempt.objects.filter(username="admin", outcome="failed").count() == 5
    response = Client().post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 200  # refused: the form again, not a redirect
    assert SignInAttempt.objects.filter(username="admin", outcome="refused").count() == 1


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "198.51.100.7", "192.0.2.1"),  # no proxy: the header is the client's
        (1, "10.0.0.2", "203.0.113.5, 198.51.100.7", "198.51.100.7"),  # as the proxy saw it
        (2, "10.0.0.2", "203.0.113.5, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (1, "10.0.0.2", "", "10.0.0.2"),  # a proxy that wrote nothing: its own peer
        (1, "10.0.0.2", "not-an-address", None),
        (0, "", "", None),
    ],
)
def test_the_address_is_the_one_the_outermost_trusted_proxy_saw(
    proxies: int, remote: str, forwarded: str, expected: str | None
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTPLAN_TRUSTED_PROXIES=proxies):
        assert throttling.client_address(request) == expected


def test_attempts_older_than_ninety_days_are_deleted_at_the_next_success(
    users: dict[str, Any],
) -> None:
    fail("viewer", 2)
    age_attempts(91 * 24 * 60)
    fail("viewer", 1)
    sign_in(Client(), "viewer")
    assert list(SignInAttempt.objects.values_list("outcome", flat=True)) == [
        "succeeded",
        "failed",
    ]
