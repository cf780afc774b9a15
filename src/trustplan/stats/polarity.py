"""Which direction of an indicator is better: the polarity every judgement in trustplan respects.

The string values are the plan schema's (``src/trustplan/plancode/schema.py``), so a polarity read
from a plan file can be passed straight to the statistics. They correspond to Fingertips' polarity
ids: ``low_is_good`` is "RAG - Low is good" (0), ``high_is_good`` is "RAG - High is good" (1) and
``no_judgement`` is "BOB" blue-orange-blue (99), where a difference is reported as higher or lower
rather than better or worse.
"""

from __future__ import annotations

from enum import StrEnum


class Polarity(StrEnum):
    """Which direction is better, in Fingertips' terms."""

    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NO_JUDGEMENT = "no_judgement"
