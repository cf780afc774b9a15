"""Pseudonymised person-level extracts for analysts, and re-identification by a hub analyst.

An analyst studying the hub's records needs to join a person's records across feeds and to
their family, but not to know who the person is. So an extract replaces every identifier with a
**keyed hash**: HMAC-SHA256 (RFC 2104; FIPS 198-1) of the identifier under a secret key,
``TRUSTPLAN_PSEUDONYMISATION_KEY``. The same person gets the same pseudonym in every record and
every extract made under the key, so extracts still join; without the key, nobody can turn a
pseudonym back into its id, or test a guessed id against it, which a plain hash would allow
(ICO, "Pseudonymisation", chapter 3 of the draft guidance on anonymisation, pseudonymisation and
privacy enhancing technologies, 2022: keyed hashing, with the key kept apart from the data; UK
GDPR Article 4(5): the "additional information" that re-identifies is kept separately and
protected).

Each kind of identifier is hashed in its own domain (``person``, ``family``, ``record``), so a
person and a family with the same id get unrelated pseudonyms, and the pseudonym's prefix says
which kind it is (``P-``, ``F-``, ``R-``). The hash is cut to 20 hexadecimal digits (80 bits),
plenty to keep the ids of any partnership's people apart.

What an extract holds for each stored record (``EXTRACT_COLUMNS``):

- the record, its person and its families as pseudonyms (person by the latest link run,
  families by the latest family run);
- the feed, sex and ethnic group;
- the month of birth (``YYYY-MM``): the day is dropped;
- the postcode sector (``PO1 2``): the rest of the postcode is dropped;
- the feed's event columns, except free text (``trustplan.hubcore.feeds.contracts.Text``),
  which may name anyone.

Names, address, UPRN, NHS number, UPN and the agency's record id never leave.

Re-identification (``reidentify``) turns a pseudonym back into the hub's own id, by hashing
every id the hub holds under the current key and comparing. Only a hub analyst may do it, and
each time is written to the audit log as an opening of that person, family or record, with the
purpose stated.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, get_args

from django.conf import settings
from django.contrib.auth import get_user_model

from trustplan.access.models import Role
from trustplan.access.policy import Roles
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry
from trustplan.documents.cells import spreadsheet_safe
from trustplan.hub.families import latest_family_run
from trustplan.hub.models import Family, FamilyMember, HubRecord, PersonLink
from trustplan.hub.purpose import Purpose
from trustplan.hubcore.checks import postcode_sector
from trustplan.hubcore.feeds.contracts import FEEDS, Text

MINIMUM_KEY_LENGTH: Final = 32
HEX_DIGITS: Final = 20
PREFIXES: Final = {"person": "P", "family": "F", "record": "R"}
EXTRACT_COLUMNS: Final = (
    "record",
    "feed",
    "person",
    "families",
    "sex",
    "ethnicity",
    "birth_month",
    "postcode_sector",
    "event",
)
BATCH: Final = 5_000


class PseudonymisationError(ValueError):
    """The key is missing or too short, or a pseudonym cannot be re-identified; the message
    says what to do."""


def key() -> bytes:
    """The pseudonymisation key from the settings; refused if missing or short."""
    configured: str = getattr(settings, "TRUSTPLAN_PSEUDONYMISATION_KEY", "")
    if len(configured) < MINIMUM_KEY_LENGTH:
        raise PseudonymisationError(
            f"Set TRUSTPLAN_PSEUDONYMISATION_KEY to a secret of at least {MINIMUM_KEY_LENGTH} "
            'characters (python -c "import secrets; print(secrets.token_urlsafe(48))"), and '
            "keep it apart from the extracts: anyone holding both can re-identify them."
        )
    return configured.encode()


def pseudonym(kind: str, identifier: str, secret: bytes) -> str:
    """The keyed hash of ``identifier`` as a ``kind`` (person, family or record)."""
    message = f"{kind}\x1f{identifier}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()
    return f"{PREFIXES[kind]}-{digest[:HEX_DIGITS]}"


def birth_month(born: object) -> str:
    """A date of birth reduced to its year and month."""
    return f"{born:%Y-%m}" if born is not None else ""


def sector(postcode: str) -> str:
    """The postcode's sector, or nothing for a missing or unreadable postcode."""
    try:
        return postcode_sector(postcode) if postcode else ""
    except ValueError:
        return ""


def _free_text_columns() -> frozenset[str]:
    """Event columns the feed contracts hold as free text."""
    marker = get_args(Text)[1]
    return frozenset(
        name
        for model in FEEDS.values()
        for name, field in model.model_fields.items()
        if any(item is marker or item == marker for item in field.metadata)
    )


FREE_TEXT: Final = _free_text_columns()


def _families_of_people() -> dict[str, list[str]]:
    """Person id -> the family ids of the latest family run they belong to."""
    run = latest_family_run()
    families: dict[str, list[str]] = {}
    if run is None:
        return families
    rows = FamilyMember.objects.filter(family__run=run).values_list(
        "person_id", "family__family_id"
    )
    for person_id, family_id in rows.order_by("person_id", "family__family_id").iterator(BATCH):
        families.setdefault(person_id, []).append(family_id)
    return families


