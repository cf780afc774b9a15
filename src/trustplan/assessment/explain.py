"""Every sentence an assessment says, in one place, so web pages, reports and the API agree.

One small function per judgement. Each takes the judgement's facts (numbers, enums, periods) and
the indicator's :class:`~trustplan.assessment.formatting.NumberFormat`, and returns plain British
English in the style of the issue: "Red: 14.2% against the March 2022 target of 12.0% (lower is
better); 2.2 points worse than target, outside the 0.5-point tolerance." Nothing here decides a
judgement; the other modules do, and call these to say it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from trustplan.assessment.formatting import NumberFormat, long_date, probability
from trustplan.assessment.inputs import IndicatorSpec, Point, TargetSpec
from trustplan.assessment.intervals import PointIntervals
from trustplan.periods import Period
from trustplan.stats.benchmark import Comparison, Outcome
from trustplan.stats.forecast import TargetForecast
from trustplan.stats.intervals import CONFIDENCE_95, Interval, Method
from trustplan.stats.rag import Rag, Tolerance, ToleranceKind
from trustplan.stats.spc import AssuranceIcon, SpecialCause, VariationIcon
from trustplan.stats.trend import DEFAULT_CONFIDENCE, RecentTrend, TrendOutcome
from trustplan.vocabulary import Polarity, ValueType

_METHOD_NAMES: Final = {
    Method.WILSON: "the Wilson score method",
    Method.BYARS: "Byar's method",
    Method.EXACT_POISSON: "the exact Poisson method",
}
_POLARITY_PHRASES: Final = {
    Polarity.HIGH_IS_GOOD: "higher is better",
    Polarity.LOW_IS_GOOD: "lower is better",
}
_CONFIDENCE_WORDS: Final = {
    Rag.GREEN: "Likely",
    Rag.AMBER: "About as likely as not",
    Rag.RED: "Unlikely",
}
_ASSURANCE_CLAUSES: Final = {
    AssuranceIcon.INCONSISTENT: (
        "the target lies inside the process limits, so it will be hit and missed at random"
    ),
    AssuranceIcon.CONSISTENT_PASS: (
        "the process limits are on the good side of the target, so it will be met consistently "
        "unless the process changes"
    ),
    AssuranceIcon.CONSISTENT_FAIL: (
        "the process limits are on the wrong side of the target, so it will not be met unless "
        "the process changes"
    ),
}
_CONCERN_ICONS: Final = frozenset({VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW})
_IMPROVEMENT_ICONS: Final = frozenset(
    {VariationIcon.IMPROVEMENT_HIGH, VariationIcon.IMPROVEMENT_LOW}
)
_OUTCOME_WORDS: Final = {
    Outcome.BETTER: "Better than",
    Outcome.WORSE: "Worse than",
    Outcome.HIGHER: "Higher than",
    Outcome.LOWER: "Lower than",
    Outcome.SIMILAR: "Similar to",
}


def capitalised(text: str) -> str:
    """``text`` with its first letter in capitals (the rest untouched, unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def the(name: str) -> str:
    """A target's name as a noun phrase: "the March 2014 target"."""
    return name if name.lower().startswith("the ") else f"the {name}"


# --- The latest value -------------------------------------------------------------------------


def value_for_period(
    value: float,
    point: Point,
    intervals: PointIntervals,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> str:
    """The latest value with its period and particulars: "14.2% for 2021/22 Q1 (142 of 1,000;
    95% confidence interval 12.9% to 15.6%, calculated by the Wilson score method)"."""
    details = ["provisional"] if point.provisional else []
    if (
        indicator.value_type is ValueType.PROPORTION
        and point.numerator is not None
        and point.denominator is not None
    ):
        details.append(f"{_count(point.numerator)} of {_count(point.denominator)}")
    if intervals.ci_95 is not None:
        method = intervals.calculated_by if intervals.calculated_95 else None
        calculated = "" if method is None else f", calculated by {_METHOD_NAMES[method]}"
        details.append(f"95% confidence interval {fmt.interval(intervals.ci_95)}{calculated}")
    elif indicator.value_type is not ValueType.SCORE:
        details.append("no 95% confidence interval")
    text = f"{fmt.value(value)} for {point.period}"
    return f"{text} ({'; '.join(details)})" if details else text


def latest_up_to_date(particulars: str) -> str:
    """The latest value when it is the one due: "14.2% for 2021/22 Q1 (…)."."""
    return f"{capitalised(particulars)}."


def latest_missing(expected: Period, particulars: str) -> str:
    """The period due is stored without a value; the latest value is for an earlier period."""
    return (
        f"No data for {expected}: the value is recorded as missing. "
        f"The latest value is {particulars}."
    )


def latest_late(expected: Period, due: dt.date, particulars: str) -> str:
    """Nothing is stored for the period due, and its due date has passed."""
    return f"No data for {expected}, due by {long_date(due)}. The latest value is {particulars}."


def no_data(expected: Period | None, due: dt.date | None) -> str:
    """No value has ever been recorded."""
    text = "No data: no value has been recorded for this indicator."
    if expected is None or due is None:
        return text
    return f"{text} Data for {expected} were due by {long_date(due)}."


def _count(number: float) -> str:
    return f"{number:,.0f}" if number == int(number) else f"{number:,}"


# --- The current target -----------------------------------------------------------------------


def no_target(*, any_targets: bool, reference: Period | None) -> str:
    """No target to rate against: none at all, or none still to come."""
    if any_targets and reference is not None:
        return f"Not rated: no target is due at the end of {reference} or later."
    return "Not rated: there is no target for this indicator."


def no_value_for_target(target: TargetSpec, fmt: NumberFormat) -> str:
    """A target, but no value to rate against it."""
    return (
        f"Not rated: there is no value to judge against {the(target.name)} of "
        f"{fmt.value(target.value)}."
    )


def target_not_rated(
    value: float,
    target: TargetSpec,
    difference: Decimal,
    polarity: Polarity | None,
    fmt: NumberFormat,
) -> str:
    """A value against a target when neither direction is better."""
    why = (
        "no better direction is recorded for this indicator"
        if polarity is None
        else "neither higher nor lower is better for this indicator"
    )
    if difference == 0:
        relation = "equals"
    else:
        side = "higher" if difference > 0 else "lower"
        relation = f"is {fmt.difference(float(difference))} {side} than"
    return (
        f"Not rated: {fmt.value(value)} {relation} {the(target.name)} of "
        f"{fmt.value(target.value)}; {why}."
    )


def target_rag(
    rag: Rag,
    value: float,
    target: TargetSpec,
    difference: Decimal,
    polarity: Polarity,
    fmt: NumberFormat,
) -> str:
    """A rated value against its target, with the gap and the tolerance band."""
    head = (
        f"{rag.value.capitalize()}: {fmt.value(value)} against {the(target.name)} of "
        f"{fmt.value(target.value)} ({_POLARITY_PHRASES[polarity]})"
    )
    if difference == 0:
        return f"{head}; the target is met exactly."
    gap = fmt.difference(float(difference))
    if rag is Rag.GREEN:
        return f"{head}; {gap} better than target."
    band = _tolerance(target.tolerance, target.value, fmt)
    if band is None:
        return f"{head}; {gap} worse than target."
    side = "within" if rag is Rag.AMBER else "outside"
    return f"{head}; {gap} worse than target, {side} {band}."


def _tolerance(tolerance: Tolerance, target: float, fmt: NumberFormat) -> str | None:
    if tolerance.amount == 0:
        return None
    if tolerance.kind is ToleranceKind.ABSOLUTE:
        return fmt.tolerance(tolerance.amount)
    share = f"{(Decimal(repr(tolerance.amount)) * 100).normalize():f}%"
    return f"the tolerance of {share} of the target ({fmt.difference(tolerance.width(target))})"


# --- Future targets ---------------------------------------------------------------------------


def future_target(
    target: TargetSpec, forecast: TargetForecast, confidence: Rag, span: str, fmt: NumberFormat
) -> str:
    """The chance of meeting a future target, and the projection it rests on."""
    projection = None
    if forecast.forecast is not None:
        line = forecast.forecast
        projection = (
            f"the trend over {span} projects {fmt.value(line.predicted)} "
            f"(95% prediction interval {fmt.interval(line.interval(CONFIDENCE_95))}) "
            f"against {fmt.value(target.value)}"
        )
    chance = forecast.probability_of_meeting_target
    if chance is None:
        text = f"No confidence rating for {the(target.name)}: {forecast.missing_reason}"
        return f"{text}; {projection}." if projection else f"{text}."
    return (
        f"{_CONFIDENCE_WORDS[confidence]} to meet {the(target.name)} "
        f"(probability {probability(chance)}): {projection}."
    )


# --- Statistical process control --------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """The special-cause rule the latest point meets, and its extent.

    ``points`` is how many points the run or trend holds, or how many of the latest 3 are close to
    a limit (1 for a point outside the limits); ``since`` is the first of them, ``value`` the
    latest value and ``limit`` the process limit on the signal's side (upper for a high signal).
    """

    cause: SpecialCause
    points: int
    since: Period
    latest: Period
    value: float
    limit: float


@dataclass(frozen=True)
class RebaseNote:
    """A recorded rebase as the chart shows it: the period the limits restart from, and why."""

    period: Period | None
    start: dt.date
    reason: str


def variation(icon: VariationIcon | None, signal: Signal | None, fmt: NumberFormat) -> str:
    """The variation clause: "common-cause variation", "special cause concern: 7 points…"."""
    if icon is None:
        return "no process limits yet: they need at least two values in a row"
    if icon is VariationIcon.COMMON_CAUSE or signal is None:
        return "common-cause variation"
    if icon in _CONCERN_ICONS:
        kind = "special cause concern"
    elif icon in _IMPROVEMENT_ICONS:
        kind = "special cause improvement"
    else:
        kind = "special cause variation (neither higher nor lower is better)"
    return f"{kind}: {_signal(signal, fmt)}"


def _signal(signal: Signal, fmt: NumberFormat) -> str:
    cause = signal.cause
    side = "upper" if cause.side > 0 else "lower"
    if cause in (SpecialCause.ABOVE_UPPER_LIMIT, SpecialCause.BELOW_LOWER_LIMIT):
        where = "above" if cause.side > 0 else "below"
        return (
            f"the latest point, {fmt.value(signal.value)} for {signal.latest}, is {where} the "
            f"{side} process limit of {fmt.value(signal.limit)}"
        )
    if cause in (SpecialCause.TREND_INCREASING, SpecialCause.TREND_DECREASING):
        higher = "higher" if cause.side > 0 else "lower"
        return f"{signal.points} points in a row each {higher} than the last since {signal.since}"
    if cause in (SpecialCause.TWO_IN_THREE_ABOVE, SpecialCause.TWO_IN_THREE_BELOW):
        share = "all 3" if signal.points == 3 else f"{signal.points} of the latest 3"
        return f"{share} points are close to the {side} process limit"
    where = "above" if cause.side > 0 else "below"
    return f"{signal.points} points in a row {where} the mean since {signal.since}"


def assurance(icon: AssuranceIcon | None, has_target: bool, has_limits: bool) -> str | None:
    """The assurance clause, or None when there is no target or no limits to judge it by."""
    if not has_target or not has_limits:
        return None
    if icon is None:
        return "neither higher nor lower is better, so the target gives no assurance"
    return _ASSURANCE_CLAUSES[icon]


def trial_limits(n_values: int, settle_at: int) -> str:
    """Limits on too few points: "Limits are trial: based on 9 points; they settle at 15."."""
    return f"Limits are trial: based on {n_values} points; they settle at {settle_at}."


def rebase_applied(note: RebaseNote) -> str:
    """A rebase on the chart: "Limits recalculated from Apr 2019: definition changed."."""
    return f"Limits recalculated from {note.period}: {note.reason}."


def rebase_not_applied(note: RebaseNote) -> str:
    """A recorded rebase that falls outside the series' periods, so changes nothing."""
    return (
        f"The rebase recorded from {long_date(note.start)} ({note.reason}) is not applied: "
        "a rebase must start after the first period of the series and no later than its latest."
    )


def spc(
    variation_clause: str,
    assurance_clause: str | None,
    notes: Sequence[str],
) -> str:
    """The SPC explanation: the variation and assurance sentence, then trial and rebase notes."""
    first = (
        variation_clause if assurance_clause is None else f"{variation_clause}; {assurance_clause}"
    )
    return " ".join([f"{capitalised(first)}.", *notes])


# --- Recent trend -----------------------------------------------------------------------------


def recent_trend(
    result: RecentTrend, span: str, periods: Sequence[Period], *, without_limits: int = 0
) -> str:
    """The Fingertips recent trend: "Increasing and getting worse (99.8% significance) over the
    latest 5 quarters, 2020/21 Q2 to 2021/22 Q2."."""
    if result.outcome is TrendOutcome.CANNOT_BE_CALCULATED:
        reason = (
            f"{without_limits} of the latest {len(periods)} values have no 95% confidence interval"
            if without_limits
            else result.missing_reason
        )
        return f"The recent trend cannot be calculated: {reason}."
    over = f"over the latest {span}, {periods[0]} to {periods[-1]}"
    if result.outcome is TrendOutcome.NO_SIGNIFICANT_CHANGE:
        return f"No significant change {over}."
    level = f"{DEFAULT_CONFIDENCE * 100:g}%"
    return f"{capitalised(result.outcome.description)} ({level} significance) {over}."


# --- Benchmarks -------------------------------------------------------------------------------


def benchmark(
    comparator: str,
    comparison: Comparison,
    value: float,
    interval: Interval,
    comparator_value: float,
    fmt: NumberFormat,
) -> str:
    """A CI comparison: "Worse than England (95% confidence): 14.2% (12.9% to 15.6%) against
    11.1%."."""
    words = f"{_OUTCOME_WORDS[comparison.outcome]} {comparator}"
    if comparison.confidence is not None:
        words = f"{words} ({comparison.confidence * 100:g}% confidence)"
    elif comparison.outcome is not Outcome.SIMILAR:
        words = f"{words} ({interval.confidence * 100:g}% confidence)"
    return (
        f"{words}: {fmt.value(value)} ({fmt.interval(interval)}) against "
        f"{fmt.value(comparator_value)}."
    )


def quintile(
    comparator: str, place: int, areas: int, polarity: Polarity, value: float, fmt: NumberFormat
) -> str:
    """A place among the group's areas: "Quintile 2 of 5 among Statistical neighbours (…)"."""
    first = "the lowest values" if polarity is Polarity.NO_JUDGEMENT else "the best"
    return (
        f"Quintile {place} of 5 among {comparator} ({areas} areas with a value; quintile 1 holds "
        f"{first}): {fmt.value(value)}."
    )


def not_compared(comparator: str, reason: str) -> str:
    """Why no comparison is made: "Not compared with England: England has no value for …"."""
    return f"Not compared with {comparator}: {reason}."


# --- Direction of travel ----------------------------------------------------------------------


def change(
    since: Period,
    earlier: float | None,
    difference: Decimal | None,
    outcome: str,
    fmt: NumberFormat,
    *,
    year_earlier: bool,
) -> str:
    """One change: "Better than 2021/22 Q1: down 1.1 points from 15.3%."."""
    when = f"{since}, a year earlier" if year_earlier else f"{since}"
    if earlier is None or difference is None:
        return f"No value for {when} to compare with."
    if difference == 0:
        return f"Unchanged from {when}, at {fmt.value(earlier)}."
    moved = "up" if difference > 0 else "down"
    return (
        f"{capitalised(outcome)} than {when}: {moved} {fmt.difference(float(difference))} from "
        f"{fmt.value(earlier)}."
    )


def no_direction_of_travel(*, has_value: bool) -> str:
    """No change to report: no value at all, or no earlier period."""
    if has_value:
        return "There is no earlier period to compare with."
    return "There is no value to compare with earlier periods."


# --- Data quality -----------------------------------------------------------------------------


def improbable(
    period: Period, value: float, against: str, median: float, robust_z: float, fmt: NumberFormat
) -> str:
    """A value the robust z-score flags: "… is improbable against the rest of the series …"."""
    return (
        f"{fmt.value(value)} for {period} is improbable against {against} (median "
        f"{fmt.value(median)}, robust z-score {robust_z:.1f}): check it is correct."
    )


def not_checked(against: str, reason: str) -> str:
    """A check that could not be made, and why."""
    return f"Not checked against {against}: {reason}."


def nothing_improbable(checked: Sequence[str], threshold: float) -> str:
    """Every check passed."""
    return (
        f"No value looks improbable against {_listed(checked)} (robust z-score beyond "
        f"{threshold:g})."
    )


def _listed(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


# --- Headline ---------------------------------------------------------------------------------


def no_data_reason() -> str:
    """The exception clause when no value has ever been recorded."""
    return "no data has been recorded"


def missing_reason(expected: Period) -> str:
    """The exception clause when the period due is recorded without a value."""
    return f"no data for {expected} (recorded as missing)"


def late_reason(expected: Period, due: dt.date) -> str:
    """The exception clause when nothing is recorded for the period due."""
    return f"no data for {expected}, due by {long_date(due)}"


def value_clause(
    value: float, period: Period, target: TargetSpec | None, rag: Rag, fmt: NumberFormat
) -> str:
    """The latest value and its RAG for the headline: "14.2% for 2021/22 Q1 is red against …"."""
    text = f"{fmt.value(value)} for {period}"
    if target is None:
        return f"{text}, with no current target"
    against = f"{the(target.name)} of {fmt.value(target.value)}"
    if rag is Rag.NOT_RATED:
        return f"{text} against {against} (not rated)"
    return f"{text} is {rag.value} against {against}"


def red_reason(target: TargetSpec) -> str:
    """The exception clause for a red rating."""
    return f"red against {the(target.name)}"


def headline(clauses: Sequence[str]) -> str:
    """One sentence from the clauses, most important first."""
    return f"{capitalised('; '.join(clauses))}."
