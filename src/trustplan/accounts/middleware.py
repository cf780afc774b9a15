"""Session expiry, and the second factor for the roles that need it, on every request."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from trustplan.access import policy
from trustplan.access.lookups import roles_of
from trustplan.accounts import sessions, twofactor

API_PREFIX = "/api/"


class SessionExpiryMiddleware:
    """End a session that has lasted too long or sat idle; the request goes on as anonymous
    (a page that needs signing in then sends the user to sign in, with the reason shown)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = sessions.expired(request)
            if reason is None:
                sessions.touch(request)
            else:
                logout(request)
                if not request.path_info.startswith(API_PREFIX):
                    messages.info(request, reason)
        return self.get_response(request)


def second_factor_pending(request: HttpRequest) -> bool:
    """Signed in with a password, in a role that needs a second factor, not yet passed."""
    user = request.user
    if not user.is_authenticated or sessions.second_factor_done(request):
        return False
    return policy.requires_second_factor(roles_of(request), is_staff=user.is_staff)


class SecondFactorMiddleware:
    """Until the second factor is passed, every page but enrolment, verification and signing
    out sends the user to enrol (no app yet) or to enter a code; the API refuses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if second_factor_pending(request) and request.path_info not in _exempt_paths():
            if request.path_info.startswith(API_PREFIX):
                detail = "Finish signing in with your second factor first."
                return JsonResponse({"detail": detail}, status=403)
            back = request.get_full_path() if request.method == "GET" else ""
            return HttpResponseRedirect(second_factor_url(request, back))
        return self.get_response(request)


def _exempt_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in ("two-factor-enrol", "two-factor-verify", "logout"))


def second_factor_url(request: HttpRequest, next_url: str = "") -> str:
    """Where this user passes their second factor: enrolment first if they have no app."""
    enrolled = twofactor.is_enrolled(cast(AbstractBaseUser, request.user))
    name = "two-factor-verify" if enrolled else "two-factor-enrol"
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return reverse(name) + query
