"""The authentication backend: Django's, behind the sign-in throttle.

Every way of signing in with a password (the sign-in page, Django admin's own login page)
goes through ``authenticate``, so every one is throttled and recorded.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from trustplan.accounts import throttling


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = throttling.client_address(request)
        stage = throttling.Stage.PASSWORD
        if throttling.check(username, address, stage) is not None:
            raise PermissionDenied  # no other backend is tried, and the password is not checked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        outcome = throttling.Outcome.SUCCEEDED if user else throttling.Outcome.FAILED
        throttling.record(username, address, stage, outcome)
        return user
