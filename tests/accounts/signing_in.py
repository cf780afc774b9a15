"""Signing in for tests, with the second factor.

``Client.force_login`` stands in for the whole of signing in (it skips the password), so in
the test suite it completes the second factor too (``tests/conftest.py`` installs this). The
second factor itself is tested through its pages, starting from a real password sign-in or
from ``force_login_password_only``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pyotp
from django.test import Client

from trustplan.accounts import sessions
from trustplan.accounts.models import TotpDevice

ForceLogin = Callable[..., None]


def completing_second_factor(original: ForceLogin) -> ForceLogin:
    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        session = self.session
        session[sessions.SECOND_FACTOR_AT] = sessions.now()
        session.save()

    return force_login


def force_login_password_only(client: Client, user: Any) -> None:
    """Signed in as if with the password alone: the second factor not yet passed."""
    client.force_login(user)
    session = client.session
    session.pop(sessions.SECOND_FACTOR_AT, None)
    session.save()


def next_code(username: str) -> str:
    """The code the user's authenticator app shows now, or the next one if this step's code
    was used already (the server accepts one step of drift either side)."""
    device = TotpDevice.objects.get(user__username=username)
    totp = pyotp.TOTP(device.key)
    step = totp.timecode(dt.datetime.now(tz=dt.UTC))
    if device.last_step is not None and step <= device.last_step:
        step = device.last_step + 1
    return totp.generate_otp(step)
