"""Partnership-level counts from the hub for the plan's KPIs, as at a date, suppressed.

Each count is a measure with a key, which a mapping (``trustplan hub kpis``) ties to the plan's
indicator:

- ``children-open-to-early-help``: children (as the family grouping decided) with an early help
  episode of their own open on the date (started by then, not ended before it);
- ``children-in-families-with-domestic-abuse``: children in families meeting the indicator
  ``domestic_abuse`` of the rule set ``troubled-families-phase-2`` over its 12-month window to
  the date: a police domestic-abuse call-out to the family, in any role. (The Supporting
  Families rule set's ``domestic_abuse`` indicator is the same condition.) The families need
  not meet the rule set as a whole;
- ``families-meeting-<rule set>``: families meeting each rule set on the date, counting those
  already open to early help or social care (the rule set's exclusions do not apply).

Each count is published on its own and is no part of a published total, so the one rule that
applies is the primary one: a count of 1 to 4 is withheld (``trustplan.disclosure.suppress``).
An output that puts any of these beside a total must suppress them as a table with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from trustplan.disclosure import Published, Table, suppress
from trustplan.hubcore.rules import (
    EarlyHelpEpisode,
    Facts,
    RuleSet,
    evaluate,
    indicators_met,
    window_start,
)

EARLY_HELP: Final = "children-open-to-early-help"
DOMESTIC_ABUSE: Final = "children-in-families-with-domestic-abuse"
DOMESTIC_ABUSE_INDICATOR: Final = ("troubled-families-phase-2", "domestic_abuse")
"""The rule set and indicator the domestic-abuse count uses."""
FAMILIES_MEETING: Final = "families-meeting-"


@dataclass(frozen=True)
class KpiCount:
    """One measure: its key, what it counts in words, and its published value."""

    key: str
    label: str
    value: Published


def kpi_counts(
    facts: Facts, on: date, rule_sets: Mapping[str, RuleSet], domestic_abuse: RuleSet
) -> list[KpiCount]:
    """The measures on ``on``: families meeting each of ``rule_sets`` (by key), and children
    meeting ``domestic_abuse``'s indicator (the rule set ``DOMESTIC_ABUSE_INDICATOR`` names)."""
    rule_key, indicator = DOMESTIC_ABUSE_INDICATOR
    if domestic_abuse.key != rule_key:
        raise ValueError(f"the domestic-abuse count is of the rule set {rule_key}")
    counts: dict[str, tuple[str, int]] = {
        EARLY_HELP: (
            f"Children open to early help on {on.isoformat()}",
            _children_open_to_early_help(facts, on),
        ),
        DOMESTIC_ABUSE: (
            f"Children in families with a police domestic-abuse call-out in the "
            f"{domestic_abuse.window_months} months to {on.isoformat()} "
            f"({rule_key}: {indicator})",
            _children_meeting(facts, on, domestic_abuse, indicator),
        ),
    }
    for key, rule_set in rule_sets.items():
        counts[f"{FAMILIES_MEETING}{key}"] = (
            f"Families meeting {rule_set.title} on {on.isoformat()}, including those already open",
            len(evaluate(rule_set, facts, on)),
        )
    disclosed = suppress(Table({(key,): value for key, (_, value) in counts.items()}))
    return [KpiCount(key, label, disclosed[(key,)]) for key, (label, _) in counts.items()]


def _children_open_to_early_help(facts: Facts, on: date) -> int:
    open_people = {
        event.person_id
        for event in facts.events
        if isinstance(event, EarlyHelpEpisode) and event.open_on(on)
    }
    return sum(
        1 for person in facts.people.values() if person.is_child and person.person_id in open_people
    )


def _children_meeting(facts: Facts, on: date, rule_set: RuleSet, indicator: str) -> int:
    first = window_start(on, rule_set.window_months)
    children = 0
    for family in facts.families.values():
        if not family.events:
            continue
        met = indicators_met(rule_set, family, first, on)
        if any(hit.indicator == indicator for hit in met):
            children += sum(1 for person in family.members.values() if person.is_child)
    return children
