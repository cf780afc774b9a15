"""Reading a feed file: encodings, headers, CSV structure, row numbers, and what each refuses."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest

from tests.hubcore.test_contracts import EVENTS, IDENTITY, valid_row
from trustplan.hubcore.feeds import FeedBatch, Rejection, RowWarning, read_feed

FEED = "police_incidents"
HEADER = [*IDENTITY, *EVENTS[FEED]]


def feed_bytes(
    rows: list[dict[str, str]], header: list[str] = HEADER, newline: str = "\n"
) -> bytes:
    """A CSV file of the rows under the header, quoted where needed, as a council would send."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode()


def rows(count: int, **changes: str) -> list[dict[str, str]]:
    return [valid_row(FEED, record_id=f"R{n}", **changes) for n in range(1, count + 1)]


def read(data: bytes, feed_type: str = FEED) -> FeedBatch:
    return read_feed(feed_type, data, f"{feed_type}.csv")


def refused(data: bytes, feed_type: str = FEED) -> str:
    batch = read(data, feed_type)
    assert not batch.ok
    assert batch.records == []
    assert batch.rejections == []
    assert batch.file_error is not None
    return batch.file_error


# A good file ---------------------------------------------------------------------------------


def test_a_good_file_gives_a_record_for_every_row() -> None:
    data = feed_bytes(rows(3))
    batch = read(data)
    assert batch.ok
    assert batch.file_error is None
    assert (batch.feed_type, batch.file_name) == (FEED, "police_incidents.csv")
    assert batch.sha256 == hashlib.sha256(data).hexdigest()
    assert batch.rows_read == 3
    assert [record.record_id for record in batch.records] == ["R1", "R2", "R3"]
    assert batch.rejections == []
    assert batch.warnings == []


def test_the_columns_may_come_in_any_order_and_optional_ones_may_be_absent() -> None:
    header = ["role", "incident_type", "incident_date", "date_of_birth", "last_name"]
    header += ["first_name", "record_id", "postcode"]
    batch = read(feed_bytes(rows(2), header=header))
    assert batch.ok
    assert batch.records[0].postcode == "PO1 2AB"
    assert batch.records[0].nhs_number is None


def test_header_names_are_read_ignoring_case_and_surrounding_spaces() -> None:
    header = [f" {column.upper()} " for column in HEADER]
    data = feed_bytes([], header=header) + feed_bytes(rows(1)).split(b"\n", 1)[1]
    batch = read(data)
    assert batch.ok
    assert batch.records[0].nhs_number == "9434765919"


@pytest.mark.parametrize("feed_type", list(EVENTS))
def test_every_feed_reads_its_own_file(feed_type: str) -> None:
    header = [*IDENTITY, *EVENTS[feed_type]]
    data = feed_bytes([valid_row(feed_type)], header=header)
    batch = read_feed(feed_type, data, "x.csv")
    assert batch.ok
    assert len(batch.records) == 1


# Encodings and line endings ------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_tolerated() -> None:
    batch = read(b"\xef\xbb\xbf" + feed_bytes(rows(1)))
    assert batch.ok
    assert batch.records[0].first_name == "Zoë"


def test_a_file_that_is_not_utf8_is_refused_naming_the_byte_not_the_name() -> None:
    data = feed_bytes(rows(1)).decode().replace("Zoë", "Zoëy").encode("cp1252")
    offset = data.index(b"\xeb")
    error = refused(data)
    assert error.startswith(f"the file is not UTF-8: the byte at offset {offset} (line 2)")
    assert "Zo" not in error


def test_the_offset_counts_the_byte_order_mark() -> None:
    data = b"\xef\xbb\xbf" + feed_bytes(rows(1)).replace("Zoë".encode(), b"Zo\xeb")
    assert f"offset {data.index(b'Zo') + 2} " in refused(data)


