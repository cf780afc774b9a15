"""The indicator-data benchmark: a large synthetic store imported, judged and shown.

A plan of ``indicators`` KPIs over six priorities, ``areas`` areas (England, regions, local
authorities) and ``years`` of monthly values for each is imported one file per indicator (as
analysts import), through the normal import; then every KPI is judged for one area and every
priority page is rendered. The figures are wall-clock times on this machine, printed, never
asserted.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from django.test import Client

from trustplan.measures.assessing import assessment_for
from trustplan.measures.importing import import_file
from trustplan.measures.models import Area, Indicator
from trustplan.plancode import PlanDocument
from trustplan.plans.loading import load_plan
from trustplan.plans.models import Plan

PLAN_AREA = "E06000044"
PRIORITIES = 6


@dataclass(frozen=True)
class Size:
    indicators: int
    areas: int
    years: int

    @property
    def rows(self) -> int:
        return self.indicators * self.areas * self.years * 12


@dataclass(frozen=True)
class Figures:
    engine: str
    rows: int
    import_seconds: float
    rows_per_second: float
    assess_ms_per_indicator: float
    page_ms: float
    kpis_per_page: int
    peak_rss_mb: float


def area_codes(count: int) -> list[tuple[str, str, str]]:
    """England, then regions, then local authorities, with ONS-shaped codes."""
    areas = [("E92000001", "England", "country")]
    regions = min(9, max(count - 2, 0))
    areas += [(f"E1200000{r + 1}", f"Region {r + 1}", "region") for r in range(regions)]
    areas.append((PLAN_AREA, "Portsmouth", "local_authority"))
    others = count - len(areas)
    areas += [
        (f"E06{900000 + i:06d}", f"Authority {i + 1}", "local_authority") for i in range(others)
    ]
    return areas[:count]


def plan_document(size: Size) -> PlanDocument:
    per_priority = -(-size.indicators // PRIORITIES)
    priorities = []
    for p in range(PRIORITIES):
        keys = range(p * per_priority, min((p + 1) * per_priority, size.indicators))
        priorities.append(
            {
                "number": str(p + 1),
                "title": f"Benchmark priority {p + 1}",
                "indicators": [
                    {
                        "number": i + 1,
                        "title": f"Benchmark KPI {k + 1}",
                        "indicator": f"bench-{k + 1}",
                    }
                    for i, k in enumerate(keys)
                ],
            }
        )
    return PlanDocument.model_validate(
        {
            "schema_version": 1,
            "plan": {
                "slug": "benchmark",
                "title": "Benchmark plan",
                "partnership": "Benchmark",
                "area_code": PLAN_AREA,
                "period_start": "2020-04-01",
                "period_end": "2023-03-31",
                "status": "approved",
            },
            "priorities": priorities,
        }
    )


def definitions_csv(size: Size) -> str:
    lines = ["key,name,polarity,unit,frequency,value_type,multiplier,decimals,source,definition"]
    lines += [
        f"bench-{k + 1},Benchmark KPI {k + 1},{'high_is_good' if k % 2 else 'low_is_good'},%,"
        f"monthly,proportion,100,1,SYNTHETIC benchmark,Synthetic benchmark measure"
        for k in range(size.indicators)
    ]
    return "\n".join(lines) + "\n"


def areas_csv(size: Size) -> str:
    lines = ["area_code,area_name,area_kind"]
    lines += [f"{code},{name},{kind}" for code, name, kind in area_codes(size.areas)]
    return "\n".join(lines) + "\n"


def observations_csv(key: str, size: Size, rng: random.Random) -> str:
    """A random walk of monthly proportions per area, with counts, for one indicator."""
    out = io.StringIO()
    out.write("indicator,area_code,period,numerator,denominator,source\n")
    start = dt.date.today().year - size.years
    for code, _, _ in area_codes(size.areas):
        denominator = rng.randint(200, 5000)
        share = rng.uniform(0.2, 0.8)
        for year in range(start, start + size.years):
            for month in range(1, 13):
                share = min(0.98, max(0.02, share + rng.gauss(0, 0.01)))
                numerator = round(share * denominator)
                period = f"{dt.date(year, month, 1):%b %Y}"
                out.write(f"{key},{code},{period},{numerator},{denominator},SYNTHETIC\n")
    return out.getvalue()


def _require_applied(name: str, outcome_record: object) -> None:
    outcome = getattr(outcome_record, "outcome", None)
    if outcome != "applied":
        rejected = getattr(outcome_record, "rejected_rows", [])[:3]
        raise RuntimeError(f"benchmark file {name} was not imported ({outcome}): {rejected}")


def run(size: Size, engine: str, *, say: Callable[[str], None], seed: int = 1) -> Figures:
    """Build the store in the current (empty, migrated) database and time it."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
    load_plan(plan_document(size), how="benchmark")
    for name, text in (("indicators.csv", definitions_csv(size)), ("areas.csv", areas_csv(size))):
        _require_applied(name, import_file(text.encode(), name, how="benchmark").record)
    import_seconds = 0.0
    for k in range(size.indicators):
        key = f"bench-{k + 1}"
        text = observations_csv(key, size, rng)
        began = time.perf_counter()
        record = import_file(text.encode(), f"{key}.csv", how="benchmark").record
        import_seconds += time.perf_counter() - began
        _require_applied(f"{key}.csv", record)
        if (k + 1) % max(1, size.indicators // 10) == 0:
            say(f"  {engine}: imported {k + 1} of {size.indicators} indicators")
    area = Area.objects.get(code=PLAN_AREA)
    indicators = list(Indicator.objects.filter(key__startswith="bench-"))
    began = time.perf_counter()
    for indicator in indicators:
        assessment_for(indicator, area, as_of=dt.date.today())
    assess_ms = (time.perf_counter() - began) * 1000 / len(indicators)
    plan = Plan.objects.get(slug="benchmark")
    page_ms, kpis = _page_times(plan)
    return Figures(
        engine=engine,
        rows=size.rows,
        import_seconds=round(import_seconds, 1),
        rows_per_second=round(size.rows / import_seconds),
        assess_ms_per_indicator=round(assess_ms, 1),
        page_ms=round(page_ms),
        kpis_per_page=kpis,
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    )


def _page_times(plan: Plan) -> tuple[float, int]:
    """Mean milliseconds to render each priority page, as a performance analyst sees it (an
    analyst signs in with a password only, so the page is all that is timed)."""
    from django.contrib.auth import get_user_model

    from trustplan.access.models import Membership, Role

    analyst = get_user_model().objects.create_user("bench-analyst", password=None)
    Membership.objects.create(user=analyst, role=Role.ANALYST)
    client = Client()
    client.force_login(analyst)
    timings = []
    for priority in plan.priorities.all():
        began = time.perf_counter()
        response = client.get(priority.get_absolute_url(), HTTP_HOST="127.0.0.1")
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{priority.get_absolute_url()} answered {response.status_code}")
    first = plan.priorities.first()
    return sum(timings) / len(timings), first.kpis.count() if first else 0


def as_row(figures: Figures) -> dict[str, object]:
    return asdict(figures)


def table(rows: list[Figures]) -> Iterator[str]:
    yield (
        f"{'engine':<10} {'rows':>11} {'import s':>9} {'rows/s':>8} "
        f"{'assess ms/KPI':>14} {'page ms':>8} {'KPIs/page':>9} {'peak MB':>8}"
    )
    for f in rows:
        yield (
            f"{f.engine:<10} {f.rows:>11,} {f.import_seconds:>9,.1f} {f.rows_per_second:>8,} "
            f"{f.assess_ms_per_indicator:>14,.1f} {f.page_ms:>8,.0f} {f.kpis_per_page:>9} "
            f"{f.peak_rss_mb:>8,.0f}"
        )
