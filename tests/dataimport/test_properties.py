"""Properties over generated files: a valid row (of data or of an indicator's definition) comes
back as written; nothing ever makes the validator raise; and no data row is ever silently lost
(each is a record, a rejection, or a counted skip)."""

from __future__ import annotations

import datetime as dt
import io
import string
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.dataimport.builders import (
    ENGLAND,
    INDICATOR_HEADER,
    PORTSMOUTH,
    SOUTH_EAST,
    catalogue,
    csv_bytes,
)
from trustplan.dataimport import (
    ComparisonMethod,
    Frequency,
    ImportBatch,
    IndicatorSpec,
    ValueType,
    read_import,
)
from trustplan.periods import (
    Period,
    PeriodKind,
    academic_year,
    calendar_quarter,
    financial_quarter,
    financial_year,
    month,
)

CATALOGUE = catalogue()
HEADER = [
    "indicator",
    "area_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "source",
    "note",
]
YEARS = st.integers(min_value=1990, max_value=2040)
PERIODS = st.one_of(
    st.builds(month, YEARS, st.integers(1, 12)),
    st.builds(calendar_quarter, YEARS, st.integers(1, 4)),
    st.builds(financial_quarter, YEARS, st.integers(1, 4)),
    st.builds(financial_year, YEARS),
    st.builds(academic_year, YEARS),
)
PLAIN_TEXT = st.text(string.ascii_letters + string.digits + " ,.:£é", max_size=30).map(str.strip)


@st.composite
def valid_rows(draw: st.DrawFn) -> tuple[IndicatorSpec, str, Period, list[object]]:
    spec = draw(st.sampled_from(sorted(CATALOGUE.indicators.values(), key=lambda s: s.key)))
    period = draw(PERIODS)
    if spec.frequency == "academic_year" and period.kind is PeriodKind.FINANCIAL_YEAR:
        period = academic_year(period.start.year)  # "2019/20" means the academic year for it
    area = draw(st.sampled_from([PORTSMOUTH, ENGLAND, SOUTH_EAST]))
    top = spec.maximum if spec.maximum is not None else 1e6
    low = -1e3 if spec.value_type is ValueType.SCORE else 0.0
    value = draw(st.floats(min_value=low, max_value=top, allow_nan=False))
    status = draw(st.sampled_from(["", "final", "provisional", "Provisional"]))
    source, note = draw(PLAIN_TEXT), draw(PLAIN_TEXT)
    row = [spec.key, area, period.label, value, "", "", status, source, note]
    return spec, area, period, row


def data_rows(rows: Sequence[Sequence[object]]) -> set[int]:
    """The spreadsheet row numbers of rows with anything in them (the header is row 1)."""
    return {
        number
        for number, row in enumerate(rows, start=2)
        if any(str(cell).strip() for cell in row if cell is not None)
    }


def accounted_for(batch: ImportBatch) -> set[int]:
    records = [*batch.indicators, *batch.observations]
    return {r.row for r in records} | {r.row for r in batch.rejections if r.row}


@given(st.lists(valid_rows(), min_size=1, max_size=15, unique_by=lambda r: (r[0].key, r[1], r[2])))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_rows_come_back_as_written(
    rows: list[tuple[IndicatorSpec, str, Period, list[object]]],
) -> None:
    batch = read_import(csv_bytes([HEADER, *(row for *_, row in rows)]), "gen.csv", CATALOGUE)
    assert batch.ok, [str(r) for r in batch.rejections]
    assert len(batch.observations) == len(rows)
    for record, (spec, area, period, row) in zip(batch.observations, rows, strict=True):
        assert (record.indicator, record.area_code, record.period) == (spec.key, area, period)
        assert record.value == row[3]
        assert record.status == (str(row[6]).lower() or "final")
        assert (record.source, record.note) == (row[7], row[8])


KEYS = st.from_regex(r"[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){0,5}", fullmatch=True)
POLARITIES = ("", "high_is_good", "low_is_good", "no_judgement")


