"""The work list: a locality's flagged families, ranked and explained, with no names."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from trustplan.access import policy
from trustplan.access.lookups import locality_for, roles_of
from trustplan.hub import worklist


@never_cache
def work_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A practitioner's localities' work list, or one locality's; hub analysts see every one."""
    roles = roles_of(request)
    if not policy.can_use_hub(roles):
        raise PermissionDenied
    locality = locality_for(request, pk)[0] if pk is not None else None
    visible = policy.hub_localities(roles)
    run = worklist.current_run()
    scope = [locality.pk] if locality is not None else visible
    return render(
        request,
        "hub/work_list.html",
        {
            "run": run,
            "locality": locality,
            "entries": worklist.work_list(run, scope) if run is not None else [],
            "localities": worklist.localities_listed(run, visible),
            "sees_every_locality": visible is None,
            "can_review_links": policy.can_review_links(roles),
        },
    )
