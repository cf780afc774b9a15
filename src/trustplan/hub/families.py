"""Families from the hub's linked records: one family run, stored; its facts for the rule sets;
and the locality lookup the families are counted by.

:func:`run_families` groups the latest link run's people into households and families as at a
day (``trustplan.hubcore.families``), evaluates the rule sets on them, and stores the families,
their members and their flags in one transaction, as a new run: earlier runs are kept, and the
latest is current. A family keeps the id of the previous run's family it shares most people
with, so practitioners' decisions, kept by family id, carry over. Nothing here logs a value:
``say`` is given counts only.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from trustplan.hub.linking import person_of
from trustplan.hub.models import (
    Family,
    FamilyMember,
    FamilyRun,
    Flag,
    HubRecord,
    LinkRun,
    Locality,
    PostcodeSector,
)
from trustplan.hubcore.families import (
    Grouping,
    LinkedRecord,
    Placed,
    facts_from_linked,
    facts_from_placed,
    group_families,
    linked_record,
    open_to,
    read_localities,
)
from trustplan.hubcore.rules import Facts, FamilyHit, RuleSet, evaluate, shipped_rule_sets

BATCH = 5_000
_IDENTITY = ("last_name", "date_of_birth", "sex", "address", "postcode", "uprn")


# The locality lookup ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalitiesLoaded:
    localities: int
    sectors: int
    added: int
    moved: int


@transaction.atomic
def load_localities(csv_bytes: bytes, file_name: str) -> LocalitiesLoaded:
    """Store a postcode sector to locality lookup (columns ``postcode_sector``, ``locality``),
    whole or not at all: ``LocalitiesError`` lists every problem, naming the file, row and
    column. A sector already held moves to the locality the file gives; sectors the file does
    not name are kept as they were."""
    rows = read_localities(csv_bytes, file_name)
    localities = {
        name: Locality.objects.get_or_create(name=name)[0]
        for name in dict.fromkeys(row.locality for row in rows)
    }
    held = {s.sector: s for s in PostcodeSector.objects.select_related("locality")}
    added = moved = 0
    for row in {row.sector: row for row in rows}.values():
        locality = localities[row.locality]
        existing = held.get(row.sector)
        if existing is None:
            PostcodeSector.objects.create(sector=row.sector, locality=locality)
            added += 1
        elif existing.locality_id != locality.pk:
            existing.locality = locality
            existing.save(update_fields=["locality"])
            moved += 1
    sectors = len({row.sector for row in rows})
    return LocalitiesLoaded(len(localities), sectors, added, moved)


# Linked records --------------------------------------------------------------------------------


def linked_records(attributed: Mapping[str, str] | None = None) -> list[LinkedRecord]:
    """Every stored record attributed to a person: by ``attributed`` (``feed:record_id`` ->
    person id), or by the latest link run. A record with no person is left out."""
    owners = person_of() if attributed is None else attributed
    rows = HubRecord.objects.order_by("feed_type", "record_id").values_list(
        "feed_type", "record_id", *_IDENTITY, "event"
    )
    records = []
    for feed, record_id, *identity, event in rows.iterator(chunk_size=BATCH):
        person_id = owners.get(f"{feed}:{record_id}")
        if person_id is not None:
            columns = dict(zip(_IDENTITY, identity, strict=True))
            records.append(linked_record(person_id, feed, record_id, columns, event))
    return records


def latest_link_run() -> LinkRun | None:
    return LinkRun.objects.order_by("-started_at", "-pk").first()


def latest_family_run() -> FamilyRun | None:
    return FamilyRun.objects.order_by("-started_at", "-pk").first()


def _members_of(run: FamilyRun | None) -> dict[str, list[str]]:
    """Family id -> person ids, of a stored run."""
    members: dict[str, list[str]] = {}
    if run is not None:
        rows = FamilyMember.objects.filter(family__run=run).values_list(
            "family__family_id", "person_id"
        )
        for family_id, person_id in rows.iterator(chunk_size=BATCH):
            members.setdefault(family_id, []).append(person_id)
    return members


# A family run ----------------------------------------------------------------------------------


def run_families(
    *,
    as_at: dt.date,
    rule_sets: Iterable[RuleSet] | None = None,
    by: User | None = None,
    say: Callable[[str], object] = print,
) -> FamilyRun:
    """Group the latest link run's people into families as at ``as_at``, evaluate
    ``rule_sets`` (every shipped one if ``None``) on them, and store it all as a new run."""
    link_run = latest_link_run()
    if link_run is None:
        raise ValueError("No records are linked yet: run `trustplan hub link` first.")
    rules = list(shipped_rule_sets().values() if rule_sets is None else rule_sets)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    records = linked_records()
    timings["read"] = time.perf_counter() - started
    say(f"Read {len(records):,} linked records of link run {link_run.pk}")
    started = time.perf_counter()
    grouping = group_families(records, as_at, _members_of(latest_family_run()))
    facts = facts_from_linked(records, grouping)
    timings["group"] = time.perf_counter() - started
    say(
        f"Grouped {len(grouping.people):,} people into {len(grouping.households):,} households "
        f"and {len(grouping.families):,} families as at {as_at:%d %B %Y}"
    )
    started = time.perf_counter()
    hits = {rule_set.key: evaluate(rule_set, facts, as_at) for rule_set in rules}
    timings["rules"] = time.perf_counter() - started
    for key, found in hits.items():
        say(f"  {key}: {len(found):,} families meet it")
    started = time.perf_counter()
    run = _store(link_run, grouping, facts, rules, hits, by)
    timings["store"] = time.perf_counter() - started
    run.timings = {stage: round(seconds, 3) for stage, seconds in timings.items()}
    run.save(update_fields=["timings"])
    say(f"Stored family run {run.pk}")
    return run


@transaction.atomic
def _store(
    link_run: LinkRun,
    grouping: Grouping,
    facts: Facts,
    rules: list[RuleSet],
    hits: Mapping[str, list[FamilyHit]],
    by: User | None,
) -> FamilyRun:
    as_at = grouping.as_at
    sectors = dict(PostcodeSector.objects.values_list("sector", "locality_id"))
    run = FamilyRun.objects.create(
        link_run=link_run,
        started_by=by,
        as_at=as_at,
        rule_sets=[{"key": r.key, "version": r.version} for r in rules],
    )
    opened = {
        family.family_id: open_to(facts.families[family.family_id], as_at)
        for family in grouping.families
    }
    Family.objects.bulk_create(
        (
            Family(
                run=run,
                family_id=family.family_id,
                household_id=family.household_id,
                locality_id=sectors.get(family.postcode_sector),
                postcode_sector=family.postcode_sector,
                open_to_early_help=opened[family.family_id][0],
                open_to_social_care=opened[family.family_id][1],
            )
            for family in grouping.families
        ),
        batch_size=BATCH,
    )
    pk_of = dict(run.families.values_list("family_id", "pk"))
    FamilyMember.objects.bulk_create(
        (
            FamilyMember(
                family_id=pk_of[family.family_id],
                person_id=member.person_id,
                is_child=member.is_child,
                expectant=member.expectant,
            )
            for family in grouping.families
            for member in family.members
        ),
        batch_size=BATCH,
    )
    titles = {r.key: {i.key: i.title for i in r.indicators} for r in rules}
    flags = [
        _flag(pk_of[hit.family_id], hit, titles[hit.rule_key])
        for found in hits.values()
        for hit in found
        if not hit.excluded or any(opened[hit.family_id])
    ]
    Flag.objects.bulk_create(flags, batch_size=BATCH)
    run.counts = _counts(grouping, facts, hits, opened, sectors)
    run.save(update_fields=["counts"])
    return run


def _flag(family_pk: int, hit: FamilyHit, titles: Mapping[str, str]) -> Flag:
    """A hit as stored: each indicator with its title, explanation, people and evidence."""
    return Flag(
        family_id=family_pk,
        rule_set=hit.rule_key,
        rule_set_version=str(hit.rule_version),
        criteria=[met.indicator for met in hit.met],
        indicators=[
            {
                "key": met.indicator,
                "title": titles.get(met.indicator, met.indicator),
                "explanation": met.explanation,
                "people": list(met.people),
                "evidence": [f"{feed}:{record_id}" for feed, record_id in met.evidence],
            }
            for met in hit.met
        ],
        score=len(hit.met),
    )


def _counts(
    grouping: Grouping,
    facts: Facts,
    hits: Mapping[str, list[FamilyHit]],
    opened: Mapping[str, tuple[bool, bool]],
    sectors: Mapping[str, int],
) -> dict[str, object]:
    """The run's figures: people, households and families; by rule set, families meeting it
    and how many of those are already open; by locality, families and families flagged."""
    with_children = sum(1 for f in grouping.families if any(m.is_child for m in f.members))
    listed: set[str] = set()
    rule_sets = {}
    for key, found in hits.items():
        kept = [hit for hit in found if not hit.excluded or any(opened[hit.family_id])]
        already = sum(1 for hit in kept if any(opened[hit.family_id]))
        listed.update(hit.family_id for hit in kept if not any(opened[hit.family_id]))
        rule_sets[key] = {"flagged": len(kept) - already, "already_open": already}
    names = dict(Locality.objects.values_list("pk", "name"))
    locality_of = {
        f.family_id: names.get(sectors.get(f.postcode_sector, 0), "") for f in grouping.families
    }
    families = Counter(locality_of.values())
    flagged = Counter(locality_of[family] for family in listed)
    return {
        "people": len(grouping.people),
        "people_in_families": len(facts.people),
        "households": len(grouping.households),
        "families": len(grouping.families),
        "with_children": with_children,
        "expectant_only": len(grouping.families) - with_children,
        "rule_sets": rule_sets,
        "localities": {
            name or "no locality": {"families": families[name], "flagged": flagged[name]}
            for name in sorted(families, key=lambda n: (n == "", n))
        },
    }


# The facts of a run ----------------------------------------------------------------------------


def linked_facts(run: FamilyRun | None = None) -> Facts:
    """The rule sets' facts of a family run (the latest if ``None``): its families' members,
    and every stored record's event attributed by the latest link run. ``ValueError`` if there
    is no run."""
    run = run or latest_family_run()
    if run is None:
        raise ValueError("No families are grouped yet: run `trustplan hub families` first.")
    placed = [
        Placed(person_id, family_id, is_child)
        for family_id, person_id, is_child in FamilyMember.objects.filter(
            family__run=run
        ).values_list("family__family_id", "person_id", "is_child")
    ]
    return facts_from_placed(linked_records(), placed, run.as_at)
