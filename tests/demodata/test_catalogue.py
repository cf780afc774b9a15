"""The demonstration definitions: one for every KPI of the plan, plausible, labelled synthetic,
and mergeable into a plan file."""

from __future__ import annotations

import pytest
import yaml

from trustplan.demodata import DemoData, definitions_yaml, load_catalogue
from trustplan.demodata.catalogue import (
    PERIOD_KINDS,
    SYNTHETIC_PREFIX,
    CatalogueError,
    parse_catalogue,
)
from trustplan.periods import PeriodKind
from trustplan.plancode.schema import Frequency, IndicatorDefinition
from trustplan.vocabulary import ComparisonMethod, Polarity, ValueType


def test_every_indicator_of_the_plan_has_exactly_one_definition(
    plan_keys: tuple[str, ...],
) -> None:
    assert len(plan_keys) == 61
    assert set(load_catalogue()) == set(plan_keys)


def test_every_definition_says_it_is_synthetic() -> None:
    for indicator in load_catalogue().values():
        assert indicator.definition.startswith(SYNTHETIC_PREFIX), indicator.key
        assert "\n" not in indicator.definition, indicator.key


@pytest.mark.parametrize(
    ("key", "frequency"),
    [
        ("youth-reoffending", Frequency.ANNUAL),
        ("first-time-entrants-youth-justice", Frequency.ANNUAL),
        ("children-open-to-early-help", Frequency.MONTHLY),
        ("school-attendance", Frequency.TERMLY),
        ("childhood-obesity-year-r-and-year-6", Frequency.ACADEMIC_YEAR),
        ("immunisation-and-vaccination-uptake", Frequency.QUARTERLY),
    ],
)
def test_frequencies_are_those_the_measures_are_really_reported_at(
    key: str, frequency: Frequency
) -> None:
    assert load_catalogue()[key].frequency is frequency


@pytest.mark.parametrize(
    ("key", "polarity", "value_type", "unit"),
    [
        ("first-time-entrants-youth-justice", Polarity.LOW_IS_GOOD, ValueType.RATE, "per 100,000"),
        ("school-attendance", Polarity.HIGH_IS_GOOD, ValueType.PROPORTION, "%"),
        ("children-open-to-early-help", Polarity.NO_JUDGEMENT, ValueType.COUNT, "children"),
        ("educational-progress", Polarity.HIGH_IS_GOOD, ValueType.SCORE, "Progress 8"),
        (
            "looked-after-children-mental-and-physical-health",
            Polarity.LOW_IS_GOOD,
            ValueType.MEAN,
            "SDQ",
        ),
        ("childhood-obesity-year-r-and-year-6", Polarity.LOW_IS_GOOD, ValueType.PROPORTION, "%"),
    ],
)
def test_polarity_type_and_unit_fit_the_title(
    key: str, polarity: Polarity, value_type: ValueType, unit: str
) -> None:
    indicator = load_catalogue()[key]
    assert (indicator.polarity, indicator.value_type) == (polarity, value_type)
    assert unit in indicator.unit


def test_vague_titles_get_a_concrete_proxy_that_says_so() -> None:
    catalogue = load_catalogue()
    for key in (
        "quality-of-assessments-and-plans",
        "ehcp-quality",
        "high-cost-placements-and-spend",
    ):
        assert "concrete proxy" in catalogue[key].definition


def test_levels_and_shapes_are_plausible() -> None:
    for indicator in load_catalogue().values():
        if indicator.value_type is ValueType.PROPORTION:
            assert indicator.multiplier == 100
            assert indicator.unit.startswith("%")
        if indicator.value_type is ValueType.COUNT:
            assert indicator.decimals == 0
            assert indicator.comparison is ComparisonMethod.NONE
            assert indicator.england > 50 * indicator.portsmouth  # a national total
        else:
            assert indicator.comparison is ComparisonMethod.CI_95
        if indicator.value_type in (ValueType.PROPORTION, ValueType.RATE):
            assert indicator.england / 3 < indicator.portsmouth < indicator.england * 3
        assert indicator.reporting_kind in PERIOD_KINDS[indicator.frequency]


def test_the_definitions_fragment_merges_into_a_plan_file(data: DemoData) -> None:
    fragment = yaml.safe_load(definitions_yaml(data))
    assert list(fragment) == [indicator.key for indicator in data.indicators]
    for key, fields in fragment.items():
        definition = IndicatorDefinition(**fields)
        assert definition.source == "SYNTHETIC demonstration data", key
        assert definition.definition is not None
        assert definition.definition.startswith(SYNTHETIC_PREFIX), key


GOOD = {
    "name": "A measure",
    "polarity": "high_is_good",
    "value_type": "proportion",
    "unit": "%",
    "multiplier": 100,
    "decimals": 1,
    "frequency": "monthly",
    "england": 50.0,
    "portsmouth": 40.0,
    "denominator": 100,
    "definition": "Synthetic demonstration measure: a test.",
}


def _catalogue(**changes: object) -> str:
    fields = {name: value for name, value in {**GOOD, **changes}.items() if value is not None}
    return yaml.safe_dump({"indicators": {"a-measure": fields}})


def test_a_good_entry_reads() -> None:
    indicator = parse_catalogue(_catalogue())["a-measure"]
    assert indicator.reporting_kind is PeriodKind.MONTH
    assert indicator.process_volatility == pytest.approx(0.04)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"england": 120.0}, "england must lie strictly between 0 and the multiplier 100"),
        ({"portsmouth": 0.0}, "portsmouth must lie strictly between 0"),
        ({"value_type": "rate", "england": -1.0}, "england must be above 0"),
        ({"denominator": None}, "a count has no denominator"),
        ({"value_type": "count"}, "a count has no denominator"),
        ({"value_type": "mean"}, "a mean or score needs sd"),
        ({"value_type": "score"}, "a mean or score needs sd"),
        ({"sd": 2.0}, "a mean or score needs sd"),
        ({"period_kind": "financial_year"}, "a monthly indicator is reported in month"),
        ({"definition": "Percentage of things."}, "must start 'Synthetic demonstration measure'"),
        ({"colour": "red"}, "colour: Extra inputs are not permitted"),
        ({"polarity": "sideways"}, "polarity: Input should be"),
        ({"decimals": 7}, "decimals: Input should be less than or equal to 4"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_indicator(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(CatalogueError, match=r"^a-measure: ") as raised:
        parse_catalogue(_catalogue(**changes))
    assert message in str(raised.value)


@pytest.mark.parametrize("text", ["", "indicators: []", "- a\n- b", "indicators:\n  a-measure: 3"])
def test_a_catalogue_of_the_wrong_shape_is_refused(text: str) -> None:
    with pytest.raises(CatalogueError):
        parse_catalogue(text)
