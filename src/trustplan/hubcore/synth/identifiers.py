"""The identifiers a synthetic person carries: NHS numbers, Unique Pupil Numbers and UPRNs.

The check characters are computed here, not borrowed from a library, so that the city's
identifiers are valid exactly as an agency's system would check them, and a wrong digit is caught
exactly as it would be.

Every NHS number is drawn from the range 999 000 0000 to 999 999 9999, which the NHS reserves for
testing and never issues to a patient: a synthetic number cannot be anyone's real one. That range
holds about 909,000 valid numbers, which bounds the size of a city (``MAX_PEOPLE``). UPNs carry
the local authority number 999, which no English authority has, and UPRNs start 99.
"""

from __future__ import annotations

import random
from typing import Final

NHS_TEST_PREFIX: Final = "999"
MAX_PEOPLE: Final = 800_000
"""Fewer than the valid numbers in the NHS test range, so drawing distinct ones stays quick."""

UPN_LETTERS: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"
"""The DfE's 23 check letters: the alphabet without I, O and S."""
UPN_LA_CODE: Final = "999"


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit for the first nine digits; None when the remainder makes 10,
    which means no valid NHS number starts with these digits."""
    total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(value: str) -> bool:
    """Ten digits whose last is the modulus 11 check digit of the other nine."""
    if len(value) != 10 or not value.isdigit():
        return False
    return nhs_check_digit(value[:9]) == int(value[9])


def draw_nhs_numbers(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct valid NHS numbers from the test range, in random order."""
    if count > MAX_PEOPLE:
        raise ValueError(f"at most {MAX_PEOPLE} distinct test-range NHS numbers can be drawn")
    # About one nine-digit start in eleven has no valid check digit, so draw a margin.
    wanted = min(10**6, count + count // 8 + 100)
    numbers: list[str] = []
    for serial in rng.sample(range(10**6), wanted):
        first_nine = f"{NHS_TEST_PREFIX}{serial:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            numbers.append(f"{first_nine}{check}")
            if len(numbers) == count:
                break
    return numbers


def upn_check_letter(last_twelve: str) -> str:
    """The DfE check letter for characters 2 to 13 of a UPN (weights 2 to 13, modulo 23)."""
    total = sum(int(char) * weight for weight, char in enumerate(last_twelve, start=2))
    return UPN_LETTERS[total % 23]


def is_valid_upn(value: str) -> bool:
    """A permanent UPN: a check letter then twelve digits, the letter matching the digits."""
    if len(value) != 13 or not value[1:].isdigit():
        return False
    return value[0] == upn_check_letter(value[1:])


def make_upn(establishment: int, year_allocated: int, serial: int) -> str:
    """A permanent UPN: check letter, LA number, DfE establishment number, the last two digits of
    the year of allocation and a three-digit serial within that school and year."""
    body = f"{UPN_LA_CODE}{establishment:04d}{year_allocated % 100:02d}{serial:03d}"
    return upn_check_letter(body) + body


def make_uprn(serial: int) -> str:
    """A twelve-digit UPRN, unique for each serial (below ten thousand million)."""
    return f"99{serial:010d}"
