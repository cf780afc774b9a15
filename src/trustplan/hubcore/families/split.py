"""Families inside a household: who is a dependent child, who is expecting, and which adults
are the children's family.

Definitions, and where they come from:

* **Dependent child.** Under 18, a child in law (Children Act 1989, s105); or 18 or 19 and still
  on a school roll. The census counts 16 to 18 year olds in full-time education living with a
  parent or grandparent as dependent children (ONS and National Records of Scotland, Census 2021
  variable "Dependent child indicator"), and Child Benefit is paid for a young person in
  full-time non-advanced education until they turn 20 (GOV.UK, "Child Benefit when your child
  turns 16"). The feeds show education only as a school attendance record, so "in education"
  here means a school recorded them on its roll for a term starting in the last year.
* **Expectant parent.** The feeds show a pregnancy only as maternity appointments (the health
  feed's ``maternity`` service; it does not say antenatal or postnatal). A woman is taken to be
  expecting when her latest maternity appointment is at most ten weeks before the day (the
  longest gap in NICE's routine antenatal schedule, NG201 (2021), is from the 18 to 20 week scan
  to the 28 week appointment) and no child of the household was born since the run of
  appointments began (if one was, the latest appointment was after a birth). A pregnancy before
  its booking appointment, at about ten weeks, cannot be seen.
* **Family.** A household's dependent children and the adults who are their family, or an
  expectant parent and her partner. A household with neither is not a family: the hub's
  families are those the programmes are for (DLUHC, "Supporting Families Programme Guidance
  2022 to 2025": "families with dependent children or expectant parents").

**Which adults are the children's family.** No feed records who is whose parent, so ages decide.
A parent is taken to be at least :data:`PARENT_GAP` (16) years older than their child. The
children's parents are the youngest generation of adults old enough to be the eldest child's
parent; the adults of that generation (a parent's partner may be younger) and any younger adults
(grown-up children still at home) are the family. Adults at least ``PARENT_GAP`` years older
than the youngest parent (old enough to be that parent's parent) are the grandparents'
generation: a family of their own, as in the census, where a couple, their adult daughter and
her children are two families.

Two cases need more. If every woman of that youngest generation was over :data:`MOTHER_GAP` (45)
when the eldest child was born, and no adult of the children's own generation lives there, the
children's parent has no record at all: the generation is the grandparents', and the children
are a family on their own as far as the records go. An expectant parent with no child yet is a
family with her partner, taken to be the one other adult of her generation if there is exactly
one; with several (a shared house) she is a family on her own.

Surnames are not used: partners often keep different surnames, and a lone parent's children
often carry the other parent's, so a different surname cannot say that someone is not family.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from trustplan.hubcore.families.people import DAYS_A_YEAR, Known

PARENT_GAP: Final = 16.0
"""Years a parent is taken to be older than their child, at least."""
MOTHER_GAP: Final = 45.0
"""Years a mother is taken to be older than her eldest dependent child, at most: in England and
Wales one live birth in three hundred is to a mother aged 45 or over (ONS, "Births in England
and Wales: 2021": 2,064 of 624,828)."""
CHILD_UNTIL: Final = 18.0
STUDENT_UNTIL: Final = 20.0
ON_ROLL_WITHIN: Final = timedelta(days=365)
EXPECTANT_WITHIN: Final = timedelta(weeks=10)
APPOINTMENT_RUN_GAP: Final = timedelta(weeks=12)
"""Maternity appointments further apart than this are taken to be separate pregnancies."""


@dataclass(frozen=True, slots=True)
class Member:
    """One person in a family, and their place in it."""

    person_id: str
    is_child: bool
    expectant: bool


def is_dependent(date_of_birth: date, school_terms: Iterable[date], as_at: date) -> bool:
    """Under 18, or 18 or 19 and on a school roll (a term starting in the last year) as at
    ``as_at``; see the module."""
    age = (as_at - date_of_birth).days / DAYS_A_YEAR
    if age < CHILD_UNTIL:
        return True
    return age < STUDENT_UNTIL and any(as_at - ON_ROLL_WITHIN < t <= as_at for t in school_terms)


def dependent_child(person: Known, as_at: date) -> bool:
    return is_dependent(person.date_of_birth, person.school_terms, as_at)


def expectant(person: Known, household: Sequence[Known], as_at: date) -> bool:
    """Expecting as at ``as_at``, as far as maternity appointments show (see the module)."""
    seen = [day for day in person.maternity if day <= as_at]
    if person.sex == "M" or not seen or as_at - seen[-1] > EXPECTANT_WITHIN:
        return False
    began = seen[-1]
    for day in reversed(seen[:-1]):
        if began - day > APPOINTMENT_RUN_GAP:
            break
        began = day
    return not any(began <= other.date_of_birth <= as_at for other in household)


def split_household(household: Sequence[Known], as_at: date) -> list[tuple[Member, ...]]:
    """The families in one household, each its members (children last), by the rules above; a
    household with no dependent child and no one expecting has none."""
    children = [p for p in household if dependent_child(p, as_at)]
    adults = [p for p in household if not dependent_child(p, as_at)]
    expecting = {p.person_id for p in household if expectant(p, household, as_at)}
    if not children:
        if not expecting:
            return []
        return [_members(_expecting_family(adults, expecting), [], expecting)]
    eldest = min(children, key=lambda c: c.date_of_birth)
    old_enough = [a for a in adults if a.years_older_than(eldest) >= PARENT_GAP]
    if not old_enough:
        return [_members(adults, children, expecting)]
    youngest = max(old_enough, key=lambda a: a.date_of_birth)
    if _parents_unseen(youngest, old_enough, adults, eldest):
        elders = old_enough
    else:
        elders = [a for a in adults if a.years_older_than(youngest) >= PARENT_GAP]
    family = [a for a in adults if a not in elders]
    families = [_members(family, children, expecting)]
    if expecting & {a.person_id for a in elders}:
        families.append(_members(elders, [], expecting))
    return families


def _expecting_family(adults: Sequence[Known], expecting: set[str]) -> list[Known]:
    """The youngest expectant parent and, if exactly one other adult of her generation lives
    there, that adult (her partner, as far as the records can tell). Her parents' generation is
    not her family; with several adults of her generation she is taken to share the home with
    them, and is a family on her own."""
    mother = max((a for a in adults if a.person_id in expecting), key=lambda a: a.date_of_birth)
    others = [a for a in adults if a is not mother and abs(a.years_older_than(mother)) < PARENT_GAP]
    return [mother, *others] if len(others) == 1 else [mother]


def _parents_unseen(
    youngest: Known, old_enough: Sequence[Known], adults: Sequence[Known], eldest: Known
) -> bool:
    """Whether the youngest generation old enough to be the children's parents is their
    grandparents' instead, the parents having no record: every woman in it was over
    :data:`MOTHER_GAP` years old when the eldest child was born, and no adult of the household
    is of the children's own generation (an elder brother or sister would make the older
    adults the parents of them all)."""
    generation = [a for a in old_enough if youngest.years_older_than(a) > -PARENT_GAP]
    women = [a for a in generation if a.sex == "F"]
    if not women or any(a.years_older_than(eldest) <= MOTHER_GAP for a in women):
        return False
    return all(a in old_enough for a in adults)


def _members(
    adults: Sequence[Known], children: Sequence[Known], expecting: set[str]
) -> tuple[Member, ...]:
    return tuple(
        Member(p.person_id, is_child, p.person_id in expecting)
        for is_child, people in ((False, adults), (True, children))
        for p in sorted(people, key=lambda p: p.person_id)
    )
