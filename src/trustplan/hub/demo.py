"""The hub's part of the demo: a synthetic city run through the whole pipeline.

Every person in it is made up (``trustplan.hubcore.synth``; postcodes in the "ZZ" area, which
does not exist). The city is written once into the data folder and kept, so a second demo run
loads nothing new, links again and groups families again, as an analyst's nightly run would.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.db import transaction

from trustplan.hub.aggregates import store_outlines
from trustplan.hub.families import load_localities, run_families
from trustplan.hub.linking import run_linking
from trustplan.hub.models import DataSharingAgreement, Family, FamilyRun, Locality
from trustplan.hub.pipeline import load_folder
from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.synth import write_city
from trustplan.hubcore.synth.truth import LOCALITIES_FILE, OUTLINES_FILE

CITY_PEOPLE: Final = 4_000
CITY_SEED: Final = 2020
AGREEMENT_TITLE: Final = "Think Family data sharing agreement (demo)"


@dataclass(frozen=True)
class HubDemo:
    records: int
    people: int
    families: int
    flagged: int
    work_list: int
    practitioner_locality: str


def _agreement(on: dt.date) -> DataSharingAgreement:
    agreement, _ = DataSharingAgreement.objects.get_or_create(
        title=AGREEMENT_TITLE,
        defaults={
            "feeds": sorted(FEEDS),
            "article_6_basis": "e",
            "article_9_condition": "g",
            "dpa_schedule_1_condition": "Part 2, paragraph 18 (safeguarding of children)",
            "review_on": dt.date(on.year + 1, 3, 31),
            "lawful_basis": (
                "UK GDPR Article 6(1)(e) public task (Children Act 2004 s10); Article 9(2)(g) "
                "substantial public interest, DPA 2018 Schedule 1 para 18 (safeguarding)"
            ),
            "purposes": "Identifying families who may benefit from early help; commissioning.",
            "starts_on": dt.date(on.year - 1, 4, 1),
            "ends_on": dt.date(on.year + 2, 3, 31),
            "retention_days": 6 * 365,
        },
    )
    return agreement


def busiest_locality() -> Locality | None:
    """The locality with most families on the current work list: the demo practitioner's."""
    latest = FamilyRun.objects.first()
    open_flagged = Family.objects.filter(
        run=latest,
        flags__isnull=False,
        open_to_early_help=False,
        open_to_social_care=False,
    ).values_list("locality_id", flat=True)
    counts = Counter(pk for pk in open_flagged if pk is not None)
    if not counts:
        return Locality.objects.order_by("name").first()
    return Locality.objects.get(pk=counts.most_common(1)[0][0])


def create_demo_hub(
    data_dir: Path, *, on: dt.date, say: Callable[[str], object] = print
) -> HubDemo:
    city = data_dir / "hub-city"
    if not (city / LOCALITIES_FILE).is_file():
        city.mkdir(parents=True, exist_ok=True)
        write_city(CITY_PEOPLE, CITY_SEED, city)
    with transaction.atomic():
        _agreement(on)
        load_localities((city / LOCALITIES_FILE).read_bytes(), LOCALITIES_FILE)
    store_outlines((city / OUTLINES_FILE).read_text(encoding="utf-8"))
    outcomes = load_folder(city, on=on, say=say)
    link_run = run_linking(say=say)
    family_run = run_families(as_at=on, say=say)
    families = Family.objects.filter(run=family_run)
    flagged = families.filter(flags__isnull=False).distinct()
    locality = busiest_locality()
    return HubDemo(
        records=sum(o.stored for o in outcomes),
        people=int(link_run.counts.get("people", 0)),
        families=families.count(),
        flagged=flagged.count(),
        work_list=flagged.filter(open_to_early_help=False, open_to_social_care=False).count(),
        practitioner_locality=locality.name if locality else "",
    )
