"""YAML documents read into pydantic models, with every problem located by its line.

The plan file, self-assessment frameworks and the hub's rule sets are all YAML that people write
by hand. They share this: read the YAML keeping each value's line (``source``), validate it
against the model, and turn pydantic's errors into problems that say where and what.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trustplan.plancode.source import Path_, SourceError, SourceMap, format_path, read_yaml

M = TypeVar("M", bound=BaseModel)


class LocatedError(ValueError):
    """A problem with one value inside the model being checked, at `path` relative to it."""

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "the file"
        return f"{where}: {self.message}"


class DocumentError(ValueError):
    """A file that cannot be used; ``problems`` says every way, with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def load_model(text: str, model: type[M], error: type[DocumentError], what: str) -> M:
    """`text` read as `model`, or `error` naming each problem's line (`what`: "a rule set")."""
    try:
        data, source_map = read_yaml(text)
    except SourceError as exc:
        raise error([Problem("", exc.line, exc.message)]) from None
    if not isinstance(data, dict):
        raise error([Problem("", 1, f"{what} file is a YAML mapping with `key:`")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(problems(exc, source_map)) from None


def problems(exc: ValidationError, source_map: SourceMap) -> list[Problem]:
    found = []
    for err in exc.errors(include_url=False):
        path: Path_ = tuple(part for part in err["loc"] if isinstance(part, str | int))
        kind = err["type"]
        cause: Any = err.get("ctx", {}).get("error")
        if isinstance(cause, LocatedError):
            path = (*path, *cause.path)
            message = f"{format_path(path)}: {cause}"
        elif kind == "extra_forbidden":
            message = f"unknown key {path[-1]!r} at {format_path(path[:-1])}"
        elif kind == "missing":
            message = f"missing required field {path[-1]!r} at {format_path(path[:-1])}"
        else:
            message = f"{format_path(path)}: {err['msg']}"
            if kind != "value_error" and "input" in err:
                message += f" (got {_short(err['input'])})"
        found.append(Problem(format_path(path), source_map.line_of(path), message))
    return found


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
