"""A small made-up hub for the hub's page tests: two localities, flagged families, their
people's linked records, a link run with pairs for clerical review, and one user of each kind.

Every person here is invented; postcodes are in the "ZZ" area, which does not exist.

Tamsin Quillfeather's records name her twice as Tamsin and once as Tamsyn.

``practitioner_a`` works in Northmoor, ``practitioner_b`` in Eastwick; ``hub_analyst`` sees the
whole partnership; ``admin`` administers trustplan but holds no hub role; ``viewer`` holds an
ordinary role; ``outsider`` has signed in with no role.

Northmoor's work list is F-NORTH-1 (three signs, latest 5 February 2024), then F-NORTH-2 (two
signs). F-NORTH-OPEN meets a rule set but is already open to early help, and F-NORTH-QUIET
meets none; neither is listed. Eastwick has F-EAST-1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import make_user
from trustplan.access.models import Role
from trustplan.hub.models import (
    Family,
    FamilyMember,
    FamilyRun,
    FeedLoad,
    Flag,
    HubRecord,
    LinkRun,
    Locality,
    PersonLink,
    ReviewPair,
)

AS_AT = dt.date(2024, 3, 31)
RULE_SET = "accumulating-concerns"

ATTENDANCE = "a child's school attendance fell from 96% to 81% over two terms"
POLICE = (
    "two police domestic-abuse call-outs to the home within 90 days "
    "(12 November 2023 and 14 January 2024)"
)
CAMHS = "a sibling did not attend 3 CAMHS appointments (8 January to 5 February 2024)"
HOUSING = "an eviction notice (3 October 2023)"
WORKLESS = "an adult has been on an out-of-work benefit since 1 June 2023"


class HubBuilder:
    """Records, links and families, made directly as the pipeline would store them."""

    def __init__(self, link_run: LinkRun, family_run: FamilyRun) -> None:
        self.link_run = link_run
        self.family_run = family_run
        self.loads: dict[str, FeedLoad] = {}

    def record(
        self,
        person_id: str,
        feed: str,
        record_id: str,
        name: tuple[str, str],
        born: dt.date,
        **event: object,
    ) -> str:
        load = self.loads.get(feed) or FeedLoad.objects.create(
            feed_type=feed,
            file_name=f"{feed}.csv",
            sha256=f"{len(self.loads):064d}",
            outcome=FeedLoad.Outcome.LOADED,
        )
        self.loads[feed] = load
        HubRecord.objects.create(
            load=load,
            feed_type=feed,
            record_id=record_id,
            first_name=name[0],
            last_name=name[1],
            date_of_birth=born,
            sex="U",
            postcode="ZZ1 2AB",
            event=event,
        )
        PersonLink.objects.create(
            run=self.link_run, feed_type=feed, record_id=record_id, person_id=person_id
        )
        return f"{feed}:{record_id}"

    def family(
        self,
        family_id: str,
        locality: Locality | None,
        people: list[tuple[str, bool]],
        *,
        open_to_early_help: bool = False,
    ) -> Family:
        family = Family.objects.create(
            run=self.family_run,
            family_id=family_id,
            household_id=f"H-{family_id}",
            locality=locality,
            postcode_sector="ZZ1 2",
            open_to_early_help=open_to_early_help,
        )
        for person_id, is_child in people:
            FamilyMember.objects.create(family=family, person_id=person_id, is_child=is_child)
        return family

    @staticmethod
    def flag(family: Family, *indicators: tuple[str, str, str, list[str]]) -> Flag:
        return Flag.objects.create(
            family=family,
            rule_set=RULE_SET,
            rule_set_version="1",
            criteria=[key for key, *_ in indicators],
            indicators=[
                {"key": key, "title": title, "explanation": said, "people": [], "evidence": ev}
                for key, title, said, ev in indicators
            ],
            score=len(indicators),
        )


def _police(
    b: HubBuilder, person: str, record: str, name: tuple[str, str], born: dt.date, on: str
) -> str:
    return b.record(
        person,
        "police_incidents",
        record,
        name,
        born,
        incident_date=on,
        incident_type="domestic_abuse",
        role="victim",
    )


def build_hub() -> dict[str, Any]:
    """The made-up hub and its users, as a dict of names to objects."""
    north = Locality.objects.create(name="Northmoor")
    east = Locality.objects.create(name="Eastwick")
    link_run = LinkRun.objects.create(engine="duckdb", model="{}")
    family_run = FamilyRun.objects.create(
        link_run=link_run, as_at=AS_AT, rule_sets=[{"key": RULE_SET, "version": 1}]
    )
    b = HubBuilder(link_run, family_run)

    mum, child, sibling = (
        ("Morwenna", "Quillfeather"),
        ("Tamsin", "Quillfeather"),
        ("Ptolemy", "Quillfeather"),
    )
    mum_born, child_born, sibling_born = (
        dt.date(1988, 3, 14),
        dt.date(2012, 6, 2),
        dt.date(2009, 9, 9),
    )
    autumn = b.record(
        "P-CHILD",
        "school_attendance",
        "SA-1",
        child,
        child_born,
        term="Autumn 2023/24",
        sessions_possible=140,
        sessions_missed=27,
    )
    b.record(
        "P-CHILD",
        "school_attendance",
        "SA-0",
        ("Tamsyn", "Quillfeather"),
        child_born,
        term="Summer 2022/23",
        sessions_possible=120,
        sessions_missed=5,
    )
    b.record(
        "P-CHILD",
        "health_appointments",
        "HA-2",
        child,
        child_born,
        appointment_date="2023-10-10",
        service="school_nursing",
        attendance="attended",
    )
    call_1 = _police(b, "P-MUM", "PI-1", mum, mum_born, "2023-11-12")
    call_2 = _police(b, "P-MUM", "PI-2", mum, mum_born, "2024-01-14")
    camhs = b.record(
        "P-SIB",
        "health_appointments",
        "HA-1",
        sibling,
        sibling_born,
        appointment_date="2024-02-05",
        service="camhs",
        attendance="did_not_attend",
    )
    first = b.family("F-NORTH-1", north, [("P-MUM", False), ("P-CHILD", True), ("P-SIB", True)])
    b.flag(
        first,
        ("attendance", "Falling school attendance", ATTENDANCE, [autumn]),
        ("police", "Police domestic-abuse call-outs", POLICE, [call_1, call_2]),
        ("camhs", "Missed CAMHS appointments", CAMHS, [camhs]),
    )

    eviction = b.record(
        "P-DAD2",
        "housing",
        "HO-1",
        ("Gethin", "Marrowby"),
        dt.date(1979, 1, 30),
        event_date="2023-10-03",
        event_type="eviction_notice",
    )
    benefit = b.record(
        "P-DAD2",
        "worklessness",
        "WL-1",
        ("Gethin", "Marrowby"),
        dt.date(1979, 1, 30),
        start_date="2023-06-01",
        end_date=None,
        benefit="out_of_work_benefit",
    )
    b.record(
        "P-KID2",
        "school_attendance",
        "SA-2",
        ("Elowen", "Marrowby"),
        dt.date(2015, 4, 1),
        term="Autumn 2023/24",
        sessions_possible=140,
        sessions_missed=2,
    )
    second = b.family("F-NORTH-2", north, [("P-DAD2", False), ("P-KID2", True)])
    b.flag(
        second,
        ("housing", "Housing problems", HOUSING, [eviction]),
        ("worklessness", "Worklessness", WORKLESS, [benefit]),
    )

    open_call = _police(
        b, "P-OPEN", "PI-9", ("Ysolde", "Penhallow"), dt.date(1990, 2, 2), "2024-03-01"
    )
    already_open = b.family("F-NORTH-OPEN", north, [("P-OPEN", False)], open_to_early_help=True)
    b.flag(
        already_open,
        ("police", "Police domestic-abuse call-outs", "an open family's call-out", [open_call]),
        ("camhs", "Missed CAMHS appointments", "an open family's missed appointments", []),
        ("attendance", "Falling school attendance", "an open family's attendance", []),
    )
    b.record(
        "P-QUIET",
        "school_attendance",
        "SA-3",
        ("Jory", "Treloweth"),
        dt.date(2013, 5, 5),
        term="Autumn 2023/24",
        sessions_possible=140,
        sessions_missed=1,
    )
    b.family("F-NORTH-QUIET", north, [("P-QUIET", True)])

    east_call = _police(
        b, "P-EAST", "PI-5", ("Kerensa", "Vosper"), dt.date(1985, 7, 7), "2024-02-20"
    )
    eastern = b.family("F-EAST-1", east, [("P-EAST", False)])
    b.flag(
        eastern,
        ("police", "Police domestic-abuse call-outs", "one call-out in Eastwick", [east_call]),
    )

    b.record(
        "P-ALONE",
        "housing",
        "HO-7",
        ("Demelza", "Trevithick"),
        dt.date(1970, 8, 8),
        event_date="2023-12-01",
        event_type="homelessness_presentation",
    )
    b.record(
        "P-ALONE2",
        "housing",
        "HO-8",
        ("Demelsa", "Trevithick"),
        dt.date(1970, 8, 8),
        event_date="2023-12-02",
        event_type="homelessness_presentation",
    )
    likely = ReviewPair.objects.create(
        run=link_run,
        id_l="housing:HO-8",
        id_r="housing:HO-7",
        match_probability=0.91,
        reason="first names differ",
        evidence=[
            {"field": "first name", "words": "similar spelling"},
            {"field": "date of birth", "words": "exact match"},
        ],
    )
    unlikely = ReviewPair.objects.create(
        run=link_run,
        id_l="police_incidents:PI-5",
        id_r="police_incidents:PI-9",
        match_probability=0.42,
        reason="uncertain",
        evidence=[{"field": "last name", "words": "different"}],
    )

    return {
        "north": north,
        "east": east,
        "link_run": link_run,
        "family_run": family_run,
        "first": first,
        "second": second,
        "already_open": already_open,
        "eastern": eastern,
        "likely_pair": likely,
        "unlikely_pair": unlikely,
        "practitioner_a": make_user("practitioner_a", Role.HUB_PRACTITIONER, locality=north),
        "practitioner_b": make_user("practitioner_b", Role.HUB_PRACTITIONER, locality=east),
        "hub_analyst": make_user("hub_analyst", Role.HUB_ANALYST),
        "admin": make_user("admin", Role.ADMINISTRATOR),
        "viewer": make_user("viewer", Role.VIEWER),
        "outsider": make_user("outsider"),
    }


@pytest.fixture
def hub(db: None) -> dict[str, Any]:
    return build_hub()
