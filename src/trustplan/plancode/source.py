"""Read a YAML file into plain data while remembering the line of every value.

PyYAML's ordinary loaders forget where a value came from and keep the last of two duplicate keys
without a word. Plan files are written by hand, so every problem must name its line: we compose
the node tree ourselves, record each path's line, and refuse duplicate keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class SourceError(Exception):
    """A file that cannot be read as YAML at all; carries the line when YAML knows it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class SourceMap:
    """Line numbers (1-based) of the values in a YAML document, by path."""

    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def format_path(path: Path_) -> str:
    """`("priorities", 0, "title")` as `priorities[0].title`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def read_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse YAML text into plain Python data and a map of where each value was written."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or "invalid YAML"
        line = mark.line + 1 if mark is not None else None
        raise SourceError(f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML syntax error: {exc}") from None
    source_map = SourceMap()
    if node is None:
        return None, source_map
    return _build(node, (), source_map), source_map


def read_yaml_file(path: Path) -> tuple[Any, SourceMap]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}") from None
    return read_yaml(text)


_constructor = yaml.SafeLoader(stream="")


def _build(node: yaml.Node, path: Path_, source_map: SourceMap) -> Any:
    source_map.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _constructor.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise SourceError(
                    f"duplicate key {key!r} at {format_path((*path, key))}",
                    key_node.start_mark.line + 1,
                )
            result[key] = _build(value_node, (*path, key), source_map)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), source_map) for index, item in enumerate(node.value)]
    return _constructor.construct_object(node)
