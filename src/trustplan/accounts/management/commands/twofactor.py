"""`trustplan twofactor`: who must sign in with a second factor, and resetting a lost device."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from trustplan.access import policy
from trustplan.access.policy import Roles
from trustplan.accounts import twofactor


class Command(BaseCommand):
    help = (
        "List who must sign in with a second factor and whether they have enrolled, or reset a "
        "user's authenticator app and recovery codes so that they enrol again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("status", help="Users who need a second factor, and whether they enrolled.")
        reset = sub.add_parser("reset", help="Remove a user's app and recovery codes.")
        reset.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        if options["action"] == "status":
            for user in users:
                if policy.requires_second_factor(Roles.of(user), is_staff=user.is_staff):
                    state = "enrolled" if twofactor.is_enrolled(user) else "not enrolled yet"
                    self.stdout.write(f"{user.get_username()}\t{state}")
            return
        found = get_user_model().objects.filter(username=options["username"]).first()
        if found is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        if twofactor.reset(found):
            self.stdout.write(
                f"Reset {found.get_username()}'s two-factor sign-in: they set up an app again "
                "when they next sign in."
            )
        else:
            self.stdout.write(f"{found.get_username()} had no authenticator app to reset.")
