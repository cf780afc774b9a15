"""Recognising a table by its columns or its sheet's name, and laying out its header."""

from __future__ import annotations

import pytest

from tests.dataimport.builders import FINGERTIPS_HEADER, INDICATOR_HEADER
from trustplan.dataimport.columns import (
    TableKind,
    is_read_me,
    kind_of_columns,
    kind_of_sheet,
    lay_out,
    normalise,
)


def test_names_match_ignoring_case_spaces_underscores_dots_and_hyphens() -> None:
    assert normalise("Area Code") == normalise("area_code") == normalise("AREA-CODE") == "areacode"
    assert normalise("lower_ci_99_8") == normalise("Lower CI 99.8") == "lowerci998"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["indicator", "area_code", "period", "value"], TableKind.OBSERVATIONS),
        (["Indicator", "Area Code", "Period", "Numerator", "Denominator"], TableKind.OBSERVATIONS),
        (["indicator", "area_code", "due", "target"], TableKind.TARGETS),
        (["area_code", "area_name", "area_kind"], TableKind.AREAS),
        (["group_code", "group_name", "member_code", "rank"], TableKind.GROUPS),
        (list(FINGERTIPS_HEADER), TableKind.FINGERTIPS),
        (list(INDICATOR_HEADER), TableKind.INDICATORS),
        (["Key", "Name", "Value Type"], TableKind.INDICATORS),
        (["key", "name", "unit"], TableKind.INDICATORS),
        (["key", "name", "value_type", "period"], None),  # data, not a definition
        (["key", "name", "value_type", "area_code", "area_name"], TableKind.AREAS),
        (["key", "name"], None),  # nothing says these are indicators
        (["name", "address"], None),
    ],
)
def test_a_table_is_told_by_its_columns(header: list[str], kind: TableKind | None) -> None:
    assert kind_of_columns(header) is kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Indicators", TableKind.INDICATORS),
        ("observations", TableKind.OBSERVATIONS),
        ("Targets", TableKind.TARGETS),
        ("AREAS", TableKind.AREAS),
        ("comparator groups", TableKind.GROUPS),
        ("Comparator_Groups", TableKind.GROUPS),
        ("Sheet1", None),
    ],
)
def test_a_workbook_sheet_is_told_by_its_name(name: str, kind: TableKind | None) -> None:
    assert kind_of_sheet(name) is kind


def test_the_read_me_sheet_is_recognised() -> None:
    assert is_read_me("Read me")
    assert is_read_me("README")
    assert not is_read_me("observations")


def test_layout_maps_fields_to_columns_and_lists_what_is_wrong() -> None:
    header = ["Indicator", "Area Code", "perod", "value", "", "Note"]
    layout = lay_out(TableKind.OBSERVATIONS, header, {0: 2, 4: 7})
    assert dict(layout.fields) == {"indicator": 0, "area_code": 1, "value": 3, "note": 5}
    assert layout.unknown == (2,)
    assert layout.unnamed == ((4, 7),)
    assert layout.missing == ("period",)
    assert not layout.header_ok


def test_an_unnamed_column_with_nothing_in_it_is_not_a_problem() -> None:
    layout = lay_out(TableKind.AREAS, ["area_code", "", "area_name", "area_kind"], {0: 2})
    assert layout.header_ok


def test_observations_need_a_value_column_or_both_counts() -> None:
    with_counts = lay_out(
        TableKind.OBSERVATIONS, ["indicator", "area_code", "period", "numerator", "denominator"], {}
    )
    assert with_counts.header_ok
    without = lay_out(TableKind.OBSERVATIONS, ["indicator", "area_code", "period", "numerator"], {})
    assert without.missing == ("value",)


def test_a_fingertips_download_tolerates_its_extra_columns_and_names_missing_ones_its_way() -> None:
    full = lay_out(TableKind.FINGERTIPS, FINGERTIPS_HEADER, {})
    assert full.header_ok
    assert full.fields["lower_ci_99_8"] == FINGERTIPS_HEADER.index("Lower CI 99.8 limit")
    header = [c for c in FINGERTIPS_HEADER if c != "Time period"] + ["Something new"]
    partial = lay_out(TableKind.FINGERTIPS, header, {})
    assert partial.unknown == ()
    assert [partial.display_name(field) for field in partial.missing] == ["Time period"]


def test_an_indicators_table_needs_a_key_a_name_and_a_value_type() -> None:
    full = lay_out(TableKind.INDICATORS, INDICATOR_HEADER, {})
    assert full.header_ok
    assert list(full.fields) == list(INDICATOR_HEADER)
    partial = lay_out(TableKind.INDICATORS, ["key", "name", "unit"], {})
    assert partial.missing == ("value_type",)
