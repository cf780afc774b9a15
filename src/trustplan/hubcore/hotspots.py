"""Hotspots: how many families meet each rule set in each locality, as a rate, suppressed.

For each rule set and locality: the families meeting it, the families in the locality (the
denominator), and the rate per 1,000 families with its Wilson 95% confidence interval. Every
family meeting a rule set counts, including families already open to early help or social care
(the work list leaves those out; a hotspot is about where need is, known or not). Families the
hub could not place in a locality are a row of their own, so the rows add up to the partnership.

All the rule sets' tables are suppressed together (:func:`trustplan.disclosure.grids`): each is
a breakdown of the same localities' families into those meeting the rule set and those not, so
a locality's number of families is one figure, withheld everywhere or nowhere. A rate is
withheld with its count (:func:`trustplan.disclosure.rate`).

Pure: the counts come in as plain numbers (``trustplan.hub.aggregates`` reads them from the
current family run). These are aggregates: no family id or person goes in or comes out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from trustplan.disclosure import (
    FOOTNOTE,
    MARKER,
    TOTAL,
    Published,
    Rate,
    Suppressed,
    cell,
    grids,
    rate,
    suppress,
)

NOT_KNOWN: Final = "Locality not known"
PARTNERSHIP: Final = "All localities"
PER: Final = 1000
MEETS: Final = "meets"
DOES_NOT: Final = "does not meet"
CSV_HEADER: Final = (
    "rule_set",
    "locality",
    "families",
    "families_meeting",
    "rate_per_1000_families",
    "lower_95",
    "upper_95",
    "notes",
)


@dataclass(frozen=True)
class LocalityCount:
    """A locality's families, and how many of them meet each rule set (by key)."""

    locality: str
    families: int
    meeting: Mapping[str, int]


@dataclass(frozen=True)
class HotspotRow:
    locality: str
    families: Published
    meeting: Published
    rate: Rate | Suppressed | None
    """``None`` where the locality has no families."""


@dataclass(frozen=True)
class RuleHotspots:
    rule_key: str
    title: str
    rows: tuple[HotspotRow, ...]
    partnership: HotspotRow


@dataclass(frozen=True)
class Hotspots:
    as_at: date
    rules: tuple[RuleHotspots, ...]

    def rule(self, key: str) -> RuleHotspots:
        for rule in self.rules:
            if rule.rule_key == key:
                return rule
        raise KeyError(key)


def hotspots(counts: Sequence[LocalityCount], rules: Mapping[str, str], as_at: date) -> Hotspots:
    """The suppressed hotspot tables of ``rules`` (key: title) over ``counts``' localities.

    ``ValueError`` if a locality is named twice or has more families meeting a rule set than
    families, or if there are no localities or no rule sets."""
    names = [count.locality for count in counts]
    if not names or not rules:
        raise ValueError("hotspots need at least one locality and one rule set")
    if len(set(names)) != len(names) or PARTNERSHIP in names:
        raise ValueError("each locality must be listed once")
    breakdowns = {}
    for key in rules:
        rows = []
        for count in counts:
            meeting = count.meeting.get(key, 0)
            if not 0 <= meeting <= count.families:
                raise ValueError(
                    f"{count.locality}: more families meet {key} than live there, or fewer "
                    "than none"
                )
            rows.append([meeting, count.families - meeting])
        breakdowns[key] = ([MEETS, DOES_NOT], rows)
    disclosed = suppress(grids(names, breakdowns))

    def row(key: str, locality: str, label: str) -> HotspotRow:
        families = disclosed[cell(locality, TOTAL, key)]
        meeting = disclosed[cell(locality, MEETS, key)]
        return HotspotRow(label, families, meeting, rate(meeting, families, per=PER))

    return Hotspots(
        as_at,
        tuple(
            RuleHotspots(
                key,
                title,
                tuple(row(key, name, name) for name in names),
                row(key, TOTAL, PARTNERSHIP),
            )
            for key, title in rules.items()
        ),
    )


def csv_rows(found: Hotspots) -> list[list[str]]:
    """The tables as rows under ``CSV_HEADER``: plain numbers, ``[c]`` where a figure is
    withheld (with the footnote in ``notes``), nothing where there is no rate."""
    rows = []
    for rule in found.rules:
        for line in (*rule.rows, rule.partnership):
            figures = [line.families, line.meeting, line.rate]
            withheld = any(isinstance(figure, Suppressed) for figure in figures)
            rows.append(
                [
                    rule.rule_key,
                    line.locality,
                    _plain(line.families),
                    _plain(line.meeting),
                    *_rate_cells(line.rate),
                    FOOTNOTE if withheld else "",
                ]
            )
    return rows


def _plain(figure: Published) -> str:
    return MARKER if figure.value is None else str(figure.value)


def _rate_cells(figure: Rate | Suppressed | None) -> list[str]:
    if figure is None:
        return ["", "", ""]
    if isinstance(figure, Suppressed):
        return [MARKER, MARKER, MARKER]
    return [f"{figure.value:.1f}", f"{figure.lower:.1f}", f"{figure.upper:.1f}"]