def test_windows_line_endings() -> None:
    batch = read(feed_bytes(rows(2), newline="\r\n"))
    assert batch.ok
    assert batch.rows_read == 2
    assert batch.records[1].model_dump()["role"] == "victim"


# Quoting, row numbers, blank rows -------------------------------------------------------------


def test_quoted_values_may_hold_commas_quotes_and_line_breaks() -> None:
    address = '12, "The Cottage"\nHigh Street'
    data = feed_bytes([*rows(1, address=address), valid_row(FEED, record_id="R2", role="x")])
    batch = read(data)
    assert batch.records[0].address == '12, "The Cottage" High Street'
    # The first data row spans two lines of the file but is row 2; the next is row 3.
    assert [(r.row, r.column) for r in batch.rejections] == [(3, "role")]


def test_blank_rows_are_skipped_and_counted_and_rows_keep_their_spreadsheet_numbers() -> None:
    lines = feed_bytes(rows(2, role="x")).split(b"\n")
    data = b"\n".join([lines[0], b"", lines[1], b",,,", lines[2], b""])
    batch = read(data)
    assert batch.blank_rows == 2
    assert batch.rows_read == 2
    assert [rejection.row for rejection in batch.rejections] == [3, 5]


def test_every_row_read_is_a_record_or_rejected() -> None:
    data = feed_bytes([*rows(3), valid_row(FEED, record_id="R9", role="x"), *rows(1, role="y")])
    batch = read(data)
    assert batch.rows_read == 5
    assert len(batch.records) + batch.rejected_rows == batch.rows_read


# Rejected rows -------------------------------------------------------------------------------


def test_a_rejected_row_keeps_its_raw_values_for_the_quarantine_but_not_in_its_reason() -> None:
    data = feed_bytes([*rows(1), valid_row(FEED, record_id="R2", date_of_birth="31/12/2010")])
    batch = read(data)
    assert batch.ok
    assert len(batch.records) == 1
    [rejection] = batch.rejections
    assert rejection == Rejection(
        3, "date_of_birth", "date_of_birth is not a date in the form YYYY-MM-DD", raw={}
    )
    assert rejection.raw["date_of_birth"] == "31/12/2010"
    assert rejection.raw["first_name"] == "Zoë"
    assert "31/12/2010" not in repr(rejection)
    assert "Zoë" not in repr(batch)


def test_a_row_breaking_several_rules_has_a_rejection_for_each_sharing_its_raw_row() -> None:
    batch = read(feed_bytes(rows(1, role="x", incident_type="y")))
    assert [(r.row, r.column) for r in batch.rejections] == [(2, "incident_type"), (2, "role")]
    assert batch.rejections[0].raw is batch.rejections[1].raw
    assert batch.rejected_rows == 1


def test_a_repeated_record_id_rejects_the_later_row_and_keeps_the_first() -> None:
    data = feed_bytes([*rows(2), valid_row(FEED, record_id="R1", first_name="Other")])
    batch = read(data)
    assert [record.record_id for record in batch.records] == ["R1", "R2"]
    assert batch.records[0].first_name == "Zoë"
    assert [(r.row, r.column, r.reason) for r in batch.rejections] == [
        (4, "record_id", "record_id repeats row 2")
    ]


def test_a_record_id_repeats_even_when_its_first_row_was_rejected() -> None:
    data = feed_bytes([*rows(1, role="x"), *rows(1)])
    reasons = [(r.row, r.reason) for r in read(data).rejections]
    assert reasons == [
        (2, "role must be one of: victim, suspect, witness, subject"),
        (3, "record_id repeats row 2"),
    ]


