"""Read an indicator's stored data into ``trustplan.assessment`` and judge it.

The judging itself is the pure core's; this module only turns rows into its plain inputs:
the area's series (one period kind), its targets and rebases, and the comparators: England,
the area's region, and every comparator group (statistical neighbours, CIPFA), each with its
members' values for placing the area among them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from trustplan.assessment import (
    AreaValues,
    Assessment,
    Comparator,
    ComparisonMethod,
    IndicatorSpec,
    Point,
    RebaseSpec,
    TargetSpec,
    ValueType,
    assess,
)
from trustplan.measures.models import (
    Area,
    Indicator,
    Observation,
    Rebase,
    Target,
)
from trustplan.periods import Period, PeriodKind
from trustplan.stats.rag import NO_TOLERANCE, Tolerance
from trustplan.stats.rag import ToleranceKind as StatsToleranceKind
from trustplan.vocabulary import AreaKind, ObservationStatus, Polarity, ToleranceKind

ENGLAND = "E92000001"
# The period kind an indicator's frequency is reported in, when its data mix kinds.
KIND_FOR_FREQUENCY = {
    "monthly": PeriodKind.MONTH,
    "quarterly": PeriodKind.FINANCIAL_QUARTER,
    "termly": PeriodKind.ACADEMIC_TERM,
    "annual": PeriodKind.FINANCIAL_YEAR,
    "academic_year": PeriodKind.ACADEMIC_YEAR,
}


def indicator_spec(indicator: Indicator) -> IndicatorSpec:
    return IndicatorSpec(
        key=indicator.key,
        name=indicator.name,
        polarity=Polarity(indicator.polarity) if indicator.polarity else None,
        value_type=ValueType(indicator.value_type or ValueType.SCORE),
        multiplier=indicator.multiplier,
        decimals=indicator.decimals,
        unit=indicator.unit,
        comparison=ComparisonMethod(indicator.comparison_method),
    )


# The stored fields a judgement reads, in the order point_from_row takes them.
POINT_FIELDS = (
    "period_kind",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "status",
)


def point_from_row(row: Sequence[Any]) -> Point:
    """A point from POINT_FIELDS' values, as ``values_list`` reads them (no model instance)."""
    kind, start, end, value, numerator, denominator, lower, upper, lower_998, upper_998, status = (
        row
    )
    return Point(
        period=Period(PeriodKind(kind), start, end),
        value=value,
        numerator=numerator,
        denominator=denominator,
        lower_95=lower,
        upper_95=upper,
        lower_99_8=lower_998,
        upper_99_8=upper_998,
        provisional=status == ObservationStatus.PROVISIONAL,
    )


def point(observation: Observation) -> Point:
    return point_from_row([getattr(observation, name) for name in POINT_FIELDS])


def series_kind(indicator: Indicator, kinds: Iterable[str]) -> str | None:
    """The period kind to judge: the frequency's, if stored, else the commonest stored."""
    counts = Counter(kinds)
    preferred = KIND_FOR_FREQUENCY.get(indicator.frequency)
    if preferred is not None and counts[preferred.value]:
        return preferred.value
    return counts.most_common(1)[0][0] if counts else None


def target_spec(target: Target) -> TargetSpec:
    tolerance = NO_TOLERANCE
    if target.tolerance_kind == ToleranceKind.ABSOLUTE:
        tolerance = Tolerance(target.tolerance, StatsToleranceKind.ABSOLUTE)
    elif target.tolerance_kind == ToleranceKind.RELATIVE:
        tolerance = Tolerance(target.tolerance, StatsToleranceKind.RELATIVE)
    return TargetSpec(due=target.due, value=target.value, tolerance=tolerance, label=target.label)


@dataclass(frozen=True)
class Judged:
    """An assessment with what it was made from, for pages that show both."""

    assessment: Assessment
    observations: list[Observation]  # the area's, of the judged period kind, oldest first
    comparators: list[Comparator]

    @property
    def has_data(self) -> bool:
        return bool(self.observations)

    @property
    def synthetic(self) -> bool:
        return any(o.is_synthetic for o in self.observations)


