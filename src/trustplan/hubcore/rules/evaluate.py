"""Evaluate a rule set on linked facts: which families meet it on a date, and why.

``evaluate(rule_set, facts, on)`` looks at each family's events in the rule set's window (the
``window_months`` months up to and including ``on``), decides each indicator, and returns a
``FamilyHit`` for every family meeting the threshold: the indicators met, each with the people,
the source records (``(feed, record_id)``) and a plain-English explanation; and, if an
``exclude_if`` condition holds, why the family is excluded. Excluded families are returned, not
dropped, so a work list can say why a family that meets the rule is not on it. A hit is for a
person to review; nothing here decides anything about a family.

Explanations and evidence are person-level data for authorised practitioners only: they are left
out of these classes' ``repr`` and must never be logged.

Events are grouped by family once (``Facts.families``); each family's events are small, so the
whole city is one pass.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from trustplan.hubcore.rules import wording
from trustplan.hubcore.rules.facts import (
    Episode,
    Event,
    Facts,
    FamilyFacts,
    HealthAppointment,
    Person,
    SchoolAttendance,
)
from trustplan.hubcore.rules.schema import (
    AttendanceBelow,
    AttendanceFall,
    Condition,
    Count,
    OpenEpisode,
    RuleSet,
    Where,
    Who,
)


@dataclass(frozen=True)
class IndicatorHit:
    """One indicator met by one family: who, the records behind it, and why in words."""

    indicator: str
    people: tuple[str, ...]
    evidence: tuple[tuple[str, str], ...] = field(repr=False)
    explanation: str = field(repr=False)


@dataclass(frozen=True)
class FamilyHit:
    """A family meeting a rule set's threshold on the evaluation date."""

    family_id: str
    rule_key: str
    rule_version: int
    met: tuple[IndicatorHit, ...]
    excluded_reason: str | None = field(default=None, repr=False)

    @property
    def excluded(self) -> bool:
        return self.excluded_reason is not None


def window_start(on: date, months: int) -> date:
    """The first day of the ``months`` months up to and including ``on``: the day after the same
    day ``months`` months before (the last day of that month if it is shorter). The 12 months
    to 31 March 2024 start on 1 April 2023."""
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    month += 1
    before = date(year, month, min(on.day, calendar.monthrange(year, month)[1]))
    return before + timedelta(days=1)


def evaluate(rule_set: RuleSet, facts: Facts, on: date) -> list[FamilyHit]:
    """Every family meeting ``rule_set`` on ``on``, by family id."""
    first = window_start(on, rule_set.window_months)
    hits = []
    for family in facts.families.values():
        if family.events:
            hit = _family_hit(rule_set, _Scope(family, first, on))
            if hit is not None:
                hits.append(hit)
    hits.sort(key=lambda hit: hit.family_id)
    return hits


def evaluate_family(rule_set: RuleSet, family: FamilyFacts, on: date) -> FamilyHit | None:
    """One family's hit on ``on``, or ``None`` if it does not meet the rule set."""
    return _family_hit(rule_set, _Scope(family, window_start(on, rule_set.window_months), on))


def indicators_met(
    rule_set: RuleSet, family: FamilyFacts, first: date, on: date
) -> list[IndicatorHit]:
    """The indicators ``family`` meets on the events from ``first`` to ``on``, whatever the
    threshold (for measuring progress, and for explaining near misses)."""
    scope = _Scope(family, first, on)
    met = []
    for indicator in rule_set.indicators:
        result = _condition(indicator.when, scope)
        scope.found[indicator.key] = result
        if result.met:
            met.append(_hit(indicator.key, result))
    return met


def _eligible(rule_set: RuleSet, scope: _Scope) -> bool:
    """Whether the family is one the rule set is for: with ``families: with_children``, one
    with a child or an expectant parent (a maternity appointment in the window)."""
    if rule_set.families == "all":
        return True
    if any(person.is_child for person in scope.family.members.values()):
        return True
    return any(
        isinstance(e, HealthAppointment) and e.service == "maternity" and scope.in_window(e)
        for e in scope.events("health_appointments")
    )


