"""NHS numbers and UPNs: the check characters are right, every slip of one digit is caught, and
the city's people carry valid, distinct identifiers from the ranges that cannot be real."""

from __future__ import annotations

import random

from tests.hubcore.synth.conftest import City
from trustplan.hubcore.synth import is_valid_nhs_number, is_valid_upn, upn_check_letter
from trustplan.hubcore.synth.identifiers import draw_nhs_numbers, make_upn, nhs_check_digit


def test_published_example_nhs_numbers() -> None:
    # 943 476 5919 is the worked example of the modulus 11 check. 987 654 4321, the NHS's
    # example of the format, is not valid: its check digit would be 2.
    assert is_valid_nhs_number("9434765919")
    assert not is_valid_nhs_number("9876544321")
    assert is_valid_nhs_number("9876544322")


def test_nhs_check_digit_worked_example() -> None:
    # 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    assert nhs_check_digit("943476591") == 9


def test_a_remainder_of_ten_has_no_check_digit() -> None:
    starts = [f"{n:09d}" for n in range(200)]
    assert any(nhs_check_digit(start) is None for start in starts)
    for start in starts:
        if nhs_check_digit(start) is None:
            assert not any(is_valid_nhs_number(f"{start}{d}") for d in range(10))


def test_every_single_digit_slip_fails_the_nhs_check() -> None:
    for number in draw_nhs_numbers(50, random.Random(3)):
        for position in range(10):
            for digit in "0123456789":
                if digit != number[position]:
                    slipped = number[:position] + digit + number[position + 1 :]
                    assert not is_valid_nhs_number(slipped)


def test_drawn_nhs_numbers_are_distinct_valid_and_from_the_test_range() -> None:
    numbers = draw_nhs_numbers(5000, random.Random(1))
    assert len(set(numbers)) == 5000
    assert all(is_valid_nhs_number(n) and n.startswith("999") for n in numbers)


def test_upn_check_letter_by_hand() -> None:
    # Characters 2-13 of "?999200023001", weighted 2..13:
    # 9*2 + 9*3 + 9*4 + 2*5 + 0*6 + 0*7 + 0*8 + 2*9 + 3*10 + 0*11 + 0*12 + 1*13 = 152;
    # 152 mod 23 = 14, the fifteenth letter of ABCDEFGHJKLMNPQRTUVWXYZ: Q.
    assert upn_check_letter("999200023001") == "Q"
    assert make_upn(2000, 2023, 1) == "Q999200023001"


def test_every_single_digit_slip_fails_the_upn_check() -> None:
    upn = make_upn(2047, 2016, 123)
    assert is_valid_upn(upn)
    for position in range(1, 13):
        for digit in "0123456789":
            if digit != upn[position]:
                assert not is_valid_upn(upn[:position] + digit + upn[position + 1 :])


def test_people_carry_valid_distinct_identifiers(city: City) -> None:
    people = city.population.people
    numbers = [person.nhs_number for person in people]
    assert all(is_valid_nhs_number(number) for number in numbers)
    assert len(set(numbers)) == len(people)
    upns = [person.upn for person in people if person.upn]
    assert all(is_valid_upn(upn) and upn[1:4] == "999" for upn in upns)
    assert len(set(upns)) == len(upns)
    # Every child on a school roll in the window has one; adults long out of school do not.
    pupils = [p for p in people if any(p.in_school(t) for t in city.population.window.terms)]
    assert pupils
    assert all(p.upn for p in pupils)
    assert all(not p.upn for p in people if p.age_on(city.population.window.end) > 21)
    uprns = {address.uprn for h in city.population.households for address in h.addresses}
    assert len(uprns) == sum(len(h.addresses) for h in city.population.households)
    assert all(1 <= len(uprn) <= 12 and uprn.isdigit() for uprn in uprns)
