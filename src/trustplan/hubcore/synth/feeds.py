"""Write the feeds: each true event as the agency recorded it, errors and all.

An agency keeps one client record per person (the school's pupil record, the GP-traced health
record): the identity is keyed once, when the person first appears in that feed, and every
later row repeats it, errors included. If the person later marries or moves, the agency updates
its record, or (``surname_not_updated``, ``address_not_updated``) does not, and rows after the
change carry the old surname or address. The police are the exception (``FeedSpec.rekeyed``):
an officer types a nominal's name and date of birth at each incident, so those errors vary row
to row. A duplicate is an event entered a second time, keyed afresh, under a new record id.

Record ids are unique within each file and look like an agency's own (``POL-482913307``): a
fixed permutation of a row counter, so they reveal neither the person nor the row order.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol

from trustplan.hubcore.synth import errors, truth
from trustplan.hubcore.synth.errors import ErrorRates
from trustplan.hubcore.synth.events import Event
from trustplan.hubcore.synth.names import VARIANTS, simplified
from trustplan.hubcore.synth.places import Address
from trustplan.hubcore.synth.population import Person
from trustplan.hubcore.synth.spec import FEEDS, FeedSpec


@dataclass(slots=True)
class _Keyed:
    """One keying of a person's identity: the values that do not change over the window, and
    the slips to apply to those that do (surname, address)."""

    first_name: str
    date_of_birth: str
    sex: str
    nhs_number: str
    upn: str
    ethnicity: str
    last_typo: bool
    simplify_last: bool
    postcode_typo: bool
    abbreviate: bool
    uprn_blank: bool
    forms: dict[str, str] = field(default_factory=dict)


class Recorder:
    """Turns a person's true events in one feed into recorded identity rows."""

    def __init__(self, rates: ErrorRates, rng: random.Random, people: Sequence[Person]) -> None:
        self.rates = rates
        self.rng = rng
        self.people = people

    def record(
        self, spec: FeedSpec, person: Person, events: Sequence[Event]
    ) -> Iterator[tuple[Event, dict[str, str]]]:
        """Each event with the identity the agency recorded for it, and the duplicates."""
        rng, rates = self.rng, self.rates
        registered = min(event.on for event in events)
        updates_surname = rng.random() >= rates.surname_not_updated
        updates_address = rng.random() >= rates.address_not_updated
        client = None if spec.rekeyed else self._key(spec, person)
        for event in events:
            keyed = client or self._key(spec, person)
            yield (
                event,
                self._identity(
                    keyed, person, event.on, registered, updates_surname, updates_address
                ),
            )
            if rng.random() < rates.duplicate:
                again = self._key(spec, person)
                yield event, self._identity(again, person, event.on, event.on, True, True)

    def _key(self, spec: FeedSpec, person: Person) -> _Keyed:
        rng, rates = self.rng, self.rates
        first = person.first_name
        if simplified(first) != first and rng.random() < rates.name_simplified:
            first = simplified(first)
        elif first in VARIANTS and rng.random() < rates.nickname:
            first = rng.choice(VARIANTS[first])
        if rng.random() < rates.first_name_typo:
            first = errors.typo(rng, first)
        born = person.date_of_birth
        swapped = errors.swapped_day_month(born)
        if swapped is not None and rng.random() < rates.dob_day_month_swapped:
            born = swapped
        return _Keyed(
            first_name=first,
            date_of_birth=born.isoformat(),
            sex="U" if rng.random() < rates.sex_not_recorded else person.sex,
            nhs_number=self._nhs_number(spec, person),
            upn=self._upn(spec, person),
            ethnicity="Not known"
            if rng.random() < rates.ethnicity_not_recorded
            else person.ethnicity,
            last_typo=rng.random() < rates.last_name_typo,
            simplify_last=rng.random() < rates.name_simplified,
            postcode_typo=rng.random() < rates.postcode_typo,
            abbreviate=rng.random() < rates.address_abbreviated,
            uprn_blank=rng.random() < spec.uprn_missing * rates.missing,
        )

    def _nhs_number(self, spec: FeedSpec, person: Person) -> str:
        draw = self.rng.random()
        missing = spec.nhs_missing * self.rates.missing
        if draw < missing:
            return ""
        if draw < missing + self.rates.nhs_wrong_digit:
            return errors.wrong_nhs_digit(self.rng, person.nhs_number)
        if draw < missing + self.rates.nhs_wrong_digit + self.rates.nhs_other_person:
            # Most often a relative's number, picked up from their record.
            relatives = [p for p in person.household.members if p is not person]
            other = self.rng.choice(relatives or list(self.people))
            return other.nhs_number if other is not person else ""
        return person.nhs_number

    def _upn(self, spec: FeedSpec, person: Person) -> str:
        if not person.upn or self.rng.random() < spec.upn_missing * self.rates.missing:
            return ""
        return person.upn

    def _identity(
        self,
        keyed: _Keyed,
        person: Person,
        on: date,
        registered: date,
        updates_surname: bool,
        updates_address: bool,
    ) -> dict[str, str]:
        surname = person.last_name_on(on)
        if not updates_surname and person.renamed_on and registered < person.renamed_on <= on:
            surname = person.previous_last_name
        household = person.household
        address = household.address_on(on)
        if not updates_address and household.moved_on and registered < household.moved_on <= on:
            address = household.addresses[0]
        return {
            "first_name": keyed.first_name,
            "last_name": self._surname(keyed, surname),
            "date_of_birth": keyed.date_of_birth,
            "sex": keyed.sex,
            "nhs_number": keyed.nhs_number,
            "upn": keyed.upn,
            "ethnicity": keyed.ethnicity,
            **self._address(keyed, address),
        }

    def _surname(self, keyed: _Keyed, surname: str) -> str:
        key = f"surname:{surname}"
        if key not in keyed.forms:
            form = simplified(surname) if keyed.simplify_last else surname
            keyed.forms[key] = errors.typo(self.rng, form) if keyed.last_typo else form
        return keyed.forms[key]

    def _address(self, keyed: _Keyed, address: Address) -> dict[str, str]:
        """The address as this client record shows it: the same slips every time it is shown."""
        line, postcode = address.line, address.postcode
        if keyed.abbreviate:
            line = keyed.forms.get(f"line:{line}") or keyed.forms.setdefault(
                f"line:{line}", errors.abbreviated(self.rng, line)
            )
        if keyed.postcode_typo:
            postcode = keyed.forms.get(f"postcode:{postcode}") or keyed.forms.setdefault(
                f"postcode:{postcode}", errors.postcode_typo(self.rng, postcode)
            )
        return {
            "address": line,
            "postcode": postcode,
            "uprn": "" if keyed.uprn_blank else address.uprn,
        }


