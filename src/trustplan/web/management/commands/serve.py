"""`trustplan serve`: run the app for production, configured by environment variables."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trustplan.config.database import require_migrated_database
from trustplan.web.server import run_server


class Command(BaseCommand):
    help = (
        "Serve trustplan with waitress. Needs TRUSTPLAN_SECRET_KEY, debug off, and a migrated "
        "database (DATABASE_URL for PostgreSQL). See docs/configuration.md."
    )
    requires_system_checks = "__all__"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SECRET_KEY == settings.INSECURE_LOCAL_SECRET_KEY:
            raise CommandError(
                "TRUSTPLAN_SECRET_KEY is not set; set it to a long random value before serving "
                '(for example: python -c "import secrets; print(secrets.token_urlsafe(50))")'
            )
        if settings.DEBUG:
            raise CommandError("TRUSTPLAN_DEBUG is on; turn it off to serve trustplan")
        self.check(tags=["security"], display_num_errors=False, include_deployment_checks=True)
        require_migrated_database()
        self.stdout.write(f"Serving trustplan on http://{options['host']}:{options['port']}/")
        run_server(host=options["host"], port=options["port"], threads=options["threads"])
