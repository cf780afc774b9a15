"""Generate a needs assessment draft in one step from the indicator data.

Each indicator of each group is judged for the plan's area as at the chosen date (the same
``judge_indicator`` every page uses), classified by ``trustplan.assessment.needs.classify``
against England and the comparator groups (the statistical neighbours; the region is not a
needs benchmark), and written as a line whose narrative is the classification's sentence and
whose evidence is its reasons, verbatim. Indicators that are neither encouraging nor concerning
are kept with the reasons, so nothing silently drops out. An indicator judged once is not judged
again for a second group.

The classification is made on the true values; its sentences are written as the pages show them
(``trustplan.measures.disclosing``): a small count of people, or a rate or percentage made from
one, is ``[c]`` in the statement and in its evidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from trustplan.assessment.formatting import NumberFormat, long_date
from trustplan.assessment.needs import Classification, classify
from trustplan.assessment.needs import Finding as NeedsFinding
from trustplan.disclosure import MARKER
from trustplan.measures.assessing import Judged, comparator_areas, judge_indicator
from trustplan.measures.disclosing import Public, disclose
from trustplan.measures.models import Area, Indicator
from trustplan.needs.grouping import GroupSpec
from trustplan.needs.models import NeedsAssessment, NeedsError, NotClassified
from trustplan.periods import Period
from trustplan.plans.models import Finding, KeyPerformanceIndicator, Plan
from trustplan.vocabulary import AreaKind

BY_PRIORITY = "One group per priority"


def groups_by_priority(plan: Plan) -> list[GroupSpec]:
    """The default grouping: each priority's KPIs under its title, in the plan's order."""
    groups = []
    for priority in plan.priorities.prefetch_related("kpis__indicator"):
        keys = list(dict.fromkeys(kpi.indicator.key for kpi in priority.kpis.all()))
        if keys:
            title = f"{plan.label('priority')} {priority.number}: {priority.title}"
            groups.append(GroupSpec(title=title, indicator_keys=tuple(keys)))
    return groups


def default_title(as_of: dt.date) -> str:
    return f"Needs assessment as at {long_date(as_of)}"


def generate(
    plan: Plan,
    groups: Sequence[GroupSpec],
    *,
    as_of: dt.date,
    by: Any,
    title: str = "",
    grouping: str = BY_PRIORITY,
) -> NeedsAssessment:
    """A new draft needs assessment of ``plan``'s area as at ``as_of``, made by ``by``.

    Raises:
        NeedsError: the plan has no area with data, there are no groups, or a group names an
            indicator trustplan does not hold.
    """
    area = plan.area()
    if area is None:
        raise NeedsError(
            "This plan has no area whose data can be judged: set its area code and import data."
        )
    if not groups:
        raise NeedsError("There are no groups to assess: the plan has no KPIs to group.")
    indicators = _indicators(groups)
    kpis = _first_kpis(plan)
    names = [a.name for a in comparator_areas(area) if a.kind != AreaKind.REGION]
    judged = {key: _classified(i, area, as_of, names) for key, i in indicators.items()}
    with transaction.atomic():
        assessment = NeedsAssessment.objects.create(
            plan=plan,
            title=title.strip() or default_title(as_of),
            as_of=as_of,
            area=area.name,
            grouping=grouping,
            synthetic=any(synthetic for _, synthetic in judged.values()),
            created_by=by,
        )
        for order, spec in enumerate(groups):
            _write_group(assessment, order, spec, judged, kpis)
    return assessment


def _write_group(
    assessment: NeedsAssessment,
    order: int,
    spec: GroupSpec,
    judged: dict[str, tuple[Classification, bool]],
    kpis: dict[str, KeyPerformanceIndicator],
) -> None:
    """One group: its indicators' lines, or their reasons for being neither, in the file's order."""
    group = assessment.groups.create(order=order, title=spec.title)
    positions = dict.fromkeys(NeedsFinding, 0)
    for key in spec.indicator_keys:
        result = judged[key][0]
        position = positions[result.finding]
        positions[result.finding] += 1
        if result.finding is NeedsFinding.NOT_CLASSIFIED:
            NotClassified.objects.create(
                group=group,
                order=position,
                name=result.name,
                indicator_key=key,
                reasons=list(result.evidence),
            )
        else:
            group.lines.create(
                finding=Finding(result.finding.value),
                order=position,
                text=result.summary,
                generated_text=result.summary,
                evidence=list(result.evidence),
                indicator_key=key,
                kpi=kpis.get(key),
            )


def _indicators(groups: Sequence[GroupSpec]) -> dict[str, Indicator]:
    keys = list(dict.fromkeys(key for group in groups for key in group.indicator_keys))
    found = {i.key: i for i in Indicator.objects.filter(key__in=keys)}
    unknown = [key for key in keys if key not in found]
    if unknown:
        raise NeedsError(f"No indicator is held with the key {', '.join(unknown)}.")
    return {key: found[key] for key in keys}


def _first_kpis(plan: Plan) -> dict[str, KeyPerformanceIndicator]:
    """Each indicator's first KPI in the plan's order (an indicator may serve two priorities)."""
    kpis: dict[str, KeyPerformanceIndicator] = {}
    ordered = KeyPerformanceIndicator.objects.filter(priority__plan=plan).select_related(
        "indicator"
    )
    for kpi in ordered.order_by("priority__order", "order"):
        kpis.setdefault(kpi.indicator.key, kpi)
    return kpis


def _classified(
    indicator: Indicator, area: Area, as_of: dt.date, names: list[str]
) -> tuple[Classification, bool]:
    """The indicator's classification, and whether its data are synthetic."""
    try:
        judged = judge_indicator(indicator, area, as_of=as_of)
    except ValueError as error:  # stored data the statistics refuse: say so, do not fail
        reason = f"The stored data cannot be judged until they are corrected: {error}"
        return Classification(
            key=indicator.key,
            name=indicator.name,
            finding=NeedsFinding.NOT_CLASSIFIED,
            reasons=(reason,),
            against=(),
            caveats=(),
            summary="",
        ), False
    result = classify(judged.assessment, names)
    return _as_shown(result, judged, disclose(judged, indicator, area)), judged.synthetic


