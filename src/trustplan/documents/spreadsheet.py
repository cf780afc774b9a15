"""Excel renderings: the board pack's data appendix and the scorecard, for analysts to work with.

Each value is a cell of its own kind (numbers as numbers, dates as dates) so that it sorts,
filters and charts; every sheet has a bold, frozen, filtered header row. The text comes from many
people, so every text cell goes through ``spreadsheet_safe``: a cell starting ``=`` would
otherwise run as a formula on the reader's machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from trustplan.disclosure import FOOTNOTE, MARKER
from trustplan.documents.cells import spreadsheet_safe
from trustplan.documents.content import BoardPack, KpiRow, PriorityPack, Scorecard
from trustplan.documents.packaging import save_xlsx, utc_naive

__all__ = ["board_pack_xlsx", "scorecard_xlsx"]

Header = tuple[str, int]
"""A column's header and its width in characters."""

KPI_HEADERS: Final[list[Header]] = [
    ("Number", 9),
    ("Indicator", 50),
    ("Indicator code", 18),
    ("Latest", 12),
    ("Period", 18),
    ("Target", 12),
    ("RAG", 10),
    ("Variation", 24),
    ("Assurance", 24),
    ("Direction", 14),
    ("Benchmark", 14),
    ("Data status", 24),
    ("Exceptions", 50),
]
PRIORITY: Final[Header] = ("Priority", 40)


def cell_value(value: object) -> object:
    """``value`` as a cell: text made safe to open, a flag as Yes or No, nothing as an empty cell.

    Control characters pasted from other programs are dropped, since Excel cannot store them.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return spreadsheet_safe(value)


def add_sheet(
    workbook: Workbook, title: str, headers: Sequence[Header], rows: Iterable[Sequence[object]]
) -> None:
    """A sheet of ``rows`` under a bold header row that stays in view and filters the columns."""
    sheet = workbook.create_sheet(title)
    sheet.append([cell_value(name) for name, _ in headers])
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    bold = Font(bold=True)
    for index, (_, width) in enumerate(headers, start=1):
        sheet.cell(row=1, column=index).font = bold
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def kpi_values(kpi: KpiRow) -> list[object]:
    """A KPI's cells under ``KPI_HEADERS``."""
    return [
        kpi.number,
        kpi.title,
        kpi.indicator_code,
        kpi.latest,
        kpi.latest_period,
        kpi.target,
        kpi.rag.label,
        kpi.variation_label,
        kpi.assurance_label,
        kpi.direction_label,
        kpi.benchmark_label,
        kpi.data_status,
        "; ".join(kpi.exception_reasons),
    ]


def priority_name(priority: PriorityPack) -> str:
    return f"{priority.label} {priority.number}: {priority.title}"


def _kpi_rows(pack: BoardPack) -> Iterator[list[object]]:
    for priority in pack.priorities:
        for kpi in priority.kpis_exceptions_first():
            yield [priority_name(priority), *kpi_values(kpi)]


def _series_rows(pack: BoardPack) -> Iterator[list[object]]:
    """Each value as a number; a withheld one (``suppressed``) as the text ``[c]``."""
    for priority in pack.priorities:
        for kpi in priority.kpis_exceptions_first():
            for value in kpi.series:
                hidden = value.suppressed
                yield [
                    priority_name(priority),
                    kpi.number,
                    kpi.indicator_code,
                    value.period,
                    MARKER if hidden else value.value,
                    MARKER if hidden else value.lower,
                    MARKER if hidden else value.upper,
                    MARKER if value.numerator_suppressed else value.numerator,
                    MARKER if value.denominator_suppressed else value.denominator,
                    value.status,
                ]


def _withheld(kpis: Iterable[KpiRow]) -> list[list[object]]:
    """The footnote's row for an *About* sheet, when a figure is shown as ``[c]``."""
    return [["Confidentiality", FOOTNOTE]] if any(k.suppressed for k in kpis) else []


def _action_rows(pack: BoardPack) -> Iterator[list[object]]:
    for priority in pack.priorities:
        for objective in priority.objectives:
            for action in objective.actions:
                yield [
                    priority_name(priority),
                    objective.number,
                    objective.title,
                    action.number,
                    action.title,
                    action.owner,
                    action.organisation,
                    action.start,
                    action.due,
                    action.status,
                    action.rating.label,
                    action.due_this_quarter,
                    action.overdue,
                    action.update_state,
                    action.narrative,
                ]


