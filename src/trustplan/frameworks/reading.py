"""Read a framework file, naming the line of every problem; and the frameworks trustplan ships.

The YAML is read by ``trustplan.plancode.source``, which remembers each value's line and refuses
duplicate keys, so a framework file is held to the same standard as a plan file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from trustplan.frameworks.schema import Framework
from trustplan.plancode.yamlmodels import DocumentError, load_model

EARLY_HELP_2020 = "early-help-2020.yaml"
SHIPPED = (EARLY_HELP_2020,)


class FrameworkError(DocumentError):
    """A framework file that cannot be used; ``problems`` says every way, with its line."""


def load_framework(text: str) -> Framework:
    """The framework written in `text`, or ``FrameworkError`` naming each problem's line."""
    return load_model(text, Framework, FrameworkError, "a framework")


def shipped_path(name: str) -> Path:
    """Where a framework shipped with trustplan is installed, e.g. ``EARLY_HELP_2020``."""
    return Path(str(resources.files("trustplan.frameworks").joinpath(name)))


def shipped_text(name: str) -> str:
    return shipped_path(name).read_text(encoding="utf-8")
