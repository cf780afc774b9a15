"""Whether a family is already open to early help or to children's social care on a day.

A family with a worker already is not put on the early help work list: the shipped rule sets
exclude it, and the hub shows why. The test here is the shipped rule sets' own ``exclude_if``:
any member's early help episode open on the day; any member's social care referral, child in
need, child protection or looked-after episode open on the day (a contact, which starts and
ends on one day and leads nowhere, does not count).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from trustplan.hubcore.rules.facts import Episode, FamilyFacts, SocialCareEpisode

SOCIAL_CARE_OPEN: Final = ("referral", "child_in_need", "child_protection", "looked_after")


def open_to(family: FamilyFacts, on: date) -> tuple[bool, bool]:
    """``(early help, social care)``: whether each has an episode open on ``on``."""
    early_help = any(
        isinstance(e, Episode) and e.open_on(on) for e in family.events.get("early_help", ())
    )
    social_care = any(
        isinstance(e, SocialCareEpisode) and e.episode_type in SOCIAL_CARE_OPEN and e.open_on(on)
        for e in family.events.get("social_care", ())
    )
    return early_help, social_care
