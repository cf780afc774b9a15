"""The page that asks for a purpose before a person-level page opens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trustplan.hub import purpose
from trustplan.hub.forms import PurposeForm


def purpose_page(
    request: HttpRequest,
    kind: purpose.Kind,
    object_id: str,
    *,
    caption: str,
    opens: str,
    back: str,
) -> HttpResponse:
    """Ask why; once a purpose and reason are given, keep them and go on to ``opens``."""
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        purpose.state(
            request, kind, object_id, form.cleaned_data["purpose"], form.cleaned_data["reason"]
        )
        return redirect(opens)
    return render(
        request,
        "hub/purpose.html",
        {
            "form": form,
            "kind": kind,
            "caption": caption,
            "back": back,
            "minutes": int(purpose.LASTS.total_seconds() // 60),
        },
    )
