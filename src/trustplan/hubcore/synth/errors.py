"""How agencies get identities wrong: the error model's rates and its small corruptions.

Every error here is one a real extract shows, at a rate that is modest but not negligible, so a
linkage that scores well on the synthetic city has met the problems it will meet, and a linkage
that cannot score well has a real weakness: one-character typos, short forms and other spellings
of first names, names stripped of accents and apostrophes, day and month of birth swapped,
missing and mistyped NHS numbers (and, rarely, a relative's), missing UPNs and UPRNs, surnames
and addresses not updated after a marriage or a move, mistyped postcodes, abbreviated addresses,
sex and ethnicity not recorded, and the same event entered twice. Nothing absurd: no invented
people, no swapped first and last names, no wrong years of birth; a careful linkage can reach an
F1 of 0.99.

Rates are chances per client record (one agency's record of one person; per row for feeds keyed
afresh at every row), except ``duplicate`` (per row) and the ``*_not_updated`` rates (per client
record that has rows after the change). ``ErrorRates.scaled`` multiplies them all, including the
feeds' shares of blank identifiers, so ``error_rate`` 0 gives perfectly recorded feeds.
"""

from __future__ import annotations

import dataclasses
import random
import string
from dataclasses import dataclass
from datetime import date
from typing import Final

from trustplan.hubcore.synth.places import UNIT_LETTERS


@dataclass(frozen=True, slots=True)
class ErrorRates:
    """Chances of each recording error at ``error_rate`` 1."""

    first_name_typo: float = 0.01
    last_name_typo: float = 0.01
    nickname: float = 0.05
    """Of records of people whose first name has another form (Bill for William)."""
    name_simplified: float = 0.25
    """Of names with an accent, apostrophe or hyphen (each name separately)."""
    dob_day_month_swapped: float = 0.01
    """Of dates of birth whose day and month are different and both 12 or less."""
    sex_not_recorded: float = 0.02
    nhs_wrong_digit: float = 0.005
    nhs_other_person: float = 0.001
    postcode_typo: float = 0.01
    address_abbreviated: float = 0.1
    ethnicity_not_recorded: float = 0.05
    surname_not_updated: float = 0.3
    address_not_updated: float = 0.2
    duplicate: float = 0.01
    missing: float = 1.0
    """Multiplies each feed's shares of blank NHS numbers, UPNs and UPRNs."""

    def scaled(self, factor: float) -> ErrorRates:
        if factor < 0:
            raise ValueError("error_rate must be 0 or more")
        values = {
            item.name: min(1.0, getattr(self, item.name) * factor)
            for item in dataclasses.fields(self)
        }
        values["missing"] = self.missing * factor
        return ErrorRates(**values)


_ABBREVIATIONS: Final = {
    "Road": "Rd",
    "Street": "St",
    "Avenue": "Ave",
    "Close": "Cl",
    "Lane": "Ln",
    "Gardens": "Gdns",
    "Crescent": "Cres",
    "Drive": "Dr",
    "Terrace": "Terr",
    "Place": "Pl",
    "Court": "Ct",
}


def typo(rng: random.Random, word: str) -> str:
    """One keying slip after the first letter: a letter changed, dropped, added, or two
    neighbours swapped (a Damerau-Levenshtein distance of one)."""
    position = rng.randrange(1, max(2, len(word)))
    operation = rng.random()
    if operation < 0.2 and len(word) > 3:
        return word[:position] + word[position + 1 :]
    if operation < 0.4:
        return word[:position] + rng.choice(string.ascii_lowercase) + word[position:]
    if operation < 0.6 and position + 1 < len(word) and word[position] != word[position + 1]:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    position = min(position, len(word) - 1)
    letter = rng.choice([c for c in string.ascii_lowercase if c != word[position].lower()])
    return word[:position] + letter + word[position + 1 :]


def swapped_day_month(day: date) -> date | None:
    """The date with day and month exchanged, if that is a different valid date."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def wrong_nhs_digit(rng: random.Random, number: str) -> str:
    """One digit of the number changed; the modulus 11 check then always fails. The test-range
    prefix is left alone, so the number stays plainly synthetic."""
    position = rng.randrange(3, 10)
    digit = rng.choice([d for d in string.digits if d != number[position]])
    return number[:position] + digit + number[position + 1 :]


def postcode_typo(rng: random.Random, postcode: str) -> str:
    """A slip in the inward code (the sector digit or a unit letter), keeping a valid shape
    and the area, so it may be another real-looking postcode nearby."""
    outward, inward = postcode.split(" ")
    choice = rng.randrange(3)
    if choice == 0:
        sector = rng.choice([d for d in string.digits if d != inward[0]])
        inward = sector + inward[1:]
    else:
        letter = rng.choice([c for c in UNIT_LETTERS if c != inward[choice]])
        inward = inward[:choice] + letter + inward[choice + 1 :]
    return f"{outward} {inward}"


def abbreviated(rng: random.Random, line: str) -> str:
    """The address as another clerk types it: the street type shortened, or in capitals."""
    words = line.split(" ")
    if words[-1] in _ABBREVIATIONS and rng.random() < 0.7:
        return " ".join([*words[:-1], _ABBREVIATIONS[words[-1]]])
    return line.upper()
