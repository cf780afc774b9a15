"""Environment profiles applied before Django reads its settings."""

from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from pathlib import Path

# The demo's synthetic data run to December 2023; it is judged as at the end of February 2024.
DEMO_AS_OF = "2024-02-29"


def apply_demo_profile(environ: MutableMapping[str, str]) -> None:
    """The demo: SQLite and a generated secret key in the data folder, plain HTTP on 127.0.0.1.

    Values already set in the environment win, so a demo can be pointed elsewhere.
    """
    data_dir = Path(environ.get("TRUSTPLAN_DATA_DIR") or Path.cwd() / ".trustplan").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    environ.setdefault("TRUSTPLAN_DATA_DIR", str(data_dir))
    environ.setdefault("TRUSTPLAN_SECRET_KEY", _demo_secret_key(data_dir))
    environ.setdefault("TRUSTPLAN_HTTPS", "0")
    environ.setdefault("TRUSTPLAN_DEMO", "1")
    environ.setdefault("TRUSTPLAN_AS_OF", DEMO_AS_OF)


def _demo_secret_key(data_dir: Path) -> str:
    key_file = data_dir / "demo-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()
