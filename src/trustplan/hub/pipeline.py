"""The hub's whole pipeline over a folder of feed files: load every feed, link, group families
and evaluate the rule sets. Used by the demo and the benchmark; each stage is also a command of
its own (`trustplan hub load|link|localities|families`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.models import User

from trustplan.hub.loading import LoadOutcome, load_feed
from trustplan.hubcore.feeds import FEEDS


def feed_files(folder: Path) -> dict[str, Path]:
    """The feed files in ``folder``, named ``<feed type>.csv``, in the contracts' order."""
    return {feed: folder / f"{feed}.csv" for feed in FEEDS if (folder / f"{feed}.csv").is_file()}


def load_folder(
    folder: Path, *, on: dt.date, by: User | None = None, say: Callable[[str], object] = print
) -> list[LoadOutcome]:
    """Load every feed file in ``folder``; each is all-or-nothing on its own, as `hub load`."""
    files = feed_files(folder)
    if not files:
        known = ", ".join(f"{feed}.csv" for feed in FEEDS)
        raise ValueError(f"{folder} holds no feed file (looked for {known}).")
    outcomes = []
    for feed, path in files.items():
        outcome = load_feed(feed, path.read_bytes(), path.name, on=on, by=by)
        say(f"  {path.name}: {outcome.stored:,} stored, {outcome.quarantined:,} quarantined")
        outcomes.append(outcome)
    return outcomes
