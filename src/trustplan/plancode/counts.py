"""Count what a plan document actually lists (not what it says it lists)."""

from __future__ import annotations

from dataclasses import dataclass

from trustplan.plancode.schema import Countable, PlanDocument


@dataclass(frozen=True)
class PriorityCounts:
    number: str
    title: str
    objectives: int
    indicators: int
    covid_response: int
    leads: int


@dataclass(frozen=True)
class PlanCounts:
    priorities: int
    objectives: int
    indicators: int
    distinct_indicators: int
    themes: int
    covid_response: int
    boards: int
    organisations: int
    per_priority: tuple[PriorityCounts, ...]

    def total(self, what: Countable) -> int:
        return {
            Countable.PRIORITIES: self.priorities,
            Countable.OBJECTIVES: self.objectives,
            Countable.INDICATORS: self.indicators,
            Countable.THEMES: self.themes,
        }[what]


def count_plan(document: PlanDocument) -> PlanCounts:
    per_priority = tuple(
        PriorityCounts(
            number=priority.number,
            title=priority.title,
            objectives=len(priority.objectives),
            indicators=len(priority.indicators),
            covid_response=len(priority.covid_response),
            leads=len(priority.leads),
        )
        for priority in document.priorities
    )
    return PlanCounts(
        priorities=len(document.priorities),
        objectives=sum(p.objectives for p in per_priority),
        indicators=sum(p.indicators for p in per_priority),
        distinct_indicators=len(
            {kpi.indicator for priority in document.priorities for kpi in priority.indicators}
        ),
        themes=len(document.themes),
        covid_response=sum(p.covid_response for p in per_priority),
        boards=len(document.boards),
        organisations=len(document.organisations),
        per_priority=per_priority,
    )
