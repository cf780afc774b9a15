"""Checks on the database that commands make before they use it."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def require_migrated_database() -> None:
    """Refuse to run against a database that has not been set up or is behind the code."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise CommandError(
            f"the database ({connection.settings_dict['NAME']}) is not set up or is out of date "
            f"({len(pending)} migrations to apply): run `trustplan migrate` first"
        )