def _family_hit(rule_set: RuleSet, scope: _Scope) -> FamilyHit | None:
    if not _eligible(rule_set, scope):
        return None
    need = rule_set.threshold.at_least
    met: list[IndicatorHit] = []
    remaining = len(rule_set.indicators)
    for indicator in rule_set.indicators:
        if len(met) + remaining < need:
            return None  # later indicators only look back at earlier ones, so stop early
        remaining -= 1
        result = _condition(indicator.when, scope)
        scope.found[indicator.key] = result
        if result.met:
            met.append(_hit(indicator.key, result))
    if len(met) < need:
        return None
    excluded = None
    for exclusion in rule_set.exclude_if:
        result = _condition(exclusion.when, scope)
        if result.met:
            excluded = f"{exclusion.reason}: {_explanation(result)}"
            break
    family_id = scope.family.family_id
    return FamilyHit(family_id, rule_set.key, rule_set.version, tuple(met), excluded)


# What a condition found ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One thing found: by whom, from which records, in words."""

    people: tuple[str, ...]
    events: tuple[Event, ...]
    text: str


@dataclass(frozen=True)
class _Result:
    met: bool
    parts: tuple[_Part, ...] = ()

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(p for part in self.parts for p in part.people))


_NOT_MET = _Result(False)


@dataclass
class _Scope:
    """One family, evaluated on the events from ``first`` to ``on``; ``found`` holds the
    indicators decided so far (for ``sibling_of``)."""

    family: FamilyFacts
    first: date
    on: date
    found: dict[str, _Result] = field(default_factory=dict)

    def events(self, feed: str) -> Sequence[Event]:
        return self.family.events.get(feed, ())

    def in_window(self, event: Event) -> bool:
        return self.first <= event.date <= self.on

    def member(self, person_id: str) -> Person:
        return self.family.members[person_id]


def _hit(key: str, result: _Result) -> IndicatorHit:
    events = {e.source: e for part in result.parts for e in part.events}
    ordered = sorted(events.values(), key=lambda e: (e.date, e.feed, e.record_id))
    evidence = tuple(e.source for e in ordered)
    return IndicatorHit(key, tuple(result.people), evidence, _explanation(result))


def _explanation(result: _Result) -> str:
    return "; ".join(part.text for part in result.parts)


def _condition(condition: Condition, scope: _Scope) -> _Result:
    if condition.count is not None:
        return _count(condition.count, scope)
    if condition.attendance_below is not None:
        return _attendance_below(condition.attendance_below, scope)
    if condition.attendance_fall is not None:
        return _attendance_fall(condition.attendance_fall, scope)
    if condition.open_episode is not None:
        return _open_episode(condition.open_episode, scope)
    if condition.all_ is not None:
        parts: list[_Part] = []
        for part in condition.all_:
            result = _condition(part, scope)
            if not result.met:
                return _NOT_MET
            parts.extend(result.parts)
        return _Result(True, tuple(parts))
    alternatives = condition.any_ or ()
    met = [result for part in alternatives if (result := _condition(part, scope)).met]
    return _Result(bool(met), tuple(part for result in met for part in result.parts))


# Who -------------------------------------------------------------------------------------------

_NOUN: dict[Who, str] = {"children": "child", "adults": "adult", "anyone": "family member"}


def _is(person: Person, who: Who) -> bool:
    return who == "anyone" or person.is_child == (who == "children")


def _siblings(indicator: str | None, scope: _Scope) -> set[str] | None:
    """The children who are a sibling of a child meeting ``indicator``; ``None`` if there is no
    such restriction."""
    if indicator is None:
        return None
    found = scope.found.get(indicator)
    if found is None or not found.met:
        return set()
    children = [p for p in found.people if scope.member(p).is_child]
    return {
        person_id
        for person_id, person in scope.family.members.items()
        if person.is_child and any(other != person_id for other in children)
    }


def _subject(noun: str, count: int, first: bool) -> str:
    """``a child`` / ``another child`` / ``two children`` / ``two other children``."""
    if count == 1:
        return wording.article(noun) if first else f"another {noun}"
    several = wording.plural(count, noun)
    return several if first else several.replace(" ", " other ", 1)


def _matches(event: Event, where: Where) -> bool:
    return all(getattr(event, column) in values for column, values in where.items())