def _risk_rows(pack: BoardPack) -> Iterator[list[object]]:
    for priority in pack.priorities:
        for risk in priority.risks:
            yield [
                priority_name(priority),
                risk.number,
                risk.description,
                risk.likelihood,
                risk.impact,
                risk.score,
                risk.rating.label,
                risk.mitigation,
                risk.owner,
                risk.review_date,
                risk.review_overdue,
                risk.trend,
            ]


def _about_rows(pack: BoardPack) -> list[list[object]]:
    return [
        ["Plan", pack.plan_title],
        ["Partnership", pack.partnership],
        ["Board", pack.board],
        ["Quarter", pack.quarter_label],
        ["Quarter code", pack.quarter],
        ["Area", pack.area],
        ["State", pack.state],
        ["Data as at", pack.as_of],
        ["Version", pack.version],
        ["Frozen at (UTC)", utc_naive(pack.frozen_at) if pack.frozen_at else None],
        ["Frozen by", pack.frozen_by],
        ["Synthetic data", pack.synthetic],
        ["How overall ratings are worked out", pack.rollup_rule],
        *_withheld(k for p in pack.priorities for k in p.kpis),
    ]


def board_pack_xlsx(pack: BoardPack) -> bytes:
    """The board pack's data appendix: every KPI, value, action and risk behind the Word pack."""
    workbook = new_workbook()
    add_sheet(workbook, "KPIs", [PRIORITY, *KPI_HEADERS], _kpi_rows(pack))
    add_sheet(
        workbook,
        "Series",
        [
            PRIORITY,
            ("Number", 9),
            ("Indicator code", 18),
            ("Period", 18),
            ("Value", 10),
            ("Lower 95% CI", 13),
            ("Upper 95% CI", 13),
            ("Numerator", 12),
            ("Denominator", 13),
            ("Status", 16),
        ],
        _series_rows(pack),
    )
    add_sheet(
        workbook,
        "Actions",
        [
            PRIORITY,
            ("Objective", 10),
            ("Objective title", 40),
            ("Number", 9),
            ("Action", 50),
            ("Owner", 20),
            ("Organisation", 20),
            ("Start", 12),
            ("Due", 12),
            ("Status", 14),
            ("RAG", 10),
            ("Due this quarter", 10),
            ("Overdue", 10),
            ("Update state", 14),
            ("Update", 60),
        ],
        _action_rows(pack),
    )
    add_sheet(
        workbook,
        "Risks",
        [
            PRIORITY,
            ("Number", 9),
            ("Risk", 50),
            ("Likelihood", 11),
            ("Impact", 9),
            ("Score", 8),
            ("Rating", 10),
            ("Mitigation", 50),
            ("Owner", 20),
            ("Review date", 12),
            ("Review overdue", 10),
            ("Trend", 12),
        ],
        _risk_rows(pack),
    )
    add_sheet(workbook, "About", [("Field", 34), ("Value", 60)], _about_rows(pack))
    return save_xlsx(
        workbook,
        title=f"Data appendix: quarterly report to the {pack.board}, {pack.quarter_label}",
        author=pack.partnership,
        moment=pack.frozen_at or pack.as_of,
    )


def scorecard_xlsx(card: Scorecard) -> bytes:
    """The scorecard as one sheet, a row per KPI, so partners can filter it their own way."""
    workbook = new_workbook()
    add_sheet(
        workbook,
        "Scorecard",
        [("Priority", 9), ("Priority title", 40), ("Board", 30), ("Themes", 30), *KPI_HEADERS],
        (
            [
                row.priority_number,
                row.priority_title,
                row.board,
                "; ".join(row.themes),
                *kpi_values(row.kpi),
            ]
            for row in card.rows
        ),
    )
    withheld = _withheld(row.kpi for row in card.rows)
    if withheld:
        add_sheet(workbook, "About", [("Field", 34), ("Value", 60)], withheld)
    return save_xlsx(
        workbook,
        title=f"{card.plan_title}: scorecard, data as at {card.as_of.day} {card.as_of:%B %Y}",
        author=card.partnership,
        moment=card.as_of,
    )
