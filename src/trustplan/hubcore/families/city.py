"""A synthetic city's feed files as linked records, for measuring the grouping without the hub,
and the city's true facts.

Each feed file is checked against its contract exactly as a load is (a rejected row is left
out, as the hub would quarantine it), and each record is attributed by ``person_of``: the
truth's linkage (``truth_records.csv``), a linker's, or the naive baseline's. A record that
``person_of`` does not name is left out, and so is a feed file with no rows (a small city may
have nobody in a feed).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from trustplan.hubcore.evaluation import Truth
from trustplan.hubcore.families.records import LinkedRecord, linked_record
from trustplan.hubcore.feeds import FEEDS, read_feed
from trustplan.hubcore.feeds.contracts import Identity
from trustplan.hubcore.rules.facts import Facts, read_people

_IDENTITY = tuple(name for name in Identity.model_fields if name != "record_id")


def records_from_city(folder: Path, person_of: Mapping[str, str]) -> Iterator[LinkedRecord]:
    """The records of every feed file in ``folder`` (``<feed>.csv``) that ``person_of``
    (``feed:record_id`` -> person id) attributes."""
    for feed in FEEDS:
        path = folder / f"{feed}.csv"
        if not path.is_file():
            continue
        data = path.read_bytes()
        if len(data.strip().splitlines()) < 2:
            continue
        batch = read_feed(feed, data, path.name)
        if batch.file_error is not None:
            raise ValueError(f"{path.name}: {batch.file_error}")
        for record in batch.records:
            person_id = person_of.get(f"{feed}:{record.record_id}")
            if person_id is None:
                continue
            values = record.model_dump()
            identity = {name: values.pop(name) for name in _IDENTITY}
            record_id = values.pop("record_id")
            yield linked_record(person_id, feed, record_id, identity, values)


def truth_facts(folder: Path, truth: Truth) -> Facts:
    """The city's facts on its true linkage and true families, as ``rules.facts_from_city``
    gives them, reading a city that has nobody in some feed too."""
    events = [record.event for record in records_from_city(folder, truth.person_of)]
    return Facts(read_people(folder / "truth_people.csv"), events)
