"""Two-factor authentication: TOTP (RFC 6238, through pyotp) and single-use recovery codes.

A user enrols by adding a new key to an authenticator app (from a QR code, or typing the key)
and entering a code from it; only then is the device confirmed and ten recovery codes made.
The key is shown during enrolment and never again. Codes are six digits for a 30-second step;
one step either side of the server's clock is accepted for drift, and no step's code is
accepted twice. Recovery codes are 16 characters of Crockford's base32 (80 random bits) and are
kept only as SHA-256 hashes: at that length a hash cannot be reversed by guessing.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal

import pyotp
import qrcode  # type: ignore[import-untyped]
import qrcode.image.svg  # type: ignore[import-untyped]
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trustplan.accounts import throttling
from trustplan.accounts.models import RecoveryCode, TotpDevice
from trustplan.accounts.sealing import SealError
from trustplan.accounts.throttling import Refusal

logger = logging.getLogger(__name__)

DIGITS = 6
STEP_SECONDS = 30
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32: no i, l, o, u
RECOVERY_LENGTH = 16
SVG_NS = "http://www.w3.org/2000/svg"
QR_TITLE = "QR code of your new two-factor key, to scan with your authenticator app"

CodeKind = Literal["app", "recovery"]


@dataclass(frozen=True)
class Verified:
    """A code was accepted: which kind, and how many recovery codes are left unused."""

    kind: CodeKind
    recovery_codes_left: int


def confirmed_device(user: AbstractBaseUser) -> TotpDevice | None:
    return TotpDevice.objects.filter(user_id=user.pk, confirmed_at__isnull=False).first()


def is_enrolled(user: AbstractBaseUser) -> bool:
    return confirmed_device(user) is not None


def start_enrolment(user: AbstractBaseUser) -> TotpDevice:
    """The user's unconfirmed device, made now with a new key if they have none yet.

    The key stays the same until enrolment is finished, so reloading the page does not
    invalidate an app that has already scanned it.

    Raises:
        ValueError: the user has already enrolled (their key is never shown again).
    """
    device = TotpDevice.objects.filter(user_id=user.pk).first()
    if device is not None and device.confirmed_at is not None:
        raise ValueError(f"{user} has already enrolled an authenticator app")
    if device is None:
        device = TotpDevice(user_id=user.pk)
        device.key = pyotp.random_base32()
        device.save()
    return device


def provisioning_uri(device: TotpDevice, username: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    totp = pyotp.TOTP(device.key, digits=DIGITS, interval=STEP_SECONDS)
    return totp.provisioning_uri(name=username, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """``uri`` as a QR code in SVG, drawn by qrcode's SVG path factory, to inline in a page.

    It carries its own white quiet zone, a fixed size, and a title that names it as one image.
    """
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, border=4)
    root = ET.fromstring(image.to_string(encoding="unicode"))  # noqa: S314 - qrcode's own output
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": root.attrib["viewBox"],
            "width": "200",
            "height": "200",
            "role": "img",
            "aria-labelledby": "two-factor-qr-title",
        },
    )
    title = ET.SubElement(svg, "title", {"id": "two-factor-qr-title"})
    title.text = QR_TITLE
    for child in root:
        tag = child.tag.split("}", 1)[-1]
        attributes = {name: value for name, value in child.attrib.items() if name != "id"}
        ET.SubElement(svg, tag, attributes)
    return ET.tostring(svg, encoding="unicode")


def grouped(key: str) -> str:
    """A base32 key in groups of four, as authenticator apps accept it typed."""
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def parse_code(text: str) -> tuple[CodeKind, str] | None:
    """What was typed, as an app code or a normalised recovery code; ``None`` if neither.

    Spaces and hyphens are ignored; in a recovery code O reads as 0 and I or L as 1.
    """
    compact = re.sub(r"[\s-]", "", text).lower()
    if re.fullmatch(rf"\d{{{DIGITS}}}", compact):
        return "app", compact
    recovery = compact.translate(str.maketrans("oil", "011"))
    if len(recovery) == RECOVERY_LENGTH and all(c in RECOVERY_ALPHABET for c in recovery):
        return "recovery", recovery
    return None


def _matching_step(device: TotpDevice, code: str, at: dt.datetime) -> int | None:
    try:
        key = device.key
    except SealError:
        logger.error(
            "The two-factor key of user %s cannot be opened: the secret key changed without "
            "keeping the old one in SECRET_KEY_FALLBACKS. Reset it: trustplan twofactor reset",
            device.user_id,
        )
        return None
    totp = pyotp.TOTP(key, digits=DIGITS, interval=STEP_SECONDS)
    current = totp.timecode(at)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if device.last_step is not None and step <= device.last_step:
            continue  # already used, or older than a code already used
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _use_step(device: TotpDevice, step: int, at: dt.datetime) -> bool:
    """Record ``step`` as used, unless it (or a later one) was used meanwhile."""
    fresh = Q(last_step__isnull=True) | Q(last_step__lt=step)
    used = TotpDevice.objects.filter(fresh, pk=device.pk).update(last_step=step, last_used_at=at)
    return used == 1


def _app_code_accepted(device: TotpDevice, code: str) -> bool:
    now = timezone.now()
    step = _matching_step(device, code, now)
    return step is not None and _use_step(device, step, now)


def confirm_enrolment(device: TotpDevice, text: str) -> list[str] | None:
    """Confirm ``device`` if ``text`` is a current code from it; return ten new recovery codes.

    ``None`` if the code is not right (or not a code at all).
    """
    parsed = parse_code(text)
    if parsed is None or parsed[0] != "app":
        return None
    with transaction.atomic():
        if not _app_code_accepted(device, parsed[1]):
            return None
        TotpDevice.objects.filter(pk=device.pk).update(confirmed_at=timezone.now())
        return new_recovery_codes(device.user)


def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Ten new recovery codes for ``user``, replacing any they had; shown once, kept hashed."""
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        RecoveryCode.objects.filter(user_id=user.pk).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user_id=user.pk, sha256=RecoveryCode.digest(code)) for code in codes
        )
    return [shown(code) for code in codes]


