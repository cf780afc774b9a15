"""Colour and shape rules: WCAG 2.2 contrast, and colour never the only cue."""

from __future__ import annotations

import pytest

from trustplan.charts.style import (
    BLACK,
    GREEN,
    GREY,
    LINE_STYLES,
    ORANGE,
    POINT_STYLES,
    WHITE,
    chart_config,
)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = WHITE) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_arithmetic_matches_known_values():
    assert contrast(BLACK) == pytest.approx(19.6, abs=0.1)
    assert contrast(ORANGE) == pytest.approx(2.78, abs=0.01)


@pytest.mark.parametrize("role", list(LINE_STYLES))
def test_every_line_has_3_to_1_contrast_with_the_background(role):
    assert contrast(LINE_STYLES[role].colour) >= 3


def test_text_colours_have_4_5_to_1_contrast():
    config = chart_config()
    text_colours = {
        config["title"]["color"],
        config["title"]["subtitleColor"],
        config["axis"]["labelColor"],
        config["legend"]["labelColor"],
        config["text"]["color"],
        GREEN,  # target labels
    }
    assert all(contrast(colour) >= 4.5 for colour in text_colours)
    assert all(contrast(colour) >= 4.5 for colour in (GREY, BLACK))


def test_every_point_shape_is_unique_so_colour_is_never_the_only_cue():
    shapes = [style.shape for style in POINT_STYLES.values()]
    labels = [style.label for style in POINT_STYLES.values()]
    assert len(set(shapes)) == len(shapes)
    assert len(set(labels)) == len(labels)


def test_fills_too_pale_for_3_to_1_are_drawn_with_a_black_outline():
    # GOV.UK orange is 2.8:1 on white; the points layer outlines every point in BLACK, whose
    # contrast carries each shape's edge (asserted on the spec in test_indicator_spec).
    pale = [s.fill for s in POINT_STYLES.values() if contrast(s.fill) < 3]
    assert ORANGE in pale
    assert contrast(BLACK) >= 3
