"""Plain-English summaries of a chart, for screen readers and table captions.

A chart is only accessible if someone who cannot see it learns what a sighted reader would: where
the series started and ended, its extremes, and what the SPC judged. The same sentences become the
chart's Vega-Lite ``description`` (its ARIA description) and the caption of the values table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from trustplan.charts._timeline import ObservedPoint, observed_points
from trustplan.charts.inputs import IndicatorChartData, Observation, ValueFormat, period_span
from trustplan.stats.spc import PointType

__all__ = ["series_summary", "text_alternative"]

_SIGNAL_WORDS: dict[PointType, str] = {
    PointType.SPECIAL_CAUSE_IMPROVEMENT: "improvement",
    PointType.SPECIAL_CAUSE_CONCERN: "concern",
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "neutral",
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "neutral",
}


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def long_date(day: dt.date) -> str:
    """GOV.UK style: '31 March 2021'."""
    return f"{day.day} {day:%B %Y}"


def series_summary(observations: Sequence[Observation], value_format: ValueFormat) -> str:
    """How many periods, the first and latest values, and the highest and lowest.

    Ties for highest or lowest name the earliest period with that value.
    """
    span = period_span(observations)
    observed = list(observed_points(observations))
    missing = len(observations) - len(observed)
    periods = _plural(len(observations), "period", "periods")
    if not observed:
        return f"{periods}, {span}, with no values yet."
    gaps = f", {missing} without a value" if missing else ""

    def shown(point: ObservedPoint) -> str:
        return f"{value_format(point.value)} ({point.observation.label})"

    first, latest = observed[0], observed[-1]
    if first is latest:
        return f"{periods}, {span}{gaps}. The only value is {shown(first)}."
    highest = max(observed, key=lambda p: p.value)
    lowest = min(observed, key=lambda p: p.value)
    return (
        f"{periods}, {span}{gaps}. "
        f"The first value was {shown(first)} and the latest is {shown(latest)}. "
        f"The highest was {shown(highest)} and the lowest {shown(lowest)}."
    )


def _spc_summary(data: IndicatorChartData) -> str:
    judged = [
        marks.point_type
        for marks, observation in zip(data.spc, data.observations, strict=True)
        if observation.value is not None and marks.point_type is not None
    ]
    if not judged:
        return "There are not yet enough values for process limits."
    signals = Counter(_SIGNAL_WORDS[t] for t in judged if t in _SIGNAL_WORDS)
    count = sum(signals.values())
    trial = (
        " The process limits are trial limits, based on too few points to rely on."
        if data.trial
        else ""
    )
    if not count:
        return f"No point signals special cause variation.{trial}"
    kinds = ", ".join(
        f"{signals[word]} {word}" for word in ("improvement", "concern", "neutral") if signals[word]
    )
    verb = "signals" if count == 1 else "signal"
    return (
        f"{count} of {len(judged)} points {verb} special cause variation ({kinds}). "
        f"The latest point shows {judged[-1].description}.{trial}"
    )


def text_alternative(data: IndicatorChartData) -> str:
    """A short summary of the chart: the series, its SPC signals, targets, benchmark and rebases.

    Written to be read aloud: whole sentences, values formatted as on the chart, periods by their
    own labels.
    """
    fmt = data.value_format
    sentences = [series_summary(data.observations, fmt)]
    if data.spc:
        sentences.append(_spc_summary(data))
    sentences.extend(
        f"{target.name}: {fmt(target.value)} by {long_date(target.due)}."
        for target in sorted(data.targets, key=lambda t: t.due)
    )
    if data.benchmark is not None:
        benchmark_values = list(observed_points(data.benchmark.observations))
        if benchmark_values:
            latest = benchmark_values[-1]
            sentences.append(
                f"{data.benchmark.name}'s latest value is {fmt(latest.value)} "
                f"({latest.observation.label})."
            )
    for note in data.rebases:
        after = next((o.label for o in data.observations if o.end >= note.date), None)
        when = f"from {after}" if after else f"on {long_date(note.date)}"
        sentences.append(f"The limits were recalculated {when}: {note.reason.strip()}")
    return " ".join(s if s.endswith(".") else f"{s}." for s in sentences)
