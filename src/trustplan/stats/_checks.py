"""Argument checks shared by the statistics modules; each ValueError names the argument."""

from __future__ import annotations

import math
from collections.abc import Sized


def require_confidence(confidence: float) -> float:
    """Return ``confidence`` if it is a level strictly between 0 and 1 (0.95, not 95)."""
    if not 0 < confidence < 1:
        raise ValueError(
            f"confidence must be a level between 0 and 1 such as 0.95 or 0.998; got {confidence!r}"
        )
    return confidence


def require_non_negative(name: str, value: float) -> float:
    """Return ``value`` if it is a finite number of at least zero."""
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number of at least 0; got {value!r}")
    return value


def require_positive(name: str, value: float) -> float:
    """Return ``value`` if it is a finite number greater than zero."""
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number greater than 0; got {value!r}")
    return value


def require_proportion(numerator: float, denominator: float) -> None:
    """Check a proportion's inputs: 0 ≤ numerator ≤ denominator and denominator > 0."""
    require_non_negative("numerator", numerator)
    require_positive("denominator", denominator)
    if numerator > denominator:
        raise ValueError(
            f"numerator ({numerator!r}) must not exceed denominator ({denominator!r}) "
            "for a proportion"
        )


def require_same_length(**sequences: Sized) -> int:
    """Return the common length of the named sequences, or raise naming the lengths."""
    lengths = {name: len(seq) for name, seq in sequences.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {length}" for name, length in lengths.items())
        raise ValueError(f"the sequences must have the same length: {described}")
    return next(iter(lengths.values()), 0)
