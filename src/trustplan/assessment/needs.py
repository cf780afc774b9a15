"""Needs assessment: is an indicator encouraging or concerning, and on what evidence?

A needs assessment sorts indicators into "Encouraging" and "Concerning", as section 3 of the
2011-14 plan does. This module makes that call from an :class:`Assessment`'s own judgements and
recomputes none of them, so a needs assessment can never disagree with the indicator's page.

The rule (trustplan's; also in ``docs/needs-assessment.md``). Four kinds of evidence count:

1. **Benchmarks**: the comparison with each named comparator (England and the statistical
   neighbours), significantly better or worse by the indicator's method (95% interval, or 95% and
   99.8%); "similar" counts for nothing.
2. **SPC**: the latest point's Making Data Count variation icon, special cause improvement or
   concern (trial limits count, and say so).
3. **A year earlier**: the latest value against the same period a year earlier, significantly
   better or worse when the earlier value lies outside the latest value's 95% confidence interval
   (Fingertips' comparator 1 with the earlier value as the benchmark). The earlier value's own
   uncertainty is ignored, as a benchmark's is.
4. **Recent trend**: Fingertips' recent trend over the latest five periods, getting better or
   worse at 99.8%.

An indicator is **concerning** when any evidence says worse, even if other evidence says better
(the more serious finding wins, and the better evidence is noted "in its favour"); it is
**encouraging** when some evidence says better and none says worse; otherwise it is **not
classified**, with what was found. An indicator with no better direction recorded, or no data, is
never classified. Targets do not count: a needs assessment is about need, not about the plan's
own ambitions. Out-of-date data are classified on their latest value, with a caveat.

Every reason names its evidence: the comparator or earlier period, the values and the period.
The wording of judgements already made is taken from :mod:`trustplan.assessment.explain`; the
sentences that exist only here (the year-earlier test, the one-line summary) are worded here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from trustplan.assessment import explain
from trustplan.assessment.assess import Assessment
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.series import MONTHS_IN_YEAR, shift_months
from trustplan.assessment.travel import Change, ChangeDirection
from trustplan.periods import Period
from trustplan.stats.benchmark import Comparison, Outcome, compare_with_value
from trustplan.stats.spc import SpecialCause, VariationIcon
from trustplan.stats.trend import TrendOutcome
from trustplan.vocabulary import Polarity

DEFAULT_COMPARATORS: Final = ("England",)
RULE: Final = (
    "An indicator is concerning when any of its evidence is significantly worse: against England "
    "or the statistical neighbours (95% confidence), an SPC special cause concern, a value a year "
    "earlier outside its 95% confidence interval on the better side, or a recent trend getting "
    "worse (99.8%). It is encouraging when some evidence is significantly better and none worse. "
    "Mixed evidence counts as concerning, with the better evidence noted. Indicators with nothing "
    "significant, no data or no better direction are not classified."
)
"""The rule in one paragraph, printed on every needs assessment."""

_BETTER_ICONS: Final = frozenset({VariationIcon.IMPROVEMENT_HIGH, VariationIcon.IMPROVEMENT_LOW})
_WORSE_ICONS: Final = frozenset({VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW})
_HIGH_ICONS: Final = frozenset({VariationIcon.IMPROVEMENT_HIGH, VariationIcon.CONCERN_HIGH})
_TRENDS: Final = frozenset({SpecialCause.TREND_INCREASING, SpecialCause.TREND_DECREASING})
_TREND_SIGNS: Final = {
    TrendOutcome.INCREASING_AND_GETTING_BETTER: (1, "rising"),
    TrendOutcome.DECREASING_AND_GETTING_BETTER: (1, "falling"),
    TrendOutcome.INCREASING_AND_GETTING_WORSE: (-1, "rising"),
    TrendOutcome.DECREASING_AND_GETTING_WORSE: (-1, "falling"),
}
_SIGNS: Final = {Outcome.BETTER: 1, Outcome.WORSE: -1}
_OUTCOME_WORDS: Final = {
    Outcome.BETTER: "Better than",
    Outcome.WORSE: "Worse than",
    Outcome.HIGHER: "Higher than",
    Outcome.LOWER: "Lower than",
    Outcome.SIMILAR: "Similar to",
}
IN_ITS_FAVOUR: Final = "In its favour: "


class Finding(StrEnum):
    """Where an indicator goes in the needs assessment."""

    ENCOURAGING = "encouraging"
    CONCERNING = "concerning"
    NOT_CLASSIFIED = "not_classified"


@dataclass(frozen=True)
class Classification:
    """One indicator's finding and the evidence for it.

    ``reasons`` support the finding (for an unclassified indicator: what was found instead);
    ``against`` is the evidence pointing the other way for a concerning indicator, each starting
    "In its favour: "; ``caveats`` qualify it (data out of date). ``summary`` is the draft
    narrative sentence, empty when the indicator is not classified.
    """

    key: str
    name: str
    finding: Finding
    reasons: tuple[str, ...]
    against: tuple[str, ...]
    caveats: tuple[str, ...]
    summary: str

    @property
    def evidence(self) -> tuple[str, ...]:
        """Everything the finding rests on, in reading order."""
        return (*self.reasons, *self.against, *self.caveats)


@dataclass(frozen=True)
class _Evidence:
    """One piece of evidence: +1 better, −1 worse, 0 nothing significant; its reason; and how
    the summary sentence words it ("higher than England", "rising", "unusually high")."""

    sign: int
    reason: str
    clause: str = ""


def classify(
    assessment: Assessment, comparator_names: Sequence[str] = DEFAULT_COMPARATORS
) -> Classification:
    """The indicator's finding by the module's rule, from ``assessment``'s judgements.

    Only the benchmarks whose comparator is in ``comparator_names`` count.
    """
    indicator = assessment.indicator
    latest = assessment.latest
    caveats = () if latest.exception_reason is None else (_out_of_date(latest.exception_reason),)
    if latest.point is None or latest.value is None:
        return _unclassified(assessment, [latest.explanation], ())
    if indicator.judged_polarity is Polarity.NO_JUDGEMENT:
        why = "No better direction is recorded for this indicator, so it is not judged."
        return _unclassified(assessment, [why], caveats)
    fmt = NumberFormat.of(indicator)
    period, value = latest.point.period, latest.value
    evidence = [
        *_benchmarks(assessment, comparator_names),
        _spc(assessment, fmt),
        _year_earlier(assessment, fmt, period, value),
        _trend(assessment, fmt),
    ]
    worse = [e for e in evidence if e.sign < 0]
    better = [e for e in evidence if e.sign > 0]
    if not worse and not better:
        return _unclassified(assessment, [e.reason for e in evidence], caveats)
    finding = Finding.CONCERNING if worse else Finding.ENCOURAGING
    main, other = (worse, better) if worse else (better, [])
    return Classification(
        key=indicator.key,
        name=indicator.name,
        finding=finding,
        reasons=tuple(e.reason for e in main),
        against=tuple(IN_ITS_FAVOUR + _lower_first(e.reason) for e in other),
        caveats=caveats,
        summary=_summary(indicator.name, main, other, f"{fmt.value(value)} in {period}"),
    )


def _unclassified(
    assessment: Assessment, reasons: Iterable[str], caveats: tuple[str, ...]
) -> Classification:
    indicator = assessment.indicator
    return Classification(
        key=indicator.key,
        name=indicator.name,
        finding=Finding.NOT_CLASSIFIED,
        reasons=tuple(reasons),
        against=(),
        caveats=caveats,
        summary="",
    )


# --- The evidence -----------------------------------------------------------------------------


def _benchmarks(assessment: Assessment, names: Sequence[str]) -> list[_Evidence]:
    """Each named comparator's judgement, with the period it is for."""
    found = []
    polarity = assessment.indicator.judged_polarity
    for judgement in assessment.benchmarks:
        if judgement.comparator not in names:
            continue
        sign = _SIGNS.get(judgement.comparison.outcome, 0)
        reason = judgement.explanation
        if judgement.period is not None and judgement.comparison.outcome in _OUTCOME_WORDS:
            reason = f"{reason.removesuffix('.')} in {judgement.period}."
        clause = f"{_side(judgement.comparison, polarity)} than {judgement.comparator}"
        found.append(_Evidence(sign, reason, clause if sign else ""))
    return found


