"""Users for the sign-in tests, and an authenticator app for those that need one."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, make_user
from trustplan.access.models import Role
from trustplan.accounts import twofactor

KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the enrolled administrator's authenticator key


@pytest.fixture
def users(db: None) -> dict[str, Any]:
    """``admin`` has enrolled an app with ``KEY``; ``new_admin`` has not; ``viewer`` needs none."""
    admin = make_user("admin", Role.ADMINISTRATOR)
    twofactor.enrol_with_key(admin, KEY)
    return {
        "admin": admin,
        "new_admin": make_user("new.admin", Role.ADMINISTRATOR),
        "viewer": make_user("viewer", Role.VIEWER),
        "analyst": make_user("analyst", Role.ANALYST),
    }


def sign_in(
    client: Client, username: str, password: str = PASSWORD, next: str = "", **meta: Any
) -> Any:
    """Post the sign-in form, as a browser does (``meta``: the request's, e.g. REMOTE_ADDR)."""
    form = {"username": username, "password": password, "next": next}
    return client.post("/accounts/login/", form, **meta)


def code_now(key: str = KEY, steps_ahead: int = 0) -> str:
    """The app's code for now, or for a step ahead (within the drift the server accepts)."""
    totp = pyotp.TOTP(key)
    return totp.generate_otp(totp.timecode(timezone.now()) + steps_ahead)
