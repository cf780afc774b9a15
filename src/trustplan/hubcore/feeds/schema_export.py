"""Each feed contract as a Frictionless Table Schema, for agencies' own validation tools.

Table Schema (https://specs.frictionlessdata.io/table-schema/) describes a CSV file's columns in
JSON: each field's name, type, format and constraints (required, unique, pattern, enum, minimum,
maxLength). Tools such as frictionless-py, or the Open Data Institute's CSVLint, check a file
against it before it is sent. The schemas are generated from the pydantic contracts, so that
the two cannot disagree, and the generated files are kept in ``docs/hub-feeds/``; a test checks
that they are what this module generates now.

A schema describes the canonical form. trustplan reads a little more (lower-case postcodes,
"Domestic abuse" for ``domestic_abuse``) and checks more than a schema can say (check digits,
an end date on or after its start, record_id unique within the file).

Regenerate after changing a contract::

    uv run python -m trustplan.hubcore.feeds.schema_export docs/hub-feeds
"""

from __future__ import annotations

import json
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from trustplan.hubcore.feeds.contracts import FEEDS, Column

__all__ = ["schema_json", "table_schema", "write_table_schemas"]

_TYPES: dict[type, dict[str, str]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    date: {"type": "date", "format": "default"},
}


def table_schema(feed_type: str) -> dict[str, Any]:
    """The Table Schema of one feed; ``KeyError`` if there is no such feed."""
    model = FEEDS[feed_type]
    return {
        "title": f"trustplan {feed_type} feed",
        "description": _one_line(model.__doc__),
        "fields": [_field(name, info) for name, info in model.model_fields.items()],
        "missingValues": [""],
        "primaryKey": ["record_id"],
    }


def schema_json(feed_type: str) -> str:
    """A feed's Table Schema as the text of its file: indented JSON ending in a newline."""
    return json.dumps(table_schema(feed_type), indent=2, ensure_ascii=False) + "\n"


def write_table_schemas(directory: Path) -> list[Path]:
    """Write ``<feed_type>.schema.json`` for every feed into ``directory``; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for feed_type in FEEDS:
        path = directory / f"{feed_type}.schema.json"
        path.write_text(schema_json(feed_type), encoding="utf-8")
        paths.append(path)
    return paths


def _field(name: str, info: FieldInfo) -> dict[str, Any]:
    column = _column(info)
    kind, choices = _kind(info.annotation)
    constraints: dict[str, Any] = {"required": info.is_required()}
    if column.unique:
        constraints["unique"] = True
    if column.max_length is not None:
        constraints["maxLength"] = column.max_length
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.pattern is not None:
        constraints["pattern"] = column.pattern
    if choices:
        constraints["enum"] = list(choices)
    return {
        "name": name,
        **_TYPES[kind],
        "description": column.description,
        "constraints": constraints,
    }


def _column(info: FieldInfo) -> Column:
    for item in info.metadata:
        if isinstance(item, Column):
            return item
    raise TypeError("every feed field is annotated with a Column")


def _kind(annotation: object) -> tuple[type, tuple[str, ...]]:
    """A field's Python type without ``None``, and its choices if it is a ``Literal``."""
    if get_origin(annotation) in (Union, types.UnionType):
        [annotation] = [arg for arg in get_args(annotation) if arg is not type(None)]
    if get_origin(annotation) is Literal:
        return str, get_args(annotation)
    if isinstance(annotation, type) and annotation in _TYPES:
        return annotation, ()
    raise TypeError("a feed field's type must be str, int, float, date or a Literal")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def main(argv: list[str]) -> int:
    """Write every feed's Table Schema into the directory named on the command line."""
    if len(argv) != 1:
        print("usage: python -m trustplan.hubcore.feeds.schema_export DIRECTORY", file=sys.stderr)
        return 2
    for path in write_table_schemas(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