def test_a_row_with_the_wrong_number_of_values_is_rejected_whole() -> None:
    lines = feed_bytes(rows(3)).decode().splitlines()
    lines[1] += ",surplus"
    lines[2] = lines[2].rsplit(",", 1)[0]
    batch = read(("\n".join(lines) + "\n").encode())
    assert [(r.row, r.column, r.reason) for r in batch.rejections] == [
        (2, None, "the row has 15 values but the header has 14 columns"),
        (3, None, "the row has 13 values but the header has 14 columns"),
    ]
    assert batch.rejections[0].raw["(column 15, no header)"] == "surplus"
    assert "role" not in batch.rejections[1].raw
    assert len(batch.records) == 1


def test_warnings_carry_their_row_and_the_row_is_kept() -> None:
    data = feed_bytes([*rows(1), valid_row(FEED, record_id="R2", nhs_number="943 476 5918")])
    batch = read(data)
    assert len(batch.records) == 2
    assert batch.records[1].nhs_number is None
    assert batch.warnings == [
        RowWarning(3, "nhs_number", "nhs_number fails its check digit, so it was left out")
    ]


# Files refused whole -------------------------------------------------------------------------


def test_an_unknown_feed_type_is_a_file_error() -> None:
    error = refused(feed_bytes(rows(1)), feed_type="school_meals")
    assert error.startswith("there is no feed type 'school_meals': school_attendance, exclusions")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \n\r\n\n"])
def test_an_empty_file(data: bytes) -> None:
    assert refused(data) == "the file is empty"


@pytest.mark.parametrize("tail", [b"", b"\n\n,,,\n"])
def test_a_file_with_only_a_header(tail: bytes) -> None:
    data = feed_bytes([]) + tail
    assert refused(data) == "the file has a header but no data rows"


def test_missing_required_columns_are_listed() -> None:
    header = [c for c in HEADER if c not in ("first_name", "role", "nhs_number")]
    assert refused(feed_bytes(rows(1), header=header)) == (
        "the header is missing required columns: first_name, role"
    )


def test_unknown_columns_are_listed() -> None:
    data = feed_bytes(rows(1), header=[*HEADER, "Forename", "notes"])
    assert refused(data) == (
        "the header has columns the police_incidents feed does not have: forename, notes"
    )


def test_missing_and_unknown_columns_together_say_both() -> None:
    header = ["dob" if c == "date_of_birth" else c for c in HEADER]
    assert refused(feed_bytes(rows(1), header=header)) == (
        "the header is missing required columns: date_of_birth; "
        "the header has columns the police_incidents feed does not have: dob"
    )


def test_a_column_named_twice_or_not_at_all_is_refused() -> None:
    data = feed_bytes([], header=[*HEADER, "role", ""]) + b"x\n"
    assert refused(data) == (
        "the header has no name for column 16; the header names more than once: role"
    )


def test_a_file_without_a_header_is_refused_without_repeating_its_first_row() -> None:
    data = feed_bytes(rows(2)).split(b"\n", 1)[1]
    error = refused(data)
    assert error.startswith("the first row is not a header for the police_incidents feed")
    assert "Zoë" not in error
    assert "R1" not in error


def test_a_file_cut_short_part_way_through_a_row() -> None:
    data = feed_bytes(rows(3))
    assert refused(data[: data.rindex(b",2023-06-30")]) == "the file ends part-way through row 4"


def test_a_last_row_without_a_line_break_is_fine_when_it_is_whole() -> None:
    batch = read(feed_bytes(rows(3)).rstrip(b"\n"))
    assert batch.ok
    assert batch.rows_read == 3


def test_a_file_cut_short_inside_a_quoted_value() -> None:
    data = feed_bytes(rows(2, address="12, High Street"))
    cut = data[: data.rindex(b"High")]
    assert refused(cut) == "the file ends part-way through row 3, inside a quoted value"


def test_a_stray_quotation_mark_is_a_file_error_naming_its_row() -> None:
    lines = feed_bytes(rows(3)).decode().splitlines()
    lines[2] = lines[2].replace("REC", "").replace("R2,", '"R2"x,')
    error = refused(("\n".join(lines) + "\n").encode())
    assert error.startswith("row 3 is not well-formed CSV")
