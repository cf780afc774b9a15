"""Pages that are not about one plan: the list of plans, search, your roles, sign-in, errors."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from trustplan.access import policy
from trustplan.access.lookups import roles_of
from trustplan.access.models import Membership
from trustplan.accounts import sessions, throttling, twofactor
from trustplan.accounts.forms import EnrolForm, SecondFactorForm, SignInForm
from trustplan.accounts.middleware import second_factor_pending, second_factor_url
from trustplan.plans.models import Plan
from trustplan.plans.search import rank, searchables


def visible_plans(request: HttpRequest) -> list[Plan]:
    roles = roles_of(request)
    return [plan for plan in Plan.objects.all() if policy.can_view_plan(roles, plan)]


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"plans": visible_plans(request)})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    plans = visible_plans(request)
    hits = rank(searchables(plans), query) if query else []
    return render(
        request,
        "web/search.html",
        {"query": query, "hits": hits, "plan_count": len(plans)},
    )


@login_required
def my_roles(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user_id=cast(int, request.user.pk)).select_related(
        "board__plan", "priority__plan", "objective__priority__plan"
    )
    return render(request, "web/my_roles.html", {"memberships": memberships})


# Signing in: the password (throttled, ``trustplan.accounts.throttling``), then, for the roles
# that need it (``policy.requires_second_factor``), enrolling an authenticator app once and a
# code from it on every sign-in. The rules are in ``trustplan.accounts``; these views ask them.


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if second_factor_pending(self.request):
            return second_factor_url(self.request, url)
        return url


def _next_url(request: HttpRequest) -> str:
    """Where to go after this step: the ``next`` given, if it is on this site; else home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and safe else reverse(settings.LOGIN_REDIRECT_URL)


def _user(request: HttpRequest) -> AbstractBaseUser:
    return cast(AbstractBaseUser, request.user)


@never_cache
@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: its key as a QR code and as text, then a code from it. On
    success, the ten recovery codes, shown this once."""
    user, next_url = _user(request), _next_url(request)
    if not second_factor_pending(request):
        return HttpResponseRedirect(next_url)
    if twofactor.is_enrolled(user):
        return HttpResponseRedirect(second_factor_url(request, next_url))
    device = twofactor.start_enrolment(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(device, form.cleaned_data["code"])
        if codes is not None:
            sessions.complete_second_factor(request)
            shown = {"codes": codes, "next": next_url, "enrolled": True}
            return render(request, "registration/recovery_codes.html", shown)
        form.add_error(
            "code", "The code is not right. Enter the 6-digit code the app shows now for trustplan"
        )
    uri = twofactor.provisioning_uri(device, user.get_username(), settings.TRUSTPLAN_SITE_NAME)
    context: dict[str, Any] = {
        "form": form,
        "qr_code": twofactor.qr_svg(uri),
        "key": twofactor.grouped(device.key),
        "next": next_url,
    }
    return render(request, "registration/two_factor_enrol.html", context)


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    user, next_url = _user(request), _next_url(request)
    if not second_factor_pending(request):
        return HttpResponseRedirect(next_url)
    if not twofactor.is_enrolled(user):
        return HttpResponseRedirect(second_factor_url(request, next_url))
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = throttling.client_address(request)
        outcome = twofactor.attempt(user, form.cleaned_data["code"], address)
        if isinstance(outcome, throttling.Refusal):
            logout(request)
            messages.error(request, outcome.message)
            return redirect("login")
        if outcome is not None:
            sessions.complete_second_factor(request)
            if outcome.kind == "recovery":
                recovery = reverse("two-factor-recovery-codes")
                return redirect(f"{recovery}?{urlencode({'next': next_url})}")
            return HttpResponseRedirect(next_url)
        form.add_error(
            "code",
            "The code is not right, or has been used already. Enter the newest code the app "
            "shows, or an unused recovery code",
        )
    context = {"form": form, "next": next_url}
    return render(request, "registration/two_factor_verify.html", context)


@never_cache
@login_required
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left, and a button to replace them all with ten new ones."""
    user, next_url = _user(request), _next_url(request)
    if second_factor_pending(request):
        return HttpResponseRedirect(second_factor_url(request, request.get_full_path()))
    if not twofactor.is_enrolled(user):
        return HttpResponseRedirect(next_url)
    if request.method == "POST":
        codes = twofactor.new_recovery_codes(user)
        context = {"codes": codes, "next": next_url, "enrolled": False}
        return render(request, "registration/recovery_codes.html", context)
    context = {"left": twofactor.recovery_codes_left(user), "next": next_url}
    return render(request, "registration/recovery_codes_left.html", context)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"status": 403, "title": "You do not have access to this page"}
    return render(request, "web/error.html", context, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404, "title": "Page not found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A page that needs neither the database nor the request, which may be what failed."""
    return HttpResponse(render_to_string("web/error_500.html"), status=500)
