"""The value checks: NHS numbers, UPNs, postcodes, names and dates, against their standards."""

from __future__ import annotations

import random
from datetime import date

import pytest

from trustplan.hubcore.checks import (
    display_name,
    nhs_check_digit,
    nhs_number_problem,
    nhs_number_valid,
    normalise_name,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    parse_date,
    postcode_sector,
    upn_check_letter,
    upn_problem,
    upn_valid,
)

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# NHS numbers -----------------------------------------------------------------------------------


def test_the_check_digit_worked_by_hand() -> None:
    # 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299 = 27×11 + 2; 11 − 2 = 9.
    assert nhs_check_digit("943476591") == 9
    # 2×10 + 1×2 = 22 = 2×11 + 0; 11 − 0 = 11, which makes the check digit 0.
    assert nhs_check_digit("200000001") == 0
    # 1×10 = 10 = 0×11 + 10; 11 − 10 = 1.
    assert nhs_check_digit("100000000") == 1
    # 1×2 = 2; 11 − 2 = 9.
    assert nhs_check_digit("000000001") == 9
    # 1×9 = 9 = 0×11 + 9; 11 − 9 = 2.
    assert nhs_check_digit("010000000") == 2
    # 1×10 + 1×2 = 12 = 11 + 1; 11 − 1 = 10: no NHS number starts with these nine digits.
    assert nhs_check_digit("100000001") is None


@pytest.mark.parametrize(
    "text", ["9434765919", "943 476 5919", "943-476-5919", " 9434765919 ", "2000000010"]
)
def test_valid_nhs_numbers_with_or_without_spaces_and_hyphens(text: str) -> None:
    assert nhs_number_valid(text)
    assert nhs_number_problem(text) is None


def test_a_valid_nhs_number_normalises_to_ten_digits() -> None:
    assert normalise_nhs_number("943 476 5919") == "9434765919"
    assert normalise_nhs_number("943-476-5919") == "9434765919"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("9434765918", "fails its check digit"),
        ("1000000010", "fails its check digit"),  # its nine digits give 10: no check digit fits
        ("943476591", "is not 10 digits"),
        ("94347659190", "is not 10 digits"),
        ("943476591X", "is not 10 digits"),
        ("９４３４７６５９１９", "is not 10 digits"),  # full-width digits are not ASCII digits
        ("", "is not 10 digits"),
        ("4444444444", "is one digit repeated, which systems use as a placeholder"),
        ("0000000000", "is one digit repeated, which systems use as a placeholder"),
    ],
)
def test_invalid_nhs_numbers_say_why_without_repeating_the_number(text: str, problem: str) -> None:
    assert nhs_number_problem(text) == problem
    assert not nhs_number_valid(text)
    assert normalise_nhs_number(text) is None


def test_every_repeated_digit_passes_modulus_11_which_is_why_they_are_refused() -> None:
    for digit in "0123456789":
        assert nhs_check_digit(digit * 9) == int(digit)
        assert not nhs_number_valid(digit * 10)


def test_a_single_wrong_digit_is_always_caught() -> None:
    rng = random.Random(11)
    for _ in range(200):
        nine = "".join(rng.choice("0123456789") for _ in range(9))
        check = nhs_check_digit(nine)
        if check is None:
            continue
        number = f"{nine}{check}"
        if len(set(number)) == 1:
            continue
        for place in range(10):
            for digit in "0123456789":
                changed = number[:place] + digit + number[place + 1 :]
                if changed != number:
                    assert not nhs_number_valid(changed), (place, digit)


# Unique Pupil Numbers --------------------------------------------------------------------------


def test_the_upn_check_letter_worked_by_hand() -> None:
    # B801200005001: 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 0×9 + 5×10 + 0×11 + 0×12 + 1×13
    # = 93 = 4×23 + 1, and 1 is B.
    assert upn_check_letter("801200005001") == "B"
    assert upn_valid("B801200005001")
    # A temporary UPN ends in a letter, counted by the same table (A is 0, B is 1):
    # 8×2 + 1×4 + 2×5 + 5×10 + 0×13 = 80 = 3×23 + 11, and 11 is M;
    assert upn_check_letter("80120000500A") == "M"
    assert upn_valid("M80120000500A")
    # with B (1) it is 80 + 13 = 93 = 4×23 + 1, B.
    assert upn_valid("B80120000500B")


def test_a_widely_copied_worked_example_is_wrong_and_the_algorithm_says_so() -> None:
    # School-software help pages fix "B207000016049" to "Q207000016049", but their own sum is
    # 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 266 = 11×23 + 13, and 13 is P (I, O and S are
    # skipped: … M 11, N 12, P 13, Q 14).
    assert upn_check_letter("207000016049") == "P"
    assert upn_valid("P207000016049")
    assert upn_problem("Q207000016049") == "fails its check letter"


