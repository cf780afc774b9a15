"""Judging an indicator for a board: one area's series in, every judgement with its explanation out.

A pure core with no Django, built on :mod:`trustplan.stats`. Call :func:`assess` with an
:class:`IndicatorSpec`, the area's :class:`Point` series and the assessment date; read the
:class:`Assessment`. The wording lives in :mod:`trustplan.assessment.explain`, so web pages,
reports and the API say the same thing.
"""

from trustplan.assessment.assess import Assessment, assess
from trustplan.assessment.inputs import (
    AreaValues,
    Comparator,
    IndicatorSpec,
    Point,
    RebaseSpec,
    TargetSpec,
)
from trustplan.vocabulary import ComparisonMethod, ValueType

__all__ = [
    "AreaValues",
    "Assessment",
    "Comparator",
    "ComparisonMethod",
    "IndicatorSpec",
    "Point",
    "RebaseSpec",
    "TargetSpec",
    "ValueType",
    "assess",
]
