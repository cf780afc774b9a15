"""The needs-assessment rule on constructed series: each kind of evidence, mixed evidence, and
what is never classified. Every reason must name its evidence (comparator or period, and values)."""

from __future__ import annotations

import datetime as dt

from tests.assessment.helpers import AREA, FLAT, PERCENT, SHIFT, counted, points, quarter, spec
from trustplan.assessment import Assessment, Comparator, Point, assess
from trustplan.assessment.needs import Finding, classify
from trustplan.periods import financial_year
from trustplan.vocabulary import Polarity

# FLAT ends in 2018/19 Q4 at 10.2% (102 of 1,000; 95% CI 8.5% to 12.2%), in common-cause
# variation, 10.0% a year earlier; SHIFT ends in 2019/20 Q4 with 8 points above its mean.
FLAT_AS_OF = dt.date(2019, 5, 1)
SHIFT_AS_OF = dt.date(2020, 5, 1)
HIGH_IS_GOOD = spec(polarity=Polarity.HIGH_IS_GOOD)


def comparator(value: float, name: str = "England", periods: int = 20) -> Comparator:
    return Comparator(
        name=name, points=tuple(Point(period=quarter(i), value=value) for i in range(periods))
    )


def flat(*comparators: Comparator, as_of: dt.date = FLAT_AS_OF, **changes: object) -> Assessment:
    indicator = spec(**changes) if changes else PERCENT
    return assess(indicator, counted(FLAT), as_of=as_of, area_code=AREA, comparators=comparators)


def test_significantly_worse_than_england_is_concerning() -> None:
    result = classify(flat(comparator(7.0)))
    assert result.finding is Finding.CONCERNING
    assert result.reasons == (
        "Worse than England (95% confidence): 10.2% (8.5% to 12.2%) against 7.0% in 2018/19 Q4.",
    )
    assert result.against == ()
    assert result.summary == "First-time entrants: higher than England (10.2% in 2018/19 Q4)."


def test_better_than_every_named_comparator_is_encouraging_and_worded_once() -> None:
    assessment = flat(comparator(13.0), comparator(14.0, "Statistical neighbours"))
    result = classify(assessment, ("England", "Statistical neighbours"))
    assert result.finding is Finding.ENCOURAGING
    assert result.reasons == (
        "Better than England (95% confidence): 10.2% (8.5% to 12.2%) against 13.0% in 2018/19 Q4.",
        "Better than Statistical neighbours (95% confidence): 10.2% (8.5% to 12.2%) against "
        "14.0% in 2018/19 Q4.",
    )
    assert result.summary == (
        "First-time entrants: lower than England and Statistical neighbours (10.2% in 2018/19 Q4)."
    )


def test_only_the_named_comparators_count() -> None:
    result = classify(flat(comparator(10.0), comparator(7.0, "South East")))
    assert result.finding is Finding.NOT_CLASSIFIED
    assert not any("South East" in reason for reason in result.reasons)


def test_nothing_significant_is_not_classified_and_says_what_was_found() -> None:
    result = classify(flat(comparator(10.0)))
    assert result.finding is Finding.NOT_CLASSIFIED
    assert result.summary == ""
    assert result.reasons == (
        "Similar to England: 10.2% (8.5% to 12.2%) against 10.0% in 2018/19 Q4.",
        "On the SPC chart, common-cause variation.",
        "Similar to a year earlier: 10.2% (8.5% to 12.2%) in 2018/19 Q4 against 10.0% in "
        "2017/18 Q4.",
        "Recent trend: no significant change over the latest 5 quarters, 2017/18 Q4 to "
        "2018/19 Q4, from 10.0% to 10.2%.",
    )


def test_a_special_cause_concern_is_concerning() -> None:
    assessment = assess(PERCENT, points(SHIFT), as_of=SHIFT_AS_OF, area_code=AREA)
    result = classify(assessment)
    assert result.finding is Finding.CONCERNING
    assert result.reasons == (
        "On the SPC chart, special cause concern: 8 points in a row above the mean since "
        "2018/19 Q1.",
    )
    assert result.summary == "First-time entrants: unusually high (10.5% in 2019/20 Q4)."


def test_a_special_cause_improvement_is_encouraging() -> None:
    assessment = assess(HIGH_IS_GOOD, points(SHIFT), as_of=SHIFT_AS_OF, area_code=AREA)
    result = classify(assessment)
    assert result.finding is Finding.ENCOURAGING
    assert result.reasons[0].startswith("On the SPC chart, special cause improvement: 8 points")