def test_upns_built_by_the_algorithm_are_valid_and_any_other_check_letter_is_not() -> None:
    rng = random.Random(23)
    for _ in range(200):
        body = "".join(rng.choice("0123456789") for _ in range(11))
        body += rng.choice("0123456789" + UPN_LETTERS)
        upn = upn_check_letter(body) + body
        assert upn_valid(upn)
        for letter in UPN_LETTERS.replace(upn[0], ""):
            assert upn_problem(letter + body) == "fails its check letter"


def test_a_single_wrong_digit_in_a_upn_is_always_caught() -> None:
    # The weights 2 to 13 are all below the prime 23, so no change of one digit keeps the sum.
    rng = random.Random(5)
    for _ in range(50):
        body = "".join(rng.choice("0123456789") for _ in range(12))
        upn = upn_check_letter(body) + body
        for place in range(1, 13):
            for digit in "0123456789":
                changed = upn[:place] + digit + upn[place + 1 :]
                if changed != upn:
                    assert not upn_valid(changed)


def test_a_upn_may_have_spaces_and_lower_case() -> None:
    assert upn_valid("b801 2000 05001")
    assert normalise_upn(" b801 2000 05001 ") == "B801200005001"


@pytest.mark.parametrize(
    "text",
    [
        "B80120000500",  # 12 characters
        "B8012000050011",  # 14
        "8801200005001",  # no check letter
        "I801200005001",  # I, O and S are never check letters
        "O801200005001",
        "B80120000A001",  # a letter where a digit must be
        "B80120000500I",  # nor the last letter of a temporary UPN
        "B80120000500S",
        "",
    ],
)
def test_upns_of_the_wrong_shape(text: str) -> None:
    assert upn_problem(text) == "is not a check letter followed by 11 digits and a digit or letter"
    assert normalise_upn(text) is None


# Postcodes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("PO1 2AB", "PO1 2AB"),
        ("po12ab", "PO1 2AB"),
        ("  po1   2ab ", "PO1 2AB"),
        ("M1 1AE", "M1 1AE"),
        ("B338TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("W1A 0AX", "W1A 0AX"),
        ("ec1a1bb", "EC1A 1BB"),
        ("SW1A-1AA", "SW1A 1AA"),
        ("gir0aa", "GIR 0AA"),
        ("ZZ99 3VZ", "ZZ99 3VZ"),  # the NHS's pseudo postcode for no fixed abode
        ("BF1 4FB", "BF1 4FB"),  # a British Forces postcode
    ],
)
def test_postcodes_are_upper_case_with_one_space(text: str, postcode: str) -> None:
    assert normalise_postcode(text) == postcode


@pytest.mark.parametrize(
    "text", ["BFPO 123", "PO1", "PO1 2A", "PO1 2ABC", "12345", "", "PO1 2ÀB", "P O 1 2 A"]
)
def test_text_that_is_not_a_postcode(text: str) -> None:
    assert normalise_postcode(text) is None


def test_the_postcode_sector_is_the_outward_code_and_the_inward_digit() -> None:
    assert postcode_sector("PO1 2AB") == "PO1 2"
    assert postcode_sector("sw1a1aa") == "SW1A 1"
    with pytest.raises(ValueError, match="not a UK postcode"):
        postcode_sector("BFPO 123")


# Names -------------------------------------------------------------------------------------


def test_the_display_form_tidies_spaces_and_keeps_everything_else() -> None:
    assert display_name("  Zoë   O’Brien\t") == "Zoë O’Brien"
    # "e" and a combining diaeresis, composed into one "ë".
    assert display_name("Zoe\u0308") == "Zoë"
    assert display_name("\u00a0Smith-Jones\u00a0") == "Smith-Jones"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Zoë", "zoe"),
        ("Zoe\u0308", "zoe"),
        ("José María", "jose maria"),
        ("  ZOË   smith ", "zoe smith"),
        ("O'Brien", "o'brien"),
        ("O’Brien", "o'brien"),
        ("O' Brien", "o'brien"),
        ("Smith-Jones", "smith-jones"),
        ("Smith – Jones", "smith-jones"),
        ("Smith - Jones", "smith-jones"),
        ("St. John", "st john"),
        ("St.John", "st john"),
        ("Mary (Molly)", "mary molly"),
        ("ØSTERGÅRD", "ostergard"),
        ("Łukasz", "lukasz"),
        ("Straße", "strasse"),
        ("Ólafsdóttir", "olafsdottir"),
        ("-Smith-", "smith"),
        ("...", ""),
    ],
)
def test_the_matching_form_of_a_name(text: str, key: str) -> None:
    assert normalise_name(text) == key


def test_names_written_differently_match() -> None:
    assert normalise_name("Anne-Marie O’Brien") == normalise_name("ANNE-MARIE o'brien")
    assert normalise_name("Zoë") == normalise_name("ZOE")


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2023-02-29", None),  # not a leap year
        ("2024-13-01", None),
        ("2024-2-9", None),
        ("01/02/2024", None),
        ("20240101", None),  # ISO 8601's basic form, which date.fromisoformat accepts
        ("2024-01-01T00:00", None),
        (" 2024-01-01", None),
        ("２０２４-01-01", None),
        ("", None),
    ],
)
def test_dates_are_read_only_as_yyyy_mm_dd(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
