"""What a signed-in session records about itself: when it started, when it was last used and
whether its second factor has been passed, and when it has expired.

- Absolute expiry: a session ends ``SESSION_COOKIE_AGE`` seconds after signing in, however
  busy (Django's own expiry moves on whenever the session changes, so it is not enough).
- Idle expiry: a session ends after ``TRUSTPLAN_IDLE_MINUTES`` without a request.
- Signing in rotates the session key (Django's ``login`` does), and passing the second factor
  rotates it again, so a session id seen before either step is worthless after it.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

SIGNED_IN_AT = "trustplan.signed_in_at"
LAST_SEEN = "trustplan.last_seen"
SECOND_FACTOR_AT = "trustplan.second_factor_at"
LAST_SEEN_RESOLUTION = 60  # seconds: the session is written at most once a minute to note use


def now() -> int:
    return int(time.time())


@receiver(user_logged_in, dispatch_uid="trustplan.accounts.sessions.started")
def started(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A password sign-in starts the clocks, and needs the second factor again."""
    if request is None or not hasattr(request, "session"):
        return
    moment = now()
    request.session[SIGNED_IN_AT] = moment
    request.session[LAST_SEEN] = moment
    request.session.pop(SECOND_FACTOR_AT, None)


def second_factor_done(request: HttpRequest) -> bool:
    return SECOND_FACTOR_AT in request.session


def complete_second_factor(request: HttpRequest) -> None:
    """The second factor was passed: a new session key, marked as fully signed in."""
    request.session.cycle_key()
    request.session[SECOND_FACTOR_AT] = now()


def expired(request: HttpRequest) -> str | None:
    """Why this signed-in session has ended, in words for the user; ``None`` if it has not."""
    moment = now()
    signed_in_at = request.session.get(SIGNED_IN_AT)
    last_seen = request.session.get(LAST_SEEN, signed_in_at)
    if signed_in_at is None or last_seen is None:
        return None  # a session from before these clocks: they start now (see ``touch``)
    hours = settings.SESSION_COOKIE_AGE / 3600
    if moment - signed_in_at > settings.SESSION_COOKIE_AGE:
        return f"You have been signed out: a sign-in lasts {hours:g} hours. Sign in again."
    idle = settings.TRUSTPLAN_IDLE_MINUTES
    if moment - last_seen > idle * 60:
        return f"You have been signed out after {idle} minutes without activity. Sign in again."
    return None


def touch(request: HttpRequest) -> None:
    """Note that the session is in use (at most once a minute, to spare the database)."""
    moment = now()
    request.session.setdefault(SIGNED_IN_AT, moment)
    if moment - request.session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
        request.session[LAST_SEEN] = moment
