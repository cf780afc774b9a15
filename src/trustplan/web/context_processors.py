"""Values every page's layout needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from trustplan.access.lookups import roles_of


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.TRUSTPLAN_SITE_NAME,
        "is_demo": settings.DEMO,
        "roles": roles_of(request),
    }
