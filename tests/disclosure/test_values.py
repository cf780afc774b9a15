"""Which figures of one stored indicator value may be published (``disclose_value``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplan.disclosure import SMALL, ValueFigures, disclose_value
from trustplan.disclosure.values import whole
from trustplan.vocabulary import ValueType

SHOWN = ValueFigures(value=True, numerator=True, denominator=True)


@pytest.mark.parametrize(
    ("count", "shown"), [(0, True), (1, False), (2, False), (4, False), (5, True), (1200, True)]
)
def test_a_count_of_1_to_4_is_withheld_and_zero_is_shown(count: int, shown: bool) -> None:
    figures = disclose_value(ValueType.COUNT, value=count)
    assert figures.value is shown
    assert figures.withheld is not shown


def test_a_count_that_is_not_whole_is_rounded_and_never_to_nothing() -> None:
    assert (whole(0.4), whole(2.5), whole(4.49), whole(4.5), whole(0)) == (1, 3, 4, 5, 0)
    assert disclose_value(ValueType.COUNT, value=0.4).withheld
    assert not disclose_value(ValueType.COUNT, value=4.5).withheld


def test_a_percentage_is_withheld_with_a_small_numerator() -> None:
    figures = disclose_value(
        ValueType.PROPORTION, value=1.2, numerator=3, denominator=250, multiplier=100
    )
    assert figures == ValueFigures(value=False, numerator=False, denominator=True)


def test_a_percentage_is_withheld_when_those_without_are_few() -> None:
    """396 of 400 tells a reader that 4 did not: the complement is protected, and the numerator
    covers it (a cell before the total)."""
    figures = disclose_value(
        ValueType.PROPORTION, value=99.0, numerator=396, denominator=400, multiplier=100
    )
    assert figures == ValueFigures(value=False, numerator=False, denominator=True)


def test_a_percentage_of_a_small_group_is_withheld_even_at_zero() -> None:
    figures = disclose_value(
        ValueType.PROPORTION, value=0.0, numerator=0, denominator=3, multiplier=100
    )
    assert figures == ValueFigures(value=False, numerator=True, denominator=False)


def test_a_numerator_a_reader_can_work_out_is_protected_too() -> None:
    """0.75% of 400 is 3: stored without its numerator, the value still gives it away."""
    figures = disclose_value(ValueType.PROPORTION, value=0.75, denominator=400, multiplier=100)
    assert not figures.value
    assert figures.numerator  # nothing stored to withhold
    rate = disclose_value(ValueType.RATE, value=16.8, denominator=17_900, multiplier=100_000)
    assert not rate.value


def test_a_rate_is_withheld_with_its_count_of_events() -> None:
    small = disclose_value(
        ValueType.RATE, value=16.8, numerator=3, denominator=17_900, multiplier=100_000
    )
    assert small == ValueFigures(value=False, numerator=False, denominator=True)
    large = disclose_value(
        ValueType.RATE, value=290.5, numerator=52, denominator=17_900, multiplier=100_000
    )
    assert large == SHOWN


def test_what_counts_nobody_is_never_withheld() -> None:
    assert disclose_value(ValueType.SCORE, value=3) == SHOWN
    assert disclose_value(ValueType.MEAN, value=3.5, denominator=40) == SHOWN
    assert disclose_value(ValueType.RATIO, value=2.0, numerator=40, denominator=2.1) == SHOWN
    assert disclose_value(ValueType.PROPORTION, value=None) == SHOWN


def test_a_mean_of_a_few_people_is_withheld() -> None:
    assert disclose_value(ValueType.MEAN, value=41.5, denominator=3).withheld


def test_an_indicator_with_no_value_type_has_its_counts_protected() -> None:
    assert disclose_value(None, value=3) == SHOWN  # the value could be anything
    assert disclose_value(None, value=0.2, numerator=2, denominator=1000).withheld


@given(
    numerator=st.integers(min_value=0, max_value=500),
    extra=st.integers(min_value=0, max_value=500),
)
def test_no_shown_percentage_lets_a_small_count_be_worked_out(numerator: int, extra: int) -> None:
    """Whatever the counts, a shown percentage has a numerator, complement and denominator that
    are each 0 or at least 5."""
    denominator = numerator + extra
    figures = disclose_value(
        ValueType.PROPORTION,
        value=None if denominator == 0 else 100 * numerator / denominator,
        numerator=numerator,
        denominator=denominator,
        multiplier=100,
    )
    if figures.value:
        assert numerator not in SMALL
        assert extra not in SMALL
        assert denominator not in SMALL
