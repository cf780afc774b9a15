"""Who is acting, for an audit entry written where the code does not know.

A change made through a page (a role given in Django admin, say) is the signed-in user's: the
request is found where django-simple-history's middleware keeps it for the length of the
request. A change made with no request is a command run on the server, named as
``command line (ACCOUNT)`` by the operating-system account that ran it, so an entry is never
anonymous; a request with nobody signed in is named by nobody (``""``).
"""

from __future__ import annotations

import getpass

from django.contrib.auth.models import AbstractBaseUser
from simple_history.models import HistoricalRecords

COMMAND_LINE = "command line ({})"


def _request_user() -> tuple[bool, AbstractBaseUser | None]:
    """Whether a request is being served, and its signed-in user if there is one."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return False, None
    user = getattr(request, "user", None)
    return True, user if user is not None and user.is_authenticated else None


def current_user() -> AbstractBaseUser | None:
    """The signed-in user of the request being served, if any."""
    return _request_user()[1]


def command_line_account() -> str:
    """The operating-system account running this command, as the audit log names it."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):  # no login name and no password-file entry (some containers)
        account = "unknown account"
    return COMMAND_LINE.format(account)


def unnamed_actor() -> str:
    """The name for an entry with no signed-in user: nobody on a page, or the command's
    account when no request is being served."""
    serving, _ = _request_user()
    return "" if serving else command_line_account()
