"""Households and families from linked records, the rule sets' facts on them, and how well both
match a synthetic city's truth. Pure Python, no Django.

* :mod:`~trustplan.hubcore.families.records`: the input, each record attributed to a person;
* :mod:`~trustplan.hubcore.families.addresses`: one key per dwelling, however it was written;
* :mod:`~trustplan.hubcore.families.people`: what a person's records say as at a day;
* :mod:`~trustplan.hubcore.families.households`: people who shared a home at the same time;
* :mod:`~trustplan.hubcore.families.split`: dependent children, expectant parents, and the
  families inside a household;
* :mod:`~trustplan.hubcore.families.ids`: family ids that stay the same from run to run;
* :mod:`~trustplan.hubcore.families.grouping`: ``group_families``, all of the above;
* :mod:`~trustplan.hubcore.families.facts`: ``facts_from_linked``, the rule sets' input;
* :mod:`~trustplan.hubcore.families.services`: whether a family is already open to a service;
* :mod:`~trustplan.hubcore.families.localities`: the postcode sector to locality lookup;
* :mod:`~trustplan.hubcore.families.city`: a synthetic city's files as linked records;
* :mod:`~trustplan.hubcore.families.scoring` and :mod:`~trustplan.hubcore.families.measure`:
  the grouping and the flags against the truth, and flag rates by group.

Everything here handles person-level data: nothing logs, no message repeats a value, and the
classes that hold names, dates of birth or addresses keep them out of their ``repr``.
docs/hub-families.md describes the method and its measured accuracy.
"""

from trustplan.hubcore.families.facts import Placed, facts_from_linked, facts_from_placed
from trustplan.hubcore.families.grouping import Family, Grouping, group_families
from trustplan.hubcore.families.localities import LocalitiesError, Sector, read_localities
from trustplan.hubcore.families.records import LinkedRecord, linked_record
from trustplan.hubcore.families.services import open_to
from trustplan.hubcore.families.split import Member

__all__ = [
    "Family",
    "Grouping",
    "LinkedRecord",
    "LocalitiesError",
    "Member",
    "Placed",
    "Sector",
    "facts_from_linked",
    "facts_from_placed",
    "group_families",
    "linked_record",
    "open_to",
    "read_localities",
]
