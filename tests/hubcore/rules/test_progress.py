"""Progress after early help: the needs at the start, and whether they persist after support
closes, at each checkpoint."""

from __future__ import annotations

from datetime import date

import pytest

from tests.hubcore.rules.builders import (
    DOMESTIC_ABUSE_TWICE,
    adult,
    benefit,
    child,
    early_help,
    facts,
    police,
    rule_set,
)
from trustplan.hubcore.rules import Event, progress
from trustplan.hubcore.rules.progress import months_after

CLAIM = {
    "open_episode": {
        "feed": "worklessness",
        "at": "any_time_in_window",
        "who": "adults",
        "describe": "an out-of-work benefit claim",
    }
}
RULES = rule_set(
    {"abuse": DOMESTIC_ABUSE_TWICE, "claim": CLAIM},
    at_least=1,
    progress={"after_months": [6, 12]},
)
PEOPLE = (adult("MUM"), child("KID"))
# Early help from 1 March 2023 to 31 August 2023: abuse and a claim before it started.
SUPPORT: list[Event] = [
    early_help("MUM", date(2023, 3, 1), date(2023, 8, 31), "outcomes_achieved"),
    early_help("KID", date(2023, 3, 1), date(2023, 8, 31), "outcomes_achieved"),
]
BEFORE: list[Event] = [
    police("MUM", date(2022, 11, 1)),
    police("MUM", date(2022, 12, 1)),
    benefit("MUM", date(2022, 6, 1), date(2023, 5, 31)),
]


def test_months_after() -> None:
    assert months_after(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert months_after(date(2023, 8, 31), 12) == date(2024, 8, 31)


def test_sustained_when_no_need_from_the_start_persists() -> None:
    [found] = progress(RULES, facts(PEOPLE, SUPPORT + BEFORE), date(2024, 9, 30))
    assert found.support_started == date(2023, 3, 1)
    assert found.support_closed == date(2023, 8, 31)
    assert found.closure_reason == "outcomes_achieved"
    assert [n.indicator for n in found.needs_at_start] == ["abuse", "claim"]
    assert [(c.months, c.measured_on, c.due, c.sustained) for c in found.checkpoints] == [
        (6, date(2024, 2, 29), True, True),
        (12, date(2024, 8, 31), True, True),
    ]
    assert "2023" not in repr(found)


def test_not_sustained_when_a_need_returns_and_not_measured_before_the_checkpoint() -> None:
    again: list[Event] = [police("MUM", date(2024, 1, 10)), police("MUM", date(2024, 2, 1))]
    [found] = progress(RULES, facts(PEOPLE, SUPPORT + BEFORE + again), date(2024, 3, 31))
    six, twelve = found.checkpoints
    assert six.sustained is False
    [persisting] = six.persisting
    assert persisting.indicator == "abuse"
    assert persisting.explanation == (
        "two police domestic-abuse call-outs to the home within 90 days (10 January and "
        "1 February 2024)"
    )
    assert (twelve.due, twelve.sustained, twelve.persisting) == (False, None, ())


def test_a_claim_still_open_after_support_is_not_progress() -> None:
    ongoing: list[Event] = [benefit("MUM", date(2022, 6, 1))]
    [found] = progress(RULES, facts(PEOPLE, SUPPORT + ongoing), date(2024, 3, 31))
    assert [c.sustained for c in found.checkpoints] == [False, None]


def test_nothing_to_measure_without_needs_or_closed_support() -> None:
    [found] = progress(RULES, facts(PEOPLE, SUPPORT), date(2024, 3, 31))
    assert found.needs_at_start == ()
    assert found.checkpoints[0].due
    assert found.checkpoints[0].sustained is None
    still_open: list[Event] = [early_help("MUM", date(2023, 3, 1))]
    assert progress(RULES, facts(PEOPLE, still_open + BEFORE), date(2024, 3, 31)) == []


def test_a_rule_set_without_progress_refuses() -> None:
    with pytest.raises(ValueError, match="does not define progress"):
        progress(rule_set({"abuse": DOMESTIC_ABUSE_TWICE}), facts(PEOPLE, []), date(2024, 3, 31))
