"""One test per consistency rule: it fires where it should, with its message, and only there."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.factories import plan_data
from trustplan.plancode import PlanDocument
from trustplan.plancode.rules import RULES, Severity, check_document


def findings_of(data: dict[str, Any], rule: str) -> list[str]:
    document = PlanDocument.model_validate(data)
    return [f.message for f in check_document(document) if f.rule == rule]


@pytest.fixture
def data() -> dict[str, Any]:
    base = plan_data()
    base["plan"]["stated_totals"] = []
    return copy.deepcopy(base)


def test_the_base_plan_breaks_no_rule(data: dict[str, Any]) -> None:
    assert check_document(PlanDocument.model_validate(data)) == []


def test_duplicate_priority_number(data: dict[str, Any]) -> None:
    data["priorities"][1]["number"] = "1"
    assert findings_of(data, "DuplicatePriorityNumber") == [
        "Priority number '1' is used twice: it is already used at priorities[0].number."
    ]


def test_duplicate_objective_number(data: dict[str, Any]) -> None:
    data["priorities"][1]["objectives"][1]["number"] = "1"
    assert findings_of(data, "DuplicateObjectiveNumber") == [
        "Objective number '1' is used twice in priority 2: it is already used at "
        "priorities[1].objectives[0].number."
    ]


def test_duplicate_indicator_number(data: dict[str, Any]) -> None:
    data["priorities"][1]["indicators"][1]["number"] = "1"
    assert findings_of(data, "DuplicateIndicatorNumber") == [
        "Indicator number '1' is used twice in priority 2: it is already used at "
        "priorities[1].indicators[0].number."
    ]


def test_duplicate_covid_item_code(data: dict[str, Any]) -> None:
    data["priorities"][1]["covid_response"].append({"code": "a", "text": "Another"})
    assert len(findings_of(data, "DuplicateCovidItemCode")) == 1


def test_duplicate_theme_code_ignores_case(data: dict[str, Any]) -> None:
    data["themes"].append({"code": "A", "title": "Another"})
    assert findings_of(data, "DuplicateThemeCode") == [
        "Theme code 'a' is used twice: it is already used at themes[0].code."
    ]


def test_duplicate_board_key(data: dict[str, Any]) -> None:
    data["boards"].append({"key": "education-board", "name": "Twin"})
    assert len(findings_of(data, "DuplicateBoardKey")) == 1


def test_duplicate_organisation_key(data: dict[str, Any]) -> None:
    data["organisations"].append({"key": "council", "name": "Twin", "kind": "police"})
    assert len(findings_of(data, "DuplicateOrganisationKey")) == 1


def test_unknown_board(data: dict[str, Any]) -> None:
    data["priorities"][0]["board"] = "no-such-board"
    assert findings_of(data, "UnknownBoard") == [
        "Priority 1 names board 'no-such-board', which is not defined under `boards`."
    ]


def test_unknown_theme(data: dict[str, Any]) -> None:
    data["priorities"][1]["indicators"][1]["themes"] = ["a", "z"]
    document = PlanDocument.model_validate(data)
    [finding] = [f for f in check_document(document) if f.rule == "UnknownTheme"]
    assert finding.severity is Severity.ERROR
    assert finding.where == "priorities[1].indicators[1].themes[1]"
    assert finding.message == (
        "Indicator 2 of priority 2 names theme 'z', which is not defined under `themes`."
    )


def test_a_kpi_may_name_the_themes_the_plan_defines(data: dict[str, Any]) -> None:
    data["priorities"][0]["indicators"][0]["themes"] = ["a"]
    assert check_document(PlanDocument.model_validate(data)) == []


def test_unknown_lead_organisation(data: dict[str, Any]) -> None:
    data["priorities"][0]["leads"][0]["organisation"] = "nhs"
    assert findings_of(data, "UnknownLeadOrganisation") == [
        "Lead 'Edna Lead' of priority 1 names organisation 'nhs', which is not defined under "
        "`organisations`."
    ]


def test_conflicting_indicator_definition(data: dict[str, Any]) -> None:
    first, second = data["priorities"][1]["indicators"]
    first.update(polarity="low_is_good")
    second.update(indicator="fte", polarity="high_is_good")
    assert findings_of(data, "ConflictingIndicatorDefinition") == [
        "Indicator 'fte' is defined differently at priorities[1].indicators[0] (polarity: "
        "'low_is_good' there, 'high_is_good' here); one indicator has one definition."
    ]


def test_the_same_indicator_may_be_listed_twice_with_one_definition(data: dict[str, Any]) -> None:
    data["priorities"][1]["indicators"][1].update(indicator="attendance")
    assert findings_of(data, "ConflictingIndicatorDefinition") == []


def test_missing_board(data: dict[str, Any]) -> None:
    del data["priorities"][0]["board"]
    assert findings_of(data, "MissingBoard") == [
        "Priority 1 (Education) has no governing board or lead partnership."
    ]


def test_missing_lead(data: dict[str, Any]) -> None:
    data["priorities"][1]["leads"] = []
    assert findings_of(data, "MissingLead") == [
        "Priority 2 (Safeguarding) has no named strategic lead."
    ]


def test_board_not_yet_established(data: dict[str, Any]) -> None:
    data["boards"][1]["status"] = "to_be_established"
    assert findings_of(data, "BoardNotYetEstablished") == [
        "Board 'Education Board' governs priority 1 but is recorded as not yet established."
    ]


@pytest.mark.parametrize("text", ["To be written", "TBC.", "to follow"])
def test_placeholder_vision(data: dict[str, Any], text: str) -> None:
    data["priorities"][0]["vision"] = text
    assert findings_of(data, "PlaceholderVision") == [
        f"Priority 1 (Education) has a vision that is not yet written: {text!r}."
    ]


def test_stated_total_disagrees(data: dict[str, Any]) -> None:
    data["plan"]["stated_totals"] = [
        {"of": "indicators", "value": 58, "source": "Section E"},
        {"of": "objectives", "value": 3, "source": "Section E"},
    ]
    assert findings_of(data, "StatedTotalDisagrees") == [
        "The document states 58 indicators but lists 3 (Section E)."
    ]


def test_every_rule_has_a_message_and_a_severity() -> None:
    for rule in RULES:
        assert rule.__doc__, type(rule).__name__
        assert "{" in rule.__doc__, type(rule).__name__
        assert rule.severity in set(Severity)
