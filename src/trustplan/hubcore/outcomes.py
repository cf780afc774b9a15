"""Outcomes after early help: how many families made "significant and sustained progress", and
how each need changed, 6 and 12 months on. Aggregates only, suppressed.

The families are those whose latest early help support closed on or before the date (as
:func:`trustplan.hubcore.rules.progress` finds them). For each rule set with a ``progress``
block and each of its checkpoints (6 and 12 months in the shipped ones):

- **due**: the families whose support closed at least that long ago, so the checkpoint has come;
- **measured**: of those, the families with a need at the start the feeds could see;
- **sustained**: of those, the families none of whose needs persists, as the rule set defines
  significant and sustained progress; with its share of the measured, and the share's Wilson
  95% interval;
- **each need before and after**: of the due families, how many met the need in the same number
  of months before support started (up to the start) and after it closed (from the day after).
  The windows are the same length on both sides, so the two counts compare like with like.
  (The sustained measure itself looks for the needs over the rule set's whole window before
  support started, as the rule set says.)

All of it, for every rule set, is one table for suppression (:mod:`trustplan.disclosure`):
the families whose support closed and the due families are the same figures in every rule set,
and each count's complement (due but not measured, measured but not sustained, due and not
meeting a need) can be worked out from what is shown, so it is protected as a figure too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from trustplan.disclosure import Key, Line, Published, Rate, Suppressed, Table, rate, suppress
from trustplan.hubcore.rules import Facts, FamilyFacts, RuleSet, indicators_met, window_start
from trustplan.hubcore.rules.progress import FamilyProgress, family_progress, months_after

PERCENT: Final = 100
CLOSED: Final[Key] = ("closed",)


@dataclass(frozen=True)
class NeedCount:
    """Of a checkpoint's due families, how many met one need before support and after it."""

    indicator: str
    title: str
    before: Published
    after: Published


@dataclass(frozen=True)
class CheckpointOutcome:
    months: int
    due: Published
    measured: Published
    sustained: Published
    share: Rate | Suppressed | None
    """Sustained per 100 measured, with its Wilson 95% interval; ``None`` if none measured."""
    needs: tuple[NeedCount, ...]


@dataclass(frozen=True)
class RuleOutcomes:
    rule_key: str
    title: str
    description: str
    """How the rule set defines progress, in its own words."""
    checkpoints: tuple[CheckpointOutcome, ...]


@dataclass(frozen=True)
class Outcomes:
    on: date
    closed: Published
    """Families whose latest early help support had closed by ``on``."""
    rules: tuple[RuleOutcomes, ...]


def outcomes(rule_sets: Sequence[RuleSet], facts: Facts, on: date) -> Outcomes:
    """The suppressed outcomes of every rule set in ``rule_sets`` that defines progress."""
    measured_sets = [rule_set for rule_set in rule_sets if rule_set.progress is not None]
    counts: dict[Key, int] = {CLOSED: 0}
    lines: list[Line] = []
    closed_families: set[str] = set()
    for rule_set in measured_sets:
        _count_rule_set(rule_set, facts, on, counts, lines, closed_families)
    counts[CLOSED] = len(closed_families)
    months_all = sorted({m for r in measured_sets for m in _months(r)})
    for months in months_all:
        counts.setdefault(("due", str(months)), 0)
        counts[("not due", str(months))] = counts[CLOSED] - counts[("due", str(months))]
        lines.append(Line((("due", str(months)), ("not due", str(months))), CLOSED))
    disclosed = suppress(Table(counts, tuple(lines)))
    rules = []
    for rule_set in measured_sets:
        checkpoints = []
        for months in _months(rule_set):
            tag = (rule_set.key, str(months))
            measured = disclosed[("measured", *tag)]
            sustained = disclosed[("sustained", *tag)]
            needs = tuple(
                NeedCount(
                    indicator.key,
                    indicator.title,
                    disclosed[("before", *tag, indicator.key)],
                    disclosed[("after", *tag, indicator.key)],
                )
                for indicator in rule_set.indicators
            )
            checkpoints.append(
                CheckpointOutcome(
                    months,
                    disclosed[("due", str(months))],
                    measured,
                    sustained,
                    rate(sustained, measured, per=PERCENT),
                    needs,
                )
            )
        rules.append(
            RuleOutcomes(
                rule_set.key,
                rule_set.title,
                (rule_set.progress.description or "") if rule_set.progress else "",
                tuple(checkpoints),
            )
        )
    return Outcomes(on, disclosed[CLOSED], tuple(rules))


def _months(rule_set: RuleSet) -> list[int]:
    return list(rule_set.progress.after_months) if rule_set.progress is not None else []


def _count_rule_set(
    rule_set: RuleSet,
    facts: Facts,
    on: date,
    counts: dict[Key, int],
    lines: list[Line],
    closed_families: set[str],
) -> None:
    """Add one rule set's counts, and the lines between them, to ``counts`` and ``lines``."""
    tallies: dict[Key, int] = {}

    def add(key: Key) -> None:
        tallies[key] = tallies.get(key, 0) + 1

    for family in facts.families.values():
        measured = family_progress(rule_set, family, on)
        if measured is None:
            continue
        closed_families.add(family.family_id)
        for checkpoint in measured.checkpoints:
            if not checkpoint.due:
                continue
            months = str(checkpoint.months)
            add(("due", months))
            if measured.needs_at_start:
                add(("measured", rule_set.key, months))
                if checkpoint.sustained:
                    add(("sustained", rule_set.key, months))
            for side, met in _needs_either_side(rule_set, family, measured, checkpoint.months):
                for key in met:
                    add((side, rule_set.key, months, key))
    for months in (str(m) for m in _months(rule_set)):
        due_key = ("due", months)
        due = tallies.get(due_key, 0)
        counts[due_key] = due  # the same in every rule set: due families do not depend on rules
        tag = (rule_set.key, months)
        measured_count = tallies.get(("measured", *tag), 0)
        sustained_count = tallies.get(("sustained", *tag), 0)
        _split(counts, lines, ("measured", *tag), measured_count, ("unmeasured", *tag), due_key)
        _split(
            counts,
            lines,
            ("sustained", *tag),
            sustained_count,
            ("not sustained", *tag),
            ("measured", *tag),
        )
        for indicator in rule_set.indicators:
            for side in ("before", "after"):
                need = (side, *tag, indicator.key)
                rest = (f"not {side}", *need[1:])
                _split(counts, lines, need, tallies.get(need, 0), rest, due_key)


def _split(
    counts: dict[Key, int],
    lines: list[Line],
    part: Key,
    value: int,
    rest: Key,
    total: Key,
) -> None:
    """``part`` (``value``) and the rest of ``total``: published, and derivable, figures."""
    counts[part] = value
    counts[rest] = counts[total] - value
    lines.append(Line((part, rest), total))


def _needs_either_side(
    rule_set: RuleSet, family: FamilyFacts, measured: FamilyProgress, months: int
) -> list[tuple[str, set[str]]]:
    """The needs met in the ``months`` before support started, and after it closed."""
    started, closed = measured.support_started, measured.support_closed
    before = indicators_met(rule_set, family, window_start(started, months), started)
    after = indicators_met(
        rule_set, family, closed + timedelta(days=1), months_after(closed, months)
    )
    return [
        ("before", {hit.indicator for hit in before}),
        ("after", {hit.indicator for hit in after}),
    ]
