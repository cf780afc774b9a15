"""The latest value against its current target, and the chance of meeting each future target.

Which target is *current* (trustplan's rule, as in the seed plans' quarterly monitoring, where an
in-year value is judged against the year-end target it is working towards): the first target, by
due date, due on or after the end of the latest period with a value. Targets due later still are
*future* targets; a target due before the latest period is history and is not judged here. With no
value at all, the assessment date stands in for the latest period's end.

The RAG is judged on the printed values: the value and the target are rounded half away from zero
to the indicator's decimals (:mod:`trustplan.assessment.formatting`), so a value printed "12.0%"
against a target printed "12.0%" is never red, and the colour can be checked from the numbers on
the page. They are compared in whole units of the last decimal place, with the tolerance band's
width (``stats.rag.Tolerance.width``) cleared of floating-point noise at the ninth decimal, so that
12.3% against a target of 12.0% with a 0.3-point tolerance is amber, as printed.

The chance of meeting a future target is ``stats.forecast.forecast_target`` over the values since
the latest recorded rebase (earlier values measured something the analyst has said is no longer
comparable), rated by ``stats.rag.confidence_rag``. The target is placed on the first period of the
cadence ending on or after its due date (``Series.position_of_due``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from trustplan.assessment import explain
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import IndicatorSpec, TargetSpec
from trustplan.assessment.series import Series
from trustplan.periods import Period
from trustplan.stats.forecast import TargetForecast, forecast_target
from trustplan.stats.rag import Rag, Tolerance, confidence_rag, rag_against_target
from trustplan.vocabulary import Polarity

WIDTH_PLACES: Final = 9
"""The tolerance width, in units of the last printed place, is rounded to this many places."""


@dataclass(frozen=True)
class TargetJudgement:
    """The latest value against the current target.

    ``difference`` is the printed value minus the printed target (positive when the value is
    higher); None when there is no target or no value.
    """

    target: TargetSpec | None
    rag: Rag
    difference: Decimal | None
    explanation: str


@dataclass(frozen=True)
class FutureTargetJudgement:
    """The chance of meeting a target due after the latest period.

    ``period`` is the period the target is for (None when the series has no periods at all).
    """

    target: TargetSpec
    period: Period | None
    forecast: TargetForecast
    confidence: Rag
    explanation: str


def current_target(targets: Sequence[TargetSpec], reference: dt.date) -> TargetSpec | None:
    """The first target due on or after ``reference`` (the latest period's end)."""
    return min((t for t in targets if t.due >= reference), key=lambda t: t.due, default=None)


def judge_current(
    target: TargetSpec | None,
    value: float | None,
    *,
    reference: Period | None,
    any_targets: bool,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> TargetJudgement:
    """Rate ``value`` against the current ``target`` (see the module docstring)."""
    if target is None:
        explanation = explain.no_target(any_targets=any_targets, reference=reference)
        return TargetJudgement(None, Rag.NOT_RATED, None, explanation)
    if value is None:
        return TargetJudgement(
            target, Rag.NOT_RATED, None, explain.no_value_for_target(target, fmt)
        )
    printed_value, printed_target = fmt.rounded(value), fmt.rounded(target.value)
    difference = printed_value - printed_target
    polarity = indicator.polarity
    if polarity is None or polarity is Polarity.NO_JUDGEMENT:
        explanation = explain.target_not_rated(value, target, difference, polarity, fmt)
        return TargetJudgement(target, Rag.NOT_RATED, difference, explanation)
    rag = _rag_on_printed_values(
        printed_value, printed_target, target.tolerance, polarity, fmt.decimals
    )
    explanation = explain.target_rag(rag, value, target, difference, polarity, fmt)
    return TargetJudgement(target, rag, difference, explanation)


def judge_future(
    targets: Sequence[TargetSpec],
    *,
    reference: dt.date,
    series: Series,
    since: int,
    indicator: IndicatorSpec,
    fmt: NumberFormat,
) -> tuple[FutureTargetJudgement, ...]:
    """The chance of meeting each target due after ``reference``, from the values at positions
    ``since`` onwards (the latest rebase), in due-date order."""
    values = series.values[since:]
    span = _span(series, values)
    judgements = []
    for target in sorted((t for t in targets if t.due > reference), key=lambda t: t.due):
        position, period = (
            (since, None) if series.cadence is None else series.position_of_due(target.due)
        )
        forecast = forecast_target(
            values,
            target=target.value,
            target_period=position - since,
            polarity=indicator.judged_polarity,
        )
        confidence = confidence_rag(forecast.probability_of_meeting_target)
        judgements.append(
            FutureTargetJudgement(
                target=target,
                period=period,
                forecast=forecast,
                confidence=confidence,
                explanation=explain.future_target(target, forecast, confidence, span, fmt),
            )
        )
    return tuple(judgements)


def _rag_on_printed_values(
    value: Decimal, target: Decimal, tolerance: Tolerance, polarity: Polarity, decimals: int
) -> Rag:
    """``stats.rag.rag_against_target`` in whole units of the last printed place."""
    scale = Decimal(10) ** decimals
    width = round(tolerance.width(float(target)) * float(scale), WIDTH_PLACES)
    return rag_against_target(
        float(value * scale), float(target * scale), polarity, Tolerance(width)
    )


def _span(series: Series, values: Sequence[float | None]) -> str:
    """The stretch the forecast's line is fitted over, in words: "12 quarters (11 with data)"."""
    observed = [i for i, value in enumerate(values) if value is not None]
    periods = observed[-1] - observed[0] + 1 if observed else 0
    words = series.count(periods)
    return words if len(observed) == periods else f"{words} ({len(observed)} with data)"