# count -----------------------------------------------------------------------------------------

_Unit = tuple[date, tuple[Event, ...]]


def _units(events: Iterable[Event], counting: str) -> list[_Unit]:
    """What is counted, in date order: each record, or each day with records."""
    if counting == "records":
        return [(e.date, (e,)) for e in events]
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.date, []).append(event)
    return [(day, tuple(rows)) for day, rows in sorted(by_day.items())]


def _run(units: Sequence[_Unit], at_least: int, within_days: int | None) -> Sequence[_Unit]:
    """The latest run of at least ``at_least`` units whose first and last are at most
    ``within_days`` apart (all of them if there is no limit), as long as it can be; empty if
    there is none."""
    if within_days is None:
        return units if len(units) >= at_least else ()
    best: tuple[int, int] | None = None
    start = 0
    for end, (day, _) in enumerate(units):
        while (day - units[start][0]).days > within_days:
            start += 1
        if end - start + 1 >= at_least:
            best = (start, end)
    return () if best is None else units[best[0] : best[1] + 1]


def _count(spec: Count, scope: _Scope) -> _Result:
    allowed = _siblings(spec.sibling_of, scope)
    chosen = [
        e
        for e in scope.events(spec.feed)
        if scope.in_window(e)
        and _matches(e, spec.where)
        and _is(scope.member(e.person_id), spec.who)
        and (allowed is None or e.person_id in allowed)
    ]
    if len(chosen) < spec.at_least:
        return _NOT_MET
    groups: list[list[Event]]
    if spec.scope == "family":
        groups = [chosen]
    else:
        by_person: dict[str, list[Event]] = {}
        for event in chosen:
            by_person.setdefault(event.person_id, []).append(event)
        groups = list(by_person.values())
    noun = "sibling" if spec.sibling_of else _NOUN[spec.who]
    parts: list[_Part] = []
    for group in groups:
        run = _run(_units(group, spec.counting), spec.at_least, spec.within_days)
        if not run:
            continue
        events = tuple(e for _, rows in run for e in rows)
        n = len(run)
        what = spec.describe_one if n == 1 and spec.describe_one else spec.describe
        within = f" within {spec.within_days} days" if spec.within_days else ""
        found = f"{wording.number(n)} {what}{within} ({wording.dates([d for d, _ in run])})"
        people = tuple(dict.fromkeys(e.person_id for e in events))
        if spec.scope == "person":
            found = f"{_subject(noun, 1, not parts)} had {found}"
        parts.append(_Part(people, events, found))
    return _Result(bool(parts), tuple(parts))


# attendance ------------------------------------------------------------------------------------


def _pupils(scope: _Scope, sibling_of: str | None) -> Mapping[str, list[SchoolAttendance]]:
    """Each pupil's attendance records up to the evaluation date, one per term (the first
    record of a term if an agency sent two), in term order."""
    allowed = _siblings(sibling_of, scope)
    terms: dict[str, dict[int, SchoolAttendance]] = {}
    for event in scope.events("school_attendance"):
        if not isinstance(event, SchoolAttendance) or event.date > scope.on:
            continue
        if allowed is not None and event.person_id not in allowed:
            continue
        terms.setdefault(event.person_id, {}).setdefault(event.term.ordinal, event)
    return {person: [rows[k] for k in sorted(rows)] for person, rows in terms.items()}


def _attended(rows: Sequence[SchoolAttendance]) -> Fraction:
    """Percentage of possible sessions attended, over ``rows`` together, exactly."""
    possible = sum(r.sessions_possible for r in rows)
    missed = sum(r.sessions_missed for r in rows)
    return Fraction(100 * (possible - missed), possible)


def _possessive(scope: _Scope, person_id: str, sibling: bool, first: bool) -> str:
    noun = "sibling" if sibling else "child" if scope.member(person_id).is_child else "pupil"
    return f"{_subject(noun, 1, first)}'s"


def _limit(value: float) -> Fraction:
    return Fraction(str(value))


