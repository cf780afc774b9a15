"""Linking person-level records from every feed into people.

The method is Fellegi-Sunter record linkage as implemented by Splink: exact links on NHS number
and Unique Pupil Number first, then a probabilistic model trained without labels, a match
threshold, a clerical-review band, reviewers' earlier decisions, and clusters (connected
components) that become people. ``docs/hub-linking.md`` describes the method and its measured
accuracy.

The work is built by pure functions (``prepare``: the SQL for derived columns; ``model``: the
Splink settings; ``clusters``: connected components under reviewers' constraints) and executed
by one class, :class:`~trustplan.hubcore.linking.run.LinkRun`. :func:`link` is the short way in.
Where the model is trained and pairs scored, DuckDB or Apache Spark, is ``engines``.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trustplan.hubcore.linking.engines import EngineUnavailableError
    from trustplan.hubcore.linking.run import (
        Conflict,
        Evidence,
        LinkConfig,
        LinkResult,
        LinkRun,
        ReviewerDecision,
        ReviewPair,
        link,
    )

__all__ = [
    "Conflict",
    "EngineUnavailableError",
    "Evidence",
    "LinkConfig",
    "LinkResult",
    "LinkRun",
    "ReviewPair",
    "ReviewerDecision",
    "link",
]


def __getattr__(name: str) -> object:
    # Imported lazily so that ``python -m trustplan.hubcore.linking.run`` runs cleanly and so
    # that importing the package does not load Splink until it is needed.
    if name in __all__:
        from trustplan.hubcore.linking import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
