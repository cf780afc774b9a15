"""Two-factor devices, recovery codes and the record of sign-in attempts.

No secret is stored as it was shown: a TOTP key is sealed (``trustplan.accounts.sealing``), a
recovery code is kept as its SHA-256 hash, and a sign-in attempt records who tried, from where
and what happened, never the password or code that was typed.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from trustplan.accounts.sealing import seal, unseal


def _keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


class TotpDevice(models.Model):
    """A user's authenticator app (RFC 6238, 30-second steps, 6 digits).

    It is made unconfirmed when enrolment starts, and confirmed when the user proves the app
    holds its key by entering a code from it. ``last_step`` is the last time step whose code
    was accepted: a code is never accepted twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    sealed_key = models.TextField(help_text="The base32 key, sealed with the secret key.")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "two-factor device"

    def __str__(self) -> str:
        state = "confirmed" if self.confirmed_at else "enrolment not finished"
        return f"Authenticator app of {self.user} ({state})"

    @property
    def key(self) -> str:
        return unseal(self.sealed_key, _keys())

    @key.setter
    def key(self, value: str) -> None:
        self.sealed_key = seal(value, settings.SECRET_KEY)


class RecoveryCode(models.Model):
    """A single-use code for signing in without the authenticator app; only its hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sha256"], name="recovery_code_once_per_user")
        ]

    def __str__(self) -> str:
        return f"Recovery code of {self.user} ({'used' if self.used_at else 'unused'})"

    @staticmethod
    def digest(normalised_code: str) -> str:
        return hashlib.sha256(normalised_code.encode()).hexdigest()


class SignInAttempt(models.Model):
    """One try at signing in, kept to throttle guessing and to show who was locked out."""

    class Stage(models.TextChoices):
        PASSWORD = "password", "Password"
        SECOND_FACTOR = "second_factor", "Second factor"

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        REFUSED = "refused", "Refused while locked or throttled"

    username = models.CharField(max_length=150, help_text="As typed, in lower case.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    attempted_at = models.DateTimeField(db_index=True)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)

    class Meta:
        ordering = ["-attempted_at"]
        indexes = [
            models.Index(fields=["username", "attempted_at"], name="attempt_by_username"),
            models.Index(fields=["ip_address", "attempted_at"], name="attempt_by_address"),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address or 'unknown'}: {self.get_outcome_display()}"
