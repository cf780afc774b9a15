"""Serve the app with waitress, a production WSGI server that needs no system libraries."""

from __future__ import annotations

import waitress

from trustplan.config.wsgi import application


def run_server(*, host: str, port: int, threads: int) -> None:
    waitress.serve(application, host=host, port=port, threads=threads, ident="trustplan")
