"""Seal short secrets (TOTP keys) so that a copy of the database alone does not reveal them.

The server must read a TOTP key back to check a code, so it cannot be hashed. It is encrypted
with a key derived from ``SECRET_KEY``, which lives in the environment, not the database:

- a fresh 16-byte nonce per seal;
- HMAC-SHA256 used as a pseudo-random function in counter mode over the nonce gives the key
  stream, XORed with the secret (the construction of NIST SP 800-108's counter mode);
- an HMAC-SHA256 tag over the version, nonce and ciphertext (encrypt-then-MAC), checked in
  constant time before anything is decrypted;
- separate encryption and authentication keys, each derived from ``SECRET_KEY`` with its own
  label.

Only the standard library is used (the project carries no cryptography package). Keys in
``SECRET_KEY_FALLBACKS`` still open what they sealed, so the secret key can be rotated; a
secret sealed under a key that is no longer configured cannot be opened, and its owner enrols
again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable

VERSION = b"tp1"
NONCE_BYTES = 16
TAG_BYTES = 32
_BLOCK = hashlib.sha256().digest_size


class SealError(ValueError):
    """The sealed value was altered, or was sealed under a key that is not configured."""


def _derive(master: str, label: bytes) -> bytes:
    return hmac.new(master.encode(), b"trustplan.accounts.sealing:" + label, "sha256").digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (
        hmac.new(key, nonce + counter.to_bytes(4, "big"), "sha256").digest()
        for counter in range((length + _BLOCK - 1) // _BLOCK)
    )
    return b"".join(blocks)[:length]


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


def seal(plaintext: str, master: str) -> str:
    """``plaintext`` encrypted and authenticated under ``master``, as ASCII text."""
    data = plaintext.encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = _xor(data, _keystream(_derive(master, b"encrypt"), nonce, len(data)))
    tag = hmac.new(_derive(master, b"authenticate"), VERSION + nonce + ciphertext, "sha256")
    sealed = base64.urlsafe_b64encode(nonce + ciphertext + tag.digest()).decode()
    return f"{VERSION.decode()}${sealed}"


def unseal(sealed: str, masters: Iterable[str]) -> str:
    """The plaintext of ``sealed``, opened with the first of ``masters`` that sealed it.

    Raises:
        SealError: it was altered, is not a sealed value, or no key given sealed it.
    """
    version, _, body = sealed.partition("$")
    try:
        raw = base64.urlsafe_b64decode(body.encode())
    except ValueError:
        raise SealError("not a sealed value") from None
    if version.encode() != VERSION or len(raw) < NONCE_BYTES + TAG_BYTES:
        raise SealError("not a sealed value")
    nonce, ciphertext, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    for master in masters:
        expected = hmac.new(
            _derive(master, b"authenticate"), VERSION + nonce + ciphertext, "sha256"
        ).digest()
        if hmac.compare_digest(expected, tag):
            keystream = _keystream(_derive(master, b"encrypt"), nonce, len(ciphertext))
            return _xor(ciphertext, keystream).decode()
    raise SealError("the value was altered, or was sealed under a key no longer configured")
