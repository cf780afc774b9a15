"""A small, quick synthetic population for linkage tests and measurement.

Not the hub's synthetic city (``trustplan.hubcore.synth``): only the identity columns, with the
errors that make linkage hard (typos, nicknames, changed surnames, swapped names, day and month
swapped, mistyped dates, moves, missing identifiers) and the cases that must not link (twins,
namesakes). Deterministic for a seed.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_F = _words(
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence "
    "Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Sophie Alice "
    "Harper Matilda Ruby Emilia Maya Millie Isabelle Ada Arabella Eliza Esme Jessica Aria "
    "Imogen Scarlett Chloe Eva Layla Penelope Hannah Mila Zara Aisha Fatima Maryam Amina "
    "Priya Anika Zainab Hafsa Katherine Elizabeth Margaret Susan Patricia Jennifer Rebecca "
    "Samantha Victoria Jacqueline "
)
FIRST_M = _words(
    "Muhammad Noah Oliver George Leo Arthur Oscar Theodore Freddie Archie Henry Theo Alfie "
    "Charlie Finley Jack Jacob Lucas Thomas Isaac Tommy Teddy Arlo Hugo Luca Ethan Edward "
    "Harry William James Joshua Alexander Max Reuben Albie Elijah Mason Harrison Rory "
    "Ibrahim Yusuf Omar Ali Ahmed Hamza Ayaan Zayan Daniel Samuel Joseph Benjamin Robert "
    "Michael Christopher Matthew Andrew Richard Anthony Steven Jonathan Nicholas Patrick "
    "Kenneth Stephen Callum Kyle Dylan "
)
SURNAMES = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel "
    "Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison "
    "Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths "
    "Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox "
    "Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster "
    "Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer "
    "Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray "
    "Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart "
    "Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson "
    "Bradley Spencer Gill Dawson Ball Burton Obrien Watts Rose Booth Perry Ryan Grant Wells "
    "Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr "
    "Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding "
    "Porter Robertson Newton Oconnor Bates Nowak Kowalski Okafor Mensah Adeyemi Nguyen Chen "
    "Wang Santos Silva Costa "
)
NICKNAMES = {
    "William": "Bill",
    "Robert": "Bob",
    "Elizabeth": "Liz",
    "Katherine": "Kate",
    "Margaret": "Maggie",
    "Thomas": "Tom",
    "James": "Jim",
    "Jennifer": "Jenny",
    "Samantha": "Sam",
    "Alexander": "Alex",
    "Christopher": "Chris",
    "Matthew": "Matt",
    "Michael": "Mike",
    "Daniel": "Dan",
    "Joseph": "Joe",
    "Benjamin": "Ben",
    "Nicholas": "Nick",
    "Jonathan": "Jon",
    "Anthony": "Tony",
    "Richard": "Rich",
    "Edward": "Ed",
    "Rebecca": "Becky",
    "Victoria": "Vicky",
    "Patricia": "Pat",
}
STREETS = _words(
    "High Albert Victoria Station Church Park London Queens Kings Mill Grove Manor Elm Oak "
    "Ash Beech Cedar Willow Chestnut Hawthorn Lime Maple Sycamore Rowan Holly Laurel Fratton "
    "Kingston Copnor Milton Eastney Southsea Hilsea Stamshaw Tipner Buckland Landport Somers "
    "Cosham Drayton Farlington Wymering Paulsgrove Anchorage Harbour Marine Castle Clarence "
    "Osborne Elm Palmerston "
)
STREET_KINDS = ("Road", "Street", "Avenue", "Close", "Lane", "Grove", "Crescent", "Way")
ETHNICITIES = (
    "White",
    "White",
    "White",
    "White",
    "White",
    "White",
    "Asian",
    "Black",
    "Mixed",
    "Other",
)
FEEDS_CHILD = (
    "school_attendance",
    "school_attendance",
    "health_appointments",
    "social_care",
    "early_help",
    "exclusions",
    "police_incidents",
)
FEEDS_ADULT = (
    "police_incidents",
    "health_appointments",
    "housing",
    "worklessness",
    "early_help",
)
# How often each feed carries an NHS number and a UPN.
NHS_RATE = {"health_appointments": 0.95, "social_care": 0.7, "early_help": 0.5}
UPN_RATE = {"school_attendance": 0.95, "exclusions": 0.95, "early_help": 0.3, "social_care": 0.4}


@dataclass(frozen=True)
class Person:
    person_id: str
    first_name: str
    last_name: str
    dob: date
    sex: str
    ethnicity: str
    is_child: bool
    nhs_number: str
    upn: str
    address: str
    postcode: str
    uprn: str


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = (11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _upn(rng: random.Random) -> str:
    return rng.choice("ABCDEFGHJKLMNPQRTUVWXYZ") + "".join(
        str(rng.randrange(10)) for _ in range(12)
    )


def _home(rng: random.Random, uprn: int) -> tuple[str, str, str]:
    number = rng.randint(1, 250)
    street = f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
    district = f"PO{rng.randint(1, 9)}"
    postcode = f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    postcode += rng.choice("ABDEFGHJLNPQRSTUWXYZ")
    return f"{number} {street}", postcode, str(uprn)


def _zipf_choice(rng: random.Random, names: list[str] | tuple[str, ...]) -> str:
    # Common names are more common than rare ones (weight 1 / (rank + 4)^0.8).
    weights = [1.0 / (rank + 4) ** 0.8 for rank in range(len(names))]
    return rng.choices(names, weights=weights)[0]


def make_people(n: int, seed: int) -> list[Person]:
    """About ``n`` people in households: adults and children, with some twins."""
    rng = random.Random(seed)
    people: list[Person] = []
    uprn = 100000
    while len(people) < n:
        uprn += rng.randint(1, 50)
        address, postcode, uprn_s = _home(rng, uprn)
        surname = _zipf_choice(rng, SURNAMES)
        ethnicity = rng.choice(ETHNICITIES)
        adults = rng.choice((1, 1, 2, 2, 2))
        children = rng.choice((0, 1, 1, 2, 2, 3, 4))
        members: list[tuple[bool, date]] = []
        for _ in range(adults):
            members.append((False, date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))))
        born = 0
        while born < children:
            dob = date(2005, 1, 1) + timedelta(days=rng.randrange(18 * 365))
            members.append((True, dob))
            born += 1
            if rng.random() < 0.03:  # twins: same surname, dob and home; different first names
                members.append((True, dob))
                born += 1
        used_first: set[str] = set()
        for is_child, dob in members:
            sex = rng.choice("FM")
            while True:
                first = _zipf_choice(rng, FIRST_F if sex == "F" else FIRST_M)
                if first not in used_first:
                    break
            used_first.add(first)
            people.append(
                Person(
                    person_id=f"p{len(people) + 1:07d}",
                    first_name=first,
                    last_name=surname
                    if is_child or rng.random() < 0.8
                    else _zipf_choice(rng, SURNAMES),
                    dob=dob,
                    sex=sex,
                    ethnicity=ethnicity,
                    is_child=is_child,
                    nhs_number=nhs_number(rng),
                    upn=_upn(rng) if is_child else "",
                    address=address,
                    postcode=postcode,
                    uprn=uprn_s,
                )
            )
    return people


def _typo(rng: random.Random, s: str) -> str:
    if len(s) < 3:
        return s
    i = rng.randrange(1, len(s) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return s[:i] + rng.choice("aeiounrst") + s[i + 1 :]
    if kind == 1:
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    return s[:i] + s[i + 1 :]


def _record(
    rng: random.Random, p: Person, feed: str, other_home: tuple[str, str, str]
) -> dict[str, str]:
    first, last, dob = p.first_name, p.last_name, p.dob
    if rng.random() < 0.04:
        first = _typo(rng, first)
    elif rng.random() < 0.03 and first in NICKNAMES:
        first = NICKNAMES[first]
    if rng.random() < 0.03:
        last = _typo(rng, last)
    elif not p.is_child and rng.random() < 0.02:
        last = _zipf_choice(rng, SURNAMES)  # a changed surname
    if rng.random() < 0.005:
        first, last = last, first
    dob_text = dob.isoformat()
    r = rng.random()
    if r < 0.01 and dob.day <= 12 and dob.day != dob.month:
        dob_text = date(dob.year, dob.day, dob.month).isoformat()
    elif r < 0.03:
        part = rng.randrange(3)
        try:
            if part == 0:
                dob_text = dob.replace(year=dob.year + rng.choice((-1, 1))).isoformat()
            elif part == 1:
                dob_text = dob.replace(
                    month=rng.choice([m for m in range(1, 13) if m != dob.month])
                ).isoformat()
            else:
                dob_text = dob.replace(
                    day=rng.choice([d for d in range(1, 29) if d != dob.day])
                ).isoformat()
        except ValueError:
            pass
    address, postcode, uprn = p.address, p.postcode, p.uprn
    if rng.random() < 0.06:
        address, postcode, uprn = other_home
    if rng.random() < 0.05:
        address = address.replace("Road", "Rd").replace("Street", "St").replace("Avenue", "Ave")
    if rng.random() < 0.05:
        postcode = ""
    if rng.random() < 0.4:
        uprn = ""
    sex = p.sex if rng.random() > 0.05 else "U"
    nhs = p.nhs_number if rng.random() < NHS_RATE.get(feed, 0.25) else ""
    if nhs and rng.random() < 0.3:
        nhs = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
    upn = p.upn if p.upn and rng.random() < UPN_RATE.get(feed, 0.0) else ""
    if rng.random() < 0.1:
        first = first.upper()
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth": dob_text,
        "sex": sex,
        "nhs_number": nhs,
        "upn": upn,
        "address": address,
        "postcode": postcode if rng.random() > 0.1 else postcode.replace(" ", "").lower(),
        "uprn": uprn,
        "ethnicity": p.ethnicity,
    }


def make_records(
    people: list[Person], seed: int, mean_records: float = 3.0
) -> list[dict[str, str]]:
    """Records (with ``feed``, ``record_id`` and a ``person_id`` truth column) for ``people``."""
    rng = random.Random(seed + 1)
    out: list[dict[str, str]] = []
    counters: dict[str, int] = {}
    uprn = 900000
    for p in people:
        n = max(1, int(rng.expovariate(1 / mean_records)) + 1)
        feeds = FEEDS_CHILD if p.is_child else FEEDS_ADULT
        uprn += 1
        moved = _home(rng, uprn)
        for _ in range(n):
            feed = rng.choice(feeds)
            counters[feed] = counters.get(feed, 0) + 1
            rec = _record(rng, p, feed, moved)
            rec = {"feed": feed, "record_id": f"{feed[:3].upper()}{counters[feed]:07d}", **rec}
            rec["person_id"] = p.person_id
            out.append(rec)
    rng.shuffle(out)
    return out


def write_city(people_count: int, seed: int, out: Path) -> Path:
    """Feed CSVs plus ``truth_records.csv`` and ``truth_people.csv`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    people = make_people(people_count, seed)
    records = make_records(people, seed)
    columns = [
        "record_id", "first_name", "last_name", "date_of_birth", "sex", "nhs_number", "upn",
        "address", "postcode", "uprn", "ethnicity",
    ]  # fmt: skip
    by_feed: dict[str, list[dict[str, str]]] = {}
    for rec in records:
        by_feed.setdefault(rec["feed"], []).append(rec)
    for feed, rows in by_feed.items():
        with (out / f"{feed}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    with (out / "truth_records.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["feed", "record_id", "person_id"])
        w.writerows([r["feed"], r["record_id"], r["person_id"]] for r in records)
    with (out / "truth_people.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "person_id",
                "first_name",
                "last_name",
                "date_of_birth",
                "sex",
                "ethnicity",
                "is_child",
            ]
        )
        w.writerows(
            [
                p.person_id,
                p.first_name,
                p.last_name,
                p.dob.isoformat(),
                p.sex,
                p.ethnicity,
                str(p.is_child).lower(),
            ]
            for p in people
        )
    return out


def twin_of(p: Person, first_name: str, person_id: str, rng: random.Random) -> Person:
    """A twin of ``p``: same surname, dob and home, another first name and NHS number."""
    return replace(p, person_id=person_id, first_name=first_name, nhs_number=nhs_number(rng))


if __name__ == "__main__":
    import sys

    write_city(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
