"""Write the hub's partnership-level counts to the plan's indicators, as an import would.

``trustplan.hubcore.kpis`` counts the measures on the linked facts; a mapping names the plan
indicator each measure feeds, and the area the values are for. The counts are written as an
observations file in trustplan's own import format and applied by
``trustplan.measures.importing.import_file``, so they are checked, revised and recorded exactly
as an analyst's upload is, and the ``data_applied`` signal fires when they are committed.

A withheld count (1 to 4) is written as no value, with a note saying why: the indicator shows a
gap, never a small number and never a zero.

Each value is for the period of the indicator's own reporting (the kind of its latest value for
the area, or its frequency's usual kind) that ends on the date, since the counts are as at that
date: a monthly indicator takes ``--as-at 2024-03-31`` as March 2024.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import yaml

from trustplan.disclosure import FOOTNOTE, Shown
from trustplan.hub.aggregates import current_run, rule_titles
from trustplan.hubcore.kpis import DOMESTIC_ABUSE_INDICATOR, KpiCount, kpi_counts
from trustplan.hubcore.rules import Facts, shipped_rule_sets
from trustplan.measures.importing import ImportOutcome, import_file
from trustplan.measures.models import Area, Indicator, Observation
from trustplan.periods import (
    Period,
    PeriodKind,
    academic_term,
    academic_year,
    calendar_quarter,
    financial_quarter,
    financial_year,
    month,
)
from trustplan.vocabulary import Frequency

DEFAULT_MAPPING: Final = Path(__file__).with_name("kpi-mapping.yaml")
SOURCE: Final = "Family intelligence hub"
KIND_OF_FREQUENCY: Final = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.FINANCIAL_QUARTER,
    Frequency.TERMLY: PeriodKind.ACADEMIC_TERM,
    Frequency.ANNUAL: PeriodKind.FINANCIAL_YEAR,
    Frequency.ACADEMIC_YEAR: PeriodKind.ACADEMIC_YEAR,
}
"""The kind of period an indicator with no values yet is written in (the import's defaults)."""


class KpiError(ValueError):
    """The mapping, the indicators or the date will not do; the message says what to change."""


@dataclass(frozen=True)
class KpiMapping:
    area_code: str
    indicators: dict[str, str]
    """Measure key to indicator key."""


def read_mapping(path: Path) -> KpiMapping:
    """The mapping file: ``area_code`` and ``indicators`` (measure key: indicator key)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KpiError(f"{path} cannot be read as YAML: {error}") from error
    if not isinstance(document, dict) or set(document) != {"area_code", "indicators"}:
        raise KpiError(f"{path} must have exactly two keys, area_code and indicators")
    indicators = document["indicators"]
    if (
        not isinstance(indicators, dict)
        or not indicators
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in indicators.items())
    ):
        raise KpiError(
            f"{path}: indicators must map at least one measure's key to an indicator's key"
        )
    return KpiMapping(str(document["area_code"]), dict(indicators))


def period_ending(kind: PeriodKind, day: dt.date) -> Period | None:
    """The period of ``kind`` whose last day is ``day``, if there is one."""
    years = (day.year - 1, day.year)
    candidates = [
        month(day.year, day.month),
        *(calendar_quarter(day.year, q) for q in range(1, 5)),
        *(financial_quarter(y, q) for y in years for q in range(1, 5)),
        *(financial_year(y) for y in years),
        *(academic_year(y) for y in years),
        *(academic_term(term, y) for y in years for term in ("autumn", "spring", "summer")),
        Period(PeriodKind.CALENDAR_YEAR, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)),
    ]
    return next((p for p in candidates if p.kind is kind and p.end == day), None)


def _period(indicator: Indicator, area: Area, day: dt.date) -> Period:
    latest = (
        Observation.objects.filter(indicator=indicator, area=area)
        .order_by("-period_end")
        .values_list("period_kind", flat=True)
        .first()
    )
    if latest:
        kind = PeriodKind(latest)
    elif indicator.frequency:
        kind = KIND_OF_FREQUENCY[Frequency(indicator.frequency)]
    else:
        kind = PeriodKind.MONTH
    period = period_ending(kind, day)
    if period is None:
        raise KpiError(
            f"{indicator.key} is reported by {kind.label.lower()}, and {day.isoformat()} is not "
            "the last day of one: give the last day of the period the counts are for."
        )
    return period


def observation_rows(
    counts: list[KpiCount], mapping: KpiMapping, day: dt.date
) -> list[dict[str, str]]:
    """One observation row per mapped measure, in the import's observation format."""
    known = {count.key: count for count in counts}
    unknown_measures = sorted(set(mapping.indicators) - set(known))
    if unknown_measures:
        raise KpiError(
            f"the mapping names measures the hub does not count: {', '.join(unknown_measures)} "
            f"(the measures are {', '.join(known)})"
        )
    indicators = Indicator.objects.in_bulk(list(mapping.indicators.values()), field_name="key")
    unknown = sorted(set(mapping.indicators.values()) - set(indicators))
    if unknown:
        raise KpiError(
            f"no indicator has the key {', '.join(unknown)}: define it first (trustplan data "
            "import) or change the mapping"
        )
    area = Area.objects.filter(code=mapping.area_code).first()
    if area is None:
        raise KpiError(f"no area has the code {mapping.area_code}: import the area first")
    rows = []
    for measure, indicator_key in mapping.indicators.items():
        count = known[measure]
        period = _period(indicators[indicator_key], area, day)
        shown = isinstance(count.value, Shown)
        rows.append(
            {
                "indicator": indicator_key,
                "area_code": area.code,
                "period": period.label,
                "value": str(count.value.value) if shown else "",
                "source": SOURCE,
                "note": f"Hub: {count.label}." + ("" if shown else f" {FOOTNOTE}"),
            }
        )
    return rows


def write_kpis(
    day: dt.date,
    *,
    facts: Facts,
    mapping: KpiMapping,
    dry_run: bool = False,
) -> tuple[list[KpiCount], ImportOutcome]:
    """Count the measures on ``day`` and import the mapped ones (a dry run changes nothing)."""
    shipped = shipped_rule_sets()
    run = current_run()
    keys = list(rule_titles(run)) if run is not None else list(shipped)
    rule_sets = {key: shipped[key] for key in keys if key in shipped}
    domestic_abuse = shipped[DOMESTIC_ABUSE_INDICATOR[0]]
    counts = kpi_counts(facts, day, rule_sets, domestic_abuse)
    rows = observation_rows(counts, mapping, day)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    outcome = import_file(
        out.getvalue().encode("utf-8"),
        f"hub-kpis-{day.isoformat()}.csv",
        how="trustplan hub kpis",
        dry_run=dry_run,
    )
    return counts, outcome
