"""Plain-text wording of a plan file's validation report, for the command line."""

from __future__ import annotations

from trustplan.plancode import ValidationReport
from trustplan.plancode.validate import LocatedFinding


def describe_counts(report: ValidationReport) -> str:
    counts = report.counts
    if counts is None:
        return "not counted"
    return (
        f"{counts.priorities} priorities, {counts.objectives} objectives, "
        f"{counts.indicators} indicators, {counts.themes} themes"
    )


def format_report(report: ValidationReport) -> str:
    lines = [f"{report.file}"]
    if report.document is not None and report.counts is not None:
        plan = report.document.plan
        lines.append(f"  {plan.title} ({plan.status}{', ' + plan.version if plan.version else ''})")
        lines.append(f"  Lists {describe_counts(report)}.")
        for p in report.counts.per_priority:
            lines.append(
                f"    {p.number}. {p.title}: {p.objectives} objectives, {p.indicators} indicators, "
                f"{p.covid_response} Covid items, {p.leads} leads"
            )
    for title, findings in (("Errors", report.errors), ("Inconsistencies", report.inconsistencies)):
        if findings:
            lines.append(f"  {title} ({len(findings)}):")
            lines.extend(f"    - {_locate(report.file, f)}" for f in findings)
    if report.loadable:
        lines.append("  The plan can be loaded.")
    return "\n".join(lines)


def _locate(file: str, finding: LocatedFinding) -> str:
    where = f"{file}:{finding.line}" if finding.line else file
    return f"{where}: {finding.finding.message} [{finding.finding.where}]"
