"""The grouping file: its format, its errors with their lines, and the demo plan's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustplan.needs.grouping import GroupingError, GroupSpec, load_grouping
from trustplan.plancode import validate_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "portsmouth-2020-23"
AGE_GROUPS = [
    "Pre-birth to 5",
    "Children aged 6-13",
    "Young people aged 14-19+",
    "Looked after children and care leavers",
    "Safeguarding",
]


def test_a_grouping_file_reads_into_groups() -> None:
    grouping = load_grouping(
        "plan: p\ngroups:\n  - title: ' Pre-birth to 5 '\n    indicators: [a, b]\n",
        source="g.yaml",
        plan="p",
    )
    assert grouping.groups == (GroupSpec(title="Pre-birth to 5", indicator_keys=("a", "b")),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("groups: []\n", "g.yaml, line 1, groups: list at least one"),
        ("groups:\n  - title: A\n    indicators: []\n", "line 3, groups[0].indicators: list at"),
        ("groups:\n  - title: A\n", "line 2, groups[0].indicators: this is needed"),
        ("groups:\n  - title: A\n    indicators: [a, a]\n", "lists a more than once"),
        ("groups:\n  - {title: A, indicators: [a]}\n  - {title: A, indicators: [b]}\n", "title A"),
        (
            "groups:\n  - {title: A, indicators: [a], age: 5}\n",
            "groups[0].age: a grouping file has no such field",
        ),
        ("groups:\n  - {title: A, indicators: [a]}\ngroups: []\n", "line 3: duplicate key"),
        ("plan: q\ngroups:\n  - {title: A, indicators: [a]}\n", "for the plan 'q', not 'p'"),
    ],
)
def test_a_bad_grouping_says_where_and_why(text: str, problem: str) -> None:
    with pytest.raises(GroupingError) as raised:
        load_grouping(text, source="g.yaml", plan="p")
    assert problem in str(raised.value)


def test_a_file_that_is_not_text_is_refused() -> None:
    with pytest.raises(GroupingError, match="not UTF-8 text"):
        load_grouping(b"\xff\xfe\x00", source="g.yaml")


def test_the_demo_plan_groups_every_indicator_once_by_age() -> None:
    grouping = load_grouping(
        (EXAMPLE / "needs-groups.yaml").read_bytes(),
        source="needs-groups.yaml",
        plan="portsmouth-2020-23",
    )
    titles = [group.title for group in grouping.groups]
    assert titles[: len(AGE_GROUPS)] == AGE_GROUPS
    document = validate_file(EXAMPLE / "plan.yaml").document
    assert document is not None
    planned = {kpi.indicator for priority in document.priorities for kpi in priority.indicators}
    listed = [key for group in grouping.groups for key in group.indicator_keys]
    assert sorted(listed) == sorted(planned)
