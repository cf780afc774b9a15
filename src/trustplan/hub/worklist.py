"""The work list, the family and person pages' data, and the clerical review queue, as queries
on the hub's store.

The work list is drawn from the current (latest) family run: the families that meet a rule set
and are not already open to early help or social care, ranked by the most indicators met, then
by the most recent evidence. A practitioner's decision is kept by family id, so it carries
across runs. The review queue is the latest link run's pairs that no reviewer has decided yet.

Nothing here decides who may see what (that is ``trustplan.access``), and nothing here logs:
every value it returns is person-level data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from trustplan.hub.models import (
    Family,
    FamilyRun,
    Flag,
    HubRecord,
    LinkRun,
    Locality,
    PersonLink,
    ReviewDecision,
    ReviewPair,
    WorkDecision,
)
from trustplan.hubcore.rules import event_from_columns, shipped_rule_sets


def current_run() -> FamilyRun | None:
    """The latest family run: the work list and the family pages are drawn from it."""
    return FamilyRun.objects.order_by("-started_at", "-pk").first()


def latest_link_run() -> LinkRun | None:
    """The latest link run: its review pairs are the clerical review queue."""
    return LinkRun.objects.order_by("-started_at", "-pk").first()


@cache
def _shipped_titles() -> dict[str, str]:
    return {key: rule_set.title for key, rule_set in shipped_rule_sets().items()}


def rule_set_title(key: str) -> str:
    """A rule set's title, or its key if it is not one trustplan ships."""
    return _shipped_titles().get(key, key)


# Source records ------------------------------------------------------------------------------


def split_key(key: str) -> tuple[str, str]:
    """``"feed:record_id"`` as ``(feed, record_id)``."""
    feed, _, record_id = key.partition(":")
    return feed, record_id


def records_by_key(keys: Iterable[str]) -> dict[str, HubRecord]:
    """The stored records named ``feed:record_id``; a key with no record is left out."""
    by_feed: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        feed, record_id = split_key(key)
        by_feed[feed].add(record_id)
    found: dict[str, HubRecord] = {}
    for feed, record_ids in by_feed.items():
        for record in HubRecord.objects.filter(feed_type=feed, record_id__in=record_ids):
            found[f"{feed}:{record.record_id}"] = record
    return found


def event_date(record: HubRecord) -> dt.date | None:
    """When a record's event happened (or its episode or claim started; a term's nominal
    start), as the rule sets date it; ``None`` if its columns cannot say."""
    try:
        return event_from_columns(record.feed_type, "", record.record_id, record.event).date
    except ValueError:
        return None


def records_of(person_ids: Iterable[str]) -> dict[str, list[HubRecord]]:
    """Each person's linked records (by the latest link run), by feed then record id."""
    person_of = {
        f"{feed}:{record_id}": person
        for feed, record_id, person in PersonLink.objects.filter(
            person_id__in=list(person_ids)
        ).values_list("feed_type", "record_id", "person_id")
    }
    records: dict[str, list[HubRecord]] = defaultdict(list)
    for key, record in records_by_key(person_of).items():
        records[person_of[key]].append(record)
    for held in records.values():
        held.sort(key=lambda r: (r.feed_type, r.record_id))
    return records


# The work list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One family on the work list: its flags, its latest evidence, and its latest decision."""

    family: Family
    flags: tuple[Flag, ...]
    latest_evidence: dt.date | None
    decision: WorkDecision | None

    @property
    def score(self) -> int:
        """The most indicators the family meets in any one rule set."""
        return max(flag.score for flag in self.flags)

    @property
    def rule_sets(self) -> list[str]:
        return [rule_set_title(flag.rule_set) for flag in self.flags]

    @property
    def explanations(self) -> list[str]:
        """Every indicator's plain-English explanation, once each, in rule-set order."""
        return list(dict.fromkeys(said for flag in self.flags for said in _said(flag)))

    @property
    def explanation(self) -> str:
        return "; ".join(self.explanations)


def _said(flag: Flag) -> list[str]:
    return [str(met.get("explanation", "")) for met in flag.indicators if met.get("explanation")]


def _evidence_keys(flag: Flag) -> list[str]:
    return [str(key) for met in flag.indicators for key in met.get("evidence", [])]


def on_work_list(family: Family) -> bool:
    """A family is on the work list while it meets a rule set and is not already open to early
    help or social care."""
    return not family.already_open and family.flags.exists()


