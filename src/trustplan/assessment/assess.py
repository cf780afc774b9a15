"""One indicator's data for one area, judged every way a board needs, each judgement explained.

:func:`assess` composes the judgement modules, each of which composes :mod:`trustplan.stats`:

- the latest value, its interval, and whether the data due are in (:mod:`.latest`);
- RAG against the current target and the chance of meeting future ones (:mod:`.targets`);
- the SPC chart with its variation and assurance icons (:mod:`.variation`);
- the Fingertips recent trend (:mod:`.trend`);
- the comparison with each comparator (:mod:`.benchmarks`);
- the direction of travel (:mod:`.travel`);
- data-quality warnings (:mod:`.quality`);

and then the headline for an exceptions-first board report. An indicator is an *exception* when
its data are missing or late (or there are none), its latest value is red against the current
target, or its latest point is a special cause concern. The headline is one sentence of clauses,
the exceptions first: the data's state when they are not up to date, the latest value with its
RAG, and the SPC variation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from trustplan.assessment import explain
from trustplan.assessment.benchmarks import BenchmarkJudgement, assess_benchmarks
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import (
    Comparator,
    IndicatorSpec,
    Point,
    RebaseSpec,
    TargetSpec,
)
from trustplan.assessment.latest import LatestValue, assess_latest
from trustplan.assessment.quality import DataQuality, assess_quality
from trustplan.assessment.series import build_series
from trustplan.assessment.targets import (
    FutureTargetJudgement,
    TargetJudgement,
    current_target,
    judge_current,
    judge_future,
)
from trustplan.assessment.travel import DirectionOfTravel, assess_travel
from trustplan.assessment.trend import TrendJudgement, assess_trend
from trustplan.assessment.variation import SpcJudgement, assess_spc
from trustplan.stats.rag import Rag


@dataclass(frozen=True)
class Assessment:
    """Every judgement of one indicator for one area as at ``as_of``, each with its explanation.

    ``headline`` is the one sentence for an exceptions-first report; ``exception`` is True when
    there is any ``exception_reasons`` clause (no, missing or late data; red; special cause
    concern).
    """

    indicator: IndicatorSpec
    as_of: dt.date
    latest: LatestValue
    target: TargetJudgement
    future_targets: tuple[FutureTargetJudgement, ...]
    spc: SpcJudgement
    trend: TrendJudgement
    benchmarks: tuple[BenchmarkJudgement, ...]
    direction_of_travel: DirectionOfTravel
    data_quality: DataQuality
    headline: str
    exception: bool
    exception_reasons: tuple[str, ...]


def assess(
    indicator: IndicatorSpec,
    points: Sequence[Point],
    *,
    as_of: dt.date,
    area_code: str,
    targets: Sequence[TargetSpec] = (),
    rebases: Sequence[RebaseSpec] = (),
    comparators: Sequence[Comparator] = (),
) -> Assessment:
    """Judge one indicator's series for one area (``area_code``) as at ``as_of``.

    ``points`` are the area's stored periods, in any order, all of one period kind; periods with
    nothing stored may simply be left out. ``comparators`` are judged in the order given.

    Raises:
        ValueError: if the points mix period kinds, repeat a period or fall off their cadence
            (see :func:`trustplan.assessment.series.build_series`), or the statistics reject a
            value (a proportion's numerator above its denominator, say).
    """
    fmt = NumberFormat.of(indicator)
    series = build_series(points, as_of=as_of, lag_days=indicator.publication_lag_days)
    latest = assess_latest(series, indicator, fmt)
    reference = None if latest.point is None else latest.point.period
    current = current_target(targets, as_of if reference is None else reference.end)
    target = judge_current(
        current,
        latest.value,
        reference=reference,
        any_targets=bool(targets),
        indicator=indicator,
        fmt=fmt,
    )
    spc = assess_spc(
        series,
        rebases,
        target=None if current is None else current.value,
        indicator=indicator,
        fmt=fmt,
    )
    since = spc.current_start
    reasons, headline = _headline(latest, target, spc, fmt)
    return Assessment(
        indicator=indicator,
        as_of=as_of,
        latest=latest,
        target=target,
        future_targets=judge_future(
            targets,
            reference=as_of if reference is None else reference.end,
            series=series,
            since=since,
            indicator=indicator,
            fmt=fmt,
        ),
        spc=spc,
        trend=assess_trend(series, since=since, indicator=indicator),
        benchmarks=assess_benchmarks(
            comparators, latest=latest, area_code=area_code, indicator=indicator, fmt=fmt
        ),
        direction_of_travel=assess_travel(series, indicator=indicator, fmt=fmt),
        data_quality=assess_quality(
            series,
            segments=spc.chart.segments,
            comparators=comparators,
            area_code=area_code,
            fmt=fmt,
        ),
        headline=headline,
        exception=bool(reasons),
        exception_reasons=reasons,
    )


def _headline(
    latest: LatestValue, target: TargetJudgement, spc: SpcJudgement, fmt: NumberFormat
) -> tuple[tuple[str, ...], str]:
    """The exception reasons, and the headline built from the clauses with exceptions first."""
    reasons: list[str] = []
    exceptions: list[str] = []
    others: list[str] = []
    if latest.exception_reason is not None:
        reasons.append(latest.exception_reason)
        exceptions.append(latest.exception_reason)
    if latest.point is not None and latest.value is not None:
        clause = explain.value_clause(
            latest.value, latest.point.period, target.target, target.rag, fmt
        )
        if target.rag is Rag.RED and target.target is not None:
            reasons.append(explain.red_reason(target.target))
            exceptions.append(clause)
        else:
            others.append(clause)
    if spc.variation is not None:
        clause = explain.variation(spc.variation, spc.signal, fmt)
        if spc.concern:
            reasons.append(clause)
            exceptions.append(clause)
        else:
            others.append(clause)
    return tuple(reasons), explain.headline([*exceptions, *others])
