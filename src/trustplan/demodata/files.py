"""Write the demonstration data as the import files ``docs/data-import.md`` specifies.

The demonstration is loaded through the same import as real data (``trustplan data import``),
so it exercises, and is checked by, the same validation; nothing reaches the database by a side
door, not even the indicators. Five CSV files, imported in this order: ``indicators.csv``,
``areas.csv``, ``comparator-groups.csv``, ``observations.csv`` and ``targets.csv``; the first
defines every indicator, so the rest import into a database that knew none. Every indicator,
observation and target carries the source ``SYNTHETIC demonstration data``, and every definition
starts "Synthetic demonstration measure", so the label travels with the numbers into every page
and export.

Two YAML files describe the indicators too: ``definitions.yaml`` holds, per indicator key,
exactly the fields a plan file's KPI entry may carry (polarity, unit, frequency, source,
definition), to merge into a plan; ``catalogue.yaml`` holds the definitions of
``indicators.csv`` (those fields and name, value type, multiplier, decimal places and comparison
method), as YAML for a reader.

CSV rather than one workbook: a CSV file's bytes depend only on the data, so the same seed gives
byte-identical files, which a workbook's embedded timestamps would not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from trustplan.dataimport.columns import AREAS, GROUPS, INDICATORS, OBSERVATIONS, TARGETS
from trustplan.demodata.areas import AREAS_BY_CODE
from trustplan.demodata.catalogue import DemoIndicator
from trustplan.demodata.generate import DemoData, Observation, Target

# The import template's own columns (trustplan.dataimport), so the files cannot drift from it.
INDICATOR_COLUMNS: Final = tuple(name for name in INDICATORS.names if name != "fingertips_id")
"""The indicators table's columns but ``fingertips_id``: a made-up measure has none."""
OBSERVATION_COLUMNS: Final = OBSERVATIONS.names
TARGET_COLUMNS: Final = TARGETS.names
AREA_COLUMNS: Final = AREAS.names
GROUP_COLUMNS: Final = GROUPS.names

INDICATORS_FILE: Final = "indicators.csv"
AREAS_FILE: Final = "areas.csv"
GROUPS_FILE: Final = "comparator-groups.csv"
OBSERVATIONS_FILE: Final = "observations.csv"
TARGETS_FILE: Final = "targets.csv"
DEFINITIONS_FILE: Final = "definitions.yaml"
CATALOGUE_FILE: Final = "catalogue.yaml"

IMPORT_ORDER: Final = (INDICATORS_FILE, AREAS_FILE, GROUPS_FILE, OBSERVATIONS_FILE, TARGETS_FILE)
"""The import files in the order they must be imported: indicators and areas before the data
that name them."""

_YAML_HEADER: Final = (
    "# SYNTHETIC demonstration definitions, made up for the trustplan demonstration\n"
    "# (seed {seed}); not published statistics. Written by trustplan.demodata.\n"
)


def write_files(data: DemoData, directory: Path) -> tuple[Path, ...]:
    """Write every file into ``directory`` (created if need be); return their paths, the import
    files first, in import order."""
    directory.mkdir(parents=True, exist_ok=True)
    indicators = {indicator.key: indicator for indicator in data.indicators}
    contents = {
        INDICATORS_FILE: _csv(INDICATOR_COLUMNS, indicator_rows(data)),
        AREAS_FILE: _csv(AREA_COLUMNS, area_rows(data)),
        GROUPS_FILE: _csv(GROUP_COLUMNS, group_rows(data)),
        OBSERVATIONS_FILE: _csv(
            OBSERVATION_COLUMNS,
            (observation_row(o, indicators[o.indicator], data.source) for o in data.observations),
        ),
        TARGETS_FILE: _csv(
            TARGET_COLUMNS,
            (target_row(t, indicators[t.indicator], data.source) for t in data.targets),
        ),
        DEFINITIONS_FILE: definitions_yaml(data),
        CATALOGUE_FILE: catalogue_yaml(data),
    }
    paths = []
    for name, text in contents.items():
        path = directory / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return tuple(paths)


