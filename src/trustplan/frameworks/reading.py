"""Read a framework file, naming the line of every problem; and the frameworks trustplan ships.

The YAML is read by ``trustplan.plancode.source``, which remembers each value's line and refuses
duplicate keys, so a framework file is held to the same standard as a plan file.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trustplan.frameworks.schema import Framework, LocatedError
from trustplan.plancode.source import Path_, SourceError, SourceMap, format_path, read_yaml

EARLY_HELP_2020 = "early-help-2020.yaml"
SHIPPED = (EARLY_HELP_2020,)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "the file"
        return f"{where}: {self.message}"


class FrameworkError(ValueError):
    """A framework file that cannot be used; ``problems`` says every way, with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def load_framework(text: str) -> Framework:
    """The framework written in `text`, or ``FrameworkError`` naming each problem's line."""
    try:
        data, source_map = read_yaml(text)
    except SourceError as exc:
        raise FrameworkError([Problem("", exc.line, exc.message)]) from None
    if not isinstance(data, dict):
        raise FrameworkError([Problem("", 1, "a framework file is a YAML mapping with `key:`")])
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise FrameworkError(_problems(exc, source_map)) from None


def shipped_path(name: str) -> Path:
    """Where a framework shipped with trustplan is installed, e.g. ``EARLY_HELP_2020``."""
    return Path(str(resources.files("trustplan.frameworks").joinpath(name)))


def shipped_text(name: str) -> str:
    return shipped_path(name).read_text(encoding="utf-8")


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
