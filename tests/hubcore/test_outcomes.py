"""Outcomes after early help (sustained progress and each need before and after, suppressed),
and the partnership-level counts for the plan's KPIs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.hubcore.rules.builders import (
    DOMESTIC_ABUSE_TWICE,
    adult,
    child,
    early_help,
    facts,
    police,
    rule_set,
)
from trustplan.disclosure import Rate, Reason, Shown, Suppressed
from trustplan.hubcore.kpis import DOMESTIC_ABUSE, EARLY_HELP, kpi_counts
from trustplan.hubcore.outcomes import outcomes
from trustplan.hubcore.rules import Event, Facts, Person, shipped_rule_set, shipped_rule_sets

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
    progress={"after_months": [6, 12], "description": "No need from the start persists."},
)
ON = date(2024, 9, 30)
START, CLOSE = date(2023, 3, 1), date(2023, 8, 31)


def _family(
    name: str,
    *,
    closed: date | None = CLOSE,
    before: bool = False,
    after: bool = False,
) -> tuple[list[Person], list[Event]]:
    """A mother and child with early help from 1 March 2023 (to ``closed``), two domestic-abuse
    call-outs before it (``before``) and two in October and November 2023 (``after``)."""
    mum, kid = f"{name}-MUM", f"{name}-KID"
    events: list[Event] = [early_help(p, START, closed) for p in (mum, kid)]
    if before:
        events += [police(mum, date(2022, 11, 1)), police(mum, date(2022, 12, 1))]
    if after:
        events += [police(mum, date(2023, 10, 1)), police(mum, date(2023, 11, 1))]
    return [adult(mum, name), child(kid, name)], events


def _city(groups: dict[str, tuple[int, dict[str, Any]]]) -> Facts:
    people: list[Person] = []
    events: list[Event] = []
    for group, (count, kind) in groups.items():
        for n in range(count):
            members, happened = _family(f"{group}{n}", **kind)
            people += members
            events += happened
    return facts(people, events)


GROUPS: dict[str, tuple[int, dict[str, Any]]] = {
    "SUSTAINED": (7, {"before": True}),
    "PERSISTS": (6, {"before": True, "after": True}),
    "NO-NEED": (5, {}),
    "RECENT": (5, {"closed": date(2024, 6, 30), "before": True}),
    "OPEN": (1, {"closed": None, "before": True}),
}


def test_sustained_progress_and_each_need_before_and_after() -> None:
    found = outcomes([RULES], _city(GROUPS), ON)
    assert found.closed == Shown(23)
    [rule] = found.rules
    assert rule.description == "No need from the start persists."
    six, twelve = rule.checkpoints
    assert (six.months, six.due, six.measured, six.sustained) == (6, Shown(18), Shown(13), Shown(7))
    assert isinstance(six.share, Rate)
    assert six.share.text == "53.8"
    abuse, claim = six.needs
    assert (abuse.indicator, abuse.before, abuse.after) == ("abuse", Shown(13), Shown(6))
    assert (claim.before, claim.after) == (Shown(0), Shown(0))
    assert (twelve.due, twelve.sustained) == (Shown(18), Shown(7))
    assert twelve.needs[0].after == Shown(6)


def test_small_counts_and_what_would_give_them_away_are_withheld() -> None:
    groups = {**GROUPS, "PERSISTS": (3, {"before": True, "after": True})}
    six = outcomes([RULES], _city(groups), ON).rules[0].checkpoints[0]
    # 3 not sustained of 10 measured: shown beside 10, the 7 sustained would give the 3 away.
    assert six.measured == Shown(10)
    assert six.sustained == Suppressed(Reason.SECONDARY)
    assert six.share == Suppressed(Reason.SECONDARY)
    assert six.needs[0].after == Suppressed(Reason.PRIMARY)
    assert six.needs[0].before == Shown(10)


def test_a_checkpoint_still_to_come_counts_no_one() -> None:
    found = outcomes([RULES], _city(GROUPS), date(2024, 1, 31))
    six, twelve = found.rules[0].checkpoints
    assert six.due == Shown(0)
    assert six.share is None
    assert twelve.due == Shown(0)


def test_rule_sets_without_progress_are_left_out() -> None:
    rules = shipped_rule_sets()
    found = outcomes(list(rules.values()), _city(GROUPS), ON)
    keys = [rule.rule_key for rule in found.rules]
    assert keys == [key for key, r in rules.items() if r.progress is not None]
    assert "accumulating-concerns-two-of-three" not in keys


# KPI counts ----------------------------------------------------------------------------------

KPI_ON = date(2024, 3, 31)
TF = shipped_rule_set("troubled-families-phase-2.yaml")


def _kpi_city() -> Facts:
    people: list[Person] = []
    events: list[Event] = []
    for n in range(6):  # six families, two children each, one domestic-abuse call-out each
        fam = f"DA{n}"
        people += [adult(f"{fam}-M", fam), child(f"{fam}-A", fam), child(f"{fam}-B", fam)]
        events.append(police(f"{fam}-M", date(2023, 12, 1)))
    fam = "OLD"  # a call-out before the 12 months: not counted
    people += [adult("OLD-M", fam), child("OLD-A", fam)]
    events.append(police("OLD-M", date(2023, 3, 1)))
    fam = "EH"  # three children open to early help on the day, one whose support closed
    people += [adult("EH-M", fam), *(child(f"EH-{c}", fam) for c in "ABCD")]
    events += [early_help(p, date(2024, 1, 1)) for p in ("EH-M", "EH-A", "EH-B", "EH-C")]
    events.append(early_help("EH-D", date(2023, 1, 1), date(2024, 3, 30)))
    return facts(people, events)


def test_kpi_counts_as_at_a_date() -> None:
    counts = {c.key: c for c in kpi_counts(_kpi_city(), KPI_ON, {TF.key: TF}, TF)}
    assert counts[DOMESTIC_ABUSE].value == Shown(12)
    assert "troubled-families-phase-2: domestic_abuse" in counts[DOMESTIC_ABUSE].label
    # Three children open to early help: withheld, not shown as 3.
    assert counts[EARLY_HELP].value == Suppressed(Reason.PRIMARY)
    # A call-out alone is one headline problem of the two Troubled Families needs.
    assert counts["families-meeting-troubled-families-phase-2"].value == Shown(0)
    assert list(counts) == [
        EARLY_HELP,
        DOMESTIC_ABUSE,
        "families-meeting-troubled-families-phase-2",
    ]


def test_the_domestic_abuse_count_is_of_the_named_rule_set() -> None:
    with pytest.raises(ValueError, match="troubled-families-phase-2"):
        kpi_counts(_kpi_city(), KPI_ON, {}, RULES)
