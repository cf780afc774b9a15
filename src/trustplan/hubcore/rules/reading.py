"""Read a rule set file, naming the line of every problem; and the rule sets trustplan ships.

The YAML is read by ``trustplan.plancode.source``, which remembers each value's line and refuses
duplicate keys, so a rule set is held to the same standard as a plan file. No message repeats
more than a short piece of what was written, and rule files hold no person-level data.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from trustplan.hubcore.rules.schema import LocatedError, RuleSet
from trustplan.plancode.source import Path_, SourceError, SourceMap, format_path, read_yaml

TROUBLED_FAMILIES_2: Final = "troubled-families-phase-2.yaml"
SUPPORTING_FAMILIES_2022: Final = "supporting-families-2022.yaml"
ACCUMULATING_CONCERNS: Final = "accumulating-concerns.yaml"
ACCUMULATING_CONCERNS_TWO_OF_THREE: Final = "accumulating-concerns-two-of-three.yaml"
SHIPPED: Final = (
    TROUBLED_FAMILIES_2,
    SUPPORTING_FAMILIES_2022,
    ACCUMULATING_CONCERNS,
    ACCUMULATING_CONCERNS_TWO_OF_THREE,
)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "the file"
        return f"{where}: {self.message}"


class RuleSetError(ValueError):
    """A rule set file that cannot be used; ``problems`` says every way, with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def load_rule_set(text: str) -> RuleSet:
    """The rule set written in ``text``, or ``RuleSetError`` naming each problem's line."""
    try:
        data, source_map = read_yaml(text)
    except SourceError as exc:
        raise RuleSetError([Problem("", exc.line, exc.message)]) from None
    if not isinstance(data, dict):
        raise RuleSetError([Problem("", 1, "a rule set file is a YAML mapping with `key:`")])
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        raise RuleSetError(_problems(exc, source_map)) from None


def read_rule_set(path: Path) -> RuleSet:
    """The rule set in the file at ``path`` (UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {exc.start} cannot be decoded)"
        raise RuleSetError([Problem("", None, message)]) from None
    except OSError as exc:
        raise RuleSetError([Problem("", None, f"cannot be read: {exc.strerror}")]) from None
    return load_rule_set(text)


def shipped_path(name: str) -> Path:
    """Where a rule set shipped with trustplan is installed, e.g. ``ACCUMULATING_CONCERNS``."""
    return Path(str(resources.files("trustplan.hubcore.rules").joinpath(name)))


def shipped_rule_set(name: str) -> RuleSet:
    return read_rule_set(shipped_path(name))


def shipped_rule_sets() -> dict[str, RuleSet]:
    """Every rule set trustplan ships, by its key."""
    rule_sets = (shipped_rule_set(name) for name in SHIPPED)
    return {rule_set.key: rule_set for rule_set in rule_sets}


def _problems(exc: ValidationError, source_map: SourceMap) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        path: Path_ = tuple(part for part in error["loc"] if isinstance(part, str | int))
        kind = error["type"]
        cause: Any = error.get("ctx", {}).get("error")
        if isinstance(cause, LocatedError):
            path = (*path, *cause.path)
            message = f"{format_path(path)}: {cause}"
        elif kind == "extra_forbidden":
            message = f"unknown key {path[-1]!r} at {format_path(path[:-1])}"
        elif kind == "missing":
            message = f"missing required field {path[-1]!r} at {format_path(path[:-1])}"
        else:
            message = f"{format_path(path)}: {error['msg']}"
            if kind != "value_error" and "input" in error:
                message += f" (got {_short(error['input'])})"
        problems.append(Problem(format_path(path), source_map.line_of(path), message))
    return problems


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