def _as_shown(result: Classification, judged: Judged, public: Public) -> Classification:
    """The classification with every withheld value it quotes written as ``[c]``: each value
    "for" or "in" its period, a benchmark's figures, and the trend's first and last values."""
    if not public.withheld:
        return result
    replacements: list[tuple[str, str]] = [
        (true.explanation.removesuffix("."), shown.explanation.removesuffix("."))
        for true, shown in zip(
            judged.assessment.benchmarks, public.assessment.benchmarks, strict=True
        )
        if true.explanation != shown.explanation
    ]
    trend = _trend_words(judged, public)
    if trend is not None:
        replacements.append(trend)

    def shown(text: str) -> str:
        for true, masked in replacements:
            text = text.replace(true, masked).replace(_lower_first(true), _lower_first(masked))
        return public.scrub(text)

    return dataclasses.replace(
        result,
        reasons=tuple(shown(reason) for reason in result.reasons),
        against=tuple(shown(reason) for reason in result.against),
        caveats=tuple(shown(reason) for reason in result.caveats),
        summary=shown(result.summary),
    )


def _trend_words(judged: Judged, public: Public) -> tuple[str, str] | None:
    """The recent trend's "from FIRST to LAST" as the classification words it, and as shown."""
    a = judged.assessment
    if not a.trend.periods:
        return None
    first, last = a.trend.periods[0], a.trend.periods[-1]
    values = dict(zip(a.spc.periods, (point.value for point in a.spc.chart.points), strict=True))
    start, end = values.get(first), values.get(last)
    hidden = public.withheld_periods
    if start is None or end is None or not {first, last} & hidden:
        return None
    fmt = NumberFormat.of(a.indicator)

    def shown(period: Period, value: float) -> str:
        return MARKER if period in hidden else fmt.value(value)

    return (
        f", from {fmt.value(start)} to {fmt.value(end)}.",
        f", from {shown(first, start)} to {shown(last, end)}.",
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
