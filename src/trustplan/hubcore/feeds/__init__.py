"""The hub's person-level feeds: their contracts, how a file is read, and their Table Schemas.

* :mod:`~trustplan.hubcore.feeds.contracts`: one pydantic model per feed, and a row's check;
* :mod:`~trustplan.hubcore.feeds.reading`: a file's bytes to a :class:`FeedBatch`;
* :mod:`~trustplan.hubcore.feeds.schema_export`: each contract as a Frictionless Table Schema.

docs/hub-feeds.md is the contract as the agencies' data teams read it.
"""

from trustplan.hubcore.feeds.contracts import FEEDS, FeedRecord, Finding, RowCheck, check_row
from trustplan.hubcore.feeds.reading import FeedBatch, Rejection, RowWarning, read_feed

__all__ = [
    "FEEDS",
    "FeedBatch",
    "FeedRecord",
    "Finding",
    "Rejection",
    "RowCheck",
    "RowWarning",
    "check_row",
    "read_feed",
]
