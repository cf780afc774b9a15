"""Data-quality warnings by robust z-score, against the series and against other areas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from tests.assessment.helpers import AREA, PERCENT, points, quarter
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import AreaValues, Comparator, RebaseSpec
from trustplan.assessment.quality import DataQuality, assess_quality
from trustplan.assessment.series import build_series
from trustplan.assessment.variation import assess_spc

# 2015/16 Q1 to 2017/18 Q2, with 45.0 keyed in for 2016/17 Q1.
VALUES = [10.2, 9.8, 10.1, 9.9, 45.0, 10.3, 9.7, 10.1, 9.9, 10.2]
LATEST = quarter(9)
NEAR = {"A": 10.0, "B": 10.4, "C": 9.9, "D": 10.1, "E": 10.0}
FAR = {"A": 3.0, "B": 3.2, "C": 2.9, "D": 3.1, "E": 3.0}


def quality(
    values: Sequence[float | None],
    *,
    areas: Mapping[str, float | None] | None = None,
    areas_period: int | None = None,
    rebases: Sequence[RebaseSpec] = (),
) -> DataQuality:
    fmt = NumberFormat.of(PERCENT)
    series = build_series(points(values), as_of=dt.date(2015, 7, 1), lag_days=None)
    chart = assess_spc(series, rebases, target=None, indicator=PERCENT, fmt=fmt).chart
    comparators = (
        []
        if areas is None
        else [
            Comparator(
                name="Statistical neighbours",
                areas=AreaValues(
                    period=quarter(len(values) - 1 if areas_period is None else areas_period),
                    values=areas,
                ),
            )
        ]
    )
    return assess_quality(
        series, segments=chart.segments, comparators=comparators, area_code=AREA, fmt=fmt
    )


def test_an_improbable_value_in_the_series_is_flagged() -> None:
    result = quality(VALUES, areas=NEAR)
    (finding,) = result.findings
    assert finding.period == quarter(4)
    assert finding.value == 45.0
    assert finding.median == 10.1
    assert finding.robust_z > 3.5
    assert result.explanation.startswith(
        "45.0% for 2016/17 Q1 is improbable against the rest of the series (median 10.1%, "
        "robust z-score "
    )
    assert result.explanation.endswith("): check it is correct.")


def test_the_latest_value_is_checked_against_the_other_areas() -> None:
    result = quality([10.2, 9.8, 10.1, 9.9, 10.0, 10.3, 9.7, 10.1, 9.9, 10.2], areas=FAR)
    (finding,) = result.findings
    assert finding.period == LATEST
    assert finding.against == "the 6 areas of Statistical neighbours"
    assert finding.explanation == (
        "10.2% for 2017/18 Q2 is improbable against the 6 areas of Statistical neighbours "
        f"(median 3.1%, robust z-score {finding.robust_z:.1f}): check it is correct."
    )


def test_nothing_improbable_says_what_was_checked() -> None:
    result = quality([10.0, 10.1, 9.9, 10.0, 10.2, 9.8], areas=NEAR)
    assert result.findings == ()
    assert result.explanation == (
        "No value looks improbable against the rest of the series or the 6 areas of "
        "Statistical neighbours (robust z-score beyond 3.5)."
    )


def test_each_stretch_between_rebases_is_checked_on_its_own() -> None:
    # After a rebase from 2016/17 Q2 the later values are not compared with the earlier ones.
    rebase = RebaseSpec(period_start=dt.date(2016, 7, 1), reason="definition changed")
    result = quality([10.0, 10.1, 9.9, 10.0, 10.2, 20.1, 19.9, 20.0, 20.2, 19.8], rebases=[rebase])
    assert result.findings == ()
    assert result.explanation == (
        "No value looks improbable against the rest of the series from 2015/16 Q1 to 2016/17 Q1 "
        "or the rest of the series from 2016/17 Q2 to 2017/18 Q2 (robust z-score beyond 3.5)."
    )


def test_checks_that_cannot_be_made_say_why() -> None:
    short = quality([10.0, 10.1, 9.9], areas={"A": 10.0, "B": 10.1})
    assert short.explanation == (
        "Not checked against the rest of the series: needs at least 5 values to check; got 3. "
        "Not checked against Statistical neighbours: needs at least 5 values to check; got 3."
    )
    stale = quality([10.0, 10.1, 9.9, 10.0, 10.2], areas=NEAR, areas_period=3)
    assert stale.not_checked == (
        "Not checked against Statistical neighbours: its member areas' values are for "
        "2015/16 Q4, not 2016/17 Q1.",
    )
