"""Self-assessment frameworks: their YAML file, and the summary table of a round's scores.

A pure core with no Django: ``trustplan.selfassessment`` stores frameworks and runs rounds, and
asks this package what a framework says and what a round's scores add up to.
"""

from trustplan.frameworks.reading import (
    EARLY_HELP_2020,
    SHIPPED,
    FrameworkError,
    load_framework,
    shipped_path,
    shipped_text,
)
from trustplan.frameworks.schema import Area, Descriptor, Framework, ScalePoint
from trustplan.frameworks.summary import Comparison, Summary, UnknownScoreError, compare, summarise
from trustplan.plancode.yamlmodels import Problem

__all__ = [
    "EARLY_HELP_2020",
    "SHIPPED",
    "Area",
    "Comparison",
    "Descriptor",
    "Framework",
    "FrameworkError",
    "Problem",
    "ScalePoint",
    "Summary",
    "UnknownScoreError",
    "compare",
    "load_framework",
    "shipped_path",
    "shipped_text",
    "summarise",
]