def _spc(assessment: Assessment, fmt: NumberFormat) -> _Evidence:
    """The latest point's variation icon."""
    spc = assessment.spc
    reason = f"On the SPC chart, {explain.variation(spc.variation, spc.signal, fmt)}."
    if spc.trial and spc.chart.limits is not None:
        reason = f"{reason} (The limits are trial limits, from {spc.chart.limits.n_values} points.)"
    icon = spc.variation
    if icon not in _BETTER_ICONS and icon not in _WORSE_ICONS:
        return _Evidence(0, reason)
    high = icon in _HIGH_ICONS
    if spc.signal is not None and spc.signal.cause in _TRENDS:
        clause = "rising" if high else "falling"
    else:
        clause = "unusually high" if high else "unusually low"
    return _Evidence(1 if icon in _BETTER_ICONS else -1, reason, clause)


def _year_earlier(
    assessment: Assessment, fmt: NumberFormat, period: Period, value: float
) -> _Evidence:
    """The latest value (``value`` for ``period``) and its 95% interval against the value a
    year earlier."""
    change = _change_over_a_year(assessment, period)
    if change is None:
        return _Evidence(0, "There is no period a year earlier to compare with.")
    if change.direction is ChangeDirection.NO_DATA or change.earlier is None:
        return _Evidence(0, change.explanation)
    interval = assessment.latest.intervals.ci_95
    if interval is None:
        return _Evidence(
            0,
            f"Not tested against a year earlier: {fmt.value(value)} in {period} has no 95% "
            "confidence interval.",
        )
    polarity = assessment.indicator.judged_polarity
    comparison = compare_with_value(interval, change.earlier, polarity)
    sign = _SIGNS.get(comparison.outcome, 0)
    words = _OUTCOME_WORDS[comparison.outcome] + " a year earlier"
    if sign:
        words = f"{words} (95% confidence)"
    reason = (
        f"{words}: {fmt.value(value)} ({fmt.interval(interval)}) in {period} against "
        f"{fmt.value(change.earlier)} in {change.since}."
    )
    clause = f"{_side(comparison, polarity)} than a year earlier" if sign else ""
    return _Evidence(sign, reason, clause)


