"""The shared vocabulary: every member has its words, and equal values in two vocabularies keep
their own."""

from __future__ import annotations

import pytest

from trustplan import vocabulary
from trustplan.vocabulary import ComparisonMethod, Labelled, ToleranceKind, ValueType, choices

VOCABULARIES = [
    v
    for v in vars(vocabulary).values()
    if isinstance(v, type) and issubclass(v, Labelled) and v is not Labelled
]


@pytest.mark.parametrize("vocabulary_class", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_member_has_words_to_show(vocabulary_class: type[Labelled]) -> None:
    for member in vocabulary_class:
        assert member.label.strip(), member


def test_members_with_the_same_value_keep_their_own_words() -> None:
    assert ComparisonMethod.NONE == ToleranceKind.NONE  # both are the string "none"
    assert ComparisonMethod.NONE.label == "Not compared"
    assert ToleranceKind.NONE.label == "None"


def test_database_choices_are_value_and_words_in_order() -> None:
    assert choices(ValueType)[:2] == [
        ("proportion", "Proportion (numerator of denominator; Wilson interval)"),
        ("rate", "Rate (events per population; Byar's or exact Poisson interval)"),
    ]
