"""RAG against a target with a tolerance band, and the confidence RAG from a probability."""

from __future__ import annotations

import math

import pytest

from trustplan.stats.rag import (
    NO_TOLERANCE,
    Rag,
    Tolerance,
    ToleranceKind,
    confidence_rag,
    rag_against_target,
)
from trustplan.vocabulary import Polarity

HIGH = Polarity.HIGH_IS_GOOD
LOW = Polarity.LOW_IS_GOOD
FIVE = Tolerance(5.0)


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        (100.0, HIGH, Rag.GREEN),  # on the target
        (120.0, HIGH, Rag.GREEN),
        (97.0, HIGH, Rag.AMBER),
        (95.0, HIGH, Rag.AMBER),  # on the edge of the band
        (94.9, HIGH, Rag.RED),
        (100.0, LOW, Rag.GREEN),
        (80.0, LOW, Rag.GREEN),
        (105.0, LOW, Rag.AMBER),
        (105.1, LOW, Rag.RED),
    ],
)
def test_rag_against_target_with_an_absolute_band(
    value: float, polarity: Polarity, expected: Rag
) -> None:
    assert rag_against_target(value, 100.0, polarity, FIVE) is expected


def test_a_relative_band_is_a_fraction_of_the_target() -> None:
    five_percent = Tolerance(0.05, ToleranceKind.RELATIVE)
    assert five_percent.width(200.0) == pytest.approx(10.0)
    assert five_percent.width(-200.0) == pytest.approx(10.0)
    assert rag_against_target(190.0, 200.0, HIGH, five_percent) is Rag.AMBER
    assert rag_against_target(189.0, 200.0, HIGH, five_percent) is Rag.RED
    assert rag_against_target(209.0, 200.0, LOW, five_percent) is Rag.AMBER


def test_without_a_band_a_value_is_green_or_red() -> None:
    assert rag_against_target(99.99, 100.0, HIGH) is Rag.RED
    assert rag_against_target(100.0, 100.0, HIGH, NO_TOLERANCE) is Rag.GREEN


@pytest.mark.parametrize(
    ("value", "target", "polarity"),
    [(None, 100.0, HIGH), (90.0, None, LOW), (90.0, 100.0, Polarity.NO_JUDGEMENT)],
)
def test_missing_value_or_target_or_judgement_is_not_rated(
    value: float | None, target: float | None, polarity: Polarity
) -> None:
    assert rag_against_target(value, target, polarity, FIVE) is Rag.NOT_RATED


def test_bad_tolerance_and_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="Tolerance amount"):
        Tolerance(-1.0)
    with pytest.raises(ValueError, match="value"):
        rag_against_target(math.nan, 100.0, HIGH)
    with pytest.raises(ValueError, match="target"):
        rag_against_target(1.0, math.inf, HIGH)


@pytest.mark.parametrize(
    ("probability", "expected"),
    [
        (1.0, Rag.GREEN),
        (0.66, Rag.GREEN),
        (0.659, Rag.AMBER),
        (0.5, Rag.AMBER),
        (0.331, Rag.AMBER),
        (0.33, Rag.RED),
        (0.0, Rag.RED),
        (None, Rag.NOT_RATED),
    ],
)
def test_confidence_rag_uses_the_likelihood_bands(probability: float | None, expected: Rag) -> None:
    assert confidence_rag(probability) is expected


def test_confidence_rag_bands_can_be_chosen() -> None:
    assert confidence_rag(0.7, likely=0.8, unlikely=0.2) is Rag.AMBER
    assert confidence_rag(0.85, likely=0.8, unlikely=0.2) is Rag.GREEN


@pytest.mark.parametrize(
    ("probability", "likely", "unlikely", "message"),
    [
        (1.2, 0.66, 0.33, "probability"),
        (-0.1, 0.66, 0.33, "probability"),
        (0.5, 0.3, 0.6, "likelihood bands"),
        (0.5, 1.5, 0.3, "likelihood bands"),
    ],
)
def test_confidence_rag_rejects_bad_input(
    probability: float, likely: float, unlikely: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        confidence_rag(probability, likely=likely, unlikely=unlikely)


@pytest.mark.parametrize("member", [*Rag, *ToleranceKind], ids=lambda m: m.name)
def test_every_rating_has_a_description(member: Rag | ToleranceKind) -> None:
    assert member.description.strip()