def extract_rows(secret: bytes) -> Iterator[list[str]]:
    """One pseudonymised row per stored record, under ``EXTRACT_COLUMNS``."""
    owners = {
        f"{feed}:{record_id}": person
        for feed, record_id, person in PersonLink.objects.values_list(
            "feed_type", "record_id", "person_id"
        ).iterator(BATCH)
    }
    families = _families_of_people()
    records = HubRecord.objects.order_by("feed_type", "record_id").values_list(
        "feed_type", "record_id", "date_of_birth", "sex", "postcode", "ethnicity", "event"
    )
    for feed, record_id, born, sex, postcode, ethnicity, event in records.iterator(BATCH):
        person = owners.get(f"{feed}:{record_id}")
        kept = {k: v for k, v in sorted((event or {}).items()) if k not in FREE_TEXT}
        yield [
            pseudonym("record", f"{feed}:{record_id}", secret),
            feed,
            "" if person is None else pseudonym("person", person, secret),
            ";".join(pseudonym("family", f, secret) for f in families.get(person or "", [])),
            sex,
            ethnicity,
            birth_month(born),
            sector(postcode),
            json.dumps(kept, sort_keys=True, ensure_ascii=False, default=str),
        ]


@dataclass(frozen=True)
class Extract:
    records: int
    people: int


def write_extract(path: Path) -> Extract:
    """Write the pseudonymised extract as CSV (every cell safe to open in a spreadsheet), and
    record it in the audit log with its counts. ``PseudonymisationError`` without a key."""
    secret = key()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXTRACT_COLUMNS)
    records = 0
    people: set[str] = set()
    for row in extract_rows(secret):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        records += 1
        if row[2]:
            people.add(row[2])
    path.write_text(out.getvalue(), encoding="utf-8")
    done = Extract(records, len(people))
    chain.record(
        None,
        AuditEntry.Action.EXPORT,
        object_type="pseudonymised_extract",
        detail=f"{done.records:,} records of {done.people:,} people, pseudonymised",
    )
    return done


@dataclass(frozen=True)
class Reidentified:
    """What a pseudonym stands for: its kind, the hub's own id, and what the hub holds of it."""

    kind: str
    identifier: str
    details: list[str]


def _candidates(kind: str) -> Iterator[str]:
    if kind == "person":
        yield from PersonLink.objects.values_list("person_id", flat=True).distinct().iterator()
        yield from FamilyMember.objects.values_list("person_id", flat=True).distinct().iterator()
    elif kind == "family":
        yield from Family.objects.values_list("family_id", flat=True).distinct().iterator()
    else:
        for feed, record_id in HubRecord.objects.values_list("feed_type", "record_id").iterator():
            yield f"{feed}:{record_id}"


def _find(text: str, secret: bytes) -> tuple[str, str]:
    kind = next((k for k, prefix in PREFIXES.items() if text.startswith(f"{prefix}-")), None)
    if kind is None:
        raise PseudonymisationError(
            f"{text!r} is not a pseudonym: one starts P- (a person), F- (a family) or R- (a "
            "record)."
        )
    for candidate in _candidates(kind):
        if hmac.compare_digest(pseudonym(kind, candidate, secret), text):
            return kind, candidate
    raise PseudonymisationError(
        f"No {kind} the hub holds has the pseudonym {text} under the current key: the key may "
        "have changed since the extract was made, or the data have since been removed."
    )


def _records(where: dict[str, str]) -> list[str]:
    found = HubRecord.objects.filter(**where).order_by("feed_type", "record_id")
    return [
        f"{r.feed_type} {r.record_id}: {r.first_name} {r.last_name}, born {r.date_of_birth}"
        for r in found
    ]


def _details(kind: str, identifier: str) -> list[str]:
    if kind == "family":
        members = FamilyMember.objects.filter(family__family_id=identifier)
        return sorted({f"member {m.person_id}" for m in members})
    if kind == "record":
        feed, _, record_id = identifier.partition(":")
        return _records({"feed_type": feed, "record_id": record_id})
    lines = []
    for feed, record_id in (
        PersonLink.objects.filter(person_id=identifier)
        .order_by("feed_type", "record_id")
        .values_list("feed_type", "record_id")
    ):
        lines.extend(_records({"feed_type": feed, "record_id": record_id}))
    return lines


class RefusedError(PseudonymisationError):
    """The user may not re-identify."""


OPENED: Final = {
    "person": AuditEntry.Action.VIEW_PERSON,
    "record": AuditEntry.Action.VIEW_PERSON,
    "family": AuditEntry.Action.VIEW_FAMILY,
}


def reidentify(text: str, username: str, purpose: Purpose, reason: str = "") -> Reidentified:
    """What ``text`` stands for, for ``username``, who must hold the hub analyst role; audited.

    Raises ``RefusedError`` for anyone else (nothing is looked up), and
    ``PseudonymisationError`` for a pseudonym the hub does not hold.
    """
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise RefusedError(f"No active user is called {username!r}.")
    if Role.HUB_ANALYST not in Roles.of(user).partnership_roles:
        raise RefusedError(
            f"{username} does not hold the hub analyst role. Only a hub analyst may "
            "re-identify a pseudonym; ask an administrator if your work needs it."
        )
    kind, identifier = _find(text.strip(), key())
    said = f"Re-identified {text.strip()} from a pseudonymised extract"
    chain.record(
        user,
        OPENED[kind],
        object_type=kind,
        object_id=identifier,
        purpose=purpose.value,
        detail=f"{said}: {reason}" if reason else said,
    )
    return Reidentified(kind, identifier, _details(kind, identifier))
