"""What a report says, as plain data: the contract between the database and every renderer.

A report is built once from the database into one of these models (by ``trustplan.reports``),
frozen as JSON in a snapshot, and rendered from that JSON to HTML, PDF, DOCX or XLSX by the pure
functions of this package. Nothing here reads the database or the clock, so a frozen report
renders to the same document however the data change afterwards.

Every value is already worded for a reader (``"27.5%"``, ``"Quarter 1 2021/22"``); renderers lay
it out and never recompute it. Codes (``rag``, ``variation``) are kept beside the words so that
renderers can colour and sort without parsing prose.

A small count of people is withheld before it gets here (``trustplan.measures.disclosing``): a
worded value is ``"[c]"``, a number is ``None`` with its ``suppressed`` flag set, and renderers
print ``[c]`` for it (never "no data") and ``trustplan.disclosure.FOOTNOTE`` under the table.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rating(StrEnum):
    """A RAG rating, with blue for work that is complete (the "BRAG" scale councils use)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    NOT_RATED = "not_rated"

    @property
    def label(self) -> str:
        return RATING_LABELS[self]


RATING_LABELS = {
    Rating.RED: "Red",
    Rating.AMBER: "Amber",
    Rating.GREEN: "Green",
    Rating.BLUE: "Complete",
    Rating.NOT_RATED: "Not rated",
}


class SeriesValue(Content):
    """One period's value of a KPI, for the data appendix.

    ``suppressed``: the value and its interval are withheld (``None``) to protect
    confidentiality; ``numerator_suppressed`` and ``denominator_suppressed`` likewise.
    """

    period: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: str = ""
    suppressed: bool = False
    numerator_suppressed: bool = False
    denominator_suppressed: bool = False


class KpiRow(Content):
    """One KPI as a board sees it: latest value, target, and every judgement in words."""

    number: str
    title: str
    indicator_code: str
    unit: str = ""
    latest: str | None = None
    latest_period: str | None = None
    interval: str | None = None
    data_status: str = Field(description="e.g. 'Up to date', 'Late: due 30 June 2021', 'No data'")
    target: str | None = None
    rag: Rating = Rating.NOT_RATED
    rag_explanation: str = ""
    variation: str | None = Field(None, description="Making Data Count variation icon code")
    variation_label: str = ""
    assurance: str | None = Field(None, description="Making Data Count assurance icon code")
    assurance_label: str = ""
    direction: str = Field("", description="e.g. 'improving', 'worsening', 'no_change', ''")
    direction_label: str = ""
    benchmark: str = Field("", description="e.g. 'better', 'similar', 'worse', ''")
    benchmark_label: str = ""
    future_targets: list[str] = Field(default_factory=list)
    headline: str = ""
    exception_reasons: list[str] = Field(default_factory=list)
    owner: str = ""
    sparkline_svg: str | None = None
    series: list[SeriesValue] = Field(default_factory=list)
    suppressed: bool = Field(
        False, description="Some figure of the KPI is withheld ([c]) to protect confidentiality"
    )

    @property
    def is_exception(self) -> bool:
        return bool(self.exception_reasons)


class ActionRow(Content):
    """One action of a delivery plan and its update for the quarter."""

    number: str
    title: str
    owner: str
    organisation: str = ""
    start: dt.date | None = None
    due: dt.date | None = None
    status: str
    rating: Rating = Rating.NOT_RATED
    narrative: str = ""
    due_this_quarter: bool = False
    overdue: bool = False
    update_state: str = Field(description="e.g. 'Approved', 'Not submitted'")


class ObjectiveRow(Content):
    number: str
    title: str
    rating: Rating
    rating_rule: str = Field(description="Why the objective has its rating, in words")
    actions: list[ActionRow] = Field(default_factory=list)


class RiskRow(Content):
    number: str
    description: str
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    rating: Rating
    mitigation: str
    owner: str
    review_date: dt.date | None = None
    review_overdue: bool = False
    trend: str = Field(description="e.g. 'Increasing', 'Stable', 'Decreasing'")

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Commentary(Content):
    """The "what's going well / what needs to improve" of a priority for one quarter."""

    going_well: str
    needs_to_improve: str
    author: str = ""


class PriorityPack(Content):
    """One priority's part of a quarterly board pack, in the plan's order throughout."""

    number: str
    title: str
    label: str = Field("Priority", description="The plan's word for a priority")
    board: str = ""
    leads: list[str] = Field(default_factory=list)
    rating: Rating = Rating.NOT_RATED
    rating_rule: str = ""
    kpis: list[KpiRow] = Field(default_factory=list)
    objectives: list[ObjectiveRow] = Field(default_factory=list)
    commentary: Commentary | None = None
    risks: list[RiskRow] = Field(default_factory=list)

    def kpis_exceptions_first(self) -> list[KpiRow]:
        """Exceptions (red, special-cause concern, no data) first, then the rest, in plan order."""
        return [k for k in self.kpis if k.is_exception] + [
            k for k in self.kpis if not k.is_exception
        ]

    def actions(self) -> list[ActionRow]:
        return [action for objective in self.objectives for action in objective.actions]


