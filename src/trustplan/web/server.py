"""Serve the app with waitress, a production WSGI server that needs no system libraries."""

from __future__ import annotations

import waitress
from django.conf import settings

from trustplan.config.wsgi import application

# Room in a request for the form around the largest upload.
REQUEST_OVERHEAD_BYTES = 1_000_000


def run_server(*, host: str, port: int, threads: int) -> None:
    """Serve; a request body larger than the upload limit allows is refused unread."""
    waitress.serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="trustplan",
        max_request_body_size=settings.TRUSTPLAN_MAX_UPLOAD_BYTES + REQUEST_OVERHEAD_BYTES,
    )
