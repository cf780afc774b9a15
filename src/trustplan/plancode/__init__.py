"""Plan as code: the plan file schema, reading it with line numbers, and its consistency rules.

A pure core with no Django: it turns a YAML file into a validated ``PlanDocument`` and a report of
what it lists and what is wrong with it. ``trustplan.plans`` stores documents in the database.
"""

from trustplan.plancode.counts import PlanCounts, count_plan
from trustplan.plancode.dump import dump_document
from trustplan.plancode.rules import Finding, Severity
from trustplan.plancode.schema import SCHEMA_VERSION, PlanDocument
from trustplan.plancode.validate import ValidationReport, validate_file, validate_text

__all__ = [
    "SCHEMA_VERSION",
    "Finding",
    "PlanCounts",
    "PlanDocument",
    "Severity",
    "ValidationReport",
    "count_plan",
    "dump_document",
    "validate_file",
    "validate_text",
]
