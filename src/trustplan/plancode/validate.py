"""Validate a plan file: YAML syntax, the schema, then the consistency rules.

The result says what the file lists, every problem with its path and line, and whether the file
can be loaded. Nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trustplan.plancode.counts import PlanCounts, count_plan
from trustplan.plancode.rules import Finding, Severity, check_document
from trustplan.plancode.schema import PlanDocument
from trustplan.plancode.source import SourceError, SourceMap, format_path, read_yaml


@dataclass(frozen=True)
class LocatedFinding:
    finding: Finding
    line: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.finding.rule,
            "severity": str(self.finding.severity),
            "path": self.finding.where,
            "line": self.line,
            "message": self.finding.message,
        }


@dataclass
class ValidationReport:
    file: str
    document: PlanDocument | None = None
    counts: PlanCounts | None = None
    findings: list[LocatedFinding] = field(default_factory=list)

    @property
    def errors(self) -> list[LocatedFinding]:
        return [f for f in self.findings if f.finding.severity is Severity.ERROR]

    @property
    def inconsistencies(self) -> list[LocatedFinding]:
        return [f for f in self.findings if f.finding.severity is Severity.INCONSISTENCY]

    @property
    def loadable(self) -> bool:
        return self.document is not None and not self.errors

    def as_dict(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "file": self.file,
            "loadable": self.loadable,
            "plan": self.document.plan.slug if self.document else None,
            "counts": None
            if counts is None
            else {
                "priorities": counts.priorities,
                "objectives": counts.objectives,
                "indicators": counts.indicators,
                "distinct_indicators": counts.distinct_indicators,
                "themes": counts.themes,
                "covid_response_items": counts.covid_response,
                "boards": counts.boards,
                "organisations": counts.organisations,
                "per_priority": [
                    {
                        "number": p.number,
                        "title": p.title,
                        "objectives": p.objectives,
                        "indicators": p.indicators,
                        "covid_response_items": p.covid_response,
                        "leads": p.leads,
                    }
                    for p in counts.per_priority
                ],
            },
            "stated_totals": []
            if self.document is None or counts is None
            else [
                {
                    "of": str(claim.of),
                    "stated": claim.value,
                    "listed": counts.total(claim.of),
                    "agrees": counts.total(claim.of) == claim.value,
                    "source": claim.source,
                }
                for claim in self.document.plan.stated_totals
            ],
            "errors": [f.as_dict() for f in self.errors],
            "inconsistencies": [f.as_dict() for f in self.inconsistencies],
        }


def validate_text(text: str, file: str) -> ValidationReport:
    report = ValidationReport(file=file)
    try:
        data, source_map = read_yaml(text)
    except SourceError as exc:
        report.findings.append(_located("YamlSyntax", (), exc.message, exc.line))
        return report
    if not isinstance(data, dict):
        report.findings.append(
            _located(
                "NotAMapping", (), "the file must be a YAML mapping with `plan:` at the top", 1
            )
        )
        return report
    try:
        document = PlanDocument.model_validate(data)
    except ValidationError as exc:
        report.findings.extend(_schema_findings(exc, source_map))
        return report
    report.document = document
    report.counts = count_plan(document)
    report.findings.extend(
        LocatedFinding(finding, source_map.line_of(finding.path))
        for finding in check_document(document)
    )
    return report


def validate_file(path: Path) -> ValidationReport:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        report = ValidationReport(file=str(path))
        report.findings.append(
            _located("NotUtf8", (), f"not UTF-8 text (byte {exc.start} cannot be decoded)", None)
        )
        return report
    except OSError as exc:
        report = ValidationReport(file=str(path))
        report.findings.append(_located("Unreadable", (), f"cannot be read: {exc.strerror}", None))
        return report
    return validate_text(text, str(path))


def _located(
    rule: str, path: tuple[str | int, ...], message: str, line: int | None
) -> LocatedFinding:
    return LocatedFinding(Finding(rule, Severity.ERROR, path, message), line)


def _schema_findings(exc: ValidationError, source_map: SourceMap) -> list[LocatedFinding]:
    findings = []
    for error in exc.errors(include_url=False):
        path = tuple(part for part in error["loc"] if isinstance(part, str | int))
        kind = error["type"]
        if kind == "extra_forbidden":
            message = f"unknown key {path[-1]!r} at {format_path(path[:-1])}"
            rule = "UnknownKey"
        elif kind == "missing":
            message = f"missing required field {path[-1]!r} at {format_path(path[:-1])}"
            rule = "MissingField"
        else:
            message = f"{format_path(path)}: {error['msg']}"
            if kind not in {"value_error", "assertion_error"} and "input" in error:
                message += f" (got {_short(error['input'])})"
            rule = "InvalidValue"
        findings.append(_located(rule, path, message, source_map.line_of(path)))
    return findings


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