class BoardPack(Content):
    """The quarterly report to one governing board: every priority it governs."""

    plan_title: str
    partnership: str
    board: str
    quarter: str = Field(description="e.g. '2021-Q1'")
    quarter_label: str = Field(description="e.g. 'Quarter 1 2021/22 (April to June 2021)'")
    area: str = ""
    as_of: dt.date
    version: int = 0
    state: str = Field(description="e.g. 'Published, version 2', 'Draft: not approved'")
    frozen_at: dt.datetime | None = None
    frozen_by: str = ""
    synthetic: bool = False
    rollup_rule: str = Field("", description="How ratings roll up, stated once for the reader")
    priorities: list[PriorityPack]


class AnnualPriority(Content):
    """One priority's year, for the annual progress report."""

    number: str
    title: str
    label: str = "Priority"
    board: str = ""
    leads: list[str] = Field(default_factory=list)
    rating: Rating = Rating.NOT_RATED
    rating_rule: str = ""
    kpi_ratings: dict[str, int] = Field(
        default_factory=dict, description="Count of KPIs per Rating value"
    )
    actions_complete: int = 0
    actions_total: int = 0
    going_well: list[str] = Field(default_factory=list)
    needs_to_improve: list[str] = Field(default_factory=list)
    kpis: list[KpiRow] = Field(default_factory=list)


class AnnualReport(Content):
    """The annual progress report to the Health and Wellbeing Board, in committee-report form."""

    title_of_meeting: str
    subject: str
    date_of_meeting: dt.date | None = None
    report_by: str
    wards_affected: str = "All"
    year: str = Field(description="e.g. '2021/22'")
    purpose: list[str]
    background: list[str]
    information_only: bool = True
    recommendations: list[str] = Field(default_factory=list)
    priorities: list[AnnualPriority]
    signed_by: str
    background_documents: list[str] = Field(default_factory=list)
    as_of: dt.date
    synthetic: bool = False


class PlanOnAPageTheme(Content):
    code: str
    title: str
    bullets: list[str] = Field(default_factory=list)


class PlanOnAPagePriority(Content):
    number: str
    heading: str
    board: str = ""
    objectives: list[tuple[str, str]] = Field(
        default_factory=list, description="(number, short title)"
    )


class PlanOnAPage(Content):
    """The whole plan on one sheet: the spine's themes and each priority's objectives."""

    partnership: str
    title: str
    themes_label: str = "Themes"
    priorities_label: str = "Priorities"
    themes: list[PlanOnAPageTheme] = Field(default_factory=list)
    priorities: list[PlanOnAPagePriority]


class ScorecardRow(Content):
    priority_number: str
    priority_title: str
    board: str = ""
    themes: list[str] = Field(default_factory=list)
    kpi: KpiRow


class Scorecard(Content):
    """Every priority's KPIs on one page, for the multi-agency scorecard review."""

    plan_title: str
    partnership: str
    as_of: dt.date
    area: str = ""
    filters: str = Field("", description="e.g. 'Board: Portsmouth Education Partnership'")
    synthetic: bool = False
    rows: list[ScorecardRow]


class NeedsLineDoc(Content):
    """One encouraging or concerning statement and the evidence it rests on, verbatim."""

    text: str
    evidence: list[str] = Field(default_factory=list)


class NotClassifiedDoc(Content):
    """An indicator of a group that is neither encouraging nor concerning, and why."""

    name: str
    reasons: list[str] = Field(default_factory=list)


class NeedsGroupDoc(Content):
    """One heading of a needs assessment (an age group): its two lists, in the analyst's order."""

    title: str
    encouraging: list[NeedsLineDoc] = Field(default_factory=list)
    concerning: list[NeedsLineDoc] = Field(default_factory=list)
    not_classified: list[NotClassifiedDoc] = Field(default_factory=list)


class NeedsAssessmentDoc(Content):
    """A needs assessment in the shape of the 2011-14 plan's section 3, with its evidence."""

    partnership: str
    plan_title: str
    title: str
    area: str = ""
    as_of: dt.date
    state: str = Field(description="e.g. 'Draft: not approved', 'Approved by … on 3 March 2024'")
    approved_at: dt.datetime | None = None
    synthetic: bool = False
    rule: str = Field(description="How indicators were classified, in one paragraph")
    groups: list[NeedsGroupDoc]
    suppressed: bool = Field(
        False, description="Some figure is withheld ([c]) to protect confidentiality"
    )
