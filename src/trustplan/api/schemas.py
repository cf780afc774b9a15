"""The API's response shapes (OpenAPI components)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class PlanSummary(Schema):
    slug: str
    title: str
    partnership: str
    status: str
    period_start: dt.date
    period_end: dt.date
    is_public: bool


class KpiOut(Schema):
    number: str
    title: str
    indicator: str


class ObjectiveOut(Schema):
    number: str
    title: str
    short_title: str


class CovidItemOut(Schema):
    code: str
    text: str


class PriorityOut(Schema):
    number: str
    title: str
    outcome: str
    strategy: str
    board: str | None
    leads: list[str]
    vision: str
    kpis: list[KpiOut]
    covid_response: list[CovidItemOut]
    objectives: list[ObjectiveOut]


class ThemeOut(Schema):
    code: str
    title: str
    short_title: str
    bullets: list[str]


class PlanOut(PlanSummary):
    version: str
    themes: list[ThemeOut]
    priorities: list[PriorityOut]


class IndicatorOut(Schema):
    key: str
    name: str
    polarity: str
    unit: str
    frequency: str
    value_type: str
    multiplier: float
    decimals: int
    comparison_method: str
    source: str
    definition: str


class ObservationOut(Schema):
    """One stored value. A small count of people is withheld to protect confidentiality: the
    withheld figures (the value and its limits, and a numerator or denominator of 1 to 4) are
    null, ``suppressed`` is true and ``suppression_note`` says why (docs/disclosure.md)."""

    area_code: str
    area_name: str
    period: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    lower_ci_95: float | None
    upper_ci_95: float | None
    lower_ci_99_8: float | None
    upper_ci_99_8: float | None
    status: str
    source: str
    note: str
    suppressed: bool = False
    suppression_note: str | None = None


class TargetOut(Schema):
    area_code: str
    due: dt.date
    value: float
    tolerance_kind: str
    tolerance: float
    label: str


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    members: list[str]


class ErrorOut(Schema):
    detail: str


class LatestOut(Schema):
    """The latest value; when it is withheld, ``value`` is null, ``formatted`` is "[c]",
    ``suppressed`` is true and ``suppression_note`` says why."""

    period: str | None
    value: float | None
    formatted: str | None
    status: str
    expected_period: str | None
    explanation: str
    suppressed: bool = False
    suppression_note: str | None = None


class JudgementOut(Schema):
    """A judgement's verdict (an enum value, or null) and its explanation in plain English."""

    verdict: str | None
    explanation: str


class FutureTargetOut(Schema):
    name: str
    due: dt.date
    value: float
    probability: float | None
    confidence: str
    explanation: str


class BenchmarkOut(Schema):
    """A comparison; a withheld comparator value is null with ``suppressed`` true."""

    comparator: str
    outcome: str
    comparator_value: float | None
    explanation: str
    suppressed: bool = False
    suppression_note: str | None = None


class AssessmentOut(Schema):
    indicator: str
    area_code: str
    as_of: dt.date
    headline: str
    exception: bool
    exception_reasons: list[str]
    latest: LatestOut
    target: JudgementOut
    future_targets: list[FutureTargetOut]
    variation: JudgementOut
    assurance: JudgementOut
    trial_limits: bool
    trend: JudgementOut
    direction_of_travel: JudgementOut
    benchmarks: list[BenchmarkOut]
    data_quality: JudgementOut


class RejectedRowOut(Schema):
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    rule: str
    message: str


class ImportOut(Schema):
    """The outcome of importing a file, as the upload page reports it."""

    id: int
    file_name: str
    sha256: str
    file_format: str
    outcome: str
    counts: dict[str, int]
    rejected_rows: list[RejectedRowOut]
    changes: list[dict[str, object]]
