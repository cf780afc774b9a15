"""Pages that are not about one plan: the list of plans, search, your roles, sign-in, errors."""

from __future__ import annotations

from typing import cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from trustplan.access import policy
from trustplan.access.lookups import roles_of
from trustplan.access.models import Membership
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


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"status": 403, "title": "You do not have access to this page"}
    return render(request, "web/error.html", context, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404, "title": "Page not found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A page that needs neither the database nor the request, which may be what failed."""
    return HttpResponse(render_to_string("web/error_500.html"), status=500)
