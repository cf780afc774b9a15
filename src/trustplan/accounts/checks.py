"""Deployment checks: settings that must hold wherever trustplan serves real users.

They run with ``trustplan check --deploy``, and ``trustplan serve`` runs them before it
listens: any error stops it. Django's own deployment checks only warn about most of these; here
they are errors. The demo (``TRUSTPLAN_DEMO``) serves plain HTTP on 127.0.0.1, so it alone may
run without HTTPS.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

CSP_MIDDLEWARE = "trustplan.web.csp.ContentSecurityPolicyMiddleware"
EXPIRY_MIDDLEWARE = "trustplan.accounts.middleware.SessionExpiryMiddleware"
SECOND_FACTOR_MIDDLEWARE = "trustplan.accounts.middleware.SecondFactorMiddleware"
THROTTLED_BACKEND = "trustplan.accounts.backends.ThrottledModelBackend"
MINIMUM_SECRET_KEY_LENGTH = 50


@register(Tags.security, deploy=True)
def check_deployment(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if settings.DEBUG:
        errors.append(
            Error(
                "Debug mode is on: error pages would show settings and code to anyone.",
                hint="Unset TRUSTPLAN_DEBUG.",
                id="trustplan.E001",
            )
        )
    if settings.SECRET_KEY == settings.INSECURE_LOCAL_SECRET_KEY:
        errors.append(
            Error(
                "The secret key is the insecure local default.",
                hint="Set TRUSTPLAN_SECRET_KEY to a long random value.",
                id="trustplan.E002",
            )
        )
    elif len(settings.SECRET_KEY) < MINIMUM_SECRET_KEY_LENGTH:
        errors.append(
            Error(
                f"The secret key is shorter than {MINIMUM_SECRET_KEY_LENGTH} characters.",
                hint='Generate one: python -c "import secrets; print(secrets.token_urlsafe(50))"',
                id="trustplan.E003",
            )
        )
    if not settings.DEMO:
        errors.extend(_https_errors())
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "TRUSTPLAN_ALLOWED_HOSTS allows any host name.",
                hint="List the host names the app is served on.",
                id="trustplan.E005",
            )
        )
    errors.extend(_hardening_errors())
    return errors


def _https_errors() -> list[CheckMessage]:
    if not settings.HTTPS:
        return [
            Error(
                "HTTPS is off outside the demo: cookies and passwords would cross the network "
                "in clear.",
                hint="Unset TRUSTPLAN_HTTPS (it is on by default), and serve behind HTTPS.",
                id="trustplan.E004",
            )
        ]
    secure = (
        settings.SESSION_COOKIE_SECURE
        and settings.CSRF_COOKIE_SECURE
        and settings.SECURE_HSTS_SECONDS > 0
    )
    if secure:
        return []
    return [
        Error(
            "HTTPS is on but the cookies are not marked secure or HSTS is off.",
            hint="Do not override SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE or HSTS.",
            id="trustplan.E006",
        )
    ]


def _hardening_errors() -> list[CheckMessage]:
    missing = [
        name
        for name in (CSP_MIDDLEWARE, EXPIRY_MIDDLEWARE, SECOND_FACTOR_MIDDLEWARE)
        if name not in settings.MIDDLEWARE
    ]
    errors: list[CheckMessage] = [
        Error(
            f"{name} is not in MIDDLEWARE.",
            hint="It enforces the Content Security Policy, session expiry or the second factor.",
            id="trustplan.E007",
        )
        for name in missing
    ]
    if list(settings.AUTHENTICATION_BACKENDS) != [THROTTLED_BACKEND]:
        errors.append(
            Error(
                "Sign-in does not go only through the throttled backend.",
                hint=f"AUTHENTICATION_BACKENDS must be [{THROTTLED_BACKEND!r}].",
                id="trustplan.E008",
            )
        )
    if settings.X_FRAME_OPTIONS != "DENY":
        errors.append(
            Error(
                "Pages may be framed by other sites (clickjacking).",
                hint="X_FRAME_OPTIONS must be 'DENY'.",
                id="trustplan.E009",
            )
        )
    return errors
