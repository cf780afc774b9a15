"""The checks on single values that every hub feed uses: identifiers, postcodes, names and dates.

Each function takes the text of one cell and either says whether it is valid or returns its
normal form (``None`` when it has none). Each cites the standard it follows. None of them ever
puts the value it was given into what it returns as a reason: a reason says what is wrong, so
that it can go into a report that leaves the hub.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "display_name",
    "nhs_check_digit",
    "nhs_number_problem",
    "nhs_number_valid",
    "normalise_name",
    "normalise_nhs_number",
    "normalise_postcode",
    "normalise_upn",
    "parse_date",
    "postcode_sector",
    "upn_check_letter",
    "upn_problem",
    "upn_valid",
]

# Spaces and hyphens that people and systems put inside identifiers ("943 476 5919").
_SEPARATORS = re.compile(r"[\s\-]+")


# NHS number ----------------------------------------------------------------------------------


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit of an NHS number whose first nine digits are given; ``None`` if none fits.

    NHS Data Dictionary, "NHS Number" (the modulus 11 algorithm): multiply the first nine digits
    by the weights 10, 9, …, 2, add the products, take the remainder on dividing by 11 and
    subtract it from 11. A result of 11 makes the check digit 0; a result of 10 means the nine
    digits cannot begin an NHS number, so no number with them is valid.
    """
    weights = range(10, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, weights, strict=True))
    check = 11 - total % 11
    if check == 10:
        return None
    return 0 if check == 11 else check


def nhs_number_problem(text: str) -> str | None:
    """What is wrong with an NHS number, in words that do not repeat it; ``None`` if valid.

    Spaces and hyphens are ignored ("943 476 5919"). Beyond the Data Dictionary's check digit, a
    number that is one digit ten times is refused: every such number passes the modulus 11 test
    (the weights add up to 54, which is 10 modulo 11), and systems use them as placeholders for
    "not known", which would otherwise link everyone who has one.
    """
    digits = _SEPARATORS.sub("", text)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return "is not 10 digits"
    if len(set(digits)) == 1:
        return "is one digit repeated, which systems use as a placeholder"
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        return "fails its check digit"
    return None


def nhs_number_valid(text: str) -> bool:
    """Whether the text is a valid NHS number (see :func:`nhs_number_problem`)."""
    return nhs_number_problem(text) is None


def normalise_nhs_number(text: str) -> str | None:
    """The NHS number as ten digits without spaces, or ``None`` if it is not a valid one."""
    if nhs_number_problem(text) is not None:
        return None
    return _SEPARATORS.sub("", text)


# Unique Pupil Number -------------------------------------------------------------------------

# The DfE's check letters: A to Z without I, O and S, standing for the remainders 0 to 22.
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# What each of characters 2 to 13 counts for: a digit its value, a letter its place in the table.
_UPN_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **{c: i for i, c in enumerate(_UPN_LETTERS)},
}
_UPN_SHAPE = re.compile(rf"[{_UPN_LETTERS}][0-9]{{11}}[0-9{_UPN_LETTERS}]")


def upn_check_letter(last_twelve: str) -> str:
    """The check letter (character 1) of a UPN whose characters 2 to 13 are given.

    DfE, "Unique Pupil Numbers (UPN): a guide for schools and local authorities", check letter
    calculation: multiply characters 2 to 13 by the weights 2 to 13, add the products, divide
    by 23 and take the remainder, 0 to 22, as a letter from A B C D E F G H J K L M N P Q R T U
    V W X Y Z (0 is A, 22 is Z). The last character of a temporary UPN is a letter; it takes the
    number that the same table gives it (A is 0, B is 1, …, Z is 22).
    """
    total = sum(weight * _UPN_VALUES[char] for weight, char in enumerate(last_twelve, start=2))
    return _UPN_LETTERS[total % 23]


def normalise_upn(text: str) -> str | None:
    """The UPN in capitals without spaces, or ``None`` if it is not a valid one."""
    upn = _SEPARATORS.sub("", text).upper()
    return upn if upn_problem(upn) is None else None