def indicator_fields(indicator: DemoIndicator, source: str) -> dict[str, Any]:
    """Every field of an indicator's definition, named as the indicators table's columns are;
    one list for ``indicators.csv`` and ``catalogue.yaml``, so the two cannot disagree."""
    return {
        "key": indicator.key,
        "name": indicator.name,
        "polarity": indicator.polarity.value,
        "unit": indicator.unit,
        "frequency": indicator.frequency.value,
        "value_type": indicator.value_type.value,
        "multiplier": indicator.multiplier,
        "decimals": indicator.decimals,
        "comparison_method": indicator.comparison.value,
        "source": source,
        "definition": indicator.definition,
    }


def indicator_rows(data: DemoData) -> list[list[str]]:
    """The rows of ``indicators.csv``, in the order of ``INDICATOR_COLUMNS``."""
    rows = []
    for indicator in data.indicators:
        fields = indicator_fields(indicator, data.source)
        rows.append([str(fields[column]) for column in INDICATOR_COLUMNS])
    return rows


def area_rows(data: DemoData) -> list[list[str]]:
    return [[a.code, a.name, a.kind.value, a.parent_code or ""] for a in data.areas]


def group_rows(data: DemoData) -> list[list[str]]:
    group = data.group
    return [
        [group.code, group.name, group.kind, member, str(rank)]
        for rank, member in enumerate(group.members, start=1)
    ]


def observation_row(observation: Observation, indicator: DemoIndicator, source: str) -> list[str]:
    """One row of ``observations.csv``, in the order of ``OBSERVATION_COLUMNS``."""
    area = AREAS_BY_CODE[observation.area_code]
    lower_95, upper_95 = observation.ci_95 or (None, None)
    lower_99_8, upper_99_8 = observation.ci_99_8 or (None, None)
    return [
        observation.indicator,
        area.code,
        area.name,
        area.kind.value,
        observation.period.label,
        _number(observation.value, indicator.decimals),
        _whole(observation.numerator),
        _whole(observation.denominator),
        *(
            _number(value, indicator.decimals)
            for value in (lower_95, upper_95, lower_99_8, upper_99_8)
        ),
        observation.status.value,
        source,
        observation.note,
    ]


def target_row(target: Target, indicator: DemoIndicator, source: str) -> list[str]:
    """One row of ``targets.csv``, in the order of ``TARGET_COLUMNS``."""
    return [
        target.indicator,
        target.area_code,
        target.due.isoformat(),
        _number(target.value, indicator.decimals),
        target.tolerance.text(indicator.decimals) if target.tolerance is not None else "",
        target.label,
        source,
    ]


def definitions_yaml(data: DemoData) -> str:
    """Indicator key → the definition fields of a plan file's KPI entry, as YAML to merge."""
    return _yaml(
        data,
        {
            i.key: {
                "polarity": i.polarity.value,
                "unit": i.unit,
                "frequency": i.frequency.value,
                "source": data.source,
                "definition": i.definition,
            }
            for i in data.indicators
        },
    )


def catalogue_yaml(data: DemoData) -> str:
    """Indicator key → every other field of its definition, as YAML."""
    catalogue = {}
    for indicator in data.indicators:
        fields = indicator_fields(indicator, data.source)
        del fields["key"]
        catalogue[indicator.key] = fields
    return _yaml(data, catalogue)


def _yaml(data: DemoData, mapping: dict[str, dict[str, Any]]) -> str:
    body = yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100)
    return _YAML_HEADER.format(seed=data.seed) + body


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _number(value: float | None, decimals: int) -> str:
    """A value to the indicator's decimal places; blank for none (missing, never 0)."""
    return "" if value is None else f"{value:.{decimals}f}"


def _whole(value: int | None) -> str:
    return "" if value is None else str(value)
