"""How actions' ratings roll up to their objective, and objectives' to the priority.

The rule is the usual convention of council performance reports, "the overall rating is the
worst of its parts", made explicit so that a board can see why a priority is amber:

- nothing rated: not rated;
- everything complete: complete (blue);
- otherwise the worst rating of the parts still open, where an overdue open action counts as red
  whatever its owner said; complete parts count as green.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from trustplan.documents.content import Rating

SEVERITY = [Rating.RED, Rating.AMBER, Rating.GREEN]
RULE = (
    "The worst rating of its parts: red if any is red (an overdue action counts as red), "
    "else amber if any is amber, else green; complete when all are complete."
)


@dataclass(frozen=True)
class Part:
    rating: Rating
    overdue: bool = False


@dataclass(frozen=True)
class Rolled:
    rating: Rating
    explanation: str


def roll_up(parts: Sequence[Part], noun: str) -> Rolled:
    """The overall rating of `parts` (e.g. noun="action") and a sentence saying why."""
    rated = [p for p in parts if p.rating != Rating.NOT_RATED or p.overdue]
    if not rated:
        return Rolled(Rating.NOT_RATED, f"Not rated: no {noun} has a rating yet.")
    if all(p.rating == Rating.BLUE and not p.overdue for p in rated):
        return Rolled(
            Rating.BLUE,
            f"Complete: its 1 {noun} is complete."
            if len(rated) == 1
            else f"Complete: all {len(rated)} {noun}s are complete.",
        )
    effective = [Rating.RED if p.overdue else _open_rating(p.rating) for p in rated]
    worst = min(effective, key=SEVERITY.index)
    counts = Counter(effective)
    overdue = sum(p.overdue for p in rated)
    verb = "is" if counts[worst] == 1 else "are"
    because = (
        f"{counts[worst]} of {len(rated)} {_plural(noun, len(rated))} {verb} {worst.label.lower()}"
    )
    if worst == Rating.RED and overdue:
        because += f" ({overdue} overdue)"
    return Rolled(worst, f"{worst.label} because {because}.")


def _open_rating(rating: Rating) -> Rating:
    return Rating.GREEN if rating == Rating.BLUE else rating


def _plural(noun: str, count: int) -> str:
    return noun if count == 1 else f"{noun}s"
