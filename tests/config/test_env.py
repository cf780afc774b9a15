"""Settings read from the environment fail loudly on values that cannot be right."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustplan.config.env import (
    ImproperlyConfiguredEnvError,
    env_bool,
    env_int,
    env_list,
    env_path,
)


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("Yes", True), ("off", False), ("", False)]
)
def test_env_bool_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("TP_FLAG", raw)
    assert env_bool("TP_FLAG", default=not expected) is expected


def test_env_bool_refuses_a_typo_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TP_FLAG", "ture")
    with pytest.raises(ImproperlyConfiguredEnvError, match="TP_FLAG='ture' is not a yes/no value"):
        env_bool("TP_FLAG", default=False)


def test_env_bool_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TP_FLAG", raising=False)
    assert env_bool("TP_FLAG", default=True) is True


def test_env_int_refuses_words_and_values_below_the_minimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TP_N", "ten")
    with pytest.raises(ImproperlyConfiguredEnvError, match="TP_N='ten' is not a whole number"):
        env_int("TP_N", default=1)
    monkeypatch.setenv("TP_N", "5")
    with pytest.raises(ImproperlyConfiguredEnvError, match="TP_N=5 is below the minimum of 300"):
        env_int("TP_N", default=1, minimum=300)
    monkeypatch.setenv("TP_N", "600")
    assert env_int("TP_N", default=1, minimum=300) == 600


def test_env_list_and_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TP_HOSTS", " a.example , b.example,, ")
    assert env_list("TP_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("TP_DIR", str(tmp_path / "x" / ".."))
    assert env_path("TP_DIR", Path("/nowhere")) == tmp_path
