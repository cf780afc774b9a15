"""Records as people read them: feed and column names in words, dates written out, choices
without underscores. Used by the hub's pages only; nothing here is ever logged."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from trustplan.hub.loading import IDENTITY
from trustplan.hub.models import HubRecord
from trustplan.hub.worklist import Evidence, FlagShown, IndicatorMet
from trustplan.hubcore.feeds import FEEDS

FEED_NAMES = {
    "school_attendance": "School attendance",
    "exclusions": "Exclusions",
    "police_incidents": "Police incidents",
    "youth_justice": "Youth justice",
    "health_appointments": "Health appointments",
    "social_care": "Children's social care",
    "early_help": "Early help",
    "housing": "Housing",
    "worklessness": "Worklessness",
}
COLUMN_NAMES = {
    "nhs_number": "NHS number",
    "upn": "UPN",
    "uprn": "UPRN",
}
NOT_RECORDED = "Not recorded"
_CHOICE = re.compile(r"[a-z]+(?:_[a-z]+)+")


def feed_name(feed: str) -> str:
    return FEED_NAMES.get(feed, feed.replace("_", " ").capitalize())


def column_name(column: str) -> str:
    return COLUMN_NAMES.get(column, column.replace("_", " ").capitalize())


def day(when: dt.date | None) -> str:
    return f"{when.day} {when:%B %Y}" if when else ""


def shown(column: str, value: object) -> str:
    """One column's value in words."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, str) and column.endswith("_date"):
        try:
            return day(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and _CHOICE.fullmatch(value):
        return value.replace("_", " ")
    return str(value)


def identity_rows(record: HubRecord) -> list[tuple[str, str]]:
    """The identity columns, in the feed contract's order."""
    return [(column_name(c), shown(c, getattr(record, c))) for c in IDENTITY]


def event_rows(record: HubRecord) -> list[tuple[str, str]]:
    """The feed's own columns, in the order the record holds them."""
    # The feed contract's column order: PostgreSQL's JSON does not keep the order of keys.
    order = {name: n for n, name in enumerate(FEEDS[record.feed_type].model_fields)}
    columns = sorted(record.event, key=lambda c: (order.get(c, len(order)), c))
    return [(column_name(c), shown(c, record.event[c])) for c in columns]


def event_summary(record: HubRecord) -> str:
    return "; ".join(f"{name}: {value}" for name, value in event_rows(record))


def side_by_side(left: HubRecord | None, right: HubRecord | None) -> list[tuple[str, str, str]]:
    """The two records' identity columns, row by row: name, left value, right value."""
    rows = []
    for column in IDENTITY:
        values = [shown(column, getattr(r, column)) if r else NOT_RECORDED for r in (left, right)]
        rows.append((column_name(column), values[0], values[1]))
    return rows


@dataclass(frozen=True)
class EvidenceRow:
    """One source record of an indicator, as the family page lists it."""

    evidence: Evidence
    day: str
    feed: str
    details: str


@dataclass(frozen=True)
class IndicatorSection:
    met: IndicatorMet
    rows: list[EvidenceRow]


@dataclass(frozen=True)
class FlagSection:
    flag: FlagShown
    indicators: list[IndicatorSection]


def flag_sections(flags: Iterable[FlagShown]) -> list[FlagSection]:
    """Each rule set met, each indicator with its source records resolved: feed, date and
    event columns."""
    return [
        FlagSection(
            shown,
            [
                IndicatorSection(
                    met,
                    [
                        EvidenceRow(
                            e,
                            day(e.happened),
                            feed_name(e.feed),
                            event_summary(e.record) if e.record else "No longer held",
                        )
                        for e in met.evidence
                    ],
                )
                for met in shown.indicators
            ],
        )
        for shown in flags
    ]


def by_feed(records: Iterable[tuple[str, list[HubRecord]]]) -> list[tuple[str, list[RecordRows]]]:
    """A person's records by feed, each with its identity and event columns in words."""
    return [
        (feed_name(feed), [RecordRows(r, identity_rows(r), event_rows(r)) for r in held])
        for feed, held in records
    ]


@dataclass(frozen=True)
class RecordRows:
    record: HubRecord
    identity: list[tuple[str, str]]
    event: list[tuple[str, str]]
