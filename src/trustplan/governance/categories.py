"""What kind of personal data each feed holds, in UK GDPR's terms, read from the feed contracts.

Every feed starts with the same identity columns (``trustplan.hubcore.feeds.contracts.Identity``)
and adds its own event columns. Two kinds of column need more than an Article 6 basis:

* **special category data** (UK GDPR Article 9(1)), which needs an Article 9(2) condition too:
  ``ethnicity`` (racial or ethnic origin) in every feed, and every event column of the health
  appointments feed (health: which service a person was seen by, and whether they came);
* **criminal offence data** (UK GDPR Article 10; Data Protection Act 2018 sections 10(5) and
  11(2)): every event column of the police incidents and youth justice feeds. A police
  incident names a victim or witness as well as a suspect, so the whole feed is treated so.

``EVENT_CATEGORIES`` names the kind of every feed's event columns, ``None`` for ordinary
personal data; a feed added to the contracts must be added here (a test checks that every feed
is), so that no feed's data go undescribed in the DPIA.
"""

from __future__ import annotations

from dataclasses import dataclass

from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.feeds.contracts import Identity


@dataclass(frozen=True)
class Category:
    """A kind of personal data the law treats specially, and where it says so."""

    name: str
    article: str
    special: bool  # Article 9 special category (else Article 10 criminal offence data)

    def __str__(self) -> str:
        return f"{self.name} ({self.article})"


ETHNIC_ORIGIN = Category("racial or ethnic origin", "UK GDPR Article 9(1)", special=True)
HEALTH = Category("health", "UK GDPR Article 9(1)", special=True)
CRIMINAL_OFFENCE = Category(
    "criminal offence data", "UK GDPR Article 10; DPA 2018 s11(2)", special=False
)

IDENTITY_CATEGORIES = {"ethnicity": ETHNIC_ORIGIN}

EVENT_CATEGORIES: dict[str, Category | None] = {
    "school_attendance": None,
    "exclusions": None,
    "police_incidents": CRIMINAL_OFFENCE,
    "youth_justice": CRIMINAL_OFFENCE,
    "health_appointments": HEALTH,
    "social_care": None,
    "early_help": None,
    "housing": None,
    "worklessness": None,
}


def identity_columns() -> list[str]:
    """The identity columns every feed holds (the agency's record id apart)."""
    return [name for name in Identity.model_fields if name != "record_id"]


def event_columns(feed: str) -> list[str]:
    """A feed's own columns, in contract order."""
    return [name for name in FEEDS[feed].model_fields if name not in Identity.model_fields]


def categorised_columns(feed: str) -> dict[str, Category]:
    """Each of a feed's special category or criminal offence columns, with its kind."""
    columns = dict(IDENTITY_CATEGORIES)
    category = EVENT_CATEGORIES[feed]
    if category is not None:
        columns.update(dict.fromkeys(event_columns(feed), category))
    return columns


def special_categories(feeds: list[str]) -> list[str]:
    """The kinds of Article 9 special category data these feeds hold, e.g. ``["health",
    "racial or ethnic origin"]``; empty if none (or if no feed is named)."""
    return sorted(
        {
            category.name
            for feed in feeds
            if feed in EVENT_CATEGORIES
            for category in categorised_columns(feed).values()
            if category.special
        }
    )


def holds_criminal_offence_data(feeds: list[str]) -> bool:
    return any(
        not category.special
        for feed in feeds
        if feed in EVENT_CATEGORIES
        for category in categorised_columns(feed).values()
    )
