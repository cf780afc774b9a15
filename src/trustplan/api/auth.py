"""Who is calling: an API token's owner, the signed-in user, or an anonymous visitor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from trustplan.access.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tp_…`: acts as the token's owner."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(sha256=ApiToken.digest(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser's signed-in session; unsafe methods need the CSRF token, as in the pages."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


def anonymous(request: HttpRequest) -> AnonymousUser | None:
    """No credentials at all: the request may still read what is public.

    A request that sent credentials which failed (a wrong or revoked token) is refused with 401
    rather than quietly treated as anonymous.
    """
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    return AnonymousUser()
