"""Draw an assessment: the SPC chart and sparkline of ``trustplan.charts`` from its series."""

from __future__ import annotations

from trustplan import charts
from trustplan.assessment import Assessment, Comparator
from trustplan.charts.inputs import (
    Benchmark,
    IndicatorChartData,
    Observation,
    Target,
    ValueFormat,
    rebase_notes,
    spc_marks,
)


def chart_data(
    assessment: Assessment, *, area: str, benchmark: Comparator | None
) -> IndicatorChartData:
    indicator = assessment.indicator
    spc = assessment.spc
    observations = tuple(
        Observation(label=period.label, end=period.end, value=point.value)
        for period, point in zip(spc.periods, spc.chart.points, strict=True)
    )
    value_format = ValueFormat(decimals=indicator.decimals, suffix=_suffix(indicator.unit))
    return IndicatorChartData(
        title=indicator.name,
        area=area,
        unit=indicator.unit,
        observations=observations,
        spc=spc_marks(spc.chart),
        targets=tuple(
            Target(due=t.due, value=t.value, label=t.name)
            for t in (assessment.target.target, *(f.target for f in assessment.future_targets))
            if t is not None
        ),
        benchmark=None
        if benchmark is None or not benchmark.points
        else Benchmark(
            name=benchmark.name,
            observations=tuple(
                Observation(label=p.period.label, end=p.period.end, value=p.value)
                for p in benchmark.points
            ),
        ),
        rebases=rebase_notes(spc.chart, observations),
        trial=spc.trial,
        value_format=value_format,
    )


def _suffix(unit: str) -> str:
    """Only a percentage sign sits on the number; other units go in the axis title."""
    return "%" if unit.strip().startswith("%") else ""


def chart_svg(data: IndicatorChartData) -> str:
    return charts.to_svg(charts.indicator_chart(data))


def sparkline_svg(data: IndicatorChartData) -> str:
    return charts.to_svg(
        charts.sparkline(data.observations, label=data.title, value_format=data.value_format)
    )
