"""Write a plan document as YAML that reads like the hand-written files.

Keys keep the schema's order, defaults and empty values are left out, and long or multi-line
text is written as a block, so an exported plan can be edited and loaded back unchanged.
"""

from __future__ import annotations

from typing import Any

import yaml

from trustplan.plancode.schema import PlanDocument


class _PlanDumper(yaml.SafeDumper):
    """A dumper of our own, so that registering the block style for long text below does not
    change how PyYAML's SafeDumper writes strings for everyone else in the process."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 88:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_PlanDumper.add_representer(str, _represent_str)


def document_to_data(document: PlanDocument) -> dict[str, Any]:
    data: dict[str, Any] = document.model_dump(mode="json", exclude_defaults=True)
    data["schema_version"] = document.schema_version
    return {"schema_version": data.pop("schema_version"), **data}


def dump_document(document: PlanDocument) -> str:
    return yaml.dump(
        document_to_data(document),
        Dumper=_PlanDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