class RowWriter(Protocol):
    """What the feed files need of a CSV writer."""

    def writerow(self, row: Iterable[str], /) -> object: ...


class _RecordIds:
    """Distinct, agency-looking record ids: an affine map of a row counter modulo a thousand
    million (a bijection, the multiplier being coprime to ten), its digits read backwards so
    that neighbouring rows get unrelated ids."""

    def __init__(self, prefix: str, rng: random.Random) -> None:
        self.prefix = prefix
        self.multiplier = rng.randrange(10**8, 10**9) | 1
        if math.gcd(self.multiplier, 10) != 1:
            self.multiplier += 2
        self.offset = rng.randrange(10**9)
        self.count = 0

    def next(self) -> str:
        serial = (self.multiplier * self.count + self.offset) % 10**9
        self.count += 1
        digits = f"{serial:09d}"
        return f"{self.prefix}-{digits[::-1]}"


class FeedFiles:
    """The open feed files and ``truth_records.csv``, written row by row as households are
    generated, so memory does not grow with the city."""

    def __init__(self, directory: Path, recorder: Recorder, rng: random.Random) -> None:
        self.recorder = recorder
        self._files: list[IO[str]] = []
        self._writers: dict[str, RowWriter] = {}
        self._ids: dict[str, _RecordIds] = {}
        for spec in FEEDS.values():
            self._writers[spec.name] = self._open(directory / spec.file_name, spec.header)
            self._ids[spec.name] = _RecordIds(spec.prefix, rng)
        self._truth = self._open(directory / truth.RECORDS_FILE, truth.RECORDS_COLUMNS)
        self.counts = dict.fromkeys(FEEDS, 0)

    def _open(self, path: Path, header: Sequence[str]) -> RowWriter:
        handle = path.open("w", encoding="utf-8", newline="")
        self._files.append(handle)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        return writer

    def write(self, events: Sequence[Event]) -> None:
        """Record one household's events: grouped by feed and person, in order of first
        appearance, each group through one client record."""
        groups: dict[tuple[str, str], list[Event]] = {}
        for event in events:
            groups.setdefault((event.feed, event.person.person_id), []).append(event)
        for (feed, _), group in groups.items():
            spec = FEEDS[feed]
            for event, identity in self.recorder.record(spec, group[0].person, group):
                record_id = self._ids[feed].next()
                identity["record_id"] = record_id
                keyed = [identity[column] for column in spec.header[: -len(spec.events)]]
                self._writers[feed].writerow([*keyed, *event.values])
                self._truth.writerow((feed, record_id, event.person.person_id))
                self.counts[feed] += 1

    def __enter__(self) -> FeedFiles:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for handle in self._files:
            handle.close()
