"""Derived linking columns: names, Soundex, NHS numbers, postcodes, dates, addresses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from trustplan.hubcore.linking.prepare import (
    PREPARED_COLUMNS,
    install_macros,
    name_key,
    normalise_name,
    prepare_records,
)


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return con.sql(sql).fetchall()[0][0]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    install_macros(c)
    return c


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ROBERT", "R163"),
        ("RUPERT", "R163"),
        ("RUBIN", "R150"),
        ("ASHCRAFT", "A261"),
        ("TYMCZAK", "T522"),
        ("PFISTER", "P236"),
        ("HONEYMAN", "H555"),
        ("WASHINGTON", "W252"),
        ("LEE", "L000"),
        ("A", "A000"),
    ],
)
def test_soundex_matches_the_american_soundex(
    con: duckdb.DuckDBPyConnection, name: str, code: str
) -> None:
    assert _one(con, f"SELECT tp_soundex('{name}')") == code


def test_soundex_of_nothing_is_null(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "SELECT tp_soundex(NULL)") is None
    assert _one(con, "SELECT tp_soundex('')") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9434765919", "9434765919"),
        ("943 476 5919", "9434765919"),
        ("9434765918", None),  # wrong check digit
        ("943476591", None),  # nine digits
        ("0000000000", None),  # a placeholder, though its check digit "works"
        ("9999999999", None),
        ("94347659AB", None),
        (None, None),
    ],
)
def test_nhs_numbers_are_kept_only_when_valid(
    con: duckdb.DuckDBPyConnection, value: str | None, expected: str | None
) -> None:
    literal = "NULL" if value is None else f"'{value}'"
    assert _one(con, f"SELECT tp_nhs_number({literal})") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PO1 2AB", "PO1 2AB"),
        ("po12ab", "PO1 2AB"),
        (" sw1a 1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("NOT A POSTCODE", None),
        ("", None),
    ],
)
def test_postcodes_take_one_form(
    con: duckdb.DuckDBPyConnection, value: str, expected: str | None
) -> None:
    assert _one(con, f"SELECT tp_postcode('{value}')") == expected


def test_python_name_normalisation() -> None:
    assert normalise_name(" Zoë O'Brien-Smith ") == "ZOEOBRIENSMITH"
    assert normalise_name("   ") is None
    assert normalise_name(None) is None
    assert name_key("Bob") == name_key("robert") == "ROBERT"
    assert name_key("Olivia") == "OLIVIA"


def _records() -> list[dict[str, object]]:
    return [
        {
            "feed": "police_incidents",
            "record_id": "1",
            "first_name": " Zoë-Ann ",
            "last_name": "O'Brien",
            "date_of_birth": "2012-03-04",
            "sex": "U",
            "nhs_number": "943 476 5919",
            "upn": "a12345678901 2",
            "postcode": "po1 2ab",
            "address": "Flat 3, 12a High St.",
            "uprn": "000123",
        },
        {
            "feed": "police_incidents",
            "record_id": "2",
            "first_name": "Bob",
            "last_name": "Smith",
            "date_of_birth": "not a date",
            "sex": "m",
            "nhs_number": "9434765918",
            "upn": None,
            "postcode": "XX",
            "address": None,
            "uprn": "abc",
        },
    ]


def test_prepared_columns() -> None:
    con = duckdb.connect()
    assert prepare_records(con, _records()) == 2
    rel = con.sql("SELECT * FROM tp_records ORDER BY unique_id")
    assert tuple(rel.columns) == PREPARED_COLUMNS
    first, second = (dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall())
    assert first["unique_id"] == "police_incidents:1"
    assert first["first_name_std"] == "ZOEANN"
    assert first["first_name_token"] == "ZOE"
    assert first["last_name_std"] == "OBRIEN"
    assert first["first_initial"] == "Z"
    assert (first["dob_year"], first["dob_month"], first["dob_day"]) == (2012, 3, 4)
    assert first["dob_text"] == "2012-03-04"
    assert first["sex"] is None
    assert first["nhs_number"] == "9434765919"
    assert first["upn"] == "A123456789012"
    assert first["postcode"] == "PO1 2AB"
    assert first["postcode_sector"] == "PO1 2"
    assert first["postcode_district"] == "PO1"
    assert first["address_std"] == "FLAT 3 12A HIGH ST"
    assert first["address_first_token"] == "FLAT"
    assert first["address_number"] == "3 12A"
    assert first["uprn"] == "123"
    assert second["first_name_canon"] == "ROBERT"
    assert second["dob"] is None
    assert second["sex"] == "M"
    assert second["nhs_number"] is None
    assert second["postcode"] is None
    assert second["uprn"] is None


def test_optional_columns_may_be_absent() -> None:
    con = duckdb.connect()
    rows = [
        {
            "feed": "f",
            "record_id": "1",
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "2000-01-01",
        }
    ]
    assert prepare_records(con, pa.Table.from_pylist(rows)) == 1
    assert con.sql("SELECT nhs_number, postcode FROM tp_records").fetchall() == [(None, None)]


def test_missing_required_column_is_named() -> None:
    con = duckdb.connect()
    with pytest.raises(ValueError, match="date_of_birth"):
        prepare_records(con, [{"feed": "f", "record_id": "1", "first_name": "A", "last_name": "B"}])


def test_duplicate_ids_are_refused_without_repeating_them() -> None:
    con = duckdb.connect()
    row = {
        "feed": "f",
        "record_id": "SECRET-ID",
        "first_name": "A",
        "last_name": "B",
        "date_of_birth": "2000-01-01",
    }
    with pytest.raises(ValueError, match="1 record id") as err:
        prepare_records(con, [row, dict(row)])
    assert "SECRET" not in str(err.value)


def test_a_folder_of_feed_files_takes_the_feed_from_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "housing.csv").write_text(
        "record_id,first_name,last_name,date_of_birth,postcode,event_date\n"
        "H1,Ann,Lee,1990-02-03,PO1 2AB,2024-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / "police_incidents.csv").write_text(
        "record_id,first_name,last_name,date_of_birth,nhs_number\n"
        "007,Ann,Lee,1990-02-03,943 476 5919\n",
        encoding="utf-8",
    )
    (tmp_path / "truth_records.csv").write_text("feed,record_id,person_id\n", encoding="utf-8")
    con = duckdb.connect()
    assert prepare_records(con, tmp_path) == 2
    rows = con.sql("SELECT unique_id, nhs_number, postcode FROM tp_records ORDER BY 1").fetchall()
    # Record ids stay text: the leading zeros of "007" survive.
    assert rows == [
        ("housing:H1", None, "PO1 2AB"),
        ("police_incidents:007", "9434765919", None),
    ]


def test_a_parquet_file_and_a_duckdb_relation_are_accepted(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(
        [
            {
                "feed": "f",
                "record_id": "1",
                "first_name": "A",
                "last_name": "B",
                "date_of_birth": "2000-01-01",
            }
        ]
    )
    pq.write_table(table, tmp_path / "records.parquet")
    assert prepare_records(duckdb.connect(), tmp_path / "records.parquet") == 1
    other = duckdb.connect()
    other.register("t", table)
    assert prepare_records(duckdb.connect(), other.sql("SELECT * FROM t")) == 1
