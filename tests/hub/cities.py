"""A small synthetic city written and loaded into the hub, for the tests that need stored
records (made-up people only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trustplan.hub.loading import load_feed
from trustplan.hub.models import DataSharingAgreement
from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.synth import write_city


def load_city(folder: Path, *, people: int = 600, seed: int = 5, on: dt.date) -> Path:
    """Write a city into ``folder`` and load every feed it has under one agreement."""
    folder.mkdir()
    write_city(people, seed, folder)
    DataSharingAgreement.objects.create(
        title="All feeds",
        feeds=sorted(FEEDS),
        lawful_basis="UK GDPR Article 6(1)(e); Article 9(2)(g)",
        purposes="Early help",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        retention_days=730,
    )
    for feed in FEEDS:
        path = folder / f"{feed}.csv"
        if len(path.read_text().splitlines()) > 1:  # a small city may have nobody in a feed
            load_feed(feed, path.read_bytes(), path.name, on=on, by=None)
    return folder
