"""The summary table of a self-assessment, and how two rounds' tables compare.

The table is the one a partnership reports: "Self-assessment Area (No. of descriptors) | Yes |
Mostly Yes | Mostly No | No" (the September 2020 agenda pack, item 8, para 3.5). It counts the
final, moderated scores only; a descriptor without one is counted as not yet agreed, never
guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from trustplan.frameworks.schema import Framework, ScalePoint

_T = TypeVar("_T")
ALL_AREAS = "All areas"


class UnknownScoreError(ValueError):
    """Final scores that the framework cannot hold: counting them anyway would hide an error."""


@dataclass(frozen=True)
class AreaRow:
    key: str
    title: str
    descriptors: int
    counts: tuple[int, ...]  # one per scale point, in the scale's order
    unscored: int

    @property
    def label(self) -> str:
        """The row's heading as the agenda pack writes it, e.g. "Whole-family practice (10)"."""
        return f"{self.title} ({self.descriptors})"


@dataclass(frozen=True)
class Summary:
    scale: tuple[ScalePoint, ...]
    rows: tuple[AreaRow, ...]

    @property
    def total(self) -> AreaRow:
        """Every area added together, for comparing rounds at a glance."""
        return AreaRow(
            key="",
            title=ALL_AREAS,
            descriptors=sum(r.descriptors for r in self.rows),
            counts=tuple(
                sum(column) for column in zip(*(r.counts for r in self.rows), strict=True)
            ),
            unscored=sum(r.unscored for r in self.rows),
        )

    @property
    def complete(self) -> bool:
        """Every descriptor has its final score."""
        return self.total.unscored == 0

    def counts_by_key(self) -> dict[str, dict[str, int]]:
        """``{area key: {scale key: count}}``: the table as plain data."""
        keys = [point.key for point in self.scale]
        return {row.key: dict(zip(keys, row.counts, strict=True)) for row in self.rows}


def summarise(framework: Framework, final_scores: Mapping[str, str]) -> Summary:
    """Count each area's final scores per scale point: `final_scores` maps descriptor code to
    scale key. A code or scale key the framework does not have raises ``UnknownScoreError``."""
    keys = [point.key for point in framework.scale]
    codes = {descriptor.code for descriptor in framework.descriptors()}
    strangers = sorted(set(final_scores) - codes)
    if strangers:
        raise UnknownScoreError(f"{framework.key} has no descriptor {', '.join(strangers)}")
    off_scale = sorted(set(final_scores.values()) - set(keys))
    if off_scale:
        raise UnknownScoreError(f"{framework.key}'s scale has no point {', '.join(off_scale)}")
    rows = []
    for area in framework.areas:
        given = [final_scores[d.code] for d in area.descriptors if d.code in final_scores]
        tally = Counter(given)
        rows.append(
            AreaRow(
                key=area.key,
                title=area.title,
                descriptors=len(area.descriptors),
                counts=tuple(tally[key] for key in keys),
                unscored=len(area.descriptors) - len(given),
            )
        )
    return Summary(scale=tuple(framework.scale), rows=tuple(rows))


@dataclass(frozen=True)
class PointChange:
    key: str
    label: str
    earlier: int | None  # None: that round's framework has no such area or scale point
    later: int | None

    @property
    def change(self) -> int | None:
        if self.earlier is None or self.later is None:
            return None
        return self.later - self.earlier


@dataclass(frozen=True)
class AreaChange:
    key: str
    title: str
    earlier_descriptors: int | None
    later_descriptors: int | None
    points: tuple[PointChange, ...]


@dataclass(frozen=True)
class Comparison:
    scale: tuple[ScalePoint, ...]
    areas: tuple[AreaChange, ...]
    total: AreaChange


def compare(earlier: Summary, later: Summary) -> Comparison:
    """Two rounds' counts side by side, area by area and scale point by scale point.

    Areas and scale points are matched by key, so rounds scored against different versions of a
    framework compare where they overlap. What only one round has is shown against nothing
    (``None``), never against a made-up zero: an area added in a later version did not score 0.
    """
    scale = _merged(later.scale, earlier.scale, lambda point: point.key)
    before = {row.key: row for row in earlier.rows}
    after = {row.key: row for row in later.rows}
    keys = _merged([row.key for row in later.rows], [row.key for row in earlier.rows], str)
    areas = tuple(
        _area_change(scale, earlier, before.get(key), later, after.get(key)) for key in keys
    )
    total = _area_change(scale, earlier, earlier.total, later, later.total)
    return Comparison(scale=tuple(scale), areas=areas, total=total)


def _area_change(
    scale: list[ScalePoint],
    earlier: Summary,
    before: AreaRow | None,
    later: Summary,
    after: AreaRow | None,
) -> AreaChange:
    named = after or before
    assert named is not None  # noqa: S101 -- every key comes from one of the two rounds
    return AreaChange(
        key=named.key,
        title=named.title,
        earlier_descriptors=before.descriptors if before else None,
        later_descriptors=after.descriptors if after else None,
        points=tuple(
            PointChange(
                point.key,
                point.label,
                _count(earlier, before, point.key),
                _count(later, after, point.key),
            )
            for point in scale
        ),
    )


def _count(summary: Summary, row: AreaRow | None, scale_key: str) -> int | None:
    keys = [point.key for point in summary.scale]
    if row is None or scale_key not in keys:
        return None
    return row.counts[keys.index(scale_key)]


def _merged(first: Iterable[_T], second: Iterable[_T], key: Callable[[_T], str]) -> list[_T]:
    """`first`, then whatever of `second` it lacks (by `key`), each in its own order."""
    merged = list(first)
    seen = {key(item) for item in merged}
    merged.extend(item for item in second if key(item) not in seen)
    return merged
