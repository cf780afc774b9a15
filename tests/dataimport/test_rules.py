"""One test per rejection rule: it fires with its message, row and column, and a clean row
does not."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.dataimport.builders import (
    ENGLAND,
    INDICATOR_HEADER,
    PORTSMOUTH,
    SOUTHAMPTON,
    catalogue,
    csv_bytes,
    indicator_row,
    indicators,
    observations,
    xlsx_bytes,
)
from trustplan.dataimport import ImportBatch, read_import
from trustplan.dataimport.rules import ROW_RULES

GLD = "good-level-of-development"  # a proportion per 100, one decimal place, by academic year
FTE = "first-time-entrants"  # a rate per 100,000, one decimal place
CIN = "children-in-need"  # a count
SCORE = "wellbeing-score"  # a score, which may be negative


def found(batch: ImportBatch, rule: str) -> list[tuple[int | None, str | None, str]]:
    """(row, column, message) of each rejection by ``rule``."""
    return [(r.row, r.column, r.message) for r in batch.rejections if r.rule == rule]


def clean(batch: ImportBatch) -> None:
    assert batch.rejections == [], [str(r) for r in batch.rejections]


def targets(*rows: list[object], header: tuple[str, ...] | None = None) -> ImportBatch:
    columns = header or ("indicator", "area_code", "due", "target", "tolerance")
    return read_import(csv_bytes([columns, *rows]), "targets.csv", catalogue())


def test_a_clean_observation_breaks_no_rule() -> None:
    batch = observations([GLD, PORTSMOUTH, "2019/20", 68.1, 1540, 2261, ""])
    clean(batch)
    assert batch.ok
    assert len(batch.observations) == 1


def test_blank_cell() -> None:
    batch = observations(["", PORTSMOUTH, "2019/20", 5, "", "", ""], [GLD, "", "", 5, "", "", ""])
    assert found(batch, "BlankCell") == [
        (
            2,
            "indicator",
            "The indicator cell is blank, but every row of an observations table needs one.",
        ),
        (
            3,
            "area_code",
            "The area_code cell is blank, but every row of an observations table needs one.",
        ),
        (
            3,
            "period",
            "The period cell is blank, but every row of an observations table needs one.",
        ),
    ]


def test_unknown_indicator_suggests_a_close_key() -> None:
    batch = observations(
        ["good-level-of-developmnt", PORTSMOUTH, "2019/20", 5, "", "", ""],
        ["no-such-thing", PORTSMOUTH, "2019/20", 5, "", "", ""],
        ["Good-Level-Of-Development", PORTSMOUTH, "2019/20", 5, "", "", ""],
    )
    assert found(batch, "UnknownIndicator") == [
        (
            2,
            "indicator",
            "No indicator has the key 'good-level-of-developmnt' (did you mean "
            "'good-level-of-development'?).",
        ),
        (
            3,
            "indicator",
            "No indicator has the key 'no-such-thing'; write the indicator's key as "
            "the plan file gives it.",
        ),
    ]
    assert [o.indicator for o in batch.observations] == [GLD]  # capitals are forgiven


def test_bad_area_code() -> None:
    batch = observations([GLD, "E06 000044", "2019/20", 5, "", "", ""])
    assert found(batch, "BadAreaCode") == [
        (
            2,
            "area_code",
            "The area_code 'E06 000044' is not an area code: write an ONS code (a "
            "letter and 8 digits, like E06000044) or a comparator group's code (letters, digits "
            "and hyphens, up to 40 characters).",
        ),
    ]
    clean(observations([GLD, "e06000044", "2019/20", 5, "", "", ""]))  # capitals restored


def test_unknown_area_unless_the_file_names_it() -> None:
    header = ("indicator", "area_code", "area_name", "period", "value")
    batch = observations(
        [GLD, SOUTHAMPTON, "", "2019/20", 5],
        [GLD, "E0600045", "", "2019/20", 5],
        [GLD, "E06000046", "Isle of Wight", "2019/20", 5],
        header=header,
    )
    assert found(batch, "UnknownArea") == [
        (
            2,
            "area_code",
            "Area 'E06000045' is not known to trustplan, and this file does not "
            "create it: give its name in area_name to create it.",
        ),
        (
            3,
            "area_code",
            "Area 'E0600045' is not known to trustplan, and this file does not "
            "create it (it has 7 digits; an ONS code has 8): give its name in area_name to create "
            "it.",
        ),
    ]


def test_unknown_area_of_a_target_must_come_from_an_areas_sheet() -> None:
    batch = targets([GLD, SOUTHAMPTON, "2013/14", 70, ""])
    assert found(batch, "UnknownArea") == [
        (
            2,
            "area_code",
            "Area 'E06000045' is not known to trustplan, and this file does not "
            "create it: add it to an areas sheet (or import an areas file) first.",
        ),
    ]
    workbook = xlsx_bytes(
        {
            "areas": [["area_code", "area_name", "area_kind"], [SOUTHAMPTON, "Southampton", ""]],
            "targets": [
                ["indicator", "area_code", "due", "target"],
                [GLD, SOUTHAMPTON, "2013/14", 70],
            ],
        }
    )
    clean(read_import(workbook, "book.xlsx", catalogue()))


def test_bad_area_kind() -> None:
    header = ("indicator", "area_code", "area_name", "area_kind", "period", "value")
    batch = observations(
        [GLD, "E10000014", "Hampshire", "county", "2019/20", 5],
        [GLD, "E06000046", "Isle of Wight", "Local authority", "2019/20", 5],
        header=header,
    )
    assert found(batch, "BadAreaKind") == [
        (
            2,
            "area_kind",
            "The area_kind 'county' is not a kind of area: write one of country, "
            "region, local_authority, ward, comparator_group, other.",
        ),
    ]


def test_unparseable_period_shows_how_to_write_one() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2019/21", 5, "", "", ""], [FTE, PORTSMOUTH, "Q5 2020", 5, "", "", ""]
    )
    assert found(batch, "UnparseablePeriod") == [
        (
            2,
            "period",
            "The period cannot be read: '2019/21': a financial or academic year runs "
            "over two consecutive years (like '2019/20').",
        ),
        (
            3,
            "period",
            "The period cannot be read: 'Q5 2020' is not a period trustplan "
            "recognises; write it like 'Sep 2020', '2020 Q3', 'Q3 2020/21', '2020', '2020/21', "
            "'AY 2019/20', 'Autumn term 2019/20', '12 months to Mar 2021' or '2017 - 19'.",
        ),
    ]


def test_unparseable_due_date_of_a_target() -> None:
    batch = targets([GLD, PORTSMOUTH, "next March", 70, ""])
    [(row, column, message)] = found(batch, "UnparseablePeriod")
    assert (row, column) == (2, "due")
    assert message.startswith("The due cannot be read: 'next March' is not a period")
    assert message.endswith("; or write the date it is due, like 2014-03-31.")


def test_not_a_number_quotes_the_cell() -> None:
    batch = observations([GLD, PORTSMOUTH, "2019/20", "c", "12", "n/a", ""])
    assert found(batch, "NotANumber") == [
        (
            2,
            "value",
            "The value must be a number, but the cell holds 'c'; to record that there "
            "is no value, leave it blank and say why in note.",
        ),
        (2, "denominator", "The denominator must be a number, but the cell holds 'n/a'."),
    ]


def test_missing_value_unless_a_note_says_why() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2017/18", "", "", "", ""],
        [GLD, PORTSMOUTH, "2018/19", "", "12", "", ""],
        [GLD, PORTSMOUTH, "2019/20", "", "", "", "suppressed: fewer than 5 children"],
    )
    assert found(batch, "MissingValue") == [
        (
            row,
            "value",
            "There is no value, and no numerator and denominator to calculate it "
            "from. To record that there is no data, leave value blank and say why in note.",
        )
        for row in (2, 3)
    ]
    [explicit] = batch.observations
    assert explicit.value is None  # missing is stored as missing, never as 0
    assert explicit.note == "suppressed: fewer than 5 children"


def test_negative_count() -> None:
    batch = observations([FTE, PORTSMOUTH, "2019/20", "", -3, 18000, ""])
    assert found(batch, "NegativeCount") == [
        (2, "numerator", "The numerator is -3, but a count cannot be negative."),
    ]


def test_zero_denominator_with_a_numerator() -> None:
    batch = observations(
        [FTE, PORTSMOUTH, "2019/20", "", 3, 0, ""],
        [FTE, PORTSMOUTH, "2020/21", 0, "", 0, ""],
    )
    assert found(batch, "ZeroDenominator") == [
        (
            2,
            "denominator",
            "The denominator is 0 but the numerator is 3: nothing can be "
            "calculated as a share of a population of none.",
        ),
    ]


def test_numerator_exceeds_denominator_for_a_proportion_only() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2019/20", "", 2300, 2261, ""],
        [FTE, PORTSMOUTH, "2019/20", "", 30, 20, ""],  # a rate may count more events
    )
    assert found(batch, "NumeratorExceedsDenominator") == [
        (
            2,
            "numerator",
            "The numerator (2300) is larger than the denominator (2261), but "
            "indicator 'good-level-of-development' is a proportion, which cannot count more "
            "events than its population.",
        ),
    ]


def test_value_out_of_range() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2018/19", 101, "", "", ""],
        [FTE, PORTSMOUTH, "2019/20", -1, "", "", ""],
        [GLD, PORTSMOUTH, "2019/20", 100, "", "", ""],
        [SCORE, PORTSMOUTH, "2020 Q1", -0.25, "", "", ""],
    )
    assert found(batch, "ValueOutOfRange") == [
        (
            2,
            "value",
            "The value (101) is outside the range of indicator "
            "'good-level-of-development': a proportion per 100 is from 0 to 100.",
        ),
        (
            3,
            "value",
            "The value (-1) is outside the range of indicator 'first-time-entrants': a "
            "rate cannot be negative.",
        ),
    ]


def test_value_out_of_range_for_a_target() -> None:
    batch = targets([GLD, PORTSMOUTH, "2013/14", 120, ""])
    [(row, column, message)] = found(batch, "ValueOutOfRange")
    assert (row, column) == (2, "target")
    assert message.startswith("The target (120) is outside the range")


def test_value_disagrees_with_counts_beyond_rounding() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2017/18", 68.2, 1540, 2261, ""],  # 68.11...: 68.2 is too far
        [GLD, PORTSMOUTH, "2018/19", 68.1, 1540, 2261, ""],
        [GLD, PORTSMOUTH, "2019/20", 68.16, 1540, 2261, ""],  # within half of 0.1
        [FTE, PORTSMOUTH, "2019/20", 300, 45, 18000, ""],  # 250 per 100,000
        [CIN, PORTSMOUTH, "2019/20", 1200, 7, 3, ""],  # a count is not checked
    )
    assert found(batch, "ValueDisagreesWithCounts") == [
        (
            2,
            "value",
            "The value (68.2) is not numerator ÷ denominator × 100 = 1540 ÷ 2261 × 100 "
            "= 68.111, to 1 decimal place.",
        ),
        (
            5,
            "value",
            "The value (300) is not numerator ÷ denominator × 100000 = 45 ÷ 18000 × "
            "100000 = 250.000, to 1 decimal place.",
        ),
    ]


def test_value_agrees_at_exactly_half_a_unit() -> None:
    clean(observations([GLD, PORTSMOUTH, "2019/20", 12.55, 1, 8, ""]))  # 12.5 exactly


def test_confidence_limits_out_of_order() -> None:
    header = (
        "indicator",
        "area_code",
        "period",
        "value",
        "lower_ci_95",
        "upper_ci_95",
        "lower_ci_99_8",
        "upper_ci_99_8",
    )
    batch = observations(
        [GLD, PORTSMOUTH, "2015/16", 50, 52, 55, "", ""],
        [GLD, PORTSMOUTH, "2016/17", 50, 45, 48, "", ""],
        [GLD, PORTSMOUTH, "2017/18", 50, 55, 45, "", ""],
        [GLD, PORTSMOUTH, "2018/19", 50, 45, 55, 46, 54],
        [GLD, PORTSMOUTH, "2019/20", 50, 45, 55, 44, 56],
        [GLD, PORTSMOUTH, "2020/21", 50.0, 50.04, 55, "", ""],  # rounding slack
        header=header,
    )
    assert found(batch, "ConfidenceLimitsOutOfOrder") == [
        (
            2,
            "lower_ci_95",
            "The confidence limits are out of order: lower_ci_95 (52) is above the value (50).",
        ),
        (
            3,
            "upper_ci_95",
            "The confidence limits are out of order: upper_ci_95 (48) is below the value (50).",
        ),
        (
            4,
            "lower_ci_95",
            "The confidence limits are out of order: lower_ci_95 (55) is above upper_ci_95 (45).",
        ),
        (
            5,
            "lower_ci_99_8",
            "The confidence limits are out of order: lower_ci_99_8 (46) is "
            "above lower_ci_95 (45); the 99.8% interval is the wider one.",
        ),
        (
            5,
            "upper_ci_99_8",
            "The confidence limits are out of order: upper_ci_99_8 (54) is "
            "below upper_ci_95 (55); the 99.8% interval is the wider one.",
        ),
    ]


def test_duplicate_row_names_the_other_row() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2019/20", 68, "", "", ""],
        [GLD, ENGLAND, "2019/20", 71, "", "", ""],
        [GLD, PORTSMOUTH, "AY 2019/20", 69, "", "", ""],
        [GLD, PORTSMOUTH, "2019/20", 68, "", "", ""],
    )
    message = (
        "This row has the same indicator 'good-level-of-development', area 'E06000044' and "
        "period 'AY 2019/20' as row 2; a file may give each only once."
    )
    assert found(batch, "DuplicateRow") == [(4, None, message), (5, None, message)]


def test_duplicate_rows_in_two_sheets_name_the_sheet() -> None:
    header = ["indicator", "area_code", "period", "value"]
    workbook = xlsx_bytes(
        {
            "observations": [header, [FTE, PORTSMOUTH, "2019/20", 250]],
            "Fingertips": [
                ["Indicator ID", "Area Code", "Time period", "Value"],
                [90352, PORTSMOUTH, "2019/20", 250],
            ],
        }
    )
    batch = read_import(workbook, "book.xlsx", catalogue())
    [(row, _, message)] = found(batch, "DuplicateRow")
    assert row == 2
    assert "as row 2 of sheet 'observations'" in message


def test_duplicate_targets_areas_and_members() -> None:
    workbook = xlsx_bytes(
        {
            "areas": [
                ["area_code", "area_name", "area_kind"],
                [SOUTHAMPTON, "Southampton", ""],
                [SOUTHAMPTON, "Southampton City", ""],
            ],
            "comparator groups": [
                ["group_code", "member_code"],
                ["SN-PORTSMOUTH", SOUTHAMPTON],
                ["SN-PORTSMOUTH", SOUTHAMPTON],
            ],
            "targets": [
                ["indicator", "area_code", "due", "target"],
                [GLD, PORTSMOUTH, "2014-03-31", 70],
                [GLD, PORTSMOUTH, dt.datetime(2014, 3, 31), 72],
            ],
        }
    )
    batch = read_import(workbook, "book.xlsx", catalogue())
    assert [(r.sheet, r.row, r.message) for r in batch.rejections if r.rule == "DuplicateRow"] == [
        (
            "areas",
            3,
            "This row has the same area code 'E06000045' as row 2; a file may give each only once.",
        ),
        (
            "comparator groups",
            3,
            "This row has the same group 'SN-PORTSMOUTH' and member "
            "'E06000045' as row 2; a file may give each only once.",
        ),
        (
            "targets",
            3,
            "This row has the same indicator 'good-level-of-development', area "
            "'E06000044' and due date 2014-03-31 as row 2; a file may give each only once.",
        ),
    ]


def test_bad_status() -> None:
    header = ("indicator", "area_code", "period", "value", "status")
    batch = observations(
        [GLD, PORTSMOUTH, "2018/19", 68, "draft"],
        [GLD, PORTSMOUTH, "2019/20", 68, "Provisional"],
        header=header,
    )
    assert found(batch, "BadStatus") == [
        (
            2,
            "status",
            "The status 'draft' is not a status: write final or provisional (blank means final).",
        ),
    ]
    assert batch.observations[0].status == "provisional"


def test_bad_tolerance() -> None:
    batch = targets(
        [GLD, PORTSMOUTH, "2012/13", 70, "two"],
        [GLD, PORTSMOUTH, "2013/14", 70, "-1"],
        [GLD, PORTSMOUTH, "2014/15", 70, "5%"],
    )
    message = (
        "The tolerance {!r} is not a tolerance: write a number in the indicator's units (like 2) "
        "or a percentage of the target (like 5%), and not a negative one."
    )
    assert found(batch, "BadTolerance") == [
        (2, "tolerance", message.format("two")),
        (3, "tolerance", message.format("-1")),
    ]


def test_bad_rank() -> None:
    csv = csv_bytes(
        [["group_code", "member_code", "rank"], ["SN-X", PORTSMOUTH, "first"], ["SN-X", ENGLAND, 2]]
    )
    batch = read_import(csv, "groups.csv", catalogue())
    assert found(batch, "BadRank") == [
        (
            2,
            "rank",
            "The rank 'first' is not a rank: write a whole number from 1 (1 is the nearest).",
        ),
    ]


# --- indicator definitions -------------------------------------------------------------------

CLA = "children-looked-after"  # the key of builders.indicator_row()


def test_a_clean_definition_breaks_no_rule() -> None:
    batch = indicators(indicator_row())
    clean(batch)
    [record] = batch.indicators
    assert (record.key, record.value_type, record.multiplier, record.fingertips_id) == (
        CLA,
        "rate",
        10_000,
        90803,
    )


def test_blank_cells_of_a_definition() -> None:
    batch = indicators(
        indicator_row({"key": "", "name": ""}),
        indicator_row({"key": "other-key", "value_type": "", "fingertips_id": ""}),
    )
    table = "but every row of an indicators table needs one."
    assert found(batch, "BlankCell") == [
        (2, "key", f"The key cell is blank, {table}"),
        (2, "name", f"The name cell is blank, {table}"),
        (3, "value_type", f"The value_type cell is blank, {table}"),
    ]


def test_bad_key() -> None:
    batch = indicators(
        indicator_row({"key": "Children looked after", "fingertips_id": ""}),
        indicator_row({"key": "children_looked_after", "fingertips_id": ""}),
        indicator_row({"key": "x" * 81, "fingertips_id": ""}),
    )
    message = (
        "The key {!r} is not an indicator key: write lower-case letters and digits, with single "
        "hyphens between words (like first-time-entrants), up to 80 characters."
    )
    assert found(batch, "BadKey") == [
        (2, "key", message.format("Children looked after")),
        (3, "key", message.format("children_looked_after")),
        (4, "key", message.format("x" * 81)),
    ]
    assert batch.indicators == []


def test_bad_polarity() -> None:
    batch = indicators(
        indicator_row({"polarity": "good"}),
        indicator_row({"key": "blank-polarity", "polarity": "", "fingertips_id": ""}),
        indicator_row({"key": "labelled", "polarity": "Low is good", "fingertips_id": ""}),
    )
    assert found(batch, "BadPolarity") == [
        (
            2,
            "polarity",
            "The polarity 'good' is not a polarity: write one of high_is_good, low_is_good, "
            "no_judgement (blank means not defined).",
        ),
    ]
    assert [(i.key, i.polarity) for i in batch.indicators] == [
        ("blank-polarity", ""),
        ("labelled", "low_is_good"),
    ]


def test_bad_frequency() -> None:
    batch = indicators(
        indicator_row({"frequency": "yearly"}),
        indicator_row({"key": "no-frequency", "frequency": "", "fingertips_id": ""}),
    )
    assert found(batch, "BadFrequency") == [
        (
            2,
            "frequency",
            "The frequency 'yearly' is not a frequency: write one of monthly, quarterly, termly, "
            "annual, academic_year (blank means not defined).",
        ),
    ]
    assert [(i.key, i.frequency) for i in batch.indicators] == [("no-frequency", "")]


def test_bad_value_type() -> None:
    batch = indicators(indicator_row({"value_type": "percentage"}))
    assert found(batch, "BadValueType") == [
        (
            2,
            "value_type",
            "The value_type 'percentage' is not a value type: write one of proportion, rate, "
            "count, mean, dsr, ratio, score.",
        ),
    ]


def test_bad_multiplier() -> None:
    batch = indicators(
        indicator_row({"multiplier": 0}),
        indicator_row({"key": "b", "multiplier": "per 10,000", "fingertips_id": ""}),
        indicator_row({"key": "c", "multiplier": "", "fingertips_id": ""}),
        indicator_row({"key": "d", "multiplier": "1,000", "fingertips_id": ""}),
    )
    message = (
        "The multiplier {!r} is not a multiplier: write a number above 0, like 100 for a "
        "percentage or 10000 for a rate per 10,000 (blank means 1)."
    )
    assert found(batch, "BadMultiplier") == [
        (2, "multiplier", message.format("0")),
        (3, "multiplier", message.format("per 10,000")),
    ]
    assert [(i.key, i.multiplier) for i in batch.indicators] == [("c", 1.0), ("d", 1000.0)]


def test_bad_decimals() -> None:
    batch = indicators(
        indicator_row({"decimals": 7}),
        indicator_row({"key": "b", "decimals": 1.5, "fingertips_id": ""}),
        indicator_row({"key": "c", "decimals": "", "fingertips_id": ""}),
    )
    message = (
        "The decimals {!r} is not a number of decimal places: write a whole number from 0 to 6 "
        "(blank means 1)."
    )
    assert found(batch, "BadDecimals") == [
        (2, "decimals", message.format("7")),
        (3, "decimals", message.format("1.5")),
    ]
    assert [(i.key, i.decimals) for i in batch.indicators] == [("c", 1)]


def test_bad_comparison_method() -> None:
    batch = indicators(
        indicator_row({"comparison_method": "funnel plot"}),
        indicator_row({"key": "b", "comparison_method": "", "fingertips_id": ""}),
        indicator_row({"key": "c", "comparison_method": "Quintiles", "fingertips_id": ""}),
    )
    assert found(batch, "BadComparisonMethod") == [
        (
            2,
            "comparison_method",
            "The comparison_method 'funnel plot' is not a comparison method: write one of ci_95, "
            "ci_two_level, quintiles, none (blank means ci_95).",
        ),
    ]
    assert [(i.key, i.comparison_method) for i in batch.indicators] == [
        ("b", "ci_95"),
        ("c", "quintiles"),
    ]


def test_bad_fingertips_id() -> None:
    batch = indicators(
        indicator_row({"fingertips_id": "90803a"}),
        indicator_row({"key": "b", "fingertips_id": 0}),
        indicator_row({"key": "c", "fingertips_id": ""}),
    )
    message = (
        "The fingertips_id {!r} is not a Fingertips indicator ID: write the whole number "
        "Fingertips gives the indicator (like 90631), or leave it blank."
    )
    assert found(batch, "BadFingertipsId") == [
        (2, "fingertips_id", message.format("90803a")),
        (3, "fingertips_id", message.format("0")),
    ]
    assert [(i.key, i.fingertips_id) for i in batch.indicators] == [("c", None)]


def test_duplicate_indicator_key() -> None:
    batch = indicators(indicator_row(), indicator_row({"name": "Looked-after children"}))
    assert found(batch, "DuplicateRow") == [
        (
            3,
            None,
            "This row has the same indicator key 'children-looked-after' as row 2; a file may "
            "give each only once.",
        ),
    ]
    assert found(batch, "DuplicateFingertipsId") == []  # the same indicator, not another


def test_duplicate_fingertips_id_within_the_file() -> None:
    batch = indicators(indicator_row(), indicator_row({"key": "cla-rate"}))
    assert found(batch, "DuplicateFingertipsId") == [
        (
            3,
            "fingertips_id",
            "Fingertips ID 90803 is also given to indicator 'children-looked-after' in row 2: an "
            "ID may belong to only one indicator, so that each row of a Fingertips download is "
            "matched to one.",
        ),
    ]


def test_duplicate_fingertips_id_of_a_different_stored_indicator() -> None:
    batch = indicators(indicator_row({"fingertips_id": 90631}))  # good-level-of-development's
    assert found(batch, "DuplicateFingertipsId") == [
        (
            2,
            "fingertips_id",
            "Fingertips ID 90631 already belongs to indicator 'good-level-of-development' (to "
            "move it, import 'good-level-of-development' without it first): an ID may belong to "
            "only one indicator, so that each row of a Fingertips download is matched to one.",
        ),
    ]
    redefined = {"key": GLD, "value_type": "proportion", "multiplier": 100, "fingertips_id": 90631}
    batch = indicators(indicator_row(redefined))
    clean(batch)  # a stored indicator keeps its own ID when the file redefines it
    assert [(i.key, i.fingertips_id) for i in batch.indicators] == [(GLD, 90631)]


def test_unknown_indicator_whose_definition_in_the_file_was_rejected() -> None:
    workbook = xlsx_bytes(
        {
            "indicators": [INDICATOR_HEADER, indicator_row({"value_type": "percentage"})],
            "observations": [
                ["indicator", "area_code", "period", "value"],
                [CLA, PORTSMOUTH, "2019/20", 87],
                [CLA, ENGLAND, "2019/20", 67],
            ],
        }
    )
    batch = read_import(workbook, "book.xlsx", catalogue())
    message = (
        "No indicator has the key 'children-looked-after': row 2 of sheet 'indicators' defines "
        "it, but that row was rejected, so fix it first."
    )
    assert [(r.sheet, r.row, r.rule, r.message) for r in batch.rejections] == [
        ("indicators", 2, "BadValueType", found(batch, "BadValueType")[0][2]),
        ("observations", 2, "UnknownIndicator", message),
        ("observations", 3, "UnknownIndicator", message),
    ]


def test_missing_value_type_column() -> None:
    batch = indicators(["a", "A"], header=("key", "name", "unit"))
    assert found(batch, "MissingColumn") == [
        (
            1,
            "value_type",
            "An indicators table needs a column 'value_type', and the header has none.",
        ),
    ]


# --- headers ---------------------------------------------------------------------------------


def test_unknown_column_names_it_and_lists_the_columns() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2019/20", 5, "x"],
        header=("indicator", "area_code", "period", "value", "comment"),
    )
    [(row, column, message)] = found(batch, "UnknownColumn")
    assert (row, column) == (1, "comment")
    assert message == (
        "The column 'comment' is not one trustplan reads in an observations table; its columns "
        "are indicator, area_code, area_name, area_kind, period, value, numerator, denominator, "
        "lower_ci_95, upper_ci_95, lower_ci_99_8, upper_ci_99_8, status, source, note."
    )
    assert batch.observations == []  # the rows of a sheet with a bad header are not checked
    assert any("were not checked, because its header is wrong" in n for n in batch.notes)


def test_an_unnamed_column_holding_data_is_an_unknown_column() -> None:
    data = csv_bytes(
        [
            ["indicator", "area_code", "period", "value", ""],
            [GLD, PORTSMOUTH, "2019/20", 5, ""],
            [GLD, ENGLAND, "2019/20", 7, "oops"],
        ]
    )
    batch = read_import(data, "data.csv", catalogue())
    [(row, column, message)] = found(batch, "UnknownColumn")
    assert (row, column) == (1, "column E")
    assert message.startswith(
        "The column E, which has no name in the header but holds data (from row 3), is not one"
    )


def test_missing_column_suggests_a_misspelt_one() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2019/20", 5], header=("indicator", "area_code", "perod", "value")
    )
    assert found(batch, "MissingColumn") == [
        (
            1,
            "period",
            "An observations table needs a column 'period', and the header has none "
            "(is 'perod' meant to be it?).",
        ),
    ]
    assert [r.rule for r in batch.rejections] == ["UnknownColumn", "MissingColumn"]


def test_missing_value_column() -> None:
    batch = observations(
        [GLD, PORTSMOUTH, "2019/20", 5], header=("indicator", "area_code", "period", "numerator")
    )
    assert found(batch, "MissingColumn") == [
        (
            1,
            "value",
            "An observations table needs a column 'value', and the header has none (or "
            "numerator and denominator columns, to calculate it from).",
        ),
    ]


def test_unknown_sheet() -> None:
    workbook = xlsx_bytes(
        {
            "observations": [
                ["indicator", "area_code", "period", "value"],
                [GLD, PORTSMOUTH, "2019/20", 5],
            ],
            "Sheet1": [["who", "what"], ["x", "y"]],
            "Sheet2": [],
        }
    )
    batch = read_import(workbook, "book.xlsx", catalogue())
    assert [(r.sheet, r.row, r.column, r.rule, r.message) for r in batch.rejections] == [
        (
            "Sheet1",
            None,
            None,
            "UnknownSheet",
            "The workbook has a sheet 'Sheet1', which "
            "trustplan does not read: name the sheets 'indicators', 'observations', 'targets', "
            "'areas', 'comparator groups' (a Fingertips download's sheet may have any name).",
        ),
    ]
    assert "Sheet 'Sheet2' has no rows of data and was skipped." in batch.notes


@pytest.mark.parametrize("rule", ROW_RULES, ids=lambda rule: type(rule).__name__)
def test_every_row_rule_has_a_message_template(rule: object) -> None:
    template = type(rule).__doc__ or ""
    assert "{" in template, "a rule's docstring is its message template"


def test_unknown_area_for_a_group_member_or_a_parent() -> None:
    workbook = xlsx_bytes(
        {
            "areas": [
                ["area_code", "area_name", "area_kind", "parent_code"],
                ["E06000046", "Isle of Wight", "", "E12000099"],
                ["E06000047", "", "", ""],
            ],
            "comparator groups": [
                ["group_code", "member_code"],
                ["SN-PORTSMOUTH", "E06000046"],  # created by the areas sheet
                ["SN-PORTSMOUTH", "E06000099"],
            ],
        }
    )
    batch = read_import(workbook, "book.xlsx", catalogue())
    assert [(r.sheet, r.row, r.column, r.rule) for r in batch.rejections] == [
        ("areas", 2, "parent_code", "UnknownArea"),
        ("areas", 3, "area_name", "BlankCell"),
        ("comparator groups", 3, "member_code", "UnknownArea"),
    ]
