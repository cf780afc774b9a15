"""The empty template: its tables' headers, its read-me sheet, and that a filled-in copy imports."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.dataimport.builders import PORTSMOUTH, catalogue, indicator_row
from trustplan.dataimport import Catalogue, read_import, template_csv, template_xlsx
from trustplan.dataimport.columns import TABLES, TableKind


def test_the_csv_template_is_the_observations_header() -> None:
    assert template_csv() == (
        "indicator,area_code,area_name,area_kind,period,value,numerator,denominator,"
        "lower_ci_95,upper_ci_95,lower_ci_99_8,upper_ci_99_8,status,source,note\n"
    )
    assert template_csv(TableKind.TARGETS) == (
        "indicator,area_code,due,target,tolerance,label,source\n"
    )
    assert template_csv(TableKind.INDICATORS) == (
        "key,name,polarity,unit,frequency,value_type,multiplier,decimals,comparison_method,"
        "fingertips_id,source,definition\n"
    )


def test_the_workbook_template_has_a_sheet_per_table_and_a_read_me() -> None:
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == [
        "read me",
        "indicators",
        "observations",
        "targets",
        "areas",
        "comparator groups",
    ]
    for spec in TABLES.values():
        header = next(workbook[spec.sheet_name].iter_rows(values_only=True))
        assert header == spec.names
    listed = {
        (row[0], row[1]) for row in workbook["read me"].iter_rows(min_row=4, values_only=True)
    }
    assert listed == {(spec.sheet_name, name) for spec in TABLES.values() for name in spec.names}


def test_an_empty_template_has_nothing_to_import() -> None:
    batch = read_import(template_xlsx(), "template.xlsx", catalogue())
    assert batch.file_error == (
        "The workbook has no rows of data in any sheet, so there is nothing to import."
    )


def test_a_filled_in_template_imports_with_its_read_me_sheet_left_alone() -> None:
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    sheet = workbook["observations"]
    sheet.append(["first-time-entrants", PORTSMOUTH, None, None, "2019/20", 250.0])
    out = io.BytesIO()
    workbook.save(out)
    batch = read_import(out.getvalue(), "filled.xlsx", catalogue())
    assert batch.ok, [str(r) for r in batch.rejections]
    assert [(o.indicator, o.value, o.row) for o in batch.observations] == [
        ("first-time-entrants", 250.0, 2)
    ]
    assert batch.notes == []


def test_a_filled_in_template_may_define_the_indicators_its_data_use() -> None:
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    workbook["indicators"].append(indicator_row())
    workbook["observations"].append(
        ["children-looked-after", PORTSMOUTH, "Portsmouth", None, "2019/20", 87]
    )
    out = io.BytesIO()
    workbook.save(out)
    batch = read_import(out.getvalue(), "filled.xlsx", Catalogue.of([]))
    assert batch.ok, [str(r) for r in batch.rejections]
    assert [i.key for i in batch.indicators] == ["children-looked-after"]
    assert [(o.indicator, o.value) for o in batch.observations] == [("children-looked-after", 87)]