def listed_families(run: FamilyRun, locality_ids: Iterable[int] | None) -> QuerySet[Family]:
    """The run's families on the work list, in the given localities (``None``: everywhere)."""
    families = run.families.filter(
        Exists(Flag.objects.filter(family=OuterRef("pk"))),
        open_to_early_help=False,
        open_to_social_care=False,
    )
    if locality_ids is not None:
        families = families.filter(locality_id__in=list(locality_ids))
    return families


def work_list(run: FamilyRun, locality_ids: Iterable[int] | None) -> list[Entry]:
    """The work list of the given localities (``None``: every family, with or without a
    locality), ranked: most indicators met, then most recent evidence, then family id."""
    families = list(
        listed_families(run, locality_ids).select_related("locality").prefetch_related("flags")
    )
    keys = {key for f in families for flag in f.flags.all() for key in _evidence_keys(flag)}
    dates = {key: event_date(record) for key, record in records_by_key(keys).items()}
    decisions = latest_decisions(family.family_id for family in families)
    entries = []
    for family in families:
        flags = tuple(family.flags.all())
        happened = [d for flag in flags for key in _evidence_keys(flag) if (d := dates.get(key))]
        entries.append(
            Entry(family, flags, max(happened, default=None), decisions.get(family.family_id))
        )
    entries.sort(
        key=lambda e: (
            -e.score,
            -(e.latest_evidence.toordinal() if e.latest_evidence else 0),
            e.family.family_id,
        )
    )
    return entries


def localities_listed(
    run: FamilyRun | None, locality_ids: Iterable[int] | None
) -> list[tuple[Locality, int]]:
    """The localities a user may choose between, each with how many of its families are on the
    work list (``None``: every locality)."""
    localities = Locality.objects.all()
    if locality_ids is not None:
        localities = localities.filter(pk__in=list(locality_ids))
    counts: Counter[int | None] = Counter()
    if run is not None:
        counts.update(listed_families(run, locality_ids).values_list("locality_id", flat=True))
    return [(locality, counts[locality.pk]) for locality in localities]


def latest_decisions(family_ids: Iterable[str]) -> dict[str, WorkDecision]:
    """Each family's latest decision, whichever run it was made on."""
    latest: dict[str, WorkDecision] = {}
    decisions = WorkDecision.objects.filter(family_id__in=list(family_ids)).order_by(
        "family_id", "-decided_at", "-pk"
    )
    for decision in decisions.select_related("decided_by"):
        latest.setdefault(decision.family_id, decision)
    return latest


def decision_history(family_id: str) -> QuerySet[WorkDecision]:
    """Every decision on a family, newest first, across runs."""
    return (
        WorkDecision.objects.filter(family_id=family_id)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )


@transaction.atomic
def record_decision(family: Family, decision: str, reason: str, by: Any) -> list[WorkDecision]:
    """A practitioner's decision on a family on the work list, kept for each rule set it meets.
    ``ValueError`` if the family is not on the work list: there is nothing to decide."""
    if not on_work_list(family):
        raise ValueError("This family is not on the work list.")
    return [
        WorkDecision.objects.create(
            family_id=family.family_id,
            rule_set=flag.rule_set,
            decision=WorkDecision.Decision(decision),
            reason=reason,
            decided_by=by,
        )
        for flag in family.flags.all()
    ]


# A family ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One of a family's people, with the names and dates of birth their records give."""

    person_id: str
    is_child: bool
    expectant: bool
    names: tuple[str, ...]
    dates_of_birth: tuple[dt.date, ...]

    @property
    def name(self) -> str:
        return self.names[0] if self.names else "No linked record"


def members(family: Family) -> list[Member]:
    """The family's people, children first, each with their names (the most recorded first)
    and dates of birth from their linked records."""
    people = list(family.members.all())
    records = records_of(member.person_id for member in people)
    shown = []
    for member in people:
        held = records.get(member.person_id, [])
        names = Counter(f"{r.first_name} {r.last_name}" for r in held)
        born = sorted({r.date_of_birth for r in held})
        shown.append(
            Member(
                member.person_id,
                member.is_child,
                member.expectant,
                tuple(name for name, _ in names.most_common()),
                tuple(born),
            )
        )
    return shown


@dataclass(frozen=True)
class Evidence:
    """One source record behind an indicator."""

    key: str
    record: HubRecord | None  # None if the record is no longer held
    happened: dt.date | None
    person_id: str  # whose it is, by the latest link run; "" if no member's
    who: str  # that member's name

    @property
    def feed(self) -> str:
        return split_key(self.key)[0]

    @property
    def record_id(self) -> str:
        return split_key(self.key)[1]


