"""`trustplan bench kpi` runs end to end in a throwaway database and prints its figures.

It checks the benchmark works and reports the size it was asked for; it never asserts on time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_the_kpi_benchmark_prints_its_table_and_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "trustplan.config.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trustplan",
            "bench",
            "kpi",
            "--indicators=2",
            "--areas=4",
            "--years=2",
            "--engines=sqlite",
            f"--json-out={out}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2 indicators x 4 areas x 2 years of monthly data = 192 rows per engine" in result.stdout
    assert "rows/s" in result.stdout
    [figures] = json.loads(out.read_text())
    assert figures["engine"] == "sqlite"
    assert figures["rows"] == 192
    assert figures["rows_per_second"] > 0
    assert figures["kpis_per_page"] == 1
