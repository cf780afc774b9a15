"""The grouping's input: each accepted record, attributed to the person the linker found.

A record brings what the grouping needs to place its person: the identity columns that say who
and where (date of birth, sex, surname, address), and its event, whose date says when the
person was known at that address. The hub builds these from its store, a test or a benchmark
from a synthetic city's files: :func:`linked_record` takes the columns as either gives them.

Names, dates of birth and addresses are person-level data, so a ``LinkedRecord`` shows only its
feed, record id and person id in its ``repr``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from trustplan.hubcore.families.addresses import Written
from trustplan.hubcore.rules.facts import Event, event_from_columns


@dataclass(frozen=True, slots=True, repr=False)
class LinkedRecord:
    """One record of one linked person: who it says they are, where, and its event."""

    person_id: str
    event: Event
    last_name: str
    date_of_birth: date
    sex: str | None
    address: Written

    def __repr__(self) -> str:
        return f"LinkedRecord({self.event.feed}:{self.event.record_id} of {self.person_id})"

    @property
    def key(self) -> str:
        """``feed:record_id``, as linking and the hub's store name a record."""
        return f"{self.event.feed}:{self.event.record_id}"

    @property
    def day(self) -> date:
        """When the record knew its person: the event's date (an episode's start, a term's
        nominal start)."""
        return self.event.date


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _day(value: object, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"its {what} is not a date") from None


def linked_record(
    person_id: str,
    feed: str,
    record_id: str,
    identity: Mapping[str, object],
    event: Mapping[str, object],
) -> LinkedRecord:
    """A record from its identity columns (the feed contract's names: ``last_name``,
    ``date_of_birth``, ``sex``, ``address``, ``postcode``, ``uprn``; blank or missing is
    "not recorded") and its event columns. ``ValueError`` names the feed and record id, never
    a value."""
    try:
        return LinkedRecord(
            person_id=person_id,
            event=event_from_columns(feed, person_id, record_id, event),
            last_name=_text(identity.get("last_name")) or "",
            date_of_birth=_day(identity.get("date_of_birth"), "date_of_birth"),
            sex=_text(identity.get("sex")),
            address=Written(
                _text(identity.get("address")),
                _text(identity.get("postcode")),
                _text(identity.get("uprn")),
            ),
        )
    except ValueError as error:
        raise ValueError(f"{feed} record {record_id}: {error}") from None
