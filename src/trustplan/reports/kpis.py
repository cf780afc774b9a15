"""A KPI's judgements as a board report words them (``trustplan.documents.content.KpiRow``).

The judgements are ``trustplan.assessment``'s; this module only picks the ones a board pack shows
and takes their words from the same places the web pages do, so the pack and the page agree.
They are made on the true values, and shown through ``trustplan.measures.disclosing``: a small
count of people (1 to 4, or a rate or percentage made from one) is ``[c]`` in the row, its
series and its sentences, and the sparkline leaves it out.
"""

from __future__ import annotations

import datetime as dt

from trustplan.assessment import Assessment
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.latest import DataStatus
from trustplan.assessment.travel import ChangeDirection
from trustplan.disclosure import MARKER
from trustplan.documents.content import KpiRow, Rating, SeriesValue
from trustplan.measures.assessing import judge_indicator
from trustplan.measures.charting import chart_data, sparkline_svg
from trustplan.measures.disclosing import Public, PublicObservation, disclose
from trustplan.measures.models import Area
from trustplan.measures.templatetags.judgements import (
    ASSURANCE_TAGS,
    CONFIDENCE_TAGS,
    VARIATION_TAGS,
)
from trustplan.plans.models import KeyPerformanceIndicator
from trustplan.stats.benchmark import Outcome

NO_DATA = "No data"
COMPARED = {
    Outcome.BETTER: "Better than",
    Outcome.SIMILAR: "Similar to",
    Outcome.WORSE: "Worse than",
    Outcome.HIGHER: "Higher than",
    Outcome.LOWER: "Lower than",
}
DIRECTIONS = {
    ChangeDirection.BETTER: ("improving", "Better than"),
    ChangeDirection.WORSE: ("worsening", "Worse than"),
    ChangeDirection.HIGHER: ("higher", "Higher than"),
    ChangeDirection.LOWER: ("lower", "Lower than"),
    ChangeDirection.NO_CHANGE: ("no_change", "No change since"),
}


def kpi_row(
    kpi: KeyPerformanceIndicator,
    area: Area | None,
    when: dt.date,
    *,
    owner: str = "",
    sparkline: bool = True,
) -> tuple[KpiRow, bool]:
    """The KPI's row as at `when`, and whether its data are synthetic."""
    base = {
        "number": kpi.number,
        "title": kpi.title,
        "indicator_code": kpi.indicator.key,
        "unit": kpi.indicator.unit,
        "owner": owner,
    }
    if area is None:
        return KpiRow(**base, data_status=NO_DATA, exception_reasons=[NO_DATA]), False
    try:
        judged = judge_indicator(kpi.indicator, area, as_of=when)
    except ValueError as exc:
        reason = "Cannot be judged: the stored data need correcting"
        return KpiRow(
            **base, data_status=reason, headline=str(exc), exception_reasons=[reason]
        ), False
    if not judged.has_data:
        return KpiRow(**base, data_status=NO_DATA, exception_reasons=[NO_DATA]), False
    public = disclose(judged, kpi.indicator, area)
    a = public.assessment
    svg = sparkline_svg(chart_data(a, area=area.name, benchmark=None)) if sparkline else None
    series = _series(public)
    return KpiRow(
        **base,
        **_latest(a),
        **_target(a),
        **_variation(a),
        **_travel(a),
        **_benchmark(a),
        headline=a.headline,
        exception_reasons=list(a.exception_reasons),
        sparkline_svg=svg,
        series=series,
        suppressed=any(
            v.suppressed or v.numerator_suppressed or v.denominator_suppressed for v in series
        ),
    ), judged.synthetic


def _latest(a: Assessment) -> dict[str, object]:
    latest = a.latest
    interval = latest.intervals.ci_95
    fmt = NumberFormat.of(a.indicator)
    status = {
        DataStatus.UP_TO_DATE: "Up to date",
        DataStatus.MISSING: f"No value for {latest.expected.label}" if latest.expected else "",
        DataStatus.LATE: f"Late: {latest.expected.label} was due" if latest.expected else "Late",
        DataStatus.NO_DATA: NO_DATA,
    }[latest.status]
    return {
        "latest": latest.formatted,
        "latest_period": None if latest.point is None else latest.point.period.label,
        "interval": None
        if interval is None
        else f"95% CI {fmt.number(interval.lower)} to {fmt.number(interval.upper)}",
        "data_status": status,
    }


def _target(a: Assessment) -> dict[str, object]:
    fmt = NumberFormat.of(a.indicator)
    target = a.target.target
    return {
        "target": None if target is None else f"{fmt.value(target.value)} ({target.name})",
        "rag": Rating(a.target.rag.value),
        "rag_explanation": a.target.explanation,
        "future_targets": [
            f"{f.target.name}: {CONFIDENCE_TAGS[f.confidence][1].lower()} to be met"
            for f in a.future_targets
        ],
    }


def _variation(a: Assessment) -> dict[str, object]:
    spc = a.spc
    return {
        "variation": None if spc.variation is None else spc.variation.value,
        "variation_label": "Too few points"
        if spc.variation is None
        else VARIATION_TAGS[spc.variation][1],
        "assurance": None if spc.assurance is None else spc.assurance.value,
        "assurance_label": "No target"
        if spc.assurance is None
        else ASSURANCE_TAGS[spc.assurance][1],
    }


def _travel(a: Assessment) -> dict[str, object]:
    travel = a.direction_of_travel
    change = travel.year_earlier or travel.previous
    if change is None or change.direction not in DIRECTIONS:
        return {"direction": "", "direction_label": "No earlier value to compare"}
    if change.direction is ChangeDirection.NO_CHANGE and change.difference is None:
        # A withheld value "unchanged" from a shown one would be given away exactly.
        return {"direction": "", "direction_label": f"Compared with {change.since.label}: {MARKER}"}
    code, words = DIRECTIONS[change.direction]
    return {"direction": code, "direction_label": f"{words} {change.since.label}"}


def _benchmark(a: Assessment) -> dict[str, object]:
    compared = [b for b in a.benchmarks if b.comparison.outcome in COMPARED]
    if not compared:
        return {"benchmark": "", "benchmark_label": "Not compared"}
    first = compared[0]
    outcome = first.comparison.outcome
    level = first.comparison.confidence
    sure = "" if level is None else f" ({level:.1%})".replace(".0%", "%")
    return {
        "benchmark": outcome.value,
        "benchmark_label": f"{COMPARED[outcome]} {first.comparator}{sure}",
    }


def _series(public: Public) -> list[SeriesValue]:
    """The stored series, each value as the judgements used it: a value given only as its
    numerator and denominator is the one the statistics calculated from them. A withheld figure
    is ``None`` and flagged."""
    spc = public.assessment.spc
    used = {
        period.label: point.value
        for period, point in zip(spc.periods, spc.chart.points, strict=True)
    }
    return [_series_value(o, used.get(o.period_label)) for o in public.observations]


def _series_value(o: PublicObservation, used: float | None) -> SeriesValue:
    return SeriesValue(
        period=o.period_label,
        value=None if o.value_withheld else o.value if o.value is not None else used,
        lower=o.lower_ci_95,
        upper=o.upper_ci_95,
        numerator=o.numerator,
        denominator=o.denominator,
        status=o.status,
        suppressed=o.value_withheld,
        numerator_suppressed=o.numerator_withheld,
        denominator_suppressed=o.denominator_withheld,
    )
