"""`trustplan bench reports`: time building the whole quarterly set and the annual report.

Run in a throwaway demo database. For each board of the plan: build its pack from the database
(judging every KPI and drawing its sparkline), then render the frozen (published) pack as PDF,
DOCX and XLSX, twice, to show that a frozen pack rebuilds to the same bytes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial

from trustplan.delivery.quarters import parse_financial_year
from trustplan.measures.judging import as_of
from trustplan.plans.models import Plan
from trustplan.reports import packs, rendering
from trustplan.reports.annual import Meeting, build_annual_report
from trustplan.reports.models import PackSnapshot


@dataclass(frozen=True)
class Timing:
    document: str
    seconds: float
    size: int  # bytes; 0 for a build step
    same_on_rebuild: bool | None  # None where there is nothing to compare

    def as_row(self) -> dict[str, object]:
        return asdict(self)


def _timed(action: Callable[[], bytes]) -> tuple[bytes, float]:
    started = time.perf_counter()
    data = action()
    return data, time.perf_counter() - started


def run(plan: Plan, year: str, say: Callable[[str], object]) -> list[Timing]:
    snapshots = PackSnapshot.objects.filter(board__plan=plan).select_related("board", "quarter")
    latest = snapshots.order_by("-quarter__period_start").first()
    if latest is None:
        raise ValueError(f"{plan.title} has no published pack to rebuild")
    quarter = latest.quarter
    timings: list[Timing] = []
    for snapshot in snapshots.filter(quarter=quarter).order_by("board__order", "-version"):
        board = snapshot.board
        if any(t.document.startswith(board.name) for t in timings):
            continue  # only the latest version of each board's pack
        say(f"{board.name}, {quarter.code}")
        started = time.perf_counter()
        packs.build_pack(board, quarter, state="benchmark", when=as_of())
        timings.append(
            Timing(f"{board.name}: build from the database", time.perf_counter() - started, 0, None)
        )
        frozen = snapshot.pack()
        for name, form in rendering.PACK_FORMATS.items():
            if name == "html":
                continue
            data, seconds = _timed(partial(form.render, frozen))
            again = form.render(snapshot.pack())
            timings.append(
                Timing(f"{board.name}: {name.upper()}", seconds, len(data), data == again)
            )
    say(f"annual report {year}")
    started = time.perf_counter()
    report = build_annual_report(plan, parse_financial_year(year), Meeting())
    timings.append(
        Timing("Annual report: build from the database", time.perf_counter() - started, 0, None)
    )
    for name in ("pdf", "docx"):
        annual = rendering.ANNUAL_FORMATS[name]
        data, seconds = _timed(partial(annual.render, report))
        same = data == annual.render(report)
        timings.append(Timing(f"Annual report: {name.upper()}", seconds, len(data), same))
    return timings


def table(timings: list[Timing]) -> list[str]:
    width = max(len(t.document) for t in timings)
    lines = [f"{'document':<{width}}  {'seconds':>8}  {'bytes':>9}  rebuilt identical"]
    for t in timings:
        same = "" if t.same_on_rebuild is None else ("yes" if t.same_on_rebuild else "NO")
        size = f"{t.size:,}" if t.size else ""
        lines.append(f"{t.document:<{width}}  {t.seconds:8.3f}  {size:>9}  {same}")
    documents = [t for t in timings if t.size]
    rendering_seconds = sum(t.seconds for t in documents)
    lines.append(
        f"{len(documents)} documents; {rendering_seconds:.2f} s rendering, "
        f"{sum(t.seconds for t in timings):.2f} s in all with building; "
        f"{rendering_seconds / len(documents):.3f} s per document"
    )
    return lines