def _attendance_below(spec: AttendanceBelow, scope: _Scope) -> _Result:
    limit = _limit(spec.percent)
    parts: list[_Part] = []
    for person_id, rows in _pupils(scope, spec.sibling_of).items():
        latest = [r for r in rows if r.date >= scope.first][-spec.terms :]
        if not latest:
            continue
        attended = _attended(latest)
        if not (attended <= limit if spec.inclusive else attended < limit):
            continue
        if len(latest) == 1:
            span = f"in {latest[0].term.label}"
        else:
            span = (
                f"over {wording.number(len(latest))} terms "
                f"({latest[0].term.label} to {latest[-1].term.label})"
            )
        who = _possessive(scope, person_id, spec.sibling_of is not None, not parts)
        bar = f"{'at or ' if spec.inclusive else ''}below {wording.percent(limit)}"
        text = f"{who} school attendance was {wording.percent(attended)} {span}, {bar}"
        parts.append(_Part((person_id,), tuple(latest), text))
    return _Result(bool(parts), tuple(parts))


def _fall(run: Sequence[SchoolAttendance], spec: AttendanceFall) -> list[Fraction]:
    """The attendance of each term of ``run`` if it is a qualifying fall, or ``[]``."""
    if any(b.term.ordinal - a.term.ordinal != 1 for a, b in itertools.pairwise(run)):
        return []
    levels = [_attended([r]) for r in run]
    if levels[0] - levels[-1] < _limit(spec.points):
        return []
    if spec.steady and any(b >= a for a, b in itertools.pairwise(levels)):
        return []
    return levels


def _attendance_fall(spec: AttendanceFall, scope: _Scope) -> _Result:
    k = spec.over_terms
    parts: list[_Part] = []
    for person_id, rows in _pupils(scope, spec.sibling_of).items():
        for end in range(len(rows) - 1, k - 1, -1):
            run = rows[end - k : end + 1]
            if run[1].date < scope.first:
                break  # earlier runs fall earlier still
            levels = _fall(run, spec)
            if not levels:
                continue
            who = _possessive(scope, person_id, spec.sibling_of is not None, not parts)
            terms = f"{wording.number(k)} term{'s' if k > 1 else ''}"
            text = (
                f"{who} school attendance fell from {wording.percent(levels[0])} to "
                f"{wording.percent(levels[-1])} over {terms} "
                f"({run[0].term.label} to {run[-1].term.label})"
            )
            parts.append(_Part((person_id,), tuple(run), text))
            break
    return _Result(bool(parts), tuple(parts))


# open_episode ----------------------------------------------------------------------------------


def _open_episode(spec: OpenEpisode, scope: _Scope) -> _Result:
    allowed = _siblings(spec.sibling_of, scope)
    by_person: dict[str, list[Episode]] = {}
    for event in scope.events(spec.feed):
        if not isinstance(event, Episode) or not _matches(event, spec.where):
            continue
        if not _is(scope.member(event.person_id), spec.who):
            continue
        if allowed is not None and event.person_id not in allowed:
            continue
        if spec.at == "evaluation_date":
            is_open = event.open_on(scope.on)
        else:
            is_open = event.open_between(scope.first, scope.on)
        if is_open:
            by_person.setdefault(event.person_id, []).append(event)
    if not by_person:
        return _NOT_MET
    # People in the same position (open since the same day, or closed on the same day) are
    # told together: "three family members have early help support open since 3 March 2023".
    states: dict[tuple[bool, date], list[str]] = {}
    for person_id, episodes in by_person.items():
        since = [e.date for e in episodes if e.open_on(scope.on)]
        ends = [e.end for e in episodes if e.end is not None]
        state = (True, min(since)) if since else (False, max(ends))
        states.setdefault(state, []).append(person_id)
    noun = "sibling" if spec.sibling_of else _NOUN[spec.who]
    parts: list[_Part] = []
    for (is_open, day), people in sorted(states.items(), key=lambda s: (not s[0][0], s[0][1])):
        subject = _subject(noun, len(people), not parts)
        if is_open:
            verb = "has" if len(people) == 1 else "have"
            text = f"{subject} {verb} {spec.describe} open since {wording.day(day)}"
        else:
            text = f"{subject} had {spec.describe} until {wording.day(day)}"
        events = tuple(e for p in people for e in by_person[p])
        parts.append(_Part(tuple(people), events, text))
    return _Result(True, tuple(parts))
