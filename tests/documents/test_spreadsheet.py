"""The Excel data appendix and scorecard, read back with openpyxl: the right rows and cell kinds."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.documents import examples
from trustplan.documents.content import BoardPack, SeriesValue
from trustplan.documents.spreadsheet import board_pack_xlsx, scorecard_xlsx

SAFEGUARDING = "Priority 2: Safeguarding"
SEMH = "Priority 4: Social, Emotional and Mental Health"


def read(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def values(sheet: Any) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def column(sheet: Any, header: str) -> list[object]:
    header_row, *rows = values(sheet)
    index = header_row.index(header)
    return [row[index] for row in rows]


def with_series(pack: BoardPack) -> BoardPack:
    """The example pack with a series on its first KPI, one period of it missing."""
    first = pack.priorities[0]
    series = [
        SeriesValue(
            period="2021 Q1",
            value=82.4,
            lower=78.9,
            upper=85.5,
            numerator=412,
            denominator=500,
            status="Up to date",
        ),
        SeriesValue(period="2020 Q4", value=None, status="Suppressed"),
    ]
    kpis = [first.kpis[0].model_copy(update={"series": series}), *first.kpis[1:]]
    priority = first.model_copy(update={"kpis": kpis})
    return pack.model_copy(update={"priorities": [priority, *pack.priorities[1:]]})


@pytest.fixture(scope="module")
def appendix() -> Any:
    return read(board_pack_xlsx(with_series(examples.board_pack())))


def test_sheets_in_order(appendix: Any) -> None:
    assert appendix.sheetnames == ["KPIs", "Series", "Actions", "Risks", "About"]


def test_kpis_exceptions_first_per_priority(appendix: Any) -> None:
    kpis = appendix["KPIs"]
    assert values(kpis)[0] == [
        "Priority",
        "Number",
        "Indicator",
        "Indicator code",
        "Latest",
        "Period",
        "Target",
        "RAG",
        "Variation",
        "Assurance",
        "Direction",
        "Benchmark",
        "Data status",
        "Exceptions",
    ]
    assert column(kpis, "Priority") == [SAFEGUARDING] * 5 + [SEMH] * 4
    assert column(kpis, "Number") == ["2.1", "2.2", "2.4", "2.3", "2.5", "4.2", "4.1", "4.3", "4.4"]
    assert column(kpis, "RAG") == [
        "Amber",
        "Red",
        "Not rated",
        "Green",
        "Green",
        "Red",
        "Amber",
        "Green",
        "Not rated",
    ]
    assert column(kpis, "Exceptions")[1] == "Red rating; Special-cause concern"
    assert column(kpis, "Latest")[2] is None
    assert column(kpis, "Data status")[2] == "No data"


def test_series_numbers_are_numbers(appendix: Any) -> None:
    series = appendix["Series"]
    assert values(series) == [
        [
            "Priority",
            "Number",
            "Indicator code",
            "Period",
            "Value",
            "Lower 95% CI",
            "Upper 95% CI",
            "Numerator",
            "Denominator",
            "Status",
        ],
        [SAFEGUARDING, "2.1", "example-2-1", "2021 Q1", 82.4, 78.9, 85.5, 412, 500, "Up to date"],
        [SAFEGUARDING, "2.1", "example-2-1", "2020 Q4", None, None, None, None, None, "Suppressed"],
    ]
    assert [cell.data_type for cell in series[2][4:9]] == ["n"] * 5


def test_actions_with_dates_as_dates_and_flags_in_words(appendix: Any) -> None:
    actions = appendix["Actions"]
    assert column(actions, "Number") == ["1.1", "1.2", "1.3", "2.1", "2.2", "1.1"]
    assert column(actions, "Objective") == ["1", "1", "1", "2", "2", "1"]
    assert column(actions, "Due")[3] == dt.datetime(2021, 5, 31)
    assert column(actions, "Overdue") == ["No", "No", "No", "Yes", "No", "No"]
    assert column(actions, "RAG")[0] == "Complete"


def test_risks_with_score_as_a_number(appendix: Any) -> None:
    risks = appendix["Risks"]
    assert column(risks, "Number") == ["R1", "R2", "R3"]
    assert column(risks, "Score") == [16, 12, 6]
    assert column(risks, "Review overdue") == ["No", "Yes", "No"]


def test_about_sheet_says_what_was_frozen_when(appendix: Any) -> None:
    about = {row[0]: row[1] for row in values(appendix["About"])[1:]}
    assert about["Board"] == examples.BOARD
    assert about["Quarter"] == "Quarter 1 2021/22 (April to June 2021)"
    assert about["State"] == "Published, version 2"
    assert about["Data as at"] == dt.datetime(2021, 7, 15)
    assert about["Version"] == 2
    assert about["Frozen at (UTC)"] == dt.datetime(2021, 7, 20, 9, 30)
    assert about["Synthetic data"] == "No"


def test_every_sheet_has_a_bold_frozen_filtered_header(appendix: Any) -> None:
    for sheet in appendix.worksheets:
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert sheet.column_dimensions["B"].width > 8


def test_text_that_would_run_as_a_formula_is_stored_as_text() -> None:
    pack = examples.board_pack()
    objective = pack.priorities[0].objectives[0]
    action = objective.actions[0].model_copy(
        update={"title": '=HYPERLINK("https://evil.example","Click")', "owner": "+44 23 9283 4000"}
    )
    objective = objective.model_copy(update={"actions": [action]})
    priority = pack.priorities[0].model_copy(update={"objectives": [objective]})
    sheet = read(board_pack_xlsx(pack.model_copy(update={"priorities": [priority]})))["Actions"]
    assert column(sheet, "Action") == ['\'=HYPERLINK("https://evil.example","Click")']
    assert column(sheet, "Owner") == ["'+44 23 9283 4000"]
    assert sheet["E2"].data_type == "s"


def test_pasted_control_characters_are_dropped() -> None:
    pack = examples.board_pack()
    kpi = pack.priorities[0].kpis[0].model_copy(update={"title": "Early help\x0b assessments\x00"})
    priority = pack.priorities[0].model_copy(update={"kpis": [kpi]})
    sheet = read(board_pack_xlsx(pack.model_copy(update={"priorities": [priority]})))["KPIs"]
    assert column(sheet, "Indicator") == ["Early help assessments"]


def test_scorecard_is_one_sheet_of_every_row_in_order() -> None:
    card = examples.scorecard()
    workbook = read(scorecard_xlsx(card))
    assert workbook.sheetnames == ["Scorecard"]
    sheet = workbook["Scorecard"]
    assert values(sheet)[0][:7] == [
        "Priority",
        "Priority title",
        "Board",
        "Themes",
        "Number",
        "Indicator",
        "Indicator code",
    ]
    assert column(sheet, "Number") == [row.kpi.number for row in card.rows]
    assert column(sheet, "RAG") == [row.kpi.rag.label for row in card.rows]
    assert column(sheet, "Priority")[0] == "2"
    assert sheet.freeze_panes == "A2"
