"""Reading a framework file: the shipped early help framework, and errors that name their line."""

from __future__ import annotations

import pytest

from trustplan.frameworks import (
    EARLY_HELP_2020,
    FrameworkError,
    load_framework,
    shipped_text,
)

SMALL = """\
key: small
version: 1
title: Small framework
source: A test
scale:
  - key: good
    label: Good
  - key: poor
    label: Poor
areas:
  - key: one
    title: Area one
    expected_descriptors: 2
    descriptors:
      - code: A1
        text: First
      - code: A2
        text: Second
  - key: two
    title: Area two
    descriptors:
      - code: B1
        text: Third
"""


def problems(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework(text)
    return [str(problem) for problem in caught.value.problems]


def test_the_shipped_early_help_framework_has_the_agenda_packs_areas_and_counts() -> None:
    framework = load_framework(shipped_text(EARLY_HELP_2020))
    assert [(a.title, len(a.descriptors)) for a in framework.areas] == [
        ("Whole-family practice", 10),
        ("Empowering Communities", 8),
        ("Workforce Development", 14),
        ("System Leadership", 9),
    ]
    assert [a.expected_descriptors for a in framework.areas] == [10, 8, 14, 9]
    assert [p.label for p in framework.scale] == ["Yes", "Mostly Yes", "Mostly No", "No"]
    assert "23 September 2020 (item 8, para 3.5)" in framework.source


def test_the_shipped_descriptors_are_placeholders_that_say_so() -> None:
    framework = load_framework(shipped_text(EARLY_HELP_2020))
    first = framework.areas[0].descriptors[0]
    assert (first.code, first.text) == (
        "WFP1",
        "Descriptor 1 of Whole-family practice: to be entered by the partnership",
    )
    assert all("to be entered by the partnership" in d.text for d in framework.descriptors())
    assert framework.descriptor_count == 41


def test_a_valid_file_reads_into_the_framework() -> None:
    framework = load_framework(SMALL)
    assert (framework.key, framework.version) == ("small", 1)
    assert [d.code for d in framework.descriptors()] == ["A1", "A2", "B1"]
    assert framework.scale_point("poor").label == "Poor"


def test_an_unknown_key_is_named_with_its_line() -> None:
    text = SMALL.replace("        text: Second\n", "        text: Second\n        colour: red\n")
    assert problems(text) == ["line 19: unknown key 'colour' at areas[0].descriptors[1]"]


def test_an_area_listing_fewer_descriptors_than_it_states_is_refused() -> None:
    text = SMALL.replace("expected_descriptors: 2", "expected_descriptors: 3")
    assert problems(text) == [
        "line 15: areas[0].descriptors: the area states 3 descriptors (expected_descriptors) "
        "but lists 2"
    ]


def test_a_descriptor_code_used_twice_is_named_where_it_repeats() -> None:
    text = SMALL.replace("code: B1", "code: A1")
    assert problems(text) == [
        "line 22: areas[1].descriptors[0].code: the descriptor code 'A1' is already used at "
        "areas[0].descriptors[0].code"
    ]


def test_a_repeated_scale_point_is_refused() -> None:
    text = SMALL.replace("key: poor", "key: good")
    assert problems(text) == [
        "line 8: scale[1].key: the scale point key 'good' is already used at scale[0].key"
    ]


def test_an_unquoted_yes_is_caught_rather_than_read_as_true() -> None:
    text = SMALL.replace("key: good", "key: yes")
    assert problems(text) == ["line 6: scale[0].key: Input should be a valid string (got True)"]


def test_missing_fields_and_bad_values_are_each_reported() -> None:
    found = problems("key: Not A Key\nversion: 0\n")
    assert "line 1: key: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'" in found[0]
    assert found[1] == "line 2: version: Input should be greater than or equal to 1 (got 0)"
    assert "line 1: missing required field 'areas' at (top level)" in found


def test_yaml_that_cannot_be_read_names_its_line() -> None:
    assert problems("key: small\nareas: [unclosed\nversion: 1\n")[0].startswith(
        "line 3: YAML syntax error"
    )
    assert problems("- just\n- a list\n") == [
        "line 1: a framework file is a YAML mapping with `key:`"
    ]
