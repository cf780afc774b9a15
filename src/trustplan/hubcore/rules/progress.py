"""Families' progress after early help: "significant and sustained progress", as the feeds see it.

A rule set with a ``progress`` block says when progress is measured: ``after_months`` months after
a family's early help support closes (6 and 12 in the shipped rule sets). ``progress(rule_set,
facts, on)`` takes each family whose latest early help support closed on or before ``on`` and:

1. finds the needs (indicators) the family met when that support started, over the rule set's
   window up to its start;
2. at each checkpoint that has come by ``on``, looks again at those needs over the months from
   the day after support closed to the checkpoint: a need still met there persists, with its
   evidence; progress is *sustained* at that checkpoint if none persists.

A family with no need the feeds can see at the start has nothing to measure (``sustained`` is
``None``), and a checkpoint still to come is not measured. The feeds see only part of what
progress means: the programmes also count the family's own plan and a worker's judgement, which
no feed holds, so this is evidence for the person who decides, not the decision.

These are person-level data: the dates and explanations are left out of ``repr``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from trustplan.hubcore.rules.evaluate import IndicatorHit, indicators_met, window_start
from trustplan.hubcore.rules.facts import EarlyHelpEpisode, Facts, FamilyFacts
from trustplan.hubcore.rules.schema import RuleSet


@dataclass(frozen=True)
class Checkpoint:
    """Progress ``months`` after support closed, measured on ``measured_on`` if it has come."""

    months: int
    measured_on: date = field(repr=False)
    due: bool
    persisting: tuple[IndicatorHit, ...] = ()
    """The needs from the start still met since support closed, with their evidence."""
    sustained: bool | None = None
    """No need persists; ``None`` if not due, or if there was no need to measure."""


@dataclass(frozen=True)
class FamilyProgress:
    family_id: str
    rule_key: str
    rule_version: int
    support_started: date = field(repr=False)
    support_closed: date = field(repr=False)
    closure_reason: str | None = field(repr=False)
    needs_at_start: tuple[IndicatorHit, ...]
    checkpoints: tuple[Checkpoint, ...]


def months_after(day: date, months: int) -> date:
    """The same day ``months`` months later (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def progress(rule_set: RuleSet, facts: Facts, on: date) -> list[FamilyProgress]:
    """The progress on ``on`` of every family whose latest early help support has closed, by
    family id. ``ValueError`` if the rule set does not say how progress is measured."""
    if rule_set.progress is None:
        raise ValueError(f"the rule set {rule_set.key!r} does not define progress")
    found = []
    for family in facts.families.values():
        measured = family_progress(rule_set, family, on)
        if measured is not None:
            found.append(measured)
    found.sort(key=lambda p: p.family_id)
    return found


def family_progress(rule_set: RuleSet, family: FamilyFacts, on: date) -> FamilyProgress | None:
    """One family's progress on ``on``, or ``None`` if it has no closed early help support."""
    if rule_set.progress is None:
        raise ValueError(f"the rule set {rule_set.key!r} does not define progress")
    closed = [
        e
        for e in family.events.get("early_help", ())
        if isinstance(e, EarlyHelpEpisode) and e.end is not None and e.end <= on
    ]
    if not closed:
        return None
    latest = max(closed, key=lambda e: (e.end or e.date, e.date))
    ended = latest.end or latest.date
    # Each family member has a record of the same support; it started with the first of them.
    same = [e for e in closed if e.end == ended]
    started = min(e.date for e in same)
    reason = next((e.closure_reason for e in same if e.closure_reason), None)
    first = window_start(started, rule_set.window_months)
    needs = tuple(indicators_met(rule_set, family, first, started))
    keys = {need.indicator for need in needs}
    checkpoints = []
    for months in rule_set.progress.after_months:
        measured_on = months_after(ended, months)
        if measured_on > on:
            checkpoints.append(Checkpoint(months, measured_on, due=False))
            continue
        after = indicators_met(rule_set, family, ended + timedelta(days=1), measured_on)
        persisting = tuple(hit for hit in after if hit.indicator in keys)
        sustained = None if not needs else not persisting
        checkpoints.append(Checkpoint(months, measured_on, True, persisting, sustained))
    return FamilyProgress(
        family.family_id,
        rule_set.key,
        rule_set.version,
        started,
        ended,
        reason,
        needs,
        tuple(checkpoints),
    )
