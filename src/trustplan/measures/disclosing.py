"""Indicator data as an output may show them: small counts of people withheld as ``[c]``.

Every output of the indicator store (the indicator and priority pages, the board packs, annual
report and scorecard, the needs assessment, the KPI alerts and the API) shows stored values and
sentences about them. Each stored value goes through ``trustplan.disclosure.disclose_value``
(docs/disclosure.md says which values count people, and why): a value whose count is 1 to 4, or
whose numerator, complement or denominator is, is withheld with its confidence limits.

The judgements themselves are made on the true values (``judge_indicator``): RAG, SPC,
benchmarks and the trend are not changed by withholding. Only what they *say* is. ``disclose``
returns the judged assessment with every sentence that would print a withheld value written
again without it, and with the withheld points taken off the chart's series, so no chart plots
one. Figures made from a withheld value, which beside the values shown could give it back, are
left out too: the SPC centre line and limits of its stretch, a target's projection and
probability, a data-quality median and z-score. A verdict (red, special cause concern, worse
than England) is still shown: it bounds a withheld value, as any published judgement does, but
never gives it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from trustplan.assessment import Assessment, Comparator, Point
from trustplan.assessment.benchmarks import BenchmarkJudgement
from trustplan.assessment.explain import capitalised, latest_late, latest_missing, the
from trustplan.assessment.explain import latest_up_to_date as up_to_date
from trustplan.assessment.formatting import NumberFormat, probability
from trustplan.assessment.intervals import NO_INTERVALS
from trustplan.assessment.latest import DataStatus, LatestValue
from trustplan.assessment.quality import DataQuality
from trustplan.assessment.targets import FutureTargetJudgement, TargetJudgement
from trustplan.assessment.travel import Change, ChangeDirection, DirectionOfTravel
from trustplan.assessment.variation import SpcJudgement
from trustplan.disclosure import FOOTNOTE, MARKER, ValueFigures, disclose_value
from trustplan.measures.assessing import Judged, comparator_areas
from trustplan.measures.models import Area, Indicator, Observation
from trustplan.periods import Period
from trustplan.stats.benchmark import Outcome
from trustplan.stats.intervals import CONFIDENCE_95
from trustplan.stats.rag import Rag
from trustplan.vocabulary import AreaKind, Polarity, ValueType

__all__ = [
    "FOOTNOTE",
    "MARKER",
    "Public",
    "PublicObservation",
    "disclose",
    "figures_of",
    "public_observation",
    "value_type_of",
    "withheld_text",
]

COMPARED: Final = frozenset(
    {Outcome.BETTER, Outcome.WORSE, Outcome.HIGHER, Outcome.LOWER, Outcome.SIMILAR}
)
POLARITY_PHRASES: Final = {
    Polarity.HIGH_IS_GOOD: "higher is better",
    Polarity.LOW_IS_GOOD: "lower is better",
}
NOT_SHOWN: Final = f"not shown to protect confidentiality ({MARKER})"
IN_WORDS: Final = (
    f"{MARKER}: not shown to protect confidentiality (a count of 1 to 4, or a figure that would "
    "let one be worked out)."
)
"""Added to a headline that shows ``[c]``, for the pages that print it without the footnote."""


def value_type_of(indicator: Indicator) -> ValueType | None:
    """The indicator's value type; ``None`` when none is recorded (see ``disclose_value``)."""
    return ValueType(indicator.value_type) if indicator.value_type else None


def figures_of(
    value_type: ValueType | None,
    multiplier: float,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
) -> ValueFigures:
    """Which figures of one stored value may be shown."""
    return disclose_value(
        value_type,
        value=value,
        numerator=numerator,
        denominator=denominator,
        multiplier=multiplier,
    )


@dataclass(frozen=True)
class PublicObservation:
    """One stored value as an output may show it: a withheld figure is ``None`` and flagged,
    so that it prints as ``[c]``, never as "no data"."""

    period_label: str
    period: Period
    value: float | None
    lower_ci_95: float | None
    upper_ci_95: float | None
    lower_ci_99_8: float | None
    upper_ci_99_8: float | None
    numerator: float | None
    denominator: float | None
    status: str
    source: str
    note: str
    value_withheld: bool = False
    numerator_withheld: bool = False
    denominator_withheld: bool = False

    @property
    def withheld(self) -> bool:
        return self.value_withheld or self.numerator_withheld or self.denominator_withheld


