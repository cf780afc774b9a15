"""The input types check what a caller could get wrong, and name targets for sentences."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.assessment.helpers import PERCENT, quarter, spec
from trustplan.assessment.inputs import Comparator, Point, TargetSpec
from trustplan.vocabulary import Polarity


def test_limits_come_in_pairs_and_in_order() -> None:
    with pytest.raises(ValueError, match="95% limits come in pairs"):
        Point(period=quarter(0), value=10.0, lower_95=9.0)
    with pytest.raises(ValueError, match=r"99\.8% lower limit \(12\.0\) exceeds the upper"):
        Point(period=quarter(0), value=10.0, lower_99_8=12.0, upper_99_8=8.0)
    with pytest.raises(ValueError, match="finite"):
        Point(period=quarter(0), value=math.nan)


def test_an_indicator_needs_a_positive_multiplier_and_whole_decimals() -> None:
    with pytest.raises(ValueError, match="multiplier"):
        spec(multiplier=0)
    with pytest.raises(ValueError, match="decimals"):
        spec(decimals=-1)
    with pytest.raises(ValueError, match="publication_lag_days"):
        spec(publication_lag_days=-7)


def test_an_indicator_without_a_polarity_is_judged_as_no_judgement() -> None:
    assert spec(polarity=None).judged_polarity is Polarity.NO_JUDGEMENT
    assert PERCENT.judged_polarity is Polarity.LOW_IS_GOOD


def test_a_target_must_be_a_number() -> None:
    with pytest.raises(ValueError, match="target due 2014-03-31 must be a finite number"):
        TargetSpec(due=dt.date(2014, 3, 31), value=math.inf)


def test_a_target_is_named_by_its_label_or_its_due_month() -> None:
    assert TargetSpec(due=dt.date(2014, 3, 31), value=1.0).name == "March 2014 target"
    assert TargetSpec(due=dt.date(2014, 3, 31), value=1.0, label=" Plan target ").name == (
        "Plan target"
    )


def test_a_comparator_gives_its_value_for_a_period_or_none() -> None:
    england = Comparator(name="England", points=(Point(period=quarter(0), value=11.1),))
    assert england.value_for(quarter(0)) == 11.1
    assert england.value_for(quarter(1)) is None
