"""Assigning areas to quantiles (quartiles, quintiles, deciles…) as PHEindicatormethods does.

In PHEindicatormethods ``phe_quantile`` quantile 1 holds the worst values: the lowest when high is
good, the highest when low is good (``invert``). This is the opposite numbering from Fingertips'
quintile benchmarking (:func:`trustplan.stats.benchmark.quintile_category`), where 1 is best.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from trustplan.vocabulary import Polarity


def invert_for_polarity(polarity: Polarity) -> bool:
    """Whether ``phe_quantile`` should invert for this polarity, so that quantile 1 is the worst.

    Method: the mapping of PHEindicatormethods' test data, "RAG - Low is good" → invert and
    "RAG - High is good" → do not invert.

    Raises:
        ValueError: for ``no_judgement``, which has no worst end; pass ``invert`` explicitly.
    """
    if polarity is Polarity.NO_JUDGEMENT:
        raise ValueError(
            "polarity no_judgement has no worst end to number from; choose invert explicitly"
        )
    return polarity is Polarity.LOW_IS_GOOD


def assign_quantiles(
    values: Sequence[float | None], n_quantiles: int, *, invert: bool
) -> list[int | None]:
    """The quantile (1 to ``n_quantiles``) of each value within ``values``, one group's worth.

    Method: PHEindicatormethods ``phe_quantile`` (Fingertips technical guide "Assigning
    Deprivation Categories"). With N the number of non-missing values and rank the minimum rank
    (ties share the lowest rank) of the value, or of its negative when ``invert`` is True:
    quantile = floor((n + 1) − ceiling(((N + 1) − rank)/(N/n))), with 0 raised to 1. Missing values
    get None, and so does every value when N is below ``n_quantiles``.

    Raises:
        ValueError: if ``n_quantiles`` is below 2.
    """
    if n_quantiles < 2:
        raise ValueError(f"n_quantiles must be at least 2; got {n_quantiles!r}")

    def ranked(value: float) -> float:
        return -value if invert else value

    present = [ranked(value) for value in values if value is not None]
    if len(present) < n_quantiles:
        return [None] * len(values)
    ranks = _minimum_ranks(present)
    return [
        None if value is None else _quantile(ranks[ranked(value)], len(present), n_quantiles)
        for value in values
    ]


def _minimum_ranks(keys: Sequence[float]) -> dict[float, int]:
    """Each distinct key's 1-based rank in ascending order, ties taking the lowest (R's "min")."""
    ranks: dict[float, int] = {}
    for position, key in enumerate(sorted(keys), start=1):
        ranks.setdefault(key, position)
    return ranks


def _quantile(rank: int, count: int, n_quantiles: int) -> int:
    """floor((n + 1) − ceiling(((N + 1) − rank)/(N/n))) and at least 1, in phe_quantile's order."""
    per_quantile = count / n_quantiles
    return max(1, math.floor((n_quantiles + 1) - math.ceil(((count + 1) - rank) / per_quantile)))