def shown(code: str) -> str:
    """A recovery code as it is shown: four groups of four."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return RecoveryCode.objects.filter(user_id=user.pk, used_at__isnull=True).count()


def verify(user: AbstractBaseUser, text: str) -> Verified | None:
    """Accept ``text`` as the user's second factor: a current app code, or an unused recovery
    code (which is then used up). ``None`` if it is neither."""
    device = confirmed_device(user)
    parsed = parse_code(text)
    if device is None or parsed is None:
        return None
    kind, code = parsed
    if kind == "app":
        if not _app_code_accepted(device, code):
            return None
    else:
        used = RecoveryCode.objects.filter(
            user_id=user.pk, sha256=RecoveryCode.digest(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if used != 1:
            return None
    return Verified(kind, recovery_codes_left(user))


def attempt(user: AbstractBaseUser, text: str, address: str | None) -> Verified | Refusal | None:
    """A second-factor attempt under the sign-in throttle, recorded: the refusal if the user
    is locked (or the address throttled), else ``verify``'s answer."""
    username, stage = user.get_username(), throttling.Stage.SECOND_FACTOR
    refusal = throttling.check(username, address, stage)
    if refusal is not None:
        return refusal
    verified = verify(user, text)
    outcome = throttling.Outcome.FAILED if verified is None else throttling.Outcome.SUCCEEDED
    throttling.record(username, address, stage, outcome)
    return verified


def enrol_with_key(user: AbstractBaseUser, key: str) -> TotpDevice:
    """Give ``user`` a confirmed device with a known ``key``, for the demo's made-up accounts,
    whose keys are printed. A device that already has this key is kept as it is, so a code
    used once is still refused after the demo is set up again."""
    device = TotpDevice.objects.filter(user_id=user.pk).first()
    if device is not None and device.confirmed_at is not None and _holds(device, key):
        return device
    device = device or TotpDevice(user_id=user.pk)
    device.key = key
    device.confirmed_at = timezone.now()
    device.last_step = None
    device.save()
    return device


def _holds(device: TotpDevice, key: str) -> bool:
    try:
        return hmac.compare_digest(device.key, key)
    except SealError:
        return False


def reset(user: AbstractBaseUser) -> bool:
    """Remove the user's device and recovery codes, so that they enrol again when they next
    sign in (a lost phone). Whether there was anything to remove."""
    with transaction.atomic():
        removed, _ = TotpDevice.objects.filter(user_id=user.pk).delete()
        RecoveryCode.objects.filter(user_id=user.pk).delete()
    return removed > 0
