"""How actions' ratings roll up: the worst of the parts, each branch with its sentence."""

from __future__ import annotations

import itertools

import pytest

from trustplan.documents.content import Rating
from trustplan.documents.rollup import RULE, Part, Rolled, roll_up

RED, AMBER, GREEN, BLUE, NOT_RATED = (
    Rating.RED,
    Rating.AMBER,
    Rating.GREEN,
    Rating.BLUE,
    Rating.NOT_RATED,
)


def parts(*ratings: Rating) -> list[Part]:
    return [Part(rating) for rating in ratings]


@pytest.mark.parametrize("given", [[], parts(NOT_RATED), parts(NOT_RATED, NOT_RATED)])
def test_nothing_rated_is_not_rated_and_says_so(given):
    assert roll_up(given, "action") == Rolled(NOT_RATED, "Not rated: no action has a rating yet.")


def test_the_not_rated_sentence_uses_the_noun_given():
    assert roll_up([], "objective").explanation == "Not rated: no objective has a rating yet."


def test_everything_complete_is_complete_blue():
    assert roll_up(parts(BLUE, BLUE, BLUE), "action") == Rolled(
        BLUE, "Complete: all 3 actions are complete."
    )


def test_a_single_complete_action_is_described_in_the_singular():
    explanation = roll_up(parts(BLUE), "action").explanation
    assert explanation.startswith("Complete:")
    assert "action are" not in explanation  # not "all 1 action are complete"
    assert "1 action is complete" in explanation


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ((GREEN, GREEN), Rolled(GREEN, "Green because 2 of 2 actions are green.")),
        ((GREEN, AMBER, GREEN), Rolled(AMBER, "Amber because 1 of 3 actions is amber.")),
        ((AMBER, GREEN, AMBER), Rolled(AMBER, "Amber because 2 of 3 actions are amber.")),
        ((GREEN, RED, AMBER), Rolled(RED, "Red because 1 of 3 actions is red.")),
        ((RED, AMBER, RED, GREEN), Rolled(RED, "Red because 2 of 4 actions are red.")),
        ((GREEN,), Rolled(GREEN, "Green because 1 of 1 action is green.")),
    ],
)
def test_the_worst_rating_wins_with_its_count_and_is_or_are(ratings, expected):
    assert roll_up(parts(*ratings), "action") == expected


def test_the_noun_is_made_plural_for_the_total():
    assert roll_up(parts(AMBER, GREEN), "objective").explanation == (
        "Amber because 1 of 2 objectives is amber."
    )


@pytest.mark.parametrize("rating", [GREEN, AMBER, RED, NOT_RATED])
def test_an_overdue_action_counts_as_red_whatever_its_rating(rating):
    rolled = roll_up([Part(rating, overdue=True), Part(GREEN)], "action")
    assert rolled == Rolled(RED, "Red because 1 of 2 actions is red (1 overdue).")


def test_the_overdue_note_counts_only_the_overdue_among_the_red():
    rolled = roll_up(
        [Part(RED, overdue=True), Part(RED), Part(AMBER, overdue=True), Part(GREEN)], "action"
    )
    assert rolled == Rolled(RED, "Red because 3 of 4 actions are red (2 overdue).")


def test_red_without_an_overdue_action_has_no_overdue_note():
    assert "overdue" not in roll_up(parts(RED, GREEN), "action").explanation


def test_complete_parts_count_as_green_when_others_are_open():
    assert roll_up(parts(BLUE, BLUE, GREEN), "action") == Rolled(
        GREEN, "Green because 3 of 3 actions are green."
    )
    assert roll_up(parts(BLUE, AMBER), "action") == Rolled(
        AMBER, "Amber because 1 of 2 actions is amber."
    )


def test_not_rated_parts_are_ignored():
    assert roll_up(parts(NOT_RATED, GREEN, NOT_RATED), "action") == Rolled(
        GREEN, "Green because 1 of 1 action is green."
    )
    assert roll_up(parts(NOT_RATED, AMBER, RED), "action") == Rolled(
        RED, "Red because 1 of 2 actions is red."
    )
    assert roll_up(parts(NOT_RATED, BLUE, BLUE), "action") == Rolled(
        BLUE, "Complete: all 2 actions are complete."
    )


def test_the_explanation_never_repeats_the_rule():
    choices = [Part(r, overdue=o) for r in Rating for o in (False, True)]
    for size in range(4):
        for combination in itertools.product(choices, repeat=size):
            explanation = roll_up(list(combination), "action").explanation
            assert RULE not in explanation
            assert "worst rating of its parts" not in explanation
