"""Indicator data import: read a CSV or XLSX file and check every row, without a database.

A pure core, as docs/data-import.md describes it: `read_import` takes a file's bytes and a
`Catalogue` (what the database knows) and returns an `ImportBatch` of typed records (indicator
definitions, observations, targets, areas, comparator group members) and every rejected row with
its reason. ``trustplan.measures.importing`` compares a batch with the database and applies it,
all or nothing.
"""

from trustplan.dataimport.catalogue import Catalogue, IndicatorSpec
from trustplan.dataimport.records import (
    AreaRecord,
    GroupMemberRecord,
    IndicatorRecord,
    ObservationRecord,
    TargetRecord,
)
from trustplan.dataimport.rules import Rejection
from trustplan.dataimport.templates import template_csv, template_xlsx
from trustplan.dataimport.validate import ImportBatch, read_import
from trustplan.vocabulary import (
    AreaKind,
    ComparisonMethod,
    Frequency,
    ObservationStatus,
    ToleranceKind,
    ValueType,
)

__all__ = [
    "AreaKind",
    "AreaRecord",
    "Catalogue",
    "ComparisonMethod",
    "Frequency",
    "GroupMemberRecord",
    "ImportBatch",
    "IndicatorRecord",
    "IndicatorSpec",
    "ObservationRecord",
    "ObservationStatus",
    "Rejection",
    "TargetRecord",
    "ToleranceKind",
    "ValueType",
    "read_import",
    "template_csv",
    "template_xlsx",
]