@st.composite
def valid_definitions(draw: st.DrawFn) -> dict[str, object]:
    """An indicator's definition as an analyst may write it: blanks where blanks are allowed.
    Its Fingertips ID is none the stored catalogue uses, so only its own key could clash."""
    return {
        "key": draw(KEYS),
        "name": draw(PLAIN_TEXT.filter(bool)),
        "polarity": draw(st.sampled_from(POLARITIES)),
        "unit": draw(PLAIN_TEXT),
        "frequency": draw(st.sampled_from(["", *Frequency])),
        "value_type": draw(st.sampled_from(list(ValueType))),
        "multiplier": draw(
            st.one_of(st.just(""), st.floats(min_value=1e-6, max_value=1e9), st.integers(1, 10**6))
        ),
        "decimals": draw(st.one_of(st.just(""), st.integers(0, 6))),
        "comparison_method": draw(st.sampled_from(["", *ComparisonMethod])),
        "fingertips_id": draw(st.one_of(st.just(""), st.integers(100_000, 10**7))),
        "source": draw(PLAIN_TEXT),
        "definition": draw(PLAIN_TEXT),
    }


@given(
    st.lists(
        valid_definitions(),
        min_size=1,
        max_size=8,
        unique_by=(lambda d: d["key"], lambda d: d["fingertips_id"] or object()),
    )
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_definitions_come_back_as_written(definitions: list[dict[str, object]]) -> None:
    rows = [[d[name] for name in INDICATOR_HEADER] for d in definitions]
    batch = read_import(csv_bytes([INDICATOR_HEADER, *rows]), "gen.csv", CATALOGUE)
    assert batch.ok, [str(r) for r in batch.rejections]
    assert len(batch.indicators) == len(definitions)
    for row, (record, written) in enumerate(zip(batch.indicators, definitions, strict=True), 2):
        defaults = {"multiplier": 1.0, "decimals": 1, "comparison_method": "ci_95"}
        expected = {
            name: (defaults.get(name, value) if value == "" else value)
            for name, value in written.items()
        }
        expected["fingertips_id"] = written["fingertips_id"] or None
        assert record.model_dump() == {**expected, "sheet": "gen.csv", "row": row}


ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@given(
    st.sampled_from([HEADER, list(INDICATOR_HEADER)]).flatmap(
        lambda header: st.tuples(
            st.just(header),
            st.lists(st.lists(ANY_TEXT, min_size=len(header), max_size=len(header)), max_size=8),
        )
    )
)
@settings(max_examples=150, deadline=None)
def test_arbitrary_text_cells_are_rejected_never_raised_and_no_row_is_lost(
    table: tuple[list[str], list[list[str]]],
) -> None:
    header, rows = table
    batch = read_import(csv_bytes([header, *rows]), "any.csv", CATALOGUE)
    if batch.file_error is not None:
        return  # a NUL character, or no data rows: one message for the whole file
    expected = data_rows([[cell.strip() for cell in row] for row in rows])
    assert accounted_for(batch) == expected
    rejected = {r.row for r in batch.rejections}
    assert not rejected & {o.row for o in batch.observations}


CELLS = st.one_of(
    st.none(),
    ANY_TEXT,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2090, 1, 1)),
)


def _printable(cell: object) -> object:
    """openpyxl refuses control characters in text, as Excel does; leave them out."""
    if isinstance(cell, str):
        return "".join(c for c in cell if c.isprintable())
    return cell


@given(st.lists(st.lists(CELLS, min_size=len(HEADER), max_size=len(HEADER)), max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_workbook_cells_are_rejected_never_raised(rows: list[list[object]]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(HEADER)
    cleaned = [[_printable(cell) for cell in row] for row in rows]
    for row in cleaned:
        # Text starting "=" would be saved as a formula; protect it as the export does.
        sheet.append([f"'{c}" if isinstance(c, str) and c.startswith("=") else c for c in row])
    out = io.BytesIO()
    workbook.save(out)
    batch = read_import(out.getvalue(), "any.xlsx", CATALOGUE)
    if batch.file_error is not None:
        assert "no rows of data" in batch.file_error
        return
    assert accounted_for(batch) == data_rows(cleaned)


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    batch = read_import(data, "upload.csv", CATALOGUE)
    assert batch.ok or batch.file_error is not None or batch.rejections


def _workbook() -> bytes:
    workbook = Workbook()
    workbook.active.title = "observations"
    workbook.active.append(["indicator", "area_code", "period", "value"])
    workbook.active.append(["first-time-entrants", PORTSMOUTH, "2019/20", 250])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


WORKBOOK = _workbook()


@given(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255), st.integers(1, len(WORKBOOK)))
@settings(max_examples=100, deadline=None)
def test_a_damaged_workbook_never_raises(position: int, byte: int, length: int) -> None:
    damaged = WORKBOOK[:position] + bytes([byte]) + WORKBOOK[position + 1 : length]
    batch = read_import(damaged, "damaged.xlsx", CATALOGUE)
    assert batch.ok or batch.file_error is not None or batch.rejections
