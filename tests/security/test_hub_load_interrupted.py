"""A hub load killed half-way leaves the previous state intact.

The real command, ``trustplan hub load``, runs in its own process on a SQLite database file and
is killed with SIGKILL while its transaction is open: after it has written its load and the
first batch of records, and before it commits. (The process is told to wait there by a database
hook that does nothing else, so the kill always lands mid-load.) Afterwards the previous load's
records, loads and quarantine are exactly as they were, no row of the killed load exists, the
database is sound, and the same file then loads in full.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

BIG = 2_000  # rows: many of the database's insert batches (SQLite: 999 parameters each)
ON = "2024-02-29"
HEADER = (
    "record_id,first_name,last_name,date_of_birth,sex,nhs_number,postcode,"
    "incident_date,incident_type,role\n"
)
FIRST = HEADER + (
    "P1,Anna,Smith,2010-03-04,F,9434765919,ZZ1 2AB,2023-05-01,domestic_abuse,victim\n"
    "P2,Bob,Jones,2010-13-04,M,,ZZ1 2AB,2023-05-01,asb,subject\n"
    "P3,Cara,Lee,2011-01-02,F,,ZZ2 3CD,2023-06-01,missing,subject\n"
)
FIRST_NAMES = ("Anna", "Bryn", "Cara", "Dara", "Eryl", "Ffion", "Gwen", "Hywel")
LAST_NAMES = ("Smith", "Jones", "Lee", "Morgan", "Price", "Evans")

# Run the real command, with one hook: once the first batch of records is written (inside the
# load's transaction), say so and wait to be killed.
HOOKED = """
import os, sys, time
from django.db.backends.signals import connection_created

def wait_after_first_batch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith('INSERT INTO "HUB_HUBRECORD"'):
        open(os.environ["TRUSTPLAN_TEST_MARKER"], "w").close()
        time.sleep(300)
    return result

def hook(sender, connection, **kwargs):
    connection.execute_wrappers.append(wait_after_first_batch)

connection_created.connect(hook)
from trustplan.cli import main
main(sys.argv[1:])
"""


# An agreement, then the first load, each by the real command.
SET_UP = """
import sys
from trustplan.cli import main
main(["hub", "agreement", "--title", "Police and council", "--feeds", "police_incidents",
      "--lawful-basis", "Children Act 2004 s10; Children Act 1989 s17",
      "--article-6", "e", "--article-9", "g",
      "--schedule-1", "Part 2, paragraph 18: safeguarding of children and individuals at risk",
      "--purposes", "Offering families early help",
      "--from", "2023-01-01", "--to", "2025-12-31", "--review-on", "2024-12-31",
      "--retention-days", "730"])
main(["hub", "load", "police_incidents", sys.argv[1]])
"""


def big_feed() -> str:
    """P1 again with a new surname (an update, in the first batch), then many new people."""
    rows = ["P1,Anna,Smith-Brown,2010-03-04,F,9434765919,ZZ9 9ZZ,2023-05-01,domestic_abuse,victim"]
    for n in range(BIG):
        first, last = FIRST_NAMES[n % 8], LAST_NAMES[n % 6]
        rows.append(
            f"R{n},{first},{last},2009-0{n % 9 + 1}-1{n % 9},F,,ZZ1 2AB,2023-05-01,asb,subject"
        )
    return HEADER + "\n".join(rows) + "\n"


def _environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        TRUSTPLAN_DATA_DIR=str(data_dir),
        TRUSTPLAN_AS_OF=ON,
        DJANGO_SETTINGS_MODULE="trustplan.config.settings",
    )
    return env


def _python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _database(data_dir: Path, env: dict[str, str]) -> Path:
    """A migrated database file: when the tests run on SQLite, a copy of the (empty, migrated)
    test database, which is quick; else made by `trustplan migrate`."""
    path = data_dir / "trustplan.sqlite3"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw: Any = connection.connection
        with closing(sqlite3.connect(path)) as copy:
            raw.backup(copy)
    else:
        _python(env, "-m", "trustplan", "migrate", "-v0")
    return path


def _state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored load, record and quarantined row, and the database's own check."""
    with closing(sqlite3.connect(path)) as db:  # reading rolls back what a killed writer left
        return {
            "loads": db.execute(
                "select id, feed_type, outcome, counts from hub_feedload order by id"
            ).fetchall(),
            "records": db.execute(
                "select feed_type, record_id, load_id, last_name, postcode from hub_hubrecord "
                "order by record_id"
            ).fetchall(),
            "quarantine": db.execute(
                "select load_id, row, reason from hub_quarantinedrow order by id"
            ).fetchall(),
            "integrity": db.execute("pragma integrity_check").fetchall(),
        }


def _wait_for(marker: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 240
    while not marker.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the load ended before its first batch was written:\n{out}\n{err}")
        assert time.monotonic() < deadline, "the load never wrote its first batch"
        time.sleep(0.05)


@pytest.mark.django_db  # for the test database's schema, copied by `_database`
def test_a_load_killed_half_way_leaves_the_previous_load_intact(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    env = _environment(data_dir)
    database = _database(data_dir, env)
    first = tmp_path / "police-1.csv"
    first.write_text(FIRST, encoding="utf-8")
    loaded = _python(env, "-c", SET_UP, str(first))  # one process: the imports are slow
    assert "2 rows stored, 1 quarantined" in loaded.stdout
    before = _state(database)
    assert [r[1] for r in before["records"]] == ["P1", "P3"]
    assert before["integrity"] == [("ok",)]

    big = tmp_path / "police-2.csv"
    big.write_text(big_feed(), encoding="utf-8")
    marker = tmp_path / "first-batch-written"
    hooked = subprocess.Popen(
        [sys.executable, "-c", HOOKED, "hub", "load", "police_incidents", str(big)],
        env={**env, "TRUSTPLAN_TEST_MARKER": str(marker)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(marker, hooked)
        hooked.send_signal(signal.SIGKILL)
        hooked.wait(timeout=60)
    finally:
        if hooked.poll() is None:
            hooked.kill()
            hooked.wait()
    assert hooked.returncode == -signal.SIGKILL
    left = {p.name for p in data_dir.iterdir()}
    assert left & {"trustplan.sqlite3-journal", "trustplan.sqlite3-wal"}, left  # died mid-write

    after = _state(database)
    assert after == before
    assert ("police_incidents", "P1", before["loads"][0][0], "Smith", "ZZ1 2AB") in after["records"]

    reloaded = _python(env, "-m", "trustplan", "hub", "load", "police_incidents", str(big))
    assert f"{BIG + 1:,} rows stored" in reloaded.stdout
    final = _state(database)
    assert len(final["records"]) == BIG + 2  # P1 updated, P3 kept, and every new person
    assert [r[2] for r in final["loads"]] == ["loaded", "loaded"]
