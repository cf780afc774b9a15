"""The chart inputs: checked on construction, and built from the SPC results."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from trustplan.charts import (
    Benchmark,
    Observation,
    RebaseNote,
    Target,
    ValueFormat,
    rebase_notes,
    spc_marks,
)
from trustplan.stats.spc import ImprovementDirection, Rebase, xmr_chart

DAY = dt.date(2020, 3, 31)


def test_spc_marks_carry_each_points_limits_and_judgement():
    values = [10.0, 12.0, 11.0, None, 13.0, 30.0]
    result = xmr_chart(values, improvement_direction=ImprovementDirection.DECREASE)
    marks = spc_marks(result)
    limits = result.limits
    assert limits is not None
    assert len(marks) == len(values)
    assert {m.mean for m in marks} == {limits.mean}
    assert {(m.lower_limit, m.upper_limit) for m in marks} == {(limits.lpl, limits.upl)}
    assert [m.point_type for m in marks] == [p.point_type for p in result.points]
    assert marks[3].point_type is None
    assert all(m.upper_near_limit is None for m in marks)
    assert {m.upper_near_limit for m in spc_marks(result, near_limits=True)} == {limits.near_upl}


def test_rebase_notes_fall_between_the_periods_with_the_reason():
    observations = tuple(
        Observation(f"P{i}", dt.date(2020, 1, 1) + dt.timedelta(days=10 * i), float(i % 3))
        for i in range(6)
    )
    result = xmr_chart(
        [o.value for o in observations],
        improvement_direction=ImprovementDirection.INCREASE,
        rebases=[Rebase(3, "New service")],
    )
    assert rebase_notes(result, observations) == (RebaseNote(dt.date(2020, 1, 26), "New service"),)
    with pytest.raises(ValueError, match="6 points but the series has 5 periods"):
        rebase_notes(result, observations[:5])


@pytest.mark.parametrize(
    "build",
    [
        lambda: Observation("Q1", DAY, math.nan),
        lambda: Observation("Q1", DAY, math.inf),
        lambda: Target(DAY, math.nan, "2020"),
        lambda: Target(DAY, 1, " "),
        lambda: RebaseNote(DAY, ""),
        lambda: Benchmark("", ()),
        lambda: Benchmark("England", (Observation("b", DAY, 1), Observation("a", DAY, 2))),
        lambda: ValueFormat(decimals=7),
    ],
)
def test_bad_inputs_are_refused(build):
    with pytest.raises(ValueError):  # noqa: PT011 (each case has its own message)
        build()


def test_a_value_format_writes_thousands_decimals_and_suffix():
    assert ValueFormat(decimals=1, suffix="%")(1234.56) == "1,234.6%"
    assert ValueFormat(decimals=0)(12.5) == "12"


def test_a_target_is_named_as_a_target():
    assert Target(DAY, 1, "2019/20").name == "Target 2019/20"
    assert Target(DAY, 1, "March 2014 target").name == "March 2014 target"
