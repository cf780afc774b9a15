"""Store framework versions: a version, once stored, never changes under its rounds.

Loading the same file again changes nothing. Loading different content under a version already
stored is refused: the rounds scored against it must keep the wording they were scored against,
so a changed framework needs a new version number.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from trustplan.frameworks.reading import load_framework
from trustplan.selfassessment.models import Framework


class VersionConflictError(ValueError):
    """A framework version that is already stored with different content."""


@dataclass(frozen=True)
class Stored:
    framework: Framework
    created: bool


def store_framework(text: str) -> Stored:
    """Validate `text` and store it as a framework version (``FrameworkError`` if invalid)."""
    parsed = load_framework(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    existing = Framework.objects.filter(key=parsed.key, version=parsed.version).first()
    if existing is not None:
        if existing.sha256 != digest:
            raise VersionConflictError(
                f"version {parsed.version} of {parsed.key} is already stored with different "
                f"content; give the changed framework a new version number (e.g. "
                f"version: {_next_version(parsed.key)})"
            )
        return Stored(existing, created=False)
    framework = Framework.objects.create(
        key=parsed.key, version=parsed.version, title=parsed.title, document=text, sha256=digest
    )
    return Stored(framework, created=True)


def _next_version(key: str) -> int:
    latest = Framework.objects.filter(key=key).order_by("-version").first()
    return (latest.version if latest else 0) + 1
