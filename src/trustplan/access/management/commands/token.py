"""`trustplan token`: API tokens for analysts' own tools."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from trustplan.access.models import ApiToken


class Command(BaseCommand):
    help = "Create, list and revoke API tokens. A token acts with its owner's roles."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = sub.add_parser("create", help="Make a token for a user; it is shown once.")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="What it is for, e.g. 'R dashboard'.")
        listing = sub.add_parser("list", help="List tokens (never the tokens themselves).")
        listing.add_argument("--user", help="Only this user's tokens.")
        revoke = sub.add_parser("revoke", help="Stop a token working.")
        revoke.add_argument("prefix", help="The token's first characters, as `list` shows.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"no user {options['username']!r}")
            _, secret = ApiToken.issue(user, options["name"])
            self.stdout.write(f"Token for {user.get_username()} ({options['name']}):\n{secret}")
            self.stdout.write("Keep it safe: it is not stored and cannot be shown again.")
        elif options["action"] == "list":
            tokens = ApiToken.objects.select_related("user")
            if options["user"]:
                tokens = tokens.filter(user__username=options["user"])
            for token in tokens:
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
                used = (
                    f"last used {token.last_used_at:%Y-%m-%d}"
                    if token.last_used_at
                    else "never used"
                )
                self.stdout.write(f"{token.prefix}…\t{token.user}\t{token.name}\t{state}\t{used}")
        else:
            matched = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
            if matched.count() != 1:
                raise CommandError(f"{matched.count()} active tokens start {options['prefix']!r}")
            matched.update(revoked_at=timezone.now())
            self.stdout.write(f"Revoked token {options['prefix']}….")
