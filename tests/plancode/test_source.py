"""Reading YAML with line numbers, and refusing what PyYAML would silently accept."""

from __future__ import annotations

import pytest

from trustplan.plancode.source import SourceError, format_path, read_yaml


def test_records_the_line_of_every_value() -> None:
    data, source_map = read_yaml("plan:\n  slug: a\nitems:\n  - x: 1\n  - x: 2\n")
    assert data == {"plan": {"slug": "a"}, "items": [{"x": 1}, {"x": 2}]}
    assert source_map.line_of(("plan", "slug")) == 2
    assert source_map.line_of(("items", 1, "x")) == 5


def test_line_of_an_absent_path_falls_back_to_its_nearest_ancestor() -> None:
    _, source_map = read_yaml("plan:\n  slug: a\n")
    assert source_map.line_of(("plan", "title")) == 2


def test_refuses_a_duplicate_key_naming_its_line_and_path() -> None:
    with pytest.raises(SourceError) as caught:
        read_yaml("plan:\n  slug: a\n  slug: b\n")
    assert caught.value.line == 3
    assert "duplicate key 'slug' at plan.slug" in caught.value.message


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(SourceError) as caught:
        read_yaml("plan:\n  slug: [unclosed\n  title: x\n")
    assert caught.value.line == 3
    assert caught.value.message.startswith("YAML syntax error")


def test_format_path_reads_like_the_file() -> None:
    assert format_path(("priorities", 0, "indicators", 3, "number")) == (
        "priorities[0].indicators[3].number"
    )
    assert format_path(()) == "(top level)"
