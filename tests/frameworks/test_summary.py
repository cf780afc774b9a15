"""The summary table counts final scores per area and scale point; comparing two tables."""

from __future__ import annotations

from typing import Any

import pytest

from trustplan.frameworks import Framework, UnknownScoreError, compare, summarise

SCALE = [
    {"key": "yes", "label": "Yes"},
    {"key": "mostly-yes", "label": "Mostly Yes"},
    {"key": "mostly-no", "label": "Mostly No"},
    {"key": "no", "label": "No"},
]


def framework(areas: dict[str, int], scale: list[dict[str, str]] = SCALE) -> Framework:
    """A framework with `areas` ({title: number of descriptors}); codes are the title's first
    letter and a number, e.g. "W1"."""
    data: dict[str, Any] = {
        "key": "test",
        "version": 1,
        "title": "Test",
        "source": "Constructed for the test",
        "scale": scale,
        "areas": [
            {
                "key": title.lower(),
                "title": title,
                "descriptors": [
                    {"code": f"{title[0]}{n}", "text": f"Descriptor {n}"}
                    for n in range(1, count + 1)
                ],
            }
            for title, count in areas.items()
        ],
    }
    return Framework.model_validate(data)


TWO_AREAS = framework({"Whole": 4, "Empowering": 3})


def test_counts_each_areas_final_scores_per_scale_point() -> None:
    finals = {"W1": "yes", "W2": "yes", "W3": "mostly-yes", "W4": "no", "E1": "mostly-no"}
    summary = summarise(TWO_AREAS, finals)
    assert [(row.label, row.counts, row.unscored) for row in summary.rows] == [
        ("Whole (4)", (2, 1, 0, 1), 0),
        ("Empowering (3)", (0, 0, 1, 0), 2),
    ]
    assert summary.counts_by_key()["whole"] == {"yes": 2, "mostly-yes": 1, "mostly-no": 0, "no": 1}
    assert not summary.complete


def test_a_summary_is_complete_when_every_descriptor_has_a_final_score() -> None:
    finals = dict.fromkeys(("W1", "W2", "W3", "W4", "E1", "E2", "E3"), "mostly-yes")
    summary = summarise(TWO_AREAS, finals)
    assert summary.complete
    assert summary.total.counts == (0, 7, 0, 0)
    assert summary.total.label == "All areas (7)"


def test_no_final_scores_counts_every_descriptor_as_not_yet_agreed() -> None:
    summary = summarise(TWO_AREAS, {})
    assert [row.counts for row in summary.rows] == [(0, 0, 0, 0), (0, 0, 0, 0)]
    assert summary.total.unscored == 7


def test_a_score_for_a_descriptor_the_framework_lacks_is_refused() -> None:
    with pytest.raises(UnknownScoreError, match="test has no descriptor X9"):
        summarise(TWO_AREAS, {"W1": "yes", "X9": "yes"})


def test_a_score_off_the_scale_is_refused() -> None:
    with pytest.raises(UnknownScoreError, match="test's scale has no point maybe"):
        summarise(TWO_AREAS, {"W1": "maybe"})


def test_comparing_two_rounds_gives_each_areas_change_per_scale_point() -> None:
    earlier = summarise(TWO_AREAS, {"W1": "mostly-yes", "W2": "mostly-no", "E1": "yes"})
    later = summarise(TWO_AREAS, {"W1": "yes", "W2": "mostly-yes", "E1": "yes"})
    comparison = compare(earlier, later)
    whole = comparison.areas[0]
    assert [(p.label, p.earlier, p.later, p.change) for p in whole.points] == [
        ("Yes", 0, 1, 1),
        ("Mostly Yes", 1, 1, 0),
        ("Mostly No", 1, 0, -1),
        ("No", 0, 0, 0),
    ]
    assert [p.change for p in comparison.total.points] == [1, 0, -1, 0]


def test_an_area_only_one_round_has_is_compared_against_nothing_not_zero() -> None:
    earlier = summarise(TWO_AREAS, {"W1": "yes"})
    later_framework = framework({"Whole": 4, "Empowering": 3, "Leadership": 2})
    later = summarise(later_framework, {"W1": "yes", "L1": "yes"})
    comparison = compare(earlier, later)
    assert [a.title for a in comparison.areas] == ["Whole", "Empowering", "Leadership"]
    leadership = comparison.areas[2]
    assert (leadership.earlier_descriptors, leadership.later_descriptors) == (None, 2)
    yes = leadership.points[0]
    assert (yes.earlier, yes.later, yes.change) == (None, 1, None)


def test_scale_points_only_the_earlier_round_has_come_after_the_later_rounds() -> None:
    three_point = [*SCALE[:2], {"key": "not-yet", "label": "Not yet"}]
    earlier = summarise(framework({"Whole": 2}, three_point), {"W1": "not-yet"})
    later = summarise(framework({"Whole": 2}), {"W1": "mostly-no"})
    points = compare(earlier, later).areas[0].points
    assert [(p.key, p.earlier, p.later) for p in points] == [
        ("yes", 0, 0),
        ("mostly-yes", 0, 0),
        ("mostly-no", None, 1),
        ("no", None, 0),
        ("not-yet", 1, None),
    ]