def upn_problem(text: str) -> str | None:
    """What is wrong with a UPN, in words that do not repeat it; ``None`` if valid.

    DfE UPN guide: 13 characters; a check letter, then the local authority's number (3 digits),
    the school's DfE establishment number (4 digits), the last two digits of the year of issue,
    and a serial number of 3 digits, or of 2 digits and a letter in a temporary UPN. I, O and S
    are never used. Spaces are ignored and lower case is read as capitals. The local authority
    number is not checked against the DfE's list of codes: that list changes, and the check
    letter already catches a mistyped digit.
    """
    upn = _SEPARATORS.sub("", text).upper()
    if not _UPN_SHAPE.fullmatch(upn):
        return "is not a check letter followed by 11 digits and a digit or letter"
    if upn_check_letter(upn[1:]) != upn[0]:
        return "fails its check letter"
    return None


def upn_valid(text: str) -> bool:
    """Whether the text is a valid Unique Pupil Number (see :func:`upn_problem`)."""
    return upn_problem(text) is None


# Postcodes -----------------------------------------------------------------------------------

# The general shape of a UK postcode (outward code A9, A99, A9A, AA9, AA99 or AA9A; inward code
# 9AA) from the UK Government Data Standards Catalogue, "Postcode", and Royal Mail's Postcode
# Address File Programmer's Guide. The finer letter rules are left out on purpose: pseudo
# postcodes such as the NHS's "ZZ99 3VZ" (no fixed abode) are real data in health feeds.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
# Girobank's postcode: the one valid postcode outside the general shape.
_GIROBANK = "GIR0AA"


def normalise_postcode(text: str) -> str | None:
    """The postcode in capitals with one space before the inward code; ``None`` if not one.

    "po12ab", "PO1  2AB" and " po1 2ab " all become "PO1 2AB". A British Forces Post Office
    number ("BFPO 123") is not a postcode and gives ``None``; BFPO addresses also have real
    postcodes (BF1 …), which pass.
    """
    compact = _SEPARATORS.sub("", text).upper()
    if compact == _GIROBANK:
        return "GIR 0AA"
    match = _POSTCODE.fullmatch(compact)
    if match is None:
        return None
    return f"{match[1]} {match[2]}"


def postcode_sector(postcode: str) -> str:
    """The postcode sector: the outward code, a space and the inward code's digit ("PO1 2").

    The sector is the smallest unit the hub's locality maps publish (ONS, "Postcode sectors").
    Raises ``ValueError`` if the text is not a postcode, since a sector of nonsense would be
    counted as a place.
    """
    normal = normalise_postcode(postcode)
    if normal is None:
        raise ValueError("not a UK postcode")
    return normal[:-2]


# Names ---------------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
# Apostrophes and hyphens as keyboards, word processors and other systems write them.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u0060\u00b4\u2032", "'"))
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
# Latin letters that NFKD does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# Anything but letters, digits, hyphens, apostrophes and spaces becomes a space.
_NAME_PUNCTUATION = re.compile(r"[^\w' -]|_")
_LOOSE_JOINERS = re.compile(r" ?([-']) ?")


def display_name(text: str) -> str:
    """A name as it should be shown: trimmed, with single spaces, in Unicode's composed form.

    Spelling, capitals, accents and punctuation are kept: this is the name the family knows.
    NFC composition (Unicode Standard Annex #15) makes "Zoë" typed two ways the same text.
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalise_name(text: str) -> str:
    """A name's matching form: lower case, no accents, only letters, digits, ``-`` and ``'``.

    Agencies write the same name differently, so matching compares this form:

    * accents are removed by NFKD decomposition (Unicode Standard Annex #15), dropping the
      combining marks, and the few Latin letters without a decomposition are spelt out ("ø" is
      "o");
    * case is folded with ``str.casefold`` (Unicode's full case folding, so "ß" is "ss");
    * apostrophes and hyphens of every kind become ``'`` and ``-`` and are kept, without spaces
      around them ("O’Brien" and "O' Brien" are "o'brien"; "Smith - Jones" is "smith-jones");
    * other punctuation becomes a space ("St.John" is "st john"), and spaces are single.

    The result may be empty (a name that was only punctuation).
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_HYPHENS))
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = letters.casefold().translate(_UNDECOMPOSED)
    spaced = _WHITESPACE.sub(" ", _NAME_PUNCTUATION.sub(" ", folded)).strip()
    return _LOOSE_JOINERS.sub(r"\1", spaced).strip("-' ")


# Dates ---------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str) -> date | None:
    """A date written YYYY-MM-DD (ISO 8601's extended calendar date), or ``None``.

    Only that form is read: "01/02/2024" means a different day in Britain and America, and a
    date of birth read the wrong way round links the wrong people. An impossible day
    ("2023-02-30") gives ``None``.
    """
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
