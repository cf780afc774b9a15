"""Small catalogues and files for the import tests, built in the test rather than stored.

The indicator data here is aggregate and made up; no person appears in it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from openpyxl import Workbook

from trustplan.dataimport import Catalogue, ImportBatch, IndicatorSpec, read_import

PORTSMOUTH = "E06000044"
SOUTHAMPTON = "E06000045"
ENGLAND = "E92000001"
SOUTH_EAST = "E12000008"
NEIGHBOURS = "SN-PORTSMOUTH"

FINGERTIPS_HEADER = (
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to Region value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
)


def catalogue() -> Catalogue:
    """One indicator of each kind the rules treat differently."""
    return Catalogue.of(
        [
            IndicatorSpec(
                key="first-time-entrants",
                value_type="rate",
                multiplier=100_000,
                decimals=1,
                frequency="annual",
                fingertips_id=90352,
            ),
            IndicatorSpec(
                key="good-level-of-development",
                value_type="proportion",
                multiplier=100,
                decimals=1,
                frequency="academic_year",
                fingertips_id=90631,
            ),
            IndicatorSpec(key="children-in-need", value_type="count", decimals=0),
            IndicatorSpec(
                key="wellbeing-score", value_type="score", decimals=2, frequency="quarterly"
            ),
        ],
        area_codes={PORTSMOUTH, ENGLAND, SOUTH_EAST},
    )


def csv_bytes(rows: Iterable[Sequence[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: Mapping[str, Iterable[Sequence[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


OBSERVATION_HEADER = (
    "indicator",
    "area_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "note",
)


def observations(
    *rows: Sequence[object], header: Sequence[str] = OBSERVATION_HEADER
) -> ImportBatch:
    """Import a CSV file of observation rows under the usual header."""
    return read_import(csv_bytes([header, *rows]), "observations.csv", catalogue())


INDICATOR_HEADER = (
    "key",
    "name",
    "polarity",
    "unit",
    "frequency",
    "value_type",
    "multiplier",
    "decimals",
    "comparison_method",
    "fingertips_id",
    "source",
    "definition",
)


def indicator_row(changes: Mapping[str, object] | None = None) -> list[object]:
    """A definition of a new indicator (a rate per 10,000), with the named columns changed."""
    row: dict[str, object] = {
        "key": "children-looked-after",
        "name": "Children looked after",
        "polarity": "no_judgement",
        "unit": "per 10,000 aged 0-17",
        "frequency": "annual",
        "value_type": "rate",
        "multiplier": 10_000,
        "decimals": 0,
        "comparison_method": "ci_95",
        "fingertips_id": 90803,
        "source": "DfE SSDA903",
        "definition": "Children looked after at 31 March, per 10,000 children aged 0-17.",
    }
    row.update(changes or {})
    unknown = set(row) - set(INDICATOR_HEADER)
    assert not unknown, unknown
    return [row[name] for name in INDICATOR_HEADER]


def indicators(*rows: Sequence[object], header: Sequence[str] = INDICATOR_HEADER) -> ImportBatch:
    """Import a CSV file of indicator definitions under the full header."""
    return read_import(csv_bytes([header, *rows]), "indicators.csv", catalogue())


def fingertips_row(changes: Mapping[str, object] | None = None) -> list[object]:
    """A Fingertips download row for Portsmouth, with the named columns changed."""
    row: dict[str, object] = {
        "Indicator ID": 90631,
        "Indicator Name": "School readiness: good level of development at end of reception",
        "Parent Code": SOUTH_EAST,
        "Parent Name": "South East region",
        "Area Code": PORTSMOUTH,
        "Area Name": "Portsmouth",
        "Area Type": "Counties & UAs (from Apr 2021)",
        "Sex": "Persons",
        "Age": "5 yrs",
        "Category Type": "",
        "Category": "",
        "Time period": "2018/19",
        "Value": 68.1,
        "Lower CI 95.0 limit": 66.2,
        "Upper CI 95.0 limit": 70.0,
        "Lower CI 99.8 limit": 65.1,
        "Upper CI 99.8 limit": 71.0,
        "Count": 1540,
        "Denominator": 2261,
        "Value note": "",
        "Recent Trend": "Cannot be calculated",
        "Compared to England value or percentiles": "Worse",
        "Compared to Region value or percentiles": "Worse",
        "Time period Sortable": 20180000,
        "New data": "",
        "Compared to goal": "Not compared",
    }
    row.update(changes or {})
    unknown = set(row) - set(FINGERTIPS_HEADER)
    assert not unknown, unknown
    return [row[name] for name in FINGERTIPS_HEADER]
