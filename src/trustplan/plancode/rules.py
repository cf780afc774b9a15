"""Consistency rules for a plan document, one small class per rule.

Each rule's docstring is the message it reports, formatted with the details of each case, so the
rule and its wording are read together. An ``ERROR`` makes the file unloadable (the database
could not hold it faithfully); an ``INCONSISTENCY`` is a fault in the document itself that the
partnership should know about, and is reported but does not stop the plan being loaded: the plan
is held as the partnership wrote it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from trustplan.plancode.counts import PlanCounts, count_plan
from trustplan.plancode.schema import BoardStatus, Countable, PlanDocument
from trustplan.plancode.source import Path_, format_path


class Severity(StrEnum):
    ERROR = "error"
    INCONSISTENCY = "inconsistency"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: Path_
    message: str

    @property
    def where(self) -> str:
        return format_path(self.path)


class Rule(ABC):
    # A concrete rule's docstring is its message template; see the module docstring.
    severity: ClassVar[Severity]

    @abstractmethod
    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        """Yield a finding for every place the document breaks this rule."""

    def finding(self, path: Path_, **details: object) -> Finding:
        template = " ".join((self.__doc__ or "").split())
        return Finding(type(self).__name__, self.severity, path, template.format(**details))


def _duplicates(
    items: Iterable[tuple[Path_, str]],
) -> Iterator[tuple[Path_, str, Path_]]:
    """Yield (path, value, first path) for every value seen before."""
    seen: dict[str, Path_] = {}
    for path, value in items:
        if value in seen:
            yield path, value, seen[value]
        else:
            seen[value] = path


class DuplicatePriorityNumber(Rule):
    """Priority number {value!r} is used twice: it is already used at {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        numbers = (
            (("priorities", i, "number"), p.number) for i, p in enumerate(document.priorities)
        )
        for path, value, first in _duplicates(numbers):
            yield self.finding(path, value=value, first=format_path(first))


class DuplicateObjectiveNumber(Rule):
    """Objective number {value!r} is used twice in priority {priority}: it is already used at
    {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, priority in enumerate(document.priorities):
            numbers = (
                (("priorities", i, "objectives", j, "number"), o.number)
                for j, o in enumerate(priority.objectives)
            )
            for path, value, first in _duplicates(numbers):
                yield self.finding(
                    path, value=value, priority=priority.number, first=format_path(first)
                )


class DuplicateIndicatorNumber(Rule):
    """Indicator number {value!r} is used twice in priority {priority}: it is already used at
    {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, priority in enumerate(document.priorities):
            numbers = (
                (("priorities", i, "indicators", j, "number"), k.number)
                for j, k in enumerate(priority.indicators)
            )
            for path, value, first in _duplicates(numbers):
                yield self.finding(
                    path, value=value, priority=priority.number, first=format_path(first)
                )


class DuplicateCovidItemCode(Rule):
    """Covid response item {value!r} is used twice in priority {priority}: it is already used at
    {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, priority in enumerate(document.priorities):
            codes = (
                (("priorities", i, "covid_response", j, "code"), c.code)
                for j, c in enumerate(priority.covid_response)
            )
            for path, value, first in _duplicates(codes):
                yield self.finding(
                    path, value=value, priority=priority.number, first=format_path(first)
                )


class DuplicateThemeCode(Rule):
    """Theme code {value!r} is used twice: it is already used at {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        codes = ((("themes", i, "code"), t.code.lower()) for i, t in enumerate(document.themes))
        for path, value, first in _duplicates(codes):
            yield self.finding(path, value=value, first=format_path(first))


class DuplicateBoardKey(Rule):
    """Board key {value!r} is defined twice: it is already defined at {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        keys = ((("boards", i, "key"), b.key) for i, b in enumerate(document.boards))
        for path, value, first in _duplicates(keys):
            yield self.finding(path, value=value, first=format_path(first))


class DuplicateOrganisationKey(Rule):
    """Organisation key {value!r} is defined twice: it is already defined at {first}."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        keys = ((("organisations", i, "key"), o.key) for i, o in enumerate(document.organisations))
        for path, value, first in _duplicates(keys):
            yield self.finding(path, value=value, first=format_path(first))


class UnknownBoard(Rule):
    """Priority {priority} names board {board!r}, which is not defined under `boards`."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        known = {board.key for board in document.boards}
        for i, priority in enumerate(document.priorities):
            if priority.board is not None and priority.board not in known:
                yield self.finding(
                    ("priorities", i, "board"), priority=priority.number, board=priority.board
                )


class UnknownTheme(Rule):
    """Indicator {kpi} of priority {priority} names theme {theme!r}, which is not defined under
    `themes`."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        known = {theme.code for theme in document.themes}
        for i, priority in enumerate(document.priorities):
            for j, kpi in enumerate(priority.indicators):
                for k, code in enumerate(kpi.themes):
                    if code not in known:
                        yield self.finding(
                            ("priorities", i, "indicators", j, "themes", k),
                            kpi=kpi.number,
                            priority=priority.number,
                            theme=code,
                        )


class UnknownLeadOrganisation(Rule):
    """Lead {name!r} of priority {priority} names organisation {organisation!r}, which is not
    defined under `organisations`."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        known = {organisation.key for organisation in document.organisations}
        for i, priority in enumerate(document.priorities):
            for j, lead in enumerate(priority.leads):
                if lead.organisation is not None and lead.organisation not in known:
                    yield self.finding(
                        ("priorities", i, "leads", j, "organisation"),
                        name=lead.name,
                        priority=priority.number,
                        organisation=lead.organisation,
                    )


class ConflictingIndicatorDefinition(Rule):
    """Indicator {indicator!r} is defined differently at {first} ({field}: {before!r} there,
    {after!r} here); one indicator has one definition."""

    severity = Severity.ERROR

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        seen: dict[str, tuple[Path_, dict[str, object]]] = {}
        for i, priority in enumerate(document.priorities):
            for j, kpi in enumerate(priority.indicators):
                path: Path_ = ("priorities", i, "indicators", j)
                fields = kpi.definition_fields().model_dump(exclude_none=True)
                if kpi.indicator not in seen:
                    seen[kpi.indicator] = (path, fields)
                    continue
                first_path, first_fields = seen[kpi.indicator]
                for name in sorted(fields.keys() & first_fields.keys()):
                    if fields[name] != first_fields[name]:
                        yield self.finding(
                            (*path, name),
                            indicator=kpi.indicator,
                            first=format_path(first_path),
                            field=name,
                            before=str(first_fields[name]),
                            after=str(fields[name]),
                        )


class MissingBoard(Rule):
    """Priority {priority} ({title}) has no governing board or lead partnership."""

    severity = Severity.INCONSISTENCY

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, priority in enumerate(document.priorities):
            if priority.board is None:
                yield self.finding(
                    ("priorities", i), priority=priority.number, title=priority.title
                )


class MissingLead(Rule):
    """Priority {priority} ({title}) has no named strategic lead."""

    severity = Severity.INCONSISTENCY

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, priority in enumerate(document.priorities):
            if not priority.leads:
                yield self.finding(
                    ("priorities", i), priority=priority.number, title=priority.title
                )


class BoardNotYetEstablished(Rule):
    """Board {name!r} governs priority {priority} but is recorded as not yet established."""

    severity = Severity.INCONSISTENCY

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        boards = {board.key: board for board in document.boards}
        for i, priority in enumerate(document.priorities):
            board = boards.get(priority.board or "")
            if board is not None and board.status is BoardStatus.TO_BE_ESTABLISHED:
                yield self.finding(
                    ("priorities", i, "board"), name=board.name, priority=priority.number
                )


PLACEHOLDER_TEXTS = frozenset({"to be written", "tbc", "to be confirmed", "tbd", "to follow"})


class PlaceholderVision(Rule):
    """Priority {priority} ({title}) has a vision that is not yet written: {text!r}."""

    severity = Severity.INCONSISTENCY

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, priority in enumerate(document.priorities):
            vision = (priority.vision or "").strip().rstrip(".")
            if vision.lower() in PLACEHOLDER_TEXTS:
                yield self.finding(
                    ("priorities", i, "vision"),
                    priority=priority.number,
                    title=priority.title,
                    text=priority.vision,
                )


class StatedTotalDisagrees(Rule):
    """The document states {stated} {what} but lists {listed} ({source})."""

    severity = Severity.INCONSISTENCY

    def check(self, document: PlanDocument, counts: PlanCounts) -> Iterator[Finding]:
        for i, claim in enumerate(document.plan.stated_totals):
            listed = counts.total(claim.of)
            if listed != claim.value:
                yield self.finding(
                    ("plan", "stated_totals", i),
                    stated=claim.value,
                    what=_COUNTABLE_NAMES[claim.of],
                    listed=listed,
                    source=claim.source,
                )


_COUNTABLE_NAMES = {
    Countable.PRIORITIES: "priorities",
    Countable.OBJECTIVES: "objectives",
    Countable.INDICATORS: "indicators",
    Countable.THEMES: "themes",
}

RULES: tuple[Rule, ...] = (
    DuplicatePriorityNumber(),
    DuplicateObjectiveNumber(),
    DuplicateIndicatorNumber(),
    DuplicateCovidItemCode(),
    DuplicateThemeCode(),
    DuplicateBoardKey(),
    DuplicateOrganisationKey(),
    UnknownBoard(),
    UnknownTheme(),
    UnknownLeadOrganisation(),
    ConflictingIndicatorDefinition(),
    MissingBoard(),
    MissingLead(),
    BoardNotYetEstablished(),
    PlaceholderVision(),
    StatedTotalDisagrees(),
)


def check_document(document: PlanDocument) -> list[Finding]:
    counts = count_plan(document)
    return [finding for rule in RULES for finding in rule.check(document, counts)]
