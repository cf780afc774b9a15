"""The API object: authentication, error handling and the OpenAPI schema."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from trustplan.api.auth import SessionAuth, TokenAuth, anonymous
from trustplan.api.routes import router

api = NinjaAPI(
    title="trustplan API",
    version="1",
    description=(
        "Plans, indicators, observations and judgements, for analysts' own tools. Requests act "
        "as the signed-in user or as the owner of a Bearer token; what each may read and write "
        "is the same as in the web pages."
    ),
    urls_namespace="api",
    docs_url=None,  # the schema is served; no third-party documentation page is loaded
    auth=[TokenAuth(), SessionAuth(), anonymous],
)
api.add_router("/", router)


@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Your roles do not allow this."}, status=403)
