"""Security settings: the sign-in settings fail loudly on bad values, the deployment checks stop
`trustplan serve` on an unsafe configuration, and passwords meet Django's validators."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings

from trustplan.accounts.checks import check_deployment

PRODUCTION: dict[str, Any] = {
    "DEBUG": False,
    "DEMO": False,
    "SECRET_KEY": "s" * 60,
    "HTTPS": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "ALLOWED_HOSTS": ["trustplan.example.gov.uk"],
}


def ids(**changes: Any) -> list[str]:
    with override_settings(**{**PRODUCTION, **changes}):
        return [message.id or "" for message in check_deployment()]


def test_the_production_configuration_passes_the_deployment_checks() -> None:
    assert ids() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"DEBUG": True}, "trustplan.E001"),
        (
            {"SECRET_KEY": "insecure-local-only-set-TRUSTPLAN_SECRET_KEY-for-any-server"},
            "trustplan.E002",
        ),
        ({"SECRET_KEY": "short"}, "trustplan.E003"),
        ({"HTTPS": False}, "trustplan.E004"),
        ({"ALLOWED_HOSTS": ["*"]}, "trustplan.E005"),
        ({"SESSION_COOKIE_SECURE": False}, "trustplan.E006"),
        ({"SECURE_HSTS_SECONDS": 0}, "trustplan.E006"),
        ({"X_FRAME_OPTIONS": "SAMEORIGIN"}, "trustplan.E009"),
        (
            {"AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"]},
            "trustplan.E008",
        ),
    ],
)
def test_each_unsafe_setting_is_an_error(changes: dict[str, Any], expected: str) -> None:
    assert ids(**changes) == [expected]


@pytest.mark.parametrize(
    "middleware",
    [
        "trustplan.web.csp.ContentSecurityPolicyMiddleware",
        "trustplan.accounts.middleware.SessionExpiryMiddleware",
        "trustplan.accounts.middleware.SecondFactorMiddleware",
    ],
)
def test_leaving_out_a_security_middleware_is_an_error(settings: Any, middleware: str) -> None:
    without = [name for name in settings.MIDDLEWARE if name != middleware]
    assert ids(MIDDLEWARE=without) == ["trustplan.E007"]


def test_the_demo_alone_may_serve_plain_http() -> None:
    assert ids(HTTPS=False, DEMO=True) == []


def test_check_deploy_fails_on_the_local_configuration() -> None:
    """The test settings are the local ones: plain HTTP and the insecure key."""
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy", "--fail-level", "ERROR", verbosity=0)
    for expected in ("trustplan.E002", "trustplan.E004"):
        assert expected in str(raised.value)


def test_serve_refuses_to_listen_without_https_outside_the_demo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustplan.web.management.commands import serve

    def never(**kwargs: Any) -> None:
        raise AssertionError("serve listened despite a failed deployment check")

    monkeypatch.setattr(serve, "run_server", never)
    with (
        override_settings(**{**PRODUCTION, "HTTPS": False}),
        pytest.raises(SystemCheckError, match=r"trustplan\.E004"),
    ):
        call_command("serve")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TRUSTPLAN_IDLE_MINUTES", "half an hour", "TRUSTPLAN_IDLE_MINUTES='half an hour' is not"),
        ("TRUSTPLAN_IDLE_MINUTES", "0", "TRUSTPLAN_IDLE_MINUTES=0 is below the minimum of 1"),
        ("TRUSTPLAN_SIGN_IN_FAILURES", "five", "TRUSTPLAN_SIGN_IN_FAILURES='five' is not"),
        ("TRUSTPLAN_LOCKOUT_MINUTES", "0", "TRUSTPLAN_LOCKOUT_MINUTES=0 is below the minimum"),
        ("TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES", "x", "TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES='x'"),
        ("TRUSTPLAN_TRUSTED_PROXIES", "-1", "TRUSTPLAN_TRUSTED_PROXIES=-1 is below the minimum"),
    ],
)
def test_a_sign_in_setting_that_cannot_be_right_stops_the_app_naming_it(
    variable: str, value: str, message: str
) -> None:
    env = {**os.environ, variable: value}
    result = subprocess.run(
        [sys.executable, "-c", "import trustplan.config.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_old_secret_keys_for_a_rotation_are_read_as_a_list() -> None:
    env = {**os.environ, "TRUSTPLAN_SECRET_KEY_FALLBACKS": "old-key-one, old-key-two"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from trustplan.config import settings; print(settings.SECRET_KEY_FALLBACKS)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "['old-key-one', 'old-key-two']"


def test_the_sign_in_settings_default_to_the_documented_values() -> None:
    from trustplan.config import settings as production

    assert (
        production.TRUSTPLAN_IDLE_MINUTES,
        production.TRUSTPLAN_SIGN_IN_FAILURES,
        production.TRUSTPLAN_LOCKOUT_MINUTES,
        production.TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES,
        production.TRUSTPLAN_TRUSTED_PROXIES,
        production.SESSION_COOKIE_AGE,
    ) == (30, 5, 15, 20, 0, 8 * 3600)
    assert production.AUTHENTICATION_BACKENDS == [
        "trustplan.accounts.backends.ThrottledModelBackend"
    ]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Tr0ub4dor&3", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("381946275038", "This password is entirely numeric."),
    ],
)
def test_passwords_are_checked_against_djangos_validators(password: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        validate_password(password)
    assert message in raised.value.messages


def test_a_long_uncommon_password_passes() -> None:
    validate_password("correct-horse-battery-staple")


def test_an_administrator_cannot_give_a_new_user_a_weak_password(db: None) -> None:
    from tests.factories import make_user
    from trustplan.access.models import Role

    admin = make_user("admin", Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    page = client.post(
        "/admin/auth/user/add/",
        {
            "username": "new.person",
            "usable_password": "true",
            "password1": "password1234",
            "password2": "password1234",
        },
    ).content.decode()
    assert "This password is too common." in page
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="new.person").exists()
