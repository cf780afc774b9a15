"""The plain-English pieces of explanations."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from trustplan.hubcore.rules import wording


def test_numbers_under_ten_are_words() -> None:
    assert [wording.number(n) for n in (1, 2, 9, 10, 42)] == ["one", "two", "nine", "10", "42"]


def test_dates_share_a_year_or_become_a_span() -> None:
    may, july = date(2023, 5, 12), date(2023, 7, 3)
    assert wording.dates([july, may, may]) == "12 May and 3 July 2023"
    assert wording.dates([may]) == "12 May 2023"
    assert wording.dates([may, date(2024, 1, 3)]) == "12 May 2023 and 3 January 2024"
    three = [date(2023, 1, 1), date(2023, 2, 1), date(2023, 3, 1)]
    assert wording.dates(three) == "1 January, 1 February and 1 March 2023"
    many = [date(2023, m, 1) for m in range(1, 8)]
    assert wording.dates(many) == "from 1 January 2023 to 1 July 2023"
    assert wording.dates([]) == ""


def test_percentages() -> None:
    assert wording.percent(Fraction(97)) == "97%"
    assert wording.percent(Fraction(1931, 20)) == "96.5%"
    assert wording.percent(Fraction(100 * 106, 116)) == "91.4%"


def test_people() -> None:
    assert wording.plural(1, "child") == "one child"
    assert wording.plural(3, "child") == "three children"
    assert wording.plural(2, "adult") == "two adults"
    assert wording.article("adult") == "an adult"
    assert wording.article("sibling") == "a sibling"
