"""Read a rule set file, naming the line of every problem; and the rule sets trustplan ships.

The YAML is read by ``trustplan.plancode.source``, which remembers each value's line and refuses
duplicate keys, so a rule set is held to the same standard as a plan file. No message repeats
more than a short piece of what was written, and rule files hold no person-level data.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

from trustplan.hubcore.rules.schema import RuleSet
from trustplan.plancode.yamlmodels import DocumentError, Problem, load_model

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


class RuleSetError(DocumentError):
    """A rule set file that cannot be used; ``problems`` says every way, with its line."""


def load_rule_set(text: str) -> RuleSet:
    """The rule set written in ``text``, or ``RuleSetError`` naming each problem's line."""
    return load_model(text, RuleSet, RuleSetError, "a rule set")


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
