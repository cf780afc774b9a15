"""Synthetic demonstration data for every KPI of the 2020-23 example plan, clearly labelled.

The demonstration needs indicator data with something in it for the statistics to find: series
for Portsmouth, England, the region and statistical neighbours, targets, and real signals (a
shift, a trend, an outlier, a missing period, provisional data). None of it is real, and it
says so in the data itself: every indicator, observation and target has the source
``SYNTHETIC demonstration data`` and every definition starts "Synthetic demonstration measure".

A pure core with no Django: ``generate`` makes the data from a seed (``DemoData``), and
``write_files`` writes it as the import files of ``docs/data-import.md``, the indicator
definitions first, and the definitions as YAML too. ``python -m trustplan.demodata OUTDIR
--seed N`` does both, to inspect.

- ``catalogue``: the indicator definitions in ``indicators.yaml``, validated;
- ``areas``: the areas and the statistical-neighbour group, with their ONS codes;
- ``generate``: the series, signals and targets;
- ``files``: the import files (indicators, areas, groups, observations, targets) and
  definition YAML.
"""

from trustplan.demodata.areas import AREAS, GROUP, ComparatorGroup, DemoArea
from trustplan.demodata.catalogue import DemoIndicator, load_catalogue
from trustplan.demodata.files import IMPORT_ORDER, definitions_yaml, write_files
from trustplan.demodata.generate import (
    DEFAULT_SEED,
    SIGNALS,
    SYNTHETIC_SOURCE,
    DemoData,
    Observation,
    PlantedSignal,
    SignalKind,
    SignalSpec,
    Status,
    Target,
    TargetOutcome,
    Tolerance,
    generate,
    judge,
    plan_indicator_keys,
    reporting_periods,
)
from trustplan.vocabulary import ToleranceKind

__all__ = [
    "AREAS",
    "DEFAULT_SEED",
    "GROUP",
    "IMPORT_ORDER",
    "SIGNALS",
    "SYNTHETIC_SOURCE",
    "ComparatorGroup",
    "DemoArea",
    "DemoData",
    "DemoIndicator",
    "Observation",
    "PlantedSignal",
    "SignalKind",
    "SignalSpec",
    "Status",
    "Target",
    "TargetOutcome",
    "Tolerance",
    "ToleranceKind",
    "definitions_yaml",
    "generate",
    "judge",
    "load_catalogue",
    "plan_indicator_keys",
    "reporting_periods",
    "write_files",
]
