"""The catalogue the database hands the validator, and the records the validator hands back."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from trustplan.dataimport import (
    Catalogue,
    Frequency,
    IndicatorRecord,
    IndicatorSpec,
    ObservationRecord,
    TargetRecord,
    ValueType,
)
from trustplan.periods import parse_period


def test_indicators_are_found_by_key_forgiving_capitals_and_by_fingertips_id() -> None:
    spec = IndicatorSpec(key="gld", value_type="proportion", multiplier=100, fingertips_id=90631)
    catalogue = Catalogue.of([spec], area_codes=["E06000044"])
    assert catalogue.indicator("gld") is spec
    assert catalogue.indicator("GLD") is spec
    assert catalogue.indicator("other") is None
    assert catalogue.by_fingertips_id[90631] is spec
    assert catalogue.area_codes == frozenset({"E06000044"})


def test_two_indicators_with_one_key_or_fingertips_id_are_refused() -> None:
    with pytest.raises(ValueError, match="two indicators have the key 'a'"):
        Catalogue.of([IndicatorSpec(key="a"), IndicatorSpec(key="a")])
    with pytest.raises(ValueError, match="two indicators have Fingertips ID 1"):
        Catalogue.of(
            [IndicatorSpec(key="a", fingertips_id=1), IndicatorSpec(key="b", fingertips_id=1)]
        )


def test_an_indicator_spec_knows_its_range_and_rounding() -> None:
    proportion = IndicatorSpec(key="p", value_type=ValueType.PROPORTION, multiplier=100, decimals=1)
    assert (proportion.maximum, proportion.half_unit, proportion.may_be_negative) == (
        100,
        pytest.approx(0.05),
        False,
    )
    score = IndicatorSpec(key="s", value_type="score", decimals=0)
    assert (score.maximum, score.half_unit, score.may_be_negative) == (None, 0.5, True)


@pytest.mark.parametrize(
    ("value_type", "may_be_negative"),
    [("mean", True), ("score", True), ("rate", False), ("count", False), ("ratio", False)],
)
def test_only_means_and_scores_may_be_negative(value_type: str, may_be_negative: bool) -> None:
    """Progress 8 is a mean below zero for many schools; a rate or count never is."""
    assert IndicatorSpec(key="x", value_type=value_type).may_be_negative is may_be_negative


def test_specs_and_records_refuse_unknown_fields_and_bad_values() -> None:
    with pytest.raises(ValidationError):
        IndicatorSpec(key="x", polarity="high_is_good")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        IndicatorSpec(key="x", value_type="percentage")
    with pytest.raises(ValidationError):
        IndicatorSpec(key="x", multiplier=0)
    with pytest.raises(ValidationError):
        TargetRecord(
            indicator="x",
            area_code="E06000044",
            due=dt.date(2014, 3, 31),
            value=1,
            tolerance=-1,
            sheet="s",
            row=2,
        )


def test_records_are_frozen() -> None:
    record = ObservationRecord(
        indicator="x", area_code="E06000044", period=parse_period("2019/20"), sheet="s", row=2
    )
    assert (record.value, record.status, record.source, record.note) == (None, "final", "", "")
    with pytest.raises(ValidationError):
        record.value = 3.0  # type: ignore[misc]


def _definition(**changes: object) -> IndicatorRecord:
    fields: dict[str, object] = {
        "key": "children-looked-after",
        "name": "Children looked after",
        "value_type": "rate",
        "multiplier": 10_000,
        "decimals": 0,
        "sheet": "indicators",
        "row": 2,
    }
    return IndicatorRecord.model_validate(fields | changes)


def test_an_indicator_record_has_the_fields_the_database_side_is_written_against() -> None:
    assert list(IndicatorRecord.model_fields) == [
        "key",
        "name",
        "polarity",
        "unit",
        "frequency",
        "value_type",
        "multiplier",
        "decimals",
        "comparison_method",
        "fingertips_id",
        "source",
        "definition",
        "sheet",
        "row",
    ]
    record = _definition()
    assert (record.polarity, record.unit, record.frequency, record.source, record.definition) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert (record.comparison_method, record.fingertips_id) == ("ci_95", None)
    with pytest.raises(ValidationError):
        record.name = "Other"  # type: ignore[misc]


@pytest.mark.parametrize(
    "changes",
    [
        {"key": "Children-Looked-After"},
        {"key": "x" * 81},
        {"name": ""},
        {"multiplier": 0},
        {"decimals": 7},
        {"fingertips_id": 0},
        {"owner": "CSC"},
    ],
)
def test_an_indicator_record_refuses_what_the_database_would(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _definition(**changes)


def test_a_definition_read_from_a_file_gives_what_checking_data_needs() -> None:
    spec = IndicatorSpec.defined_by(_definition(frequency="academic_year", fingertips_id=7))
    assert spec == IndicatorSpec(
        key="children-looked-after",
        value_type=ValueType.RATE,
        multiplier=10_000,
        decimals=0,
        frequency=Frequency.ACADEMIC_YEAR,
        fingertips_id=7,
    )
    assert IndicatorSpec.defined_by(_definition()).frequency is None


def test_a_files_definitions_replace_the_stored_ones_of_their_keys() -> None:
    stored = Catalogue.of(
        [
            IndicatorSpec(key="a", value_type="count", fingertips_id=1),
            IndicatorSpec(key="b", value_type="rate", fingertips_id=2),
        ],
        area_codes=["E06000044"],
    )
    redefined = IndicatorSpec(key="a", value_type="proportion", multiplier=100)
    new = IndicatorSpec(key="c", fingertips_id=1)  # the ID "a" no longer has
    catalogue = stored.with_definitions([redefined, new])
    assert catalogue.indicators == {"a": redefined, "b": stored.indicators["b"], "c": new}
    assert catalogue.by_fingertips_id == {1: new, 2: stored.indicators["b"]}
    assert catalogue.area_codes == stored.area_codes
    assert stored.indicator("c") is None  # the stored catalogue is left as it was
