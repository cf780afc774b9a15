"""The words trustplan's parts share, each defined once.

The plan file, the data import, the statistics, the assessment, the demo data and the database
all speak of an indicator's polarity, value type, frequency and comparison method, and of areas,
observation statuses and target tolerances. Their values are stored, typed into files and
printed, so there must be one list of each: this module, which has no dependencies. The
database's choices are made from these (``choices``), so a value the app accepts is exactly a
value the files and the statistics accept.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A vocabulary whose members carry the words shown to people."""

    @property
    def label(self) -> str:
        # Keyed by class and value: members of two vocabularies with one value ("none") are
        # equal strings, and would share a plain dictionary key.
        return _LABELS[type(self), self.value]


class Polarity(Labelled):
    """Which direction is better, in Fingertips' terms.

    ``low_is_good`` is Fingertips' "RAG - Low is good" (0), ``high_is_good`` "RAG - High is good"
    (1) and ``no_judgement`` "BOB" blue-orange-blue (99), where a difference is reported as
    higher or lower rather than better or worse.
    """

    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NO_JUDGEMENT = "no_judgement"


class Frequency(Labelled):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    TERMLY = "termly"
    ANNUAL = "annual"
    ACADEMIC_YEAR = "academic_year"


class ValueType(Labelled):
    """What kind of number an indicator is: decides its confidence interval and its range."""

    PROPORTION = "proportion"
    RATE = "rate"
    COUNT = "count"
    MEAN = "mean"
    DSR = "dsr"
    RATIO = "ratio"
    SCORE = "score"


class ComparisonMethod(Labelled):
    """How an area is compared with a benchmark, as in Fingertips."""

    CI_95 = "ci_95"
    CI_TWO_LEVEL = "ci_two_level"
    QUINTILES = "quintiles"
    NONE = "none"


class AreaKind(Labelled):
    COUNTRY = "country"
    REGION = "region"
    LOCAL_AUTHORITY = "local_authority"
    WARD = "ward"
    COMPARATOR_GROUP = "comparator_group"
    OTHER = "other"


class ObservationStatus(Labelled):
    PROVISIONAL = "provisional"
    FINAL = "final"


class ToleranceKind(Labelled):
    """How a target's amber band is stored; ``none`` means met or missed, nothing between."""

    NONE = "none"
    ABSOLUTE = "absolute"
    RELATIVE = "relative"


_LABELS: dict[tuple[type[Labelled], str], str] = {
    (type(member), member.value): words
    for member, words in (
        (Polarity.HIGH_IS_GOOD, "High is good"),
        (Polarity.LOW_IS_GOOD, "Low is good"),
        (Polarity.NO_JUDGEMENT, "No judgement (neither higher nor lower is better)"),
        (Frequency.MONTHLY, "Monthly"),
        (Frequency.QUARTERLY, "Quarterly"),
        (Frequency.TERMLY, "Termly"),
        (Frequency.ANNUAL, "Annual"),
        (Frequency.ACADEMIC_YEAR, "Academic year"),
        (ValueType.PROPORTION, "Proportion (numerator of denominator; Wilson interval)"),
        (ValueType.RATE, "Rate (events per population; Byar's or exact Poisson interval)"),
        (ValueType.COUNT, "Count (no denominator; Poisson interval)"),
        (ValueType.MEAN, "Mean (Student's t interval)"),
        (ValueType.DSR, "Directly standardised rate (Dobson interval)"),
        (ValueType.RATIO, "Standardised ratio"),
        (ValueType.SCORE, "Score or other value (no interval)"),
        (ComparisonMethod.CI_95, "95% confidence interval against the benchmark value"),
        (ComparisonMethod.CI_TWO_LEVEL, "95% and 99.8% confidence intervals"),
        (ComparisonMethod.QUINTILES, "Quintiles among comparable areas"),
        (ComparisonMethod.NONE, "Not compared"),
        (AreaKind.COUNTRY, "Country"),
        (AreaKind.REGION, "Region"),
        (AreaKind.LOCAL_AUTHORITY, "Local authority"),
        (AreaKind.WARD, "Ward"),
        (AreaKind.COMPARATOR_GROUP, "Comparator group"),
        (AreaKind.OTHER, "Other"),
        (ObservationStatus.PROVISIONAL, "Provisional"),
        (ObservationStatus.FINAL, "Final"),
        (ToleranceKind.NONE, "None"),
        (ToleranceKind.ABSOLUTE, "Absolute (in the indicator's units)"),
        (ToleranceKind.RELATIVE, "Relative (a fraction of the target)"),
    )
}


def choices(vocabulary: type[Labelled]) -> list[tuple[str, str]]:
    """The database field choices for a vocabulary: (stored value, words shown)."""
    return [(member.value, member.label) for member in vocabulary]
