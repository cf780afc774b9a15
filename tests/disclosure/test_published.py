"""Published figures: what each prints, and rates withheld with their counts."""

from __future__ import annotations

import pytest

from trustplan.disclosure import FOOTNOTE, MARKER, Rate, Reason, Shown, Suppressed, rate


def test_a_shown_count_prints_with_thousands_separators() -> None:
    assert Shown(12345).text == "12,345"
    assert Shown(0).text == "0"
    assert Shown(7).value == 7


def test_a_withheld_figure_prints_the_marker_whatever_the_reason() -> None:
    assert Suppressed(Reason.PRIMARY).text == MARKER == "[c]"
    assert Suppressed(Reason.SECONDARY).text == "[c]"
    assert Suppressed(Reason.PRIMARY).value is None
    assert FOOTNOTE.startswith("[c] ")
    assert "1 to 4" in FOOTNOTE


def test_a_rate_per_thousand_has_its_wilson_interval() -> None:
    # 25 of 1,000 is 25.0 per 1,000. By hand, with z = 1.959964: (2x + z² ∓ z√(z² + 4x(1 − p)))
    # / (2(n + z²)) = (53.8415 ∓ 19.7306) / 2007.683 = 0.016990 and 0.036645.
    figure = rate(Shown(25), Shown(1000))
    assert isinstance(figure, Rate)
    assert figure.text == "25.0"
    assert figure.lower == pytest.approx(16.990, abs=0.001)
    assert figure.upper == pytest.approx(36.645, abs=0.001)
    assert figure.interval == "17.0 to 36.6"


def test_a_rate_is_withheld_with_its_numerator_or_denominator() -> None:
    assert rate(Suppressed(Reason.PRIMARY), Shown(100)) == Suppressed(Reason.PRIMARY)
    assert rate(Shown(40), Suppressed(Reason.SECONDARY)) == Suppressed(Reason.SECONDARY)


def test_there_is_no_rate_of_nobody() -> None:
    assert rate(Shown(0), Shown(0)) is None
