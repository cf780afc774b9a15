"""The agenda pack's example, planted in some families as ground truth for the hub's headline
criterion.

The September 2020 agenda pack (item 8, paragraph 3.10) describes it: a school sees a child's
attendance diminishing; the police are called out twice to the family; CAMHS sees the child's
sibling not turning up. "Each individual episode may not trigger much immediate action. But
taken together" they should. So each planted family gets exactly that: a child's attendance
falling over two terms (from about 97 to about 91 per cent, still above the 90 per cent
persistent-absence line); two domestic abuse call-outs to the home within 90 days; and a sibling
missing three of five CAMHS appointments. The families are chosen before anything else happens
to them and are otherwise unknown to services (no early help, social care, other police contact,
suspension or other CAMHS treatment), so only the three signals together mark them out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from trustplan.hubcore.synth import events as ev
from trustplan.hubcore.synth.events import Event
from trustplan.hubcore.synth.population import Family, Person, Population
from trustplan.hubcore.synth.services import Absence
from trustplan.hubcore.synth.window import Window, random_day


@dataclass(frozen=True, slots=True)
class Planted:
    """An agenda-pack family: the child whose attendance falls (over the two terms ending with
    term ``last_term``) and the sibling who misses CAMHS appointments."""

    child: Person
    sibling: Person
    last_term: int


def choose_planted(population: Population, rng: random.Random, count: int) -> dict[str, Planted]:
    """Up to ``count`` families, keyed by family id, each the only family in its household
    (so that no other family's events reach the home), with a pupil on roll for three
    consecutive terms and a sibling of CAMHS age. Most falls end with the window's last term,
    as if the hub were run at its end; some end a term or two earlier."""
    window = population.window
    candidates: list[list[Planted]] = []
    for household in population.households:
        if len(household.families) != 1 or not household.families[0].adults:
            continue
        children = household.families[0].children
        options = []
        for last in range(2, len(window.terms)):
            terms = window.terms[last - 2 : last + 1]
            pupils = [c for c in children if all(c.in_school(t) for t in terms)]
            siblings = [c for c in children if 6 <= c.age_on(terms[1].start) <= 17]
            pairs = [(p, s) for p in pupils for s in siblings if s is not p]
            if pairs:
                options.append(Planted(*pairs[0], last))
        if options:
            candidates.append(options)
    chosen = {}
    for options in rng.sample(candidates, min(count, len(candidates))):
        latest = options[-1].last_term == len(window.terms) - 1
        planted = options[-1] if latest and rng.random() < 0.6 else rng.choice(options)
        chosen[planted.child.family.family_id] = planted
    return chosen


def planted_absence(rng: random.Random, planted: Planted) -> Absence:
    """The child's absence: low, then three points higher in each of the two terms, exactly."""
    return Absence(
        base=rng.uniform(0.02, 0.035),
        fall_from=planted.last_term - 1,
        step=0.03,
        fall_terms=2,
        exact=True,
    )


def planted_events(
    rng: random.Random, family: Family, planted: Planted, window: Window
) -> list[Event]:
    falling = window.terms[planted.last_term - 1 : planted.last_term + 1]
    first = random_day(rng, falling[0].start, min(falling[1].end, window.end) - timedelta(20))
    second = min(first + timedelta(days=rng.randint(14, 85)), window.end)
    rows = ev.domestic_abuse_callout(rng, family, first, witnesses=0.3)
    rows += ev.domestic_abuse_callout(rng, family, second, witnesses=0.3)
    # Five CAMHS appointments a fortnight or three apart: three missed, starting with the fall.
    start = random_day(rng, falling[0].start, min(falling[1].start, window.end - timedelta(90)))
    missed = set(rng.sample(range(1, 5), 3))
    day = start
    for index in range(5):
        attended = "did_not_attend" if index in missed else "attended"
        rows.append(ev.appointment(planted.sibling, day, "camhs", attended))
        day += timedelta(days=rng.randint(14, 21))
    return rows
