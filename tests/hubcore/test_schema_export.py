"""The Table Schemas: generated from the contracts; the committed files never drift from them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import pytest

from trustplan.hubcore.checks import normalise_nhs_number, normalise_postcode
from trustplan.hubcore.feeds.contracts import FEEDS, Ethnicity, IncidentType, Sex
from trustplan.hubcore.feeds.schema_export import schema_json, table_schema, write_table_schemas

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "hub-feeds"
REGENERATE = "uv run python -m trustplan.hubcore.feeds.schema_export docs/hub-feeds"


@pytest.mark.parametrize("feed_type", list(FEEDS))
def test_the_committed_schema_is_what_the_contract_generates(feed_type: str) -> None:
    committed = COMMITTED / f"{feed_type}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_json(feed_type), (
        f"{committed.name} is out of date: run {REGENERATE}"
    )


def test_there_is_a_committed_schema_for_every_feed_and_no_other() -> None:
    assert sorted(path.name for path in COMMITTED.glob("*.schema.json")) == sorted(
        f"{feed_type}.schema.json" for feed_type in FEEDS
    )


def test_write_table_schemas_writes_one_file_per_feed(tmp_path: Path) -> None:
    paths = write_table_schemas(tmp_path / "schemas")
    assert [path.name for path in paths] == [f"{feed_type}.schema.json" for feed_type in FEEDS]
    assert json.loads(paths[0].read_text(encoding="utf-8")) == table_schema("school_attendance")


@pytest.mark.parametrize("feed_type", list(FEEDS))
def test_a_schema_lists_the_contracts_columns_in_order_with_what_is_required(
    feed_type: str,
) -> None:
    schema = table_schema(feed_type)
    model = FEEDS[feed_type]
    assert [field["name"] for field in schema["fields"]] == list(model.model_fields)
    required = {f["name"] for f in schema["fields"] if f["constraints"]["required"]}
    assert required == {name for name, info in model.model_fields.items() if info.is_required()}
    assert schema["primaryKey"] == ["record_id"]
    assert schema["missingValues"] == [""]
    assert all(field["description"] for field in schema["fields"])


def test_field_types_formats_and_constraints() -> None:
    fields = {field["name"]: field for field in table_schema("school_attendance")["fields"]}
    assert fields["record_id"]["constraints"] == {"required": True, "unique": True, "maxLength": 64}
    assert fields["date_of_birth"]["type"] == "date"
    assert fields["date_of_birth"]["format"] == "default"
    assert fields["sessions_possible"]["type"] == "integer"
    assert fields["sessions_possible"]["constraints"]["minimum"] == 1
    assert fields["sex"]["constraints"]["enum"] == list(get_args(Sex))
    assert fields["ethnicity"]["constraints"]["enum"] == list(get_args(Ethnicity))
    exclusions = {field["name"]: field for field in table_schema("exclusions")["fields"]}
    assert exclusions["days"]["type"] == "number"
    police = {field["name"]: field for field in table_schema("police_incidents")["fields"]}
    assert police["incident_type"]["constraints"]["enum"] == list(get_args(IncidentType))
    assert police["incident_type"]["constraints"]["required"] is True


@pytest.mark.parametrize(
    ("column", "good", "bad"),
    [
        ("nhs_number", ["9434765919", "943 476 5919"], ["943-476-5919", "94347659"]),
        ("upn", ["B801200005001", "M80120000500A"], ["b801200005001", "I801200005001"]),
        ("postcode", ["PO1 2AB", "SW1A1AA", "GIR 0AA"], ["po1 2ab", "BFPO 123"]),
        ("uprn", ["1", "100023336956"], ["1234567890123", "12a"]),
        ("term", ["Autumn 2023/24"], ["autumn 2023/24", "Autumn 2023"]),
    ],
)
def test_patterns_accept_the_canonical_form(column: str, good: list[str], bad: list[str]) -> None:
    # A Table Schema pattern is an XML Schema regular expression, which matches the whole value;
    # these use only what the two dialects share, so Python's fullmatch reads them the same way.
    schema = table_schema("school_attendance")
    [pattern] = [f["constraints"]["pattern"] for f in schema["fields"] if f["name"] == column]
    for value in good:
        assert re.fullmatch(pattern, value), value
    for value in bad:
        assert not re.fullmatch(pattern, value), value


def test_what_the_contract_stores_matches_its_own_pattern() -> None:
    fields = {field["name"]: field for field in table_schema("housing")["fields"]}
    stored = normalise_nhs_number("943-476-5919")
    assert stored is not None
    assert re.fullmatch(fields["nhs_number"]["constraints"]["pattern"], stored)
    postcode = normalise_postcode("po12ab")
    assert postcode is not None
    assert re.fullmatch(fields["postcode"]["constraints"]["pattern"], postcode)


def test_an_unknown_feed_has_no_schema() -> None:
    with pytest.raises(KeyError):
        table_schema("school_meals")
