"""Sealing TOTP keys: a database copy alone does not reveal them, and tampering is detected."""

from __future__ import annotations

import pytest

from trustplan.accounts.sealing import SealError, seal, unseal

KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MASTER = "m" * 50


def test_a_sealed_key_opens_again_with_the_same_secret_key() -> None:
    sealed = seal(KEY, MASTER)
    assert unseal(sealed, [MASTER]) == KEY


def test_the_sealed_text_does_not_contain_the_key_and_differs_each_time() -> None:
    first, second = seal(KEY, MASTER), seal(KEY, MASTER)
    assert KEY not in first
    assert KEY.lower() not in first.lower()
    assert first != second
    assert first.startswith("tp1$")


def test_another_secret_key_cannot_open_it() -> None:
    with pytest.raises(SealError, match="altered, or was sealed under a key no longer"):
        unseal(seal(KEY, MASTER), ["another-" + MASTER])


def test_an_old_secret_key_kept_as_a_fallback_still_opens_it() -> None:
    sealed = seal(KEY, "old-" + MASTER)
    assert unseal(sealed, ["new-" + MASTER, "old-" + MASTER]) == KEY


@pytest.mark.parametrize("position", [5, 20, 40, 100])
def test_any_altered_character_is_detected(position: int) -> None:
    """In the nonce, the ciphertext or the tag."""
    sealed = seal(KEY, MASTER)
    changed = "A" if sealed[position] != "A" else "B"
    altered = sealed[:position] + changed + sealed[position + 1 :]
    with pytest.raises(SealError):
        unseal(altered, [MASTER])


@pytest.mark.parametrize("text", ["", "plain", "tp1$", "tp2$" + "A" * 80, "tp1$!!!"])
def test_text_that_was_never_sealed_is_refused(text: str) -> None:
    with pytest.raises(SealError):
        unseal(text, [MASTER])
