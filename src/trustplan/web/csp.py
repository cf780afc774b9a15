"""The Content Security Policy, sent with every response (docs/security.md).

Everything the pages load comes from this site: one module script, one stylesheet and the
favicon, all static files. No page has inline script, an inline event handler or a ``style``
attribute. Charts and the two-factor QR code are SVG inlined in the page, drawn with
presentation attributes (``fill``, ``stroke``, ``font-size``), which the policy does not
govern, so ``style-src`` needs no ``'unsafe-inline'``. Images may also be ``data:`` URLs (none
are today), which cannot fetch or run anything.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response.headers:
            response.headers[HEADER] = POLICY
        return response
