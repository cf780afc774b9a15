"""Families' needs, and the events they leave in agencies' records over the window.

A realistic minority of families have needs, more in deprived localities, and needs cluster: a
family with one often has others (the Troubled Families programme's "multiple problems"). The
seven needs follow the programme's headline problems plus housing: crime and anti-social
behaviour, school attendance, children who need help, worklessness, domestic abuse, health, and
housing. Some families are already open to early help or social care when the window starts.

Families chosen for the agenda pack's example (``planted``) get that example's events instead,
and are otherwise left quiet.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from trustplan.hubcore.synth import events as ev
from trustplan.hubcore.synth import services
from trustplan.hubcore.synth.events import Event
from trustplan.hubcore.synth.planted import Planted, planted_absence, planted_events
from trustplan.hubcore.synth.population import Family, Household, Person
from trustplan.hubcore.synth.services import Absence
from trustplan.hubcore.synth.window import Window, random_day

NEEDS: Final = (
    "crime_asb",
    "school_attendance",
    "children_need_help",
    "worklessness",
    "domestic_abuse",
    "health",
    "housing",
)
_WEIGHTS: Final = {
    "crime_asb": 1.5,
    "school_attendance": 2.5,
    "children_need_help": 2.0,
    "worklessness": 3.0,
    "domestic_abuse": 2.0,
    "health": 2.5,
    "housing": 1.0,
}
_LEAD_AGENCIES: Final = (
    "Early Help Team",
    "School",
    "Family Hub",
    "Health Visiting",
    "Youth Service",
    "Voluntary sector",
    "Housing Support",
)


@dataclass(slots=True)
class FamilyPlan:
    """What a family needs, and how its pupils attend."""

    family: Family
    needs: tuple[str, ...]
    planted: Planted | None = None
    absence: dict[str, Absence] = field(default_factory=dict)


def plan_family(
    rng: random.Random, family: Family, window: Window, planted: Planted | None
) -> FamilyPlan:
    deprivation = family.household.locality.deprivation
    plan = FamilyPlan(family, ())
    for pupil in family.members:
        if pupil.upn:
            plan.absence[pupil.person_id] = services.usual_absence(rng, deprivation)
    if planted is not None:
        plan.needs = ("school_attendance", "domestic_abuse", "health")
        plan.planted = planted
        plan.absence[planted.child.person_id] = planted_absence(rng, planted)
        return plan
    has_children = bool(family.children)
    chance = (0.06 + 0.4 * deprivation) if has_children else (0.03 + 0.15 * deprivation)
    if rng.random() >= chance:
        return plan
    applicable = [need for need in NEEDS if _applies(need, family, window)]
    weights = [
        _WEIGHTS[need] * (3 if need == "housing" and family.household.moved_on else 1)
        for need in applicable
    ]
    count = rng.choices(
        (1, 2, 3, 4, 5),
        weights=(
            0.55 - 0.1 * deprivation,
            0.22,
            0.12 + 0.03 * deprivation,
            0.07 + 0.04 * deprivation,
            0.04 + 0.03 * deprivation,
        ),
    )[0]
    chosen: list[str] = []
    while applicable and len(chosen) < count:
        need = rng.choices(applicable, weights=weights)[0]
        index = applicable.index(need)
        del applicable[index], weights[index]
        chosen.append(need)
    plan.needs = tuple(need for need in NEEDS if need in chosen)
    return plan


def _applies(need: str, family: Family, window: Window) -> bool:
    adults = family.adults
    if need == "school_attendance":
        return any(c.in_school(t) for c in family.children for t in window.terms)
    if need == "children_need_help":
        return bool(family.children)
    if need == "worklessness":
        return any(a.age_on(window.end) <= 64 for a in adults)
    if need == "domestic_abuse":
        return bool(adults)
    if need == "crime_asb":
        return bool(adults) or any(c.age_on(window.end) >= 11 for c in family.children)
    return True


def need_events(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """The events of each need, of early help, and of the planted example."""
    if plan.planted is not None:
        return planted_events(rng, plan.family, plan.planted, window)
    family = plan.family
    rows: list[Event] = []
    for need in plan.needs:
        rows += _NEED_EVENTS[need](rng, plan, window)
    if plan.needs and family.children:
        rows += _early_help(rng, plan, window)
    return rows


def _school_attendance(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """Poor attendance for one or more pupils: persistently high absence, or a fall; for some,
    suspensions, rarely a permanent exclusion."""
    pupils = [c for c in plan.family.children if any(c.in_school(t) for t in window.terms)]
    affected = [p for p in pupils if rng.random() < 0.6] or [rng.choice(pupils)]
    rows: list[Event] = []
    for pupil in affected:
        base = plan.absence[pupil.person_id].base
        if rng.random() < 0.5:
            plan.absence[pupil.person_id] = Absence(base=rng.uniform(0.12, 0.35))
        else:
            plan.absence[pupil.person_id] = Absence(
                base=base,
                fall_from=rng.randrange(1, len(window.terms)),
                step=rng.uniform(0.04, 0.1),
                fall_terms=rng.randint(2, 3),
            )
        terms = [t for t in window.terms if pupil.in_school(t)]
        if rng.random() < 0.4 and terms:
            for _ in range(rng.randint(1, 4)):
                term = rng.choice(terms)
                day = random_day(rng, term.start, term.end)
                rows.append(ev.exclusion(pupil, day, "suspension", rng.choice((1, 2, 3, 5))))
            if rng.random() < 0.05:
                day = random_day(rng, terms[-1].start, terms[-1].end)
                rows.append(ev.exclusion(pupil, day, "permanent", 1))
    return rows


def _children_need_help(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """A referral for the family's children, for many a child in need plan, for some child
    protection, for a few care; some began before the window. Teenagers go missing."""
    rows: list[Event] = []
    if rng.random() < 0.3:
        referral = window.start - timedelta(days=rng.randint(30, 400))
    else:
        referral = random_day(rng, window.start, window.end - timedelta(days=60))
    level = rng.choices(("referral", "cin", "cp", "lac"), weights=(0.1, 0.55, 0.27, 0.08))[0]
    for child in plan.family.children:
        if child.date_of_birth > referral:
            continue
        rows += _episodes(rng, child, referral, level, window)
        age = child.age_on(window.end)
        if age >= 12 and rng.random() < 0.4:
            for _ in range(rng.randint(1, 6)):
                rows.append(
                    ev.police(
                        child, random_day(rng, window.start, window.end), "missing", "subject"
                    )
                )
            if rng.random() < 0.3:
                day = random_day(rng, window.start, window.end)
                rows.append(ev.police(child, day, "exploitation_concern", "subject"))
    return rows


def _episodes(
    rng: random.Random, child: Person, referral: date, level: str, window: Window
) -> list[Event]:
    rows = []
    steps = (
        ("referral", (5, 45)),
        ("child_in_need", (90, 400)),
        ("child_protection", (120, 450)),
        ("looked_after", (200, 1200)),
    )
    depth = ("referral", "cin", "cp", "lac").index(level) + 1
    start = referral
    for kind, (shortest, longest) in steps[:depth]:
        if start > window.end:
            break
        end = start + timedelta(days=rng.randint(shortest, longest))
        if end >= window.start:
            rows.append(ev.social_care(child, kind, start, end if end <= window.end else None))
        start += timedelta(days=rng.randint(10, 60))
    return rows


def _worklessness(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    adults = [a for a in plan.family.adults if a.age_on(window.end) <= 64]
    claimants = adults[:1] + [a for a in adults[1:] if rng.random() < 0.5]
    return [services.benefit_spell(rng, adult, window, already=0.6) for adult in claimants]


def _domestic_abuse(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """One to five call-outs; each child seen at one may be referred to social care."""
    rows: list[Event] = []
    for _ in range(rng.choices((1, 2, 3, 4, 5), weights=(0.3, 0.3, 0.2, 0.12, 0.08))[0]):
        day = random_day(rng, window.start, window.end)
        rows += ev.domestic_abuse_callout(rng, plan.family, day, witnesses=0.4)
        for child in plan.family.children:
            if child.date_of_birth <= day and rng.random() < 0.3:
                contact = min(window.end, day + timedelta(days=rng.randint(0, 3)))
                rows.append(ev.social_care(child, "contact", contact, contact))
    return rows


def _crime_asb(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """Repeated anti-social behaviour or offending by a teenager or an adult; a teenager's
    offences bring youth justice outcomes."""
    teens = [c for c in plan.family.children if c.age_on(window.end) >= 11]
    adults = plan.family.adults
    offender = rng.choice(teens) if teens and (not adults or rng.random() < 0.6) else adults[0]
    rows: list[Event] = []
    for _ in range(rng.randint(1, 4)):
        day = random_day(rng, window.start, window.end)
        if rng.random() < 0.5:
            rows.append(ev.police(offender, day, "asb", "subject"))
            continue
        rows.append(ev.police(offender, day, "crime", "suspect"))
        if offender.is_child and offender.age_on(day) >= 10 and rng.random() < 0.6:
            outcome = rng.choices(
                (
                    "caution",
                    "youth_conditional_caution",
                    "referral_order",
                    "youth_rehabilitation_order",
                    "custody",
                ),
                weights=(0.35, 0.2, 0.3, 0.12, 0.03),
            )[0]
            later = day + timedelta(days=rng.randint(14, 120))
            if later <= window.end:
                rows.append(ev.youth_justice(offender, later, outcome))
    return rows


def _health(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """A child in CAMHS, a parent in adult mental health services, or substance misuse
    treatment; appointments often missed."""
    family = plan.family
    rows: list[Event] = []
    young = [c for c in family.children if 6 <= c.age_on(window.end) <= 18]
    adults = family.adults
    while not rows:
        if young and rng.random() < 0.6:
            day = random_day(rng, window.start, window.end - timedelta(days=30))
            rows += ev.course(
                rng, rng.choice(young), "camhs", day, rng.randint(4, 10), (14, 28), 0.3, window.end
            )
        if adults and rng.random() < 0.6:
            day = random_day(rng, window.start, window.end - timedelta(days=30))
            rows += ev.course(
                rng,
                adults[0],
                "adult_mental_health",
                day,
                rng.randint(4, 12),
                (7, 21),
                0.2,
                window.end,
            )
        if adults and rng.random() < 0.3:
            day = random_day(rng, window.start, window.end - timedelta(days=30))
            rows += ev.course(
                rng,
                rng.choice(adults),
                "substance_misuse",
                day,
                rng.randint(4, 10),
                (7, 14),
                0.35,
                window.end,
            )
        if not young and not adults:
            break
    return rows


def _housing(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """Homelessness presentation, often after an eviction notice and before a move, sometimes
    into temporary accommodation."""
    applicants = plan.family.adults[:2] or plan.family.members[:1]
    moved_on = plan.family.household.moved_on
    if moved_on is not None:
        presented = max(window.start, moved_on - timedelta(days=rng.randint(20, 120)))
    else:
        presented = random_day(rng, window.start, window.end)
    rows: list[Event] = []
    evicted = presented - timedelta(days=rng.randint(14, 60))
    if rng.random() < 0.4 and evicted >= window.start:
        rows += [ev.housing(a, evicted, "eviction_notice") for a in applicants]
    rows += [ev.housing(a, presented, "homelessness_presentation") for a in applicants]
    placed = presented + timedelta(days=rng.randint(0, 10))
    if rng.random() < 0.5 and placed <= window.end:
        rows += [ev.housing(a, placed, "temporary_accommodation") for a in applicants]
    return rows


def _early_help(rng: random.Random, plan: FamilyPlan, window: Window) -> list[Event]:
    """An early help episode for the children and their main carer, more likely the more needs
    a family has; some were open before the window, some are still open at its end."""
    if rng.random() >= min(0.6, 0.1 + 0.12 * len(plan.needs)):
        return []
    if rng.random() < 0.3:
        start = window.start - timedelta(days=rng.randint(1, 365))
    else:
        start = random_day(rng, window.start, window.end - timedelta(days=14))
    end: date | None = start + timedelta(days=rng.randint(90, 360))
    reason = ""
    if end is not None and end > window.end:
        end = None
    else:
        stepped_up = 0.5 if "children_need_help" in plan.needs else 0.1
        moved = 0.3 if plan.family.household.moved_on else 0.03
        reason = rng.choices(
            ("outcomes_achieved", "stepped_up", "disengaged", "moved_away", "other"),
            weights=(0.6, stepped_up, 0.17, moved, 0.1),
        )[0]
    lead = rng.choice(_LEAD_AGENCIES)
    members = [c for c in plan.family.children if c.date_of_birth <= start]
    members += plan.family.adults[:1]
    return [ev.early_help(person, start, end, lead, reason) for person in members]


_NEED_EVENTS: Final = {
    "crime_asb": _crime_asb,
    "school_attendance": _school_attendance,
    "children_need_help": _children_need_help,
    "worklessness": _worklessness,
    "domestic_abuse": _domestic_abuse,
    "health": _health,
    "housing": _housing,
}


def household_events(
    rng: random.Random,
    household: Household,
    window: Window,
    planted: dict[str, Planted],
) -> tuple[list[FamilyPlan], list[Event]]:
    """Every event of one household, need-driven and background, without duplicates, with the
    plan (needs) of each of its families."""
    plans = [
        plan_family(rng, family, window, planted.get(family.family_id))
        for family in household.families
    ]
    rows: list[Event] = []
    for plan in plans:
        rows += need_events(rng, plan, window)
    for plan in plans:
        quiet = plan.planted is not None
        for person in plan.family.members:
            if person.person_id in plan.absence:
                absence = plan.absence[person.person_id]
                rows += services.school_attendance(rng, person, absence, window)
            rows += services.health(rng, person, window, quiet)
            if person.due_on is not None:
                rows += services.maternity(rng, person, person.due_on, window)
            if not quiet:
                rows += services.police_and_courts(rng, person, window)
                rows += services.school_and_care(rng, person, window)
        rows += _births(rng, plan.family, window)
    rows += services.work_and_housing(rng, household, window)
    return plans, _distinct(rows)


def _births(rng: random.Random, family: Family, window: Window) -> list[Event]:
    """Maternity appointments of the mothers of babies born in the window."""
    mothers = [a for a in family.adults if a.sex == "F" and a.parent]
    births = {c.date_of_birth: None for c in family.children}  # twins: one pregnancy
    rows: list[Event] = []
    for born in births:
        if mothers and window.start < born <= window.end:
            rows += services.maternity(rng, mothers[0], born, window)
    return rows


def _distinct(rows: Sequence[Event]) -> list[Event]:
    """Drop repeats of a true event (the same person, feed and values), so that every
    duplicate in a feed is a recording error, counted as one."""
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    kept = []
    for row in rows:
        key = (row.feed, row.person.person_id, row.values)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept
