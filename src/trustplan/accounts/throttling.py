"""Throttling and lock-out of sign-in attempts (docs/security.md).

- A username is locked for ``TRUSTPLAN_LOCKOUT_MINUTES`` (15) once it has had
  ``TRUSTPLAN_SIGN_IN_FAILURES`` (5) failed attempts within that many minutes. Wrong passwords
  and wrong second-factor codes both count, and a success in between does not wipe them out,
  so a stolen password does not buy unlimited guesses at the code.
- An address is refused once ``TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES`` (20) attempts from it have
  failed within the same number of minutes, whatever the usernames.
- Attempts made while refused are recorded as refused and do not extend the lock.

The lock is kept for any username typed, whether or not an account has it, and its message is
the same either way: it does not tell anyone which usernames exist.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from trustplan.accounts.models import SignInAttempt

Outcome = SignInAttempt.Outcome
Stage = SignInAttempt.Stage
RETENTION = dt.timedelta(days=90)  # attempts older than this are deleted


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused now, and until when."""

    message: str
    until: dt.datetime


def normalise(username: str) -> str:
    return username.strip().lower()[:150]


def client_address(request: HttpRequest | None) -> str | None:
    """The address the request came from: ``REMOTE_ADDR``, or, behind
    ``TRUSTPLAN_TRUSTED_PROXIES`` proxies, the address the outermost of them saw in
    ``X-Forwarded-For`` (entries further left were written by the client and prove nothing)."""
    if request is None:
        return None
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTPLAN_TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.TRUSTPLAN_LOCKOUT_MINUTES)


def _failures(since: dt.datetime, **who: object) -> list[dt.datetime]:
    return list(
        SignInAttempt.objects.filter(outcome=Outcome.FAILED, attempted_at__gt=since, **who)
        .order_by("attempted_at")
        .values_list("attempted_at", flat=True)
    )


def _lock_ends(times: Sequence[dt.datetime], limit: int, window: dt.timedelta) -> dt.datetime:
    """When the lock set by ``limit`` failures within ``window`` ends (the epoch if none)."""
    ends = [
        times[last] + window
        for last in range(limit - 1, len(times))
        if times[last] - times[last - limit + 1] <= window
    ]
    return max(ends, default=dt.datetime.min.replace(tzinfo=dt.UTC))


def _minutes(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def refusal(username: str, address: str | None, now: dt.datetime | None = None) -> Refusal | None:
    """Why a sign-in as ``username`` from ``address`` must be refused now, if it must."""
    now = now or timezone.now()
    window = _window()
    times = _failures(now - 2 * window, username=normalise(username))
    until = _lock_ends(times, settings.TRUSTPLAN_SIGN_IN_FAILURES, window)
    if until > now:
        return Refusal(
            "There have been too many failed attempts to sign in with this username. "
            f"Try again in {_minutes(until, now)}.",
            until,
        )
    if address is not None:
        limit = settings.TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES
        recent = _failures(now - window, ip_address=address)
        if len(recent) >= limit:
            until = recent[len(recent) - limit] + window
            return Refusal(
                "There have been too many failed attempts to sign in from your network. "
                f"Try again in {_minutes(until, now)}.",
                until,
            )
    return None


def record(username: str, address: str | None, stage: str, outcome: str) -> SignInAttempt:
    """Keep one attempt (never what was typed as the password or code)."""
    now = timezone.now()
    if outcome == Outcome.SUCCEEDED:
        SignInAttempt.objects.filter(attempted_at__lt=now - RETENTION).delete()
    return SignInAttempt.objects.create(
        username=normalise(username),
        ip_address=address,
        attempted_at=now,
        stage=stage,
        outcome=outcome,
    )


def check(username: str, address: str | None, stage: str) -> Refusal | None:
    """The refusal for this attempt, recorded as refused; ``None`` if it may go ahead."""
    found = refusal(username, address)
    if found is not None:
        record(username, address, stage, Outcome.REFUSED)
    return found