def public_observation(
    observation: Observation, value_type: ValueType | None, multiplier: float
) -> PublicObservation:
    o = observation
    shown = figures_of(value_type, multiplier, o.value, o.numerator, o.denominator)
    value_hidden = not shown.value
    return PublicObservation(
        period_label=o.period_label,
        period=o.period,
        value=None if value_hidden else o.value,
        lower_ci_95=None if value_hidden else o.lower_ci_95,
        upper_ci_95=None if value_hidden else o.upper_ci_95,
        lower_ci_99_8=None if value_hidden else o.lower_ci_99_8,
        upper_ci_99_8=None if value_hidden else o.upper_ci_99_8,
        numerator=o.numerator if shown.numerator else None,
        denominator=o.denominator if shown.denominator else None,
        status=o.status,
        source=o.source,
        note=o.note,
        value_withheld=value_hidden,
        numerator_withheld=not shown.numerator,
        denominator_withheld=not shown.denominator,
    )


@dataclass(frozen=True)
class Public:
    """A judged indicator as outputs may show it.

    ``assessment`` has the true verdicts and the sentences rewritten where they would print a
    withheld value; its latest point and chart points are blank where withheld.
    ``observations`` are the area's judged values (oldest first), ``comparators`` the
    comparators with their withheld values blank; ``group_withheld`` names, for each
    comparator group, the member areas (by code, this area included) whose value for the
    group's period is withheld.
    """

    assessment: Assessment
    observations: list[PublicObservation]
    comparators: list[Comparator]
    withheld_periods: frozenset[Period] = frozenset()
    comparator_withheld: Mapping[str, frozenset[Period]] = field(default_factory=dict)
    group_withheld: Mapping[str, frozenset[str]] = field(default_factory=dict)
    scrubber: Scrubber | None = None

    @property
    def withheld(self) -> bool:
        """Whether anything this indicator's outputs show is withheld."""
        return bool(
            self.withheld_periods
            or any(self.comparator_withheld.values())
            or any(self.group_withheld.values())
        )

    @property
    def latest_withheld(self) -> bool:
        point = self.assessment.latest.point
        return point is not None and point.period in self.withheld_periods

    def scrub(self, text: str) -> str:
        """``text`` with every withheld value it quotes for its period replaced by ``[c]``."""
        return text if self.scrubber is None else self.scrubber(text)


