"""The shared wording's small pieces, called directly as pages and reports call them."""

from __future__ import annotations

import datetime as dt

from tests.assessment.helpers import PERCENT, quarter
from trustplan.assessment import explain
from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.inputs import TargetSpec
from trustplan.stats.benchmark import Comparison, Outcome
from trustplan.stats.intervals import Interval
from trustplan.stats.rag import Rag

FORMAT = NumberFormat.of(PERCENT)
TARGET = TargetSpec(due=dt.date(2022, 3, 31), value=12.0)


def test_names_and_capitals() -> None:
    assert explain.capitalised("special cause concern: 14.2%") == "Special cause concern: 14.2%"
    assert explain.the("March 2014 target") == "the March 2014 target"
    assert explain.the("The plan's target") == "The plan's target"


def test_the_headline_is_one_sentence_of_clauses() -> None:
    clauses = [
        explain.late_reason(quarter(25), dt.date(2021, 12, 30)),
        explain.value_clause(14.2, quarter(24), TARGET, Rag.AMBER, FORMAT),
    ]
    assert explain.headline(clauses) == (
        "No data for 2021/22 Q2, due by 30 December 2021; 14.2% for 2021/22 Q1 is amber "
        "against the March 2022 target of 12.0%."
    )


def test_a_similar_comparison_claims_no_confidence() -> None:
    interval = Interval(12.9, 15.6, 0.95)
    similar = explain.benchmark(
        "England", Comparison(Outcome.SIMILAR), 14.2, interval, 14.0, FORMAT
    )
    assert similar == "Similar to England: 14.2% (12.9% to 15.6%) against 14.0%."
    worse = explain.benchmark(
        "England", Comparison(Outcome.WORSE, 0.998), 14.2, interval, 11.0, FORMAT
    )
    assert worse.startswith("Worse than England (99.8% confidence):")
