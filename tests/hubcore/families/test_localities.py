"""The locality lookup file: used whole, or refused with every problem named by file, row and
column, never repeating a value."""

from __future__ import annotations

import pytest

from trustplan.hubcore.families import LocalitiesError, Sector, read_localities


def refusal(text: bytes) -> str:
    with pytest.raises(LocalitiesError) as refused:
        read_localities(text, "lookup.csv")
    return str(refused.value)


def test_a_good_file_gives_each_sector_its_locality_in_a_normal_form() -> None:
    text = (
        b"\xef\xbb\xbfpostcode_sector,locality\n"
        b"zz1  1,Northfield\nZZ1 2, Northfield \n\nZZ2 1,Harbourside\n"
    )
    assert read_localities(text, "lookup.csv") == [
        Sector("ZZ1 1", "Northfield"),
        Sector("ZZ1 2", "Northfield"),
        Sector("ZZ2 1", "Harbourside"),
    ]


def test_the_columns_may_come_in_either_order() -> None:
    assert read_localities(b"locality,postcode_sector\nNorthfield,ZZ1 1\n", "f.csv") == [
        Sector("ZZ1 1", "Northfield")
    ]


def test_every_bad_row_is_named_by_row_and_column_without_its_value() -> None:
    message = refusal(
        b"postcode_sector,locality\n"
        b"ZZ1 1,Northfield\n"
        b"Sesame Street,Muppetville\n"
        b"ZZ1 2,\n"
        b"ZZ1 1,Harbourside\n"
        b"ZZ1 3,Northfield,extra\n"
    )
    assert "lookup.csv row 3, column postcode_sector: not a postcode sector" in message
    assert "lookup.csv row 4, column locality: blank" in message
    assert (
        "lookup.csv row 5, column postcode_sector: the sector of row 2, in another locality"
        in message
    )
    assert "lookup.csv row 6: 3 values, not 2" in message
    for value in ("Sesame", "Muppetville", "Harbourside"):
        assert value not in message


def test_a_file_with_wrong_columns_no_rows_or_not_utf8_is_refused_whole() -> None:
    assert "lookup.csv has no locality column" in refusal(b"postcode_sector,ward\nZZ1 1,N\n")
    assert "other than postcode_sector, locality" in refusal(b"postcode_sector,ward\nZZ1 1,N\n")
    assert "lookup.csv has no rows" in refusal(b"postcode_sector,locality\n")
    assert "lookup.csv has no postcode_sector column" in refusal(b"")
    assert "is not UTF-8 text" in refusal(b"postcode_sector,locality\nZZ1 1,Caf\xe9\n")
