"""Reading rule set files: every problem names its line; the shipped rule sets load."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.rules import (
    ACCUMULATING_CONCERNS,
    ACCUMULATING_CONCERNS_TWO_OF_THREE,
    SHIPPED,
    SUPPORTING_FAMILIES_2022,
    TROUBLED_FAMILIES_2,
    RuleSetError,
    load_rule_set,
    read_rule_set,
    shipped_rule_set,
    shipped_rule_sets,
)
from trustplan.hubcore.rules.reading import shipped_path
from trustplan.hubcore.rules.schema import FILTERS

GOOD = """\
key: test-rules
version: 1
title: Test
description: For tests.
sources: [The tests.]
window_months: 12
indicators:
  - key: police_callouts
    title: Police called out twice
    when:
      count:
        feed: police_incidents
        where:
          incident_type: domestic_abuse
        at_least: 2
        within_days: 90
        counting: days
        describe: police call-outs
  - key: camhs
    title: A sibling missing CAMHS
    when:
      all:
        - count:
            feed: health_appointments
            where: {service: camhs, attendance: did_not_attend}
            at_least: 3
            scope: person
            who: children
            describe: missed CAMHS appointments
threshold:
  at_least: 2
"""


def problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(RuleSetError) as caught:
        load_rule_set(text)
    return [(p.line, p.message) for p in caught.value.problems]


def changed(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_a_good_file_loads() -> None:
    rules = load_rule_set(GOOD)
    assert rules.key == "test-rules"
    assert [i.key for i in rules.indicators] == ["police_callouts", "camhs"]
    count = rules.indicators[0].when.count
    assert count is not None
    assert count.where == {"incident_type": ("domestic_abuse",)}
    assert rules.indicators[1].when.kind == "all"


def test_yaml_syntax_error_names_its_line() -> None:
    [(line, message)] = problems(changed("  at_least: 2\n", "  at_least: [2\n"))
    assert line == 16  # where YAML finds the bracket unclosed
    assert message.startswith("YAML syntax error")


def test_duplicate_key_names_its_line() -> None:
    [(line, message)] = problems(changed("version: 1\n", "version: 1\nversion: 2\n"))
    assert line == 3
    assert "duplicate key 'version'" in message


def test_not_a_mapping() -> None:
    assert problems("- a\n- b\n") == [(1, "a rule set file is a YAML mapping with `key:`")]


def test_unknown_key_names_its_line() -> None:
    [(line, message)] = problems(changed("        within_days: 90\n", "        within: 90\n"))
    assert line == 16
    assert message == "unknown key 'within' at indicators[0].when.count"


def test_missing_field_names_the_place() -> None:
    [(line, message)] = problems(changed("        describe: police call-outs\n", ""))
    assert line == 12  # the count's first line
    assert message == "missing required field 'describe' at indicators[0].when.count"


def test_unknown_where_column_names_its_line_and_the_columns() -> None:
    [(line, message)] = problems(changed("incident_type: domestic_abuse", "kind: domestic_abuse"))
    assert line == 14
    assert "police_incidents has no column 'kind' to filter on" in message
    assert "incident_type, role" in message


def test_unknown_where_value_names_the_choices() -> None:
    [(line, message)] = problems(changed("service: camhs,", "service: [camhs, gp],"))
    assert line == 25
    assert message.startswith("indicators[1].when.all[0].count.where.service[1]: 'gp' is not")
    assert "camhs, paediatrics" in message


def test_a_wrong_value_names_its_line() -> None:
    [(line, message)] = problems(changed("        at_least: 2\n", "        at_least: 0\n"))
    assert line == 15
    assert "indicators[0].when.count.at_least" in message
    assert "(got 0)" in message


def test_a_condition_has_exactly_one_key() -> None:
    two = changed(
        "    when:\n      count:\n        feed: police_incidents",
        "    when:\n      any: [{attendance_below: {percent: 90}}]\n      count:\n"
        "        feed: police_incidents",
    )
    [(line, message)] = problems(two)
    assert line == 11
    assert "a condition has exactly one of count, attendance_below" in message
    assert "it has count, any" in message
    [(_, none)] = problems(
        changed("      all:\n        - count:", "      all:\n        - {}\n        - count:")
    )
    assert "it has none" in none


def test_one_needs_a_singular() -> None:
    [(line, message)] = problems(changed("        at_least: 2\n", "        at_least: 1\n"))
    assert line == 15
    assert "give describe_one" in message
    assert load_rule_set(
        changed("        at_least: 2\n", "        at_least: 1\n        describe_one: call-out\n")
    )


def test_sibling_of_must_name_an_indicator_above() -> None:
    later = changed(
        "            describe: missed CAMHS appointments\n",
        "            describe: missed CAMHS appointments\n            sibling_of: nowhere\n",
    )
    [(line, message)] = problems(later)
    assert line == 30
    assert "sibling_of names 'nowhere', which is not an indicator above this one" in message
    itself = later.replace("sibling_of: nowhere", "sibling_of: camhs")
    assert "'camhs', which is not an indicator above" in problems(itself)[0][1]
    above = later.replace("sibling_of: nowhere", "sibling_of: police_callouts")
    assert load_rule_set(above)


def test_sibling_of_needs_a_person_who_is_a_child() -> None:
    bad = changed(
        "        describe: police call-outs\n",
        "        describe: police call-outs\n        sibling_of: camhs\n",
    )
    [(line, message)] = problems(bad)
    assert line == 19
    assert "sibling_of needs scope: person and who: children" in message


def test_an_exclusion_cannot_use_sibling_of() -> None:
    text = GOOD + textwrap.dedent(
        """\
        exclude_if:
          - reason: already open
            when:
              open_episode:
                feed: early_help
                who: children
                sibling_of: camhs
                describe: early help
        """
    )
    [(line, message)] = problems(text)
    assert line == 38
    assert "an exclusion cannot use sibling_of" in message


def test_repeated_indicator_key_and_too_high_a_threshold() -> None:
    [(line, message)] = problems(changed("  - key: camhs\n", "  - key: police_callouts\n"))
    assert line == 19
    assert "'police_callouts' is already used at indicators[0]" in message
    [(line, message)] = problems(changed("threshold:\n  at_least: 2", "threshold:\n  at_least: 3"))
    assert line == 31
    assert "asks for 3 indicators but there are 2" in message


def test_progress_months_shortest_first() -> None:
    [(line, message)] = problems(GOOD + "progress:\n  after_months: [12, 6]\n")
    assert line == 33
    assert "shortest first" in message


def test_every_problem_is_reported_with_its_line() -> None:
    text = changed("version: 1\n", "version: 0\n").replace("window_months: 12", "window_months: 0")
    found = problems(text)
    assert [line for line, _ in found] == [2, 6]


def test_read_rule_set_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_bytes(GOOD.encode() + b"# \xff\n")
    with pytest.raises(RuleSetError, match="not UTF-8"):
        read_rule_set(path)
    with pytest.raises(RuleSetError, match="cannot be read"):
        read_rule_set(tmp_path / "missing.yaml")


def test_filters_cover_every_choice_column() -> None:
    assert set(FILTERS) == set(FEEDS)
    assert FILTERS["police_incidents"]["role"] == ("victim", "suspect", "witness", "subject")
    assert FILTERS["early_help"] == {
        "closure_reason": (
            "outcomes_achieved",
            "stepped_up",
            "disengaged",
            "moved_away",
            "other",
        )
    }


# The shipped rule sets ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_rule_set_loads(name: str) -> None:
    rules = shipped_rule_set(name)
    assert shipped_path(name).name == f"{rules.key}.yaml"
    assert rules.version == 1
    assert rules.sources
    assert {e.reason for e in rules.exclude_if} == {
        "already open to early help",
        "already open to children's social care",
    }
    for indicator in rules.indicators:
        assert indicator.description, indicator.key


def test_shipped_rule_sets_by_key() -> None:
    assert sorted(shipped_rule_sets()) == [
        "accumulating-concerns",
        "accumulating-concerns-two-of-three",
        "supporting-families-2022",
        "troubled-families-phase-2",
    ]


def test_troubled_families_is_two_of_the_six_headline_problems() -> None:
    rules = shipped_rule_set(TROUBLED_FAMILIES_2)
    assert [i.key for i in rules.indicators] == [
        "crime_asb",
        "school_attendance",
        "children_need_help",
        "worklessness",
        "domestic_abuse",
        "health",
    ]
    assert rules.threshold.at_least == 2
    assert rules.families == "with_children"
    assert "Financial Framework for the Expanded Troubled Families Programme" in " ".join(
        rules.sources
    )
    assert rules.progress is not None
    assert rules.progress.after_months == [6, 12]


def test_supporting_families_is_three_needs_across_the_evidenced_outcomes() -> None:
    rules = shipped_rule_set(SUPPORTING_FAMILIES_2022)
    assert rules.threshold.at_least == 3
    assert len(rules.indicators) == 8
    assert "Supporting Families Programme Guidance 2022 to 2025" in " ".join(rules.sources)
    # The two outcomes no feed can evidence are named in the description.
    assert "good early years development" in rules.description
    assert "improved family relationships" in rules.description


def test_accumulating_concerns_and_its_wider_variant_differ_only_as_documented() -> None:
    full = shipped_rule_set(ACCUMULATING_CONCERNS)
    wider = shipped_rule_set(ACCUMULATING_CONCERNS_TWO_OF_THREE)
    assert full.threshold.at_least == 3
    assert wider.threshold.at_least == 2
    assert full.window_months == wider.window_months
    assert full.exclude_if == wider.exclude_if
    assert full.indicators[:2] == wider.indicators[:2]
    sibling, child = full.indicators[2].when.count, wider.indicators[2].when.count
    assert sibling is not None
    assert child is not None
    assert sibling.sibling_of == "falling_attendance"
    assert child == sibling.model_copy(update={"sibling_of": None})