@dataclass(frozen=True)
class IndicatorMet:
    title: str
    explanation: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class FlagShown:
    flag: Flag
    title: str
    indicators: tuple[IndicatorMet, ...]


def flags_with_evidence(family: Family, people: Iterable[Member]) -> list[FlagShown]:
    """Every rule set the family meets, each indicator with its explanation and its source
    records, each record with its date and whose it is."""
    flags = list(family.flags.all())
    keys = {key for flag in flags for key in _evidence_keys(flag)}
    records = records_by_key(keys)
    name_of = {member.person_id: member.name for member in people}
    person_of = {
        f"{feed}:{record_id}": person
        for feed, record_id, person in PersonLink.objects.filter(
            person_id__in=list(name_of)
        ).values_list("feed_type", "record_id", "person_id")
    }
    shown = []
    for flag in flags:
        indicators = []
        for met in flag.indicators:
            evidence = []
            for key in (str(k) for k in met.get("evidence", [])):
                record = records.get(key)
                person = person_of.get(key, "")
                happened = event_date(record) if record else None
                evidence.append(Evidence(key, record, happened, person, name_of.get(person, "")))
            indicators.append(
                IndicatorMet(
                    str(met.get("title") or met.get("key", "")),
                    str(met.get("explanation", "")),
                    tuple(evidence),
                )
            )
        shown.append(FlagShown(flag, rule_set_title(flag.rule_set), tuple(indicators)))
    return shown


# A person ------------------------------------------------------------------------------------


def families_of(person_id: str, run: FamilyRun | None) -> list[Family]:
    """The families of the run that the person belongs to."""
    if run is None:
        return []
    return list(
        Family.objects.filter(run=run, members__person_id=person_id)
        .select_related("locality")
        .distinct()
    )


def person_exists(person_id: str, run: FamilyRun | None) -> bool:
    """Whether the latest link run, or the family run, knows this person."""
    return PersonLink.objects.filter(person_id=person_id).exists() or bool(
        families_of(person_id, run)
    )


@dataclass(frozen=True)
class LinkedPerson:
    """A person the linker found: their records by feed, and their families."""

    person_id: str
    records: tuple[HubRecord, ...]
    families: tuple[Family, ...]

    def by_feed(self) -> list[tuple[str, list[HubRecord]]]:
        feeds: dict[str, list[HubRecord]] = defaultdict(list)
        for record in self.records:
            feeds[record.feed_type].append(record)
        return list(feeds.items())


def linked_person(person_id: str, run: FamilyRun | None) -> LinkedPerson:
    return LinkedPerson(
        person_id,
        tuple(records_of([person_id]).get(person_id, [])),
        tuple(families_of(person_id, run)),
    )


# The clerical review queue -------------------------------------------------------------------


def _decisions_on_pair() -> QuerySet[ReviewDecision]:
    """The decision on the outer pair, whichever way round its records are."""
    return ReviewDecision.objects.filter(
        Q(id_l=OuterRef("id_l"), id_r=OuterRef("id_r"))
        | Q(id_l=OuterRef("id_r"), id_r=OuterRef("id_l"))
    )


def review_queue(run: LinkRun) -> QuerySet[ReviewPair]:
    """The run's pairs no reviewer has decided, the likeliest match first."""
    return run.review_pairs.filter(~Exists(_decisions_on_pair())).order_by(
        "-match_probability", "pk"
    )


def decision_on(pair: ReviewPair) -> ReviewDecision | None:
    ids = sorted([pair.id_l, pair.id_r])
    return (
        ReviewDecision.objects.select_related("decided_by").filter(id_l=ids[0], id_r=ids[1]).first()
    )


def pair_records(pair: ReviewPair) -> tuple[HubRecord | None, HubRecord | None]:
    records = records_by_key([pair.id_l, pair.id_r])
    return records.get(pair.id_l), records.get(pair.id_r)


def decide_pair(pair: ReviewPair, decision: str, reason: str, by: Any) -> ReviewDecision:
    """Record (or change) a reviewer's decision on a pair, its ids sorted as ``hub decide``
    keeps them; the next link run respects it."""
    ids = sorted([pair.id_l, pair.id_r])
    decided, _ = ReviewDecision.objects.update_or_create(
        id_l=ids[0],
        id_r=ids[1],
        defaults={
            "decision": ReviewDecision.Decision(decision),
            "reason": reason,
            "decided_by": by,
        },
    )
    return decided