def test_mixed_evidence_is_concerning_with_the_better_evidence_noted() -> None:
    assessment = assess(
        PERCENT,
        counted(SHIFT),
        as_of=SHIFT_AS_OF,
        area_code=AREA,
        comparators=[comparator(13.0)],
    )
    result = classify(assessment)
    assert result.finding is Finding.CONCERNING
    assert result.reasons[0].startswith("On the SPC chart, special cause concern")
    assert result.against == (
        "In its favour: better than England (95% confidence): 10.5% (8.7% to 12.6%) against "
        "13.0% in 2019/20 Q4.",
    )
    assert result.evidence == (*result.reasons, *result.against)
    assert result.summary == (
        "First-time entrants: unusually high, although lower than England (10.5% in 2019/20 Q4)."
    )


def test_significantly_worse_than_a_year_earlier_in_annual_data_is_concerning() -> None:
    values = [10, 12, 9, 11, 10, 12, 9, 11, 10, 13]  # in common-cause variation
    years = [
        Point(period=financial_year(2010 + i), value=v, numerator=v * 100, denominator=10_000)
        for i, v in enumerate(values)
    ]
    result = classify(assess(PERCENT, years, as_of=dt.date(2020, 6, 1), area_code=AREA))
    assert result.finding is Finding.CONCERNING
    assert result.reasons == (
        "Worse than a year earlier (95% confidence): 13.0% (12.4% to 13.7%) in 2019/20 against "
        "10.0% in 2018/19.",
    )
    assert result.summary == "First-time entrants: higher than a year earlier (13.0% in 2019/20)."


def test_a_recent_trend_getting_worse_is_concerning() -> None:
    rising = [10.0] * 11 + [10.5, 11.0, 11.5, 12.0]
    assessment = assess(PERCENT, counted(rising, 10_000), as_of=FLAT_AS_OF, area_code=AREA)
    result = classify(assessment)
    assert result.finding is Finding.CONCERNING
    assert (
        "Recent trend: increasing and getting worse (99.8% significance) over the latest "
        "5 quarters, 2017/18 Q3 to 2018/19 Q3, from 10.0% to 12.0%." in result.reasons
    )
    assert "rising" in result.summary


def test_out_of_date_data_are_classified_with_a_caveat() -> None:
    result = classify(flat(comparator(7.0), as_of=dt.date(2020, 5, 1)))
    assert result.finding is Finding.CONCERNING
    assert result.caveats == (
        "The data are not up to date: no data for 2019/20 Q3, due by 31 March 2020.",
    )
    assert result.evidence[-1] == result.caveats[0]


def test_no_better_direction_is_never_classified() -> None:
    result = classify(flat(comparator(7.0), polarity=None))
    assert result.finding is Finding.NOT_CLASSIFIED
    assert result.reasons == (
        "No better direction is recorded for this indicator, so it is not judged.",
    )


def test_no_data_is_never_classified() -> None:
    result = classify(assess(PERCENT, [], as_of=FLAT_AS_OF, area_code=AREA))
    assert result.finding is Finding.NOT_CLASSIFIED
    assert result.reasons == ("No data: no value has been recorded for this indicator.",)


def test_without_an_interval_the_year_earlier_is_not_tested() -> None:
    assessment = assess(PERCENT, points(FLAT), as_of=FLAT_AS_OF, area_code=AREA)
    result = classify(assessment)
    assert result.finding is Finding.NOT_CLASSIFIED
    assert (
        "Not tested against a year earlier: 10.2% in 2018/19 Q4 has no 95% confidence interval."
        in result.reasons
    )


def test_the_summary_names_comparators_together_and_keeps_its_ands_apart() -> None:
    rising = [10.0] * 11 + [10.5, 11.0, 11.5, 12.0]
    assessment = assess(
        PERCENT,
        counted(rising, 10_000),
        as_of=FLAT_AS_OF,
        area_code=AREA,
        comparators=[comparator(10.0), comparator(10.0, "Neighbours")],
    )
    result = classify(assessment, ("England", "Neighbours"))
    assert result.summary == (
        "First-time entrants: higher than England, Neighbours and a year earlier, unusually "
        "high, and rising (12.0% in 2018/19 Q3)."
    )