def judge_indicator(indicator: Indicator, area: Area, *, as_of: dt.date) -> Judged:
    """Every judgement of `indicator` for `area` as at `as_of`, with its inputs."""
    stored = list(
        Observation.objects.filter(indicator=indicator, area=area).order_by("period_start")
    )
    kind = series_kind(indicator, (o.period_kind for o in stored))
    observations = [o for o in stored if o.period_kind == kind]
    found = comparators(indicator, area, kind)
    assessment = assess(
        indicator_spec(indicator),
        [point(o) for o in observations],
        as_of=as_of,
        area_code=area.code,
        targets=[target_spec(t) for t in Target.objects.filter(indicator=indicator, area=area)],
        rebases=[
            RebaseSpec(period_start=r.period_start, reason=r.reason)
            for r in Rebase.objects.filter(indicator=indicator, area=area)
        ],
        comparators=found,
    )
    return Judged(assessment, observations, found)


def assessment_for(indicator: Indicator, area: Area, *, as_of: dt.date) -> Assessment:
    """Every judgement of `indicator` for `area` as at `as_of`."""
    return judge_indicator(indicator, area, as_of=as_of).assessment


def comparator_areas(area: Area) -> list[Area]:
    """England, the area's region, and the comparator groups, in that order."""
    found: list[Area] = []
    england = Area.objects.filter(code=ENGLAND).first()
    if england is not None and england != area:
        found.append(england)
    if area.parent is not None and area.parent.kind == AreaKind.REGION:
        found.append(area.parent)
    found.extend(Area.objects.filter(kind=AreaKind.COMPARATOR_GROUP).order_by("name"))
    return found


def comparators(indicator: Indicator, area: Area, kind: str | None) -> list[Comparator]:
    if kind is None:
        return []
    chosen = comparator_areas(area)
    members = {
        group.pk: list(group.members.all())
        for group in chosen
        if group.kind == AreaKind.COMPARATOR_GROUP
    }
    wanted = {a.pk for a in chosen} | {m.pk for ms in members.values() for m in ms} | {area.pk}
    rows = (
        Observation.objects.filter(indicator=indicator, area_id__in=wanted, period_kind=kind)
        .order_by("period_start")
        .values_list("area_id", *POINT_FIELDS)
    )
    by_area: dict[int, list[Point]] = {}
    for area_id, *fields in rows:
        by_area.setdefault(area_id, []).append(point_from_row(fields))
    return [
        Comparator(
            name=comparator.name,
            points=tuple(by_area.get(comparator.pk, [])),
            areas=_group_values([*members[comparator.pk], area], by_area)
            if comparator.pk in members
            else None,
        )
        for comparator in chosen
    ]


def _group_values(areas: Sequence[Area], by_area: dict[int, list[Point]]) -> AreaValues | None:
    """The group members' (and our area's) values for the latest period any of them has."""
    latest = max(
        (o.period for a in areas for o in by_area.get(a.pk, []) if o.value is not None),
        default=None,
    )
    if latest is None:
        return None
    values = {
        a.code: next((o.value for o in by_area.get(a.pk, []) if o.period == latest), None)
        for a in areas
    }
    return AreaValues(period=latest, values=values)


def area_to_judge(indicator: Indicator, code: str = "") -> Area | None:
    """The area asked for by `code`; else the area of a plan listing the indicator; else the
    first area with data for it. None only when the code is unknown or nothing fits."""
    if code:
        return Area.objects.filter(code=code).first()
    plan_area = (
        indicator.kpis.exclude(priority__plan__area_code="")
        .values_list("priority__plan__area_code", flat=True)
        .first()
    )
    if plan_area:
        found = Area.objects.filter(code=plan_area).first()
        if found is not None:
            return found
    return Area.objects.filter(observations__indicator=indicator).first()