class Scrubber:
    """Replaces "VALUE for PERIOD" and "VALUE (INTERVAL) in PERIOD", as the judgements word a
    value, by "[c] for PERIOD" for each withheld value, and each of ``literals`` (words and
    what to say instead). A value is matched only as a whole number ("3 for 2023 Q1" is not
    found in "13 for 2023 Q1")."""

    def __init__(
        self,
        withheld: Iterable[tuple[Period, float]],
        fmt: NumberFormat,
        literals: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.literals = list(literals)
        self.patterns = [
            (
                re.compile(
                    rf"(?<![\w.,]){re.escape(fmt.value(value))}(?: \([^()]*\))? "
                    rf"(for|in) {re.escape(str(period))}(?![\w/])"
                ),
                f"{MARKER} \\1 {period}",
            )
            for period, value in dict.fromkeys(withheld)
        ]

    def __call__(self, text: str) -> str:
        for words, instead in self.literals:
            text = text.replace(words, instead)
        for pattern, replacement in self.patterns:
            text = pattern.sub(replacement, text)
        return text


def disclose(judged: Judged, indicator: Indicator, area: Area) -> Public:
    """``judged`` (``indicator`` for ``area``) as outputs may show it."""
    value_type = value_type_of(indicator)
    multiplier = indicator.multiplier
    observations = [public_observation(o, value_type, multiplier) for o in judged.observations]
    if value_type is ValueType.SCORE:  # counts nobody: nothing to withhold, nothing to look up
        return Public(judged.assessment, observations, list(judged.comparators))
    ours = {o.period for o in observations if o.withheld}
    kind = judged.observations[0].period_kind if judged.observations else None
    areas = comparator_areas(area) if kind is not None else []
    figures = _stored_figures(indicator, kind, areas, area)
    comparators: list[Comparator] = []
    theirs: dict[str, frozenset[Period]] = {}
    groups: dict[str, frozenset[str]] = {}
    for comparator_area, comparator in zip(areas, judged.comparators, strict=True):
        hidden = figures.get(comparator_area.code, {})
        theirs[comparator.name] = frozenset(p for p in hidden if hidden[p])
        points = tuple(
            _blank(point) if hidden.get(point.period) else point for point in comparator.points
        )
        group = comparator.areas
        if group is not None:
            codes = frozenset(
                code
                for code in group.values
                if figures.get(code, {}).get(group.period)
                or (code == area.code and group.period in ours)
            )
            groups[comparator.name] = codes
            shown = {c: None if c in codes else v for c, v in group.values.items()}
            group = dataclasses.replace(group, values=shown)
        comparators.append(dataclasses.replace(comparator, points=points, areas=group))
    assessment = judged.assessment
    if not (ours or any(theirs.values()) or any(groups.values())):
        return Public(assessment, observations, comparators)
    fmt = NumberFormat.of(assessment.indicator)
    spc = assessment.spc
    latest = assessment.latest
    values = [
        (period, point.value)
        for period, point in zip(spc.periods, spc.chart.points, strict=True)
        if period in ours and point.value is not None
    ]
    if latest.point is not None and latest.point.period in ours and latest.value is not None:
        values.append((latest.point.period, latest.value))
    scrubber = Scrubber(values, fmt, _limit_words(spc, frozenset(ours), fmt))
    masked = _mask(assessment, frozenset(ours), theirs, scrubber, fmt)
    return Public(masked, observations, comparators, frozenset(ours), theirs, groups, scrubber)


def _stored_figures(
    indicator: Indicator, kind: str | None, comparators: Sequence[Area], area: Area
) -> dict[str, dict[Period, bool]]:
    """For each comparator area and comparator group member: whether each stored value of the
    judged period kind is withheld."""
    if kind is None or not comparators:
        return {}
    wanted = {a.pk for a in comparators}
    for group in comparators:
        if group.kind == AreaKind.COMPARATOR_GROUP:
            wanted.update(group.members.values_list("pk", flat=True))
    wanted.discard(area.pk)
    rows = Observation.objects.filter(
        indicator=indicator, area_id__in=wanted, period_kind=kind
    ).select_related("area")
    value_type = value_type_of(indicator)
    found: dict[str, dict[Period, bool]] = {}
    for o in rows:
        shown = figures_of(value_type, indicator.multiplier, o.value, o.numerator, o.denominator)
        found.setdefault(o.area.code, {})[o.period] = shown.withheld
    return found


def _blank(point: Point) -> Point:
    return dataclasses.replace(
        point,
        value=None,
        numerator=None,
        denominator=None,
        lower_95=None,
        upper_95=None,
        lower_99_8=None,
        upper_99_8=None,
    )


def _mask(
    a: Assessment,
    ours: frozenset[Period],
    theirs: Mapping[str, frozenset[Period]],
    scrub: Scrubber,
    fmt: NumberFormat,
) -> Assessment:
    """The assessment with every sentence rewritten that would print a withheld value."""
    latest = a.latest
    hidden = latest.point is not None and latest.point.period in ours
    return dataclasses.replace(
        a,
        latest=_latest(latest) if hidden else latest,
        target=_target(a, fmt) if hidden else a.target,
        future_targets=tuple(_future(f, fmt) for f in a.future_targets)
        if ours
        else a.future_targets,
        spc=_spc(a.spc, ours, scrub),
        benchmarks=tuple(_benchmark(b, hidden, theirs, scrub) for b in a.benchmarks),
        direction_of_travel=_travel(a.direction_of_travel, ours, hidden),
        data_quality=_quality(a.data_quality, ours, fmt),
        headline=_explained(scrub(a.headline)),
        exception_reasons=tuple(scrub(reason) for reason in a.exception_reasons),
    )


def _explained(text: str) -> str:
    return f"{text} {IN_WORDS}" if MARKER in text else text


def _latest(latest: LatestValue) -> LatestValue:
    point = latest.point
    assert point is not None  # noqa: S101 - only called for a withheld latest point
    particulars = f"{MARKER} for {point.period}" + (" (provisional)" if point.provisional else "")
    if latest.status is DataStatus.MISSING and latest.expected is not None:
        explanation = latest_missing(latest.expected, particulars)
    elif latest.status is DataStatus.LATE and latest.expected and latest.due:
        explanation = latest_late(latest.expected, latest.due, particulars)
    else:
        explanation = up_to_date(particulars)
    return dataclasses.replace(
        latest,
        point=_blank(point),
        formatted=MARKER,
        intervals=NO_INTERVALS,
        explanation=f"{explanation} The value is {NOT_SHOWN}.",
    )


def _target(a: Assessment, fmt: NumberFormat) -> TargetJudgement:
    judged = a.target
    target = judged.target
    if target is None:
        return judged
    against = f"{MARKER} against {the(target.name)} of {fmt.value(target.value)}"
    polarity = a.indicator.polarity
    if judged.rag is Rag.NOT_RATED:
        why = (
            "no better direction is recorded for this indicator"
            if polarity is None
            else "neither higher nor lower is better for this indicator"
        )
        explanation = f"Not rated: {against}; {why}."
    else:
        phrase = POLARITY_PHRASES.get(polarity) if polarity is not None else None
        explanation = f"{judged.rag.value.capitalize()}: {against}" + (
            f" ({phrase})." if phrase else "."
        )
    explanation += f" The value, and how far it is from the target, are {NOT_SHOWN}."
    return dataclasses.replace(judged, difference=None, explanation=explanation)


def _future(judged: FutureTargetJudgement, fmt: NumberFormat) -> FutureTargetJudgement:
    """The chance of meeting a target as a word (likely, unlikely) without its figures: the
    trend line is fitted through the withheld values, so its projection, interval and
    probability are functions of them, and with the other values shown could give one back."""
    forecast = judged.forecast
    text = judged.explanation
    if forecast.probability_of_meeting_target is not None:
        chance = probability(forecast.probability_of_meeting_target)
        text = text.replace(f" (probability {chance})", "")
    line = forecast.forecast
    if line is not None:
        projection = (
            f"projects {fmt.value(line.predicted)} (95% prediction interval "
            f"{fmt.interval(line.interval(CONFIDENCE_95))}) against"
        )
        text = text.replace(projection, f"projects a value {NOT_SHOWN} against")
    hidden = dataclasses.replace(forecast, forecast=None, probability_of_meeting_target=None)
    return dataclasses.replace(judged, forecast=hidden, explanation=text)


def _hidden_segments(spc: SpcJudgement, ours: frozenset[Period]) -> frozenset[int]:
    """The chart's stretches (between rebases) that hold a withheld value."""
    return frozenset(
        point.segment
        for period, point in zip(spc.periods, spc.chart.points, strict=True)
        if period in ours
    )


def _limit_words(
    spc: SpcJudgement, ours: frozenset[Period], fmt: NumberFormat
) -> list[tuple[str, str]]:
    """A process limit named in the signal's words, when it is made from withheld values."""
    signal, points = spc.signal, spc.chart.points
    if signal is None or not points or points[-1].segment not in _hidden_segments(spc, ours):
        return []
    return [(f" process limit of {fmt.value(signal.limit)}", " process limit")]


def _spc(spc: SpcJudgement, ours: frozenset[Period], scrub: Scrubber) -> SpcJudgement:
    """The chart without the withheld points (a chart never plots one), and without the centre
    line and limits of a stretch holding one: they are its mean and moving ranges, and with the
    other values shown, a line drawn exactly in an SVG would give the withheld value back. The
    words are scrubbed; the icons, made on the true values, stay."""
    hidden = _hidden_segments(spc, ours)
    points = tuple(
        dataclasses.replace(point, value=None, signals=None, point_type=None, limits=None)
        if period in ours
        else dataclasses.replace(point, limits=None)
        if point.segment in hidden
        else point
        for period, point in zip(spc.periods, spc.chart.points, strict=True)
    )
    segments = tuple(
        dataclasses.replace(segment, limits=None) if index in hidden else segment
        for index, segment in enumerate(spc.chart.segments)
    )
    chart = dataclasses.replace(spc.chart, points=points, segments=segments)
    return dataclasses.replace(spc, chart=chart, explanation=scrub(spc.explanation))


def _benchmark(
    b: BenchmarkJudgement,
    ours_hidden: bool,
    theirs: Mapping[str, frozenset[Period]],
    scrub: Scrubber,
) -> BenchmarkJudgement:
    their_hidden = b.period is not None and b.period in theirs.get(b.comparator, frozenset())
    value = None if their_hidden else b.comparator_value
    if b.comparison.outcome in COMPARED and (ours_hidden or their_hidden):
        words = b.explanation.split(": ", 1)[0]
        return dataclasses.replace(
            b, comparator_value=value, explanation=f"{words}: the values are {NOT_SHOWN}."
        )
    if b.quintile is not None and ours_hidden:
        words = b.explanation.rsplit(": ", 1)[0]
        return dataclasses.replace(b, explanation=f"{words}: the value is {NOT_SHOWN}.")
    return dataclasses.replace(b, comparator_value=value, explanation=scrub(b.explanation))


def _travel(
    travel: DirectionOfTravel, ours: frozenset[Period], latest_hidden: bool
) -> DirectionOfTravel:
    previous = _change(travel.previous, ours, latest_hidden, year_earlier=False)
    year_earlier = _change(travel.year_earlier, ours, latest_hidden, year_earlier=True)
    if previous is travel.previous and year_earlier is travel.year_earlier:
        return travel
    explanation = " ".join(c.explanation for c in (previous, year_earlier) if c is not None)
    return DirectionOfTravel(previous, year_earlier, explanation or travel.explanation)


def _change(
    change: Change | None, ours: frozenset[Period], latest_hidden: bool, *, year_earlier: bool
) -> Change | None:
    """A change between two values one of which is withheld, without its figures. "No change"
    would give the withheld value away exactly, so it is not said either."""
    if change is None or change.direction is ChangeDirection.NO_DATA:
        return change
    if not (latest_hidden or change.since in ours):
        return change
    when = f"{change.since}, a year earlier" if year_earlier else f"{change.since}"
    if change.direction is ChangeDirection.NO_CHANGE:
        explanation = f"Compared with {when}: {NOT_SHOWN}."
    else:
        explanation = (
            f"{capitalised(change.direction.value)} than {when}; the values are {NOT_SHOWN}."
        )
    return Change(change.since, None, None, change.direction, explanation)


def _quality(quality: DataQuality, ours: frozenset[Period], fmt: NumberFormat) -> DataQuality:
    """Findings with ``[c]`` for a withheld value, and without the median and robust z-score:
    the median is one of the values (or halfway between two) and the z-score is the value's
    distance from it, so together with the values shown they could give a withheld one back."""
    if not quality.findings:
        return quality
    sentences = [
        f"{MARKER if f.period in ours else fmt.value(f.value)} for {f.period} is improbable "
        f"against {f.against}: check it is correct."
        for f in quality.findings
    ]
    return dataclasses.replace(quality, explanation=" ".join([*sentences, *quality.not_checked]))


def withheld_text(items: Iterable[PublicObservation]) -> str:
    """A sentence for a chart's text alternative: how many values are withheld, if any."""
    count = sum(o.value_withheld for o in items)
    if not count:
        return ""
    values = "value is" if count == 1 else "values are"
    return f"{count} {values} {NOT_SHOWN} and left off the chart."