def _change_over_a_year(assessment: Assessment, period: Period) -> Change | None:
    """The change from a year earlier: the previous period's, for annual data."""
    travel = assessment.direction_of_travel
    if travel.year_earlier is not None:
        return travel.year_earlier
    previous = travel.previous
    if previous is None or previous.since != shift_months(period, -MONTHS_IN_YEAR):
        return None
    return previous


def _trend(assessment: Assessment, fmt: NumberFormat) -> _Evidence:
    """Fingertips' recent trend, with the values it ran from and to."""
    trend = assessment.trend
    if trend.result.outcome is TrendOutcome.CANNOT_BE_CALCULATED or not trend.periods:
        return _Evidence(0, trend.explanation)
    spc = assessment.spc
    values = {
        period: point.value for period, point in zip(spc.periods, spc.chart.points, strict=True)
    }
    first, last = values.get(trend.periods[0]), values.get(trend.periods[-1])
    reason = f"Recent trend: {_lower_first(trend.explanation)}"
    if first is not None and last is not None:
        reason = f"{reason.removesuffix('.')}, from {fmt.value(first)} to {fmt.value(last)}."
    sign, clause = _TREND_SIGNS.get(trend.result.outcome, (0, ""))
    return _Evidence(sign, reason, clause)


def _out_of_date(exception_reason: str) -> str:
    return f"The data are not up to date: {exception_reason}."


# --- The words ---------------------------------------------------------------------------------


def _side(comparison: Comparison, polarity: Polarity) -> str:
    """Which side the value is on, for a better or worse comparison: "higher" or "lower"."""
    better = comparison.outcome is Outcome.BETTER
    return "higher" if better == (polarity is Polarity.HIGH_IS_GOOD) else "lower"


def _summary(name: str, main: list[_Evidence], other: list[_Evidence], value: str) -> str:
    """The draft sentence, e.g. "Persistent absence: higher than England and rising, although
    lower than a year earlier (14.1% in 2022/23)."; comparators on one side are named together."""
    text = f"{name}: {_clauses(main)}"
    if other:
        text = f"{text}, although {_clauses(other)}"
    return f"{text} ({value})."


def _clauses(evidence: list[_Evidence]) -> str:
    """The clauses joined, "higher than England" and "higher than neighbours" made one."""
    by_side: dict[str, list[str]] = {}
    for piece in evidence:
        side, than, whom = piece.clause.partition(" than ")
        if than:
            names = by_side.setdefault(f"{side} than", [])
            if whom not in names:
                names.append(whom)
        else:
            by_side.setdefault(piece.clause, [])
    clauses = [f"{head} {_and(names)}" if names else head for head, names in by_side.items()]
    return _and(clauses, serial=any(" and " in clause for clause in clauses))


def _and(items: Sequence[str], *, serial: bool = False) -> str:
    """Items as a list in words, "a, b and c"; with ``serial``, "a and b, and c", so that an
    "and" inside an item does not run into the one between items."""
    if len(items) <= 1:
        return "".join(items)
    last = ", and " if serial else " and "
    return f"{', '.join(items[:-1])}{last}{items[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
