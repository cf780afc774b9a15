"""Write the demonstration data as the import files ``docs/data-import.md`` specifies.

The demonstration is loaded through the same import as real data (``trustplan data import``),
so it exercises, and is checked by, the same validation; nothing reaches the database by a side
door. Four CSV files, imported in this order: ``areas.csv``, ``comparator-groups.csv``,
``observations.csv`` and ``targets.csv``. Every observation and target carries the source
``SYNTHETIC demonstration data``, so the label travels with the numbers into every page and
export.

Two YAML files describe the indicators: ``definitions.yaml`` holds, per indicator key, exactly
the fields a plan file's KPI entry may carry (polarity, unit, frequency, source, definition), to
merge into a plan; ``catalogue.yaml`` holds every field an indicator record needs (adding name,
value type, multiplier, decimal places and comparison method), to create the indicators before
their data are imported.

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

from trustplan.demodata.areas import AREAS_BY_CODE
from trustplan.demodata.catalogue import DemoIndicator
from trustplan.demodata.generate import DemoData, Observation, Target

OBSERVATION_COLUMNS: Final = (
    "indicator",
    "area_code",
    "area_name",
    "area_kind",
    "period",
    "value",
    "numerator",
    "denominator",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "status",
    "source",
    "note",
)
TARGET_COLUMNS: Final = ("indicator", "area_code", "due", "target", "tolerance", "label", "source")
AREA_COLUMNS: Final = ("area_code", "area_name", "area_kind", "parent_code")
GROUP_COLUMNS: Final = ("group_code", "group_name", "group_kind", "member_code", "rank")

AREAS_FILE: Final = "areas.csv"
GROUPS_FILE: Final = "comparator-groups.csv"
OBSERVATIONS_FILE: Final = "observations.csv"
TARGETS_FILE: Final = "targets.csv"
DEFINITIONS_FILE: Final = "definitions.yaml"
CATALOGUE_FILE: Final = "catalogue.yaml"

IMPORT_ORDER: Final = (AREAS_FILE, GROUPS_FILE, OBSERVATIONS_FILE, TARGETS_FILE)
"""The import files in the order they must be imported: areas before the data that name them."""

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
    """Indicator key → every field of an indicator record, as YAML."""
    return _yaml(
        data,
        {
            i.key: {
                "name": i.name,
                "polarity": i.polarity.value,
                "unit": i.unit,
                "frequency": i.frequency.value,
                "source": data.source,
                "definition": i.definition,
                "value_type": i.value_type.value,
                "multiplier": i.multiplier,
                "decimals": i.decimals,
                "comparison_method": i.comparison.value,
            }
            for i in data.indicators
        },
    )


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
