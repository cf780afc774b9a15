"""Shared chart-test inputs: a realistic quarterly series, and helpers to read a spec."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trustplan.charts import (
    Benchmark,
    IndicatorChartData,
    Observation,
    Target,
    ValueFormat,
    rebase_notes,
    spc_marks,
)
from trustplan.periods import financial_quarter
from trustplan.stats.spc import ImprovementDirection, Rebase, xmr_chart

# 24 financial quarters, 2015/16 Q1 to 2020/21 Q4: a gap in Q2 2016/17, a rebase at 2017/18 Q1,
# a dip (special-cause concern) and then a sustained rise (special-cause improvement).
QUARTERLY_VALUES: tuple[float | None, ...] = (
    43.6, 44.8, 43.6, 43.5, 42.5, None, 45.8, 44.7,
    48.7, 47.4, 47.6, 47.3, 40.0, 48.4, 47.8, 47.8,
    49.3, 49.2, 50.6, 51.3, 52.5, 51.9, 52.8, 51.0,
)  # fmt: skip
REBASE_REASON = "New assessment form from April 2017"
TARGET_LABEL = "Target March 2021"


def quarterly_chart_data(*, trial: bool | None = None) -> IndicatorChartData:
    """The example the brief asks for: a shift, a target, an England line and one rebase."""
    periods = [financial_quarter(2015 + i // 4, i % 4 + 1) for i in range(24)]
    result = xmr_chart(
        QUARTERLY_VALUES,
        improvement_direction=ImprovementDirection.INCREASE,
        target=55,
        rebases=[Rebase(8, REBASE_REASON)],
    )
    observations = tuple(
        Observation(p.label, p.end, v) for p, v in zip(periods, QUARTERLY_VALUES, strict=True)
    )
    england = Benchmark(
        "England",
        tuple(Observation(p.label, p.end, round(47 + 0.15 * i, 1)) for i, p in enumerate(periods)),
    )
    return IndicatorChartData(
        title="Early help assessments completed within 45 days",
        area="Portsmouth",
        unit="Per cent of assessments",
        observations=observations,
        spc=spc_marks(result),
        targets=(Target(dt.date(2021, 3, 31), 55.0, TARGET_LABEL),),
        benchmark=england,
        rebases=rebase_notes(result, observations),
        trial=result.trial_limits if trial is None else trial,
        value_format=ValueFormat(1, "%"),
    )


@pytest.fixture
def quarterly() -> IndicatorChartData:
    return quarterly_chart_data()


def layer_rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    """A layer's data rows, whether inline or consolidated into the spec's named datasets."""
    data = layer["data"]
    rows: list[dict[str, Any]] = (
        data["values"] if "values" in data else spec["datasets"][data["name"]]
    )
    return rows


def layers_with_mark(spec: dict[str, Any], mark: str) -> list[dict[str, Any]]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == mark]
