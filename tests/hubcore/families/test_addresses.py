"""One dwelling key however an address was written; two dwellings never share one."""

from __future__ import annotations

from trustplan.hubcore.families.addresses import AddressBook, Written, normalise_line


def key(book: AddressBook, written: Written) -> str:
    place = book.place(written)
    assert place is not None
    return place.key


def test_first_lines_agree_whatever_the_case_punctuation_or_street_type_abbreviation() -> None:
    assert normalise_line("12 Alder Rd") == "12 ALDER ROAD"
    assert normalise_line("12, ALDER ROAD.") == "12 ALDER ROAD"
    assert normalise_line("Flat 3, Cedar Ct") == "FLAT 3 CEDAR COURT"
    assert normalise_line("   ") is None


def test_an_address_without_a_uprn_takes_the_uprn_others_recorded_for_it() -> None:
    school = Written("12 Alder Road", "ZZ1 2AB", "990000000012")
    police = Written("12 ALDER RD", "zz1 2ab", None)
    book = AddressBook([school, police])
    assert key(book, police) == key(book, school) == "U990000000012"


def test_a_mistyped_postcode_in_the_same_district_still_finds_the_dwelling() -> None:
    school = Written("12 Alder Road", "ZZ1 2AB", "990000000012")
    typo = Written("12 Alder Road", "ZZ1 3AB", None)
    book = AddressBook([school, school, typo])
    place = book.place(typo)
    assert place is not None
    assert place.key == "U990000000012"
    assert place.postcode == "ZZ1 2AB"  # the postcode its records give most often


def test_neighbours_and_flats_in_one_block_are_different_dwellings() -> None:
    flat_3 = Written("Flat 3 Cedar Court", "ZZ4 3DE", None)
    flat_4 = Written("Flat 4 Cedar Court", "ZZ4 3DE", None)
    book = AddressBook([flat_3, flat_4])
    assert key(book, flat_3) != key(book, flat_4)


def test_without_a_uprn_line_and_district_name_the_dwelling_and_the_commonest_postcode_wins() -> (
    None
):
    written = [Written("9 Reed Way", "ZZ2 1AB", None)] * 3 + [
        Written("9 Reed Way", "ZZ2 1AX", None)
    ]
    book = AddressBook(written)
    places = [book.place(w) for w in written]
    assert len({p.key for p in places if p is not None}) == 1
    assert {p.postcode for p in places if p is not None} == {"ZZ2 1AB"}


def test_an_address_with_no_first_line_or_no_postcode_names_no_dwelling() -> None:
    book = AddressBook([])
    assert book.place(Written(None, "ZZ1 2AB", None)) is None
    assert book.place(Written("12 Alder Road", "not a postcode", None)) is None
    assert book.place(Written(None, None, "990000000012")) is not None  # a UPRN alone does
